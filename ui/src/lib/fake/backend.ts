// An in-memory Backend for browser tests and `vite dev`: same interface and error
// shapes as the Tauri one. The logbook (profile, entries, certifications, settings) is
// in logbook.ts; this adds employer sync (employer.ts), the apprentice's side of
// sign-offs (ledger.ts), a mentor's device (mentor.ts) and exports (export.ts).
// A test double for UI flows only; the real rules live in Rust.

import type { Backend, ConnectInput, SyncEvent } from '../api';
import type { ApprenticeOverview } from '../../bindings/ApprenticeOverview';
import type { AttentionItem } from '../../bindings/AttentionItem';
import type { ConflictChoice } from '../../bindings/ConflictChoice';
import type { CourseworkEntry } from '../../bindings/CourseworkEntry';
import type { CourseworkInput } from '../../bindings/CourseworkInput';
import type { DateRange } from '../../bindings/DateRange';
import type { ExportReport } from '../../bindings/ExportReport';
import type { ExportRequest } from '../../bindings/ExportRequest';
import type { ExportStage } from '../../bindings/ExportStage';
import type { MilestoneRequest } from '../../bindings/MilestoneRequest';
import type { OjlEntry } from '../../bindings/OjlEntry';
import type { OjlInput } from '../../bindings/OjlInput';
import type { RecordReview } from '../../bindings/RecordReview';
import type { ReviewDecision } from '../../bindings/ReviewDecision';
import type { ReviewPeriod } from '../../bindings/ReviewPeriod';
import type { Saved } from '../../bindings/Saved';
import type { SignoffMade } from '../../bindings/SignoffMade';
import type { SyncConflict } from '../../bindings/SyncConflict';
import type { SyncReport } from '../../bindings/SyncReport';
import type { SyncStatus } from '../../bindings/SyncStatus';
import { ApiError } from '../errors';
import { FakeExports } from './export';
import { FakeLogbook } from './logbook';
import { FakeMentor } from './mentor';
import { computeProgress } from './progress';
import { courseworkRecord, ojlRecord } from './records';

export type { FakeOptions } from './logbook';

export class FakeBackend extends FakeLogbook implements Backend {
  readonly kind = 'fake' as const;
  /** A mentor's device: the assigned apprentices and the decisions made here. */
  readonly mentor = new FakeMentor(
    () => this.employer.isMentor,
    (signoffId, apprenticeId) => this.employer.recordSignoff(signoffId, apprenticeId),
  );
  /** Exports: what was asked, what was revealed, and switches for the refusals. */
  readonly exports = new FakeExports(this);

  syncStatus(): Promise<SyncStatus> {
    return this.run('sync_status', () => this.employer.status());
  }

  connectEmployer(input: ConnectInput): Promise<SyncStatus> {
    return this.run('sync_connect', () => this.employer.connect(input));
  }

  syncNow(): Promise<SyncReport> {
    return this.run('sync_now', () => this.employer.round());
  }

  listConflicts(): Promise<SyncConflict[]> {
    return this.run('sync_conflicts', () => this.employer.conflictList());
  }

  resolveConflict(kind: string, recordId: string, choice: ConflictChoice): Promise<void> {
    return this.run('sync_resolve_conflict', () => this.employer.resolve(kind, recordId, choice));
  }

  listAttention(): Promise<AttentionItem[]> {
    return this.run('sync_attention', () => this.employer.attentionList());
  }

  dismissAttention(mutationId: string): Promise<void> {
    return this.run('sync_dismiss_attention', () => this.employer.dismiss(mutationId));
  }

  disconnectEmployer(): Promise<void> {
    return this.run('sync_disconnect', () => this.employer.disconnect());
  }

  onSyncEvent(handler: (event: SyncEvent) => void): () => void {
    return this.employer.subscribe(handler);
  }

  // ---- sign-offs: the apprentice's side ----

  getReviews(range: DateRange): Promise<RecordReview[]> {
    return this.run('get_reviews', () => {
      this.needProfile();
      const inRange = (d: string) => (!range.from || d >= range.from) && (!range.to || d <= range.to);
      return [...this.rec.ojl, ...this.rec.coursework].filter((e) => inRange(e.date)).map((e) => this.ledger.review(e));
    });
  }

  amendOjl(id: string, input: OjlInput): Promise<Saved<OjlEntry>> {
    return this.run('amend_ojl', () => {
      const { found, status, amends } = this.changeable(this.rec.ojl, id, 'OJL entry', 'amend');
      const { entry, warnings } = ojlRecord(this.needProfile(), this.rec, input, found, this.today());
      const amended: OjlEntry = { ...entry, status, amends_version: amends ?? undefined };
      this.rec.ojl[this.rec.ojl.indexOf(found)] = amended;
      this.employer.record('ojl_entry', 'upsert', amended);
      return { record: amended, warnings };
    });
  }

  amendCoursework(id: string, input: CourseworkInput): Promise<Saved<CourseworkEntry>> {
    return this.run('amend_coursework', () => {
      const { found, status, amends } = this.changeable(this.rec.coursework, id, 'coursework entry', 'amend');
      const entry = courseworkRecord(this.needProfile(), this.rec, input, found, this.today());
      const amended: CourseworkEntry = { ...entry, status, amends_version: amends ?? undefined };
      this.rec.coursework[this.rec.coursework.indexOf(found)] = amended;
      this.employer.record('coursework_entry', 'upsert', amended);
      return { record: amended, warnings: [] };
    });
  }

  requestMilestoneSignoff(code: string, note: string): Promise<MilestoneRequest> {
    return this.run('request_milestone_signoff', () => {
      const progress = computeProgress(this.needProfile(), this.rec, this.today(), this.ledger);
      const milestone = progress.milestones.find((m) => m.code === code);
      if (!milestone) {
        const known = progress.milestones.map((m) => m.code).join(', ');
        throw ApiError.invalid('milestone', `milestone "${code}" is not in your program; it has ${known}`);
      }
      const unmet = milestone.criteria.find((c) => !c.met);
      if (unmet) throw ApiError.invalid('milestone', `milestone ${code} can't be requested yet: "${unmet.label}" is not met`);
      if (note.trim().length > 2000) throw ApiError.invalid('note', 'note is longer than 2000 characters');
      const request: MilestoneRequest = { code, title: milestone.title, note: note.trim(), requested_at: new Date().toISOString(), signed: null };
      this.ledger.requests = [...this.ledger.requests.filter((r) => r.code !== code), request];
      this.employer.record('milestone_request', 'upsert', { id: code, version: 1 });
      return request;
    });
  }

  milestoneRequests(): Promise<MilestoneRequest[]> {
    return this.run('milestone_requests', () => {
      this.needProfile();
      return this.ledger.requests;
    });
  }

  // ---- sign-offs: a mentor's device ----

  mentorApprentices(): Promise<ApprenticeOverview[]> {
    return this.run('mentor_apprentices', () => this.mentor.overview());
  }

  reviewQueue(apprenticeId: string | null): Promise<ReviewPeriod[]> {
    return this.run('review_queue', () => this.mentor.queueFor(apprenticeId));
  }

  reviewDecide(decision: ReviewDecision): Promise<SignoffMade> {
    return this.run('review_decide', () => this.mentor.decide(decision));
  }

  signMilestone(apprenticeId: string, code: string, comment: string): Promise<SignoffMade> {
    return this.run('sign_milestone', () => this.mentor.signMilestone(apprenticeId, code, comment));
  }

  signCompetency(apprenticeId: string, workProcess: string, competency: string, comment: string): Promise<SignoffMade> {
    return this.run('sign_competency', () => this.mentor.signCompetency(apprenticeId, workProcess, competency, comment));
  }

  // ---- exports ----

  exportLogbook(request: ExportRequest, onProgress?: (stage: ExportStage) => void): Promise<ExportReport> {
    return this.run('export_logbook', () => this.exports.run(request, onProgress ?? (() => undefined)));
  }

  revealInFolder(path: string): Promise<void> {
    return this.run('reveal_item_in_dir', () => this.exports.reveal(path));
  }
}
