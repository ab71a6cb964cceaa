// A mentor's device in the fake backend: the apprentices assigned to this mentor with
// their records as pulled from the server, the review queue, and the decisions. Mirrors
// crates/core/src/journal/mentor.rs and its messages. Each decision is "signed" and queued
// for the server like any change (the header's pending count rises by one per decision).
//
// Seeded by `?mentor=1` (see index.ts) or by a round after connecting with the mentor
// code; see mentor-seeds.ts.

import type { ApprenticeOverview } from '../../bindings/ApprenticeOverview';
import type { CourseworkEntry } from '../../bindings/CourseworkEntry';
import type { Decided } from '../../bindings/Decided';
import type { OjlEntry } from '../../bindings/OjlEntry';
import type { ProcessInPeriod } from '../../bindings/ProcessInPeriod';
import type { ProgramStandard } from '../../bindings/ProgramStandard';
import type { ReviewDecision } from '../../bindings/ReviewDecision';
import type { ReviewItem } from '../../bindings/ReviewItem';
import type { ReviewPeriod } from '../../bindings/ReviewPeriod';
import type { SignoffMade } from '../../bindings/SignoffMade';
import { addDays, weekStart } from '../dates';
import { ApiError } from '../errors';
import { FakeLedger, MENTOR } from './ledger';
import { newId } from './ids';

/** One assigned apprentice as the mentor's device holds them. */
export interface AssignedApprentice {
  id: string;
  name: string;
  program: ProgramStandard;
  ojl: OjlEntry[];
  coursework: CourseworkEntry[];
  /** Decisions on their records and the milestone requests they sent. */
  ledger: FakeLedger;
  /** Signed competencies, by `"WP/COMPETENCY"`. */
  competencies: Map<string, Decided>;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function items(a: AssignedApprentice): ReviewItem[] {
  return [
    ...a.ojl.map((e) => ({ item: { kind: 'ojl' as const, ...e }, review: a.ledger.review(e) })),
    ...a.coursework.map((c) => ({ item: { kind: 'coursework' as const, ...c }, review: a.ledger.review(c) })),
  ];
}

function approvedByProcess(a: AssignedApprentice): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of a.ojl) {
    if (a.ledger.approved(e)) out.set(e.work_process, (out.get(e.work_process) ?? 0) + e.minutes);
  }
  return out;
}

export class FakeMentor {
  apprentices: AssignedApprentice[] = [];

  /**
   * `isMentor` says whether this device is enrolled as a mentor; `queue` puts a new
   * sign-off in the outbox.
   */
  constructor(
    private isMentor: () => boolean,
    private queue: (signoffId: string, apprenticeId: string) => void,
  ) {}

  overview(): ApprenticeOverview[] {
    this.need('the apprentices list');
    return this.apprentices.map((a) => {
      const pending = items(a).filter((i) => i.review.state === 'submitted');
      return {
        apprentice_id: a.id,
        name: a.name,
        program_id: a.program.id,
        program_title: a.program.title,
        term_minutes: a.program.term_hours * 60,
        logged_ojl_minutes: sum(a.ojl.map((e) => e.minutes)),
        approved_ojl_minutes: sum([...approvedByProcess(a).values()]),
        pending_entries: pending.length,
        pending_minutes: sum(pending.map((i) => i.item.minutes)),
        milestone_requests: structuredClone(a.ledger.requests),
        competencies_signed: [...a.competencies.keys()],
      };
    });
  }

  queueFor(apprenticeId: string | null): ReviewPeriod[] {
    this.need('reviewing');
    const periods: ReviewPeriod[] = [];
    for (const a of this.apprentices) {
      if (apprenticeId && apprenticeId !== a.id) continue;
      const weeks = new Map<string, ReviewItem[]>();
      for (const i of items(a).filter((x) => x.review.state === 'submitted')) {
        const start = weekStart(i.item.date);
        weeks.set(start, [...(weeks.get(start) ?? []), i]);
      }
      const approved = approvedByProcess(a);
      for (const start of [...weeks.keys()].sort()) {
        const list = weeks.get(start)!.sort((x, y) => x.item.date.localeCompare(y.item.date));
        const byProcess = new Map<string, number>();
        for (const { item } of list) {
          if (item.kind === 'ojl') byProcess.set(item.work_process, (byProcess.get(item.work_process) ?? 0) + item.minutes);
        }
        const by_process: ProcessInPeriod[] = [...byProcess.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([code, minutes]) => {
          const wp = a.program.work_processes.find((w) => w.code === code);
          return { code, title: wp?.title ?? code, minutes, approved_minutes_to_date: approved.get(code) ?? 0, min_hours: wp?.min_hours ?? 0 };
        });
        periods.push({
          apprentice_id: a.id,
          apprentice_name: a.name,
          from: start,
          to: addDays(start, 6),
          items: list,
          ojl_minutes: sum(list.filter((i) => i.item.kind === 'ojl').map((i) => i.item.minutes)),
          rti_minutes: sum(list.filter((i) => i.item.kind === 'coursework').map((i) => i.item.minutes)),
          by_process,
          pending: list.length,
        });
      }
    }
    return periods;
  }

  decide(d: ReviewDecision): SignoffMade {
    this.need('approving or returning entries');
    const comment = d.comment.trim();
    if (comment.length > 2000) throw ApiError.invalid('comment', 'comment is longer than 2000 characters');
    if (!d.approve && comment === '') throw ApiError.invalid('comment', 'returning entries needs a comment that says what to fix');
    if (d.record_ids.length === 0) throw ApiError.invalid('record_ids', 'choose at least one entry to approve or return');
    const a = this.assigned(d.apprentice_id);
    const all = items(a);
    const chosen = d.record_ids.map((id) => {
      const found = all.find((i) => i.item.id === id);
      if (!found) throw new ApiError({ code: 'not_found', message: `entry of this apprentice ${id} was not found` });
      if (found.review.state !== 'submitted') {
        throw ApiError.invalid('record_ids', `the entry of ${found.item.date} is ${found.review.state}, not waiting for review`);
      }
      return found.item;
    });
    for (const item of chosen) {
      const stored = item.kind === 'ojl' ? a.ojl.find((e) => e.id === item.id) : a.coursework.find((c) => c.id === item.id);
      if (stored) a.ledger.decide(stored, d.approve, comment);
    }
    const dates = chosen.map((i) => i.date).sort();
    return this.made(a.id, `period:${dates[0]}/${dates[dates.length - 1]}`, d.approve ? 'approved' : 'returned', chosen.length);
  }

  signMilestone(apprenticeId: string, code: string, comment: string): SignoffMade {
    this.need('signing a milestone');
    const a = this.assigned(apprenticeId);
    if (!a.program.milestones.some((m) => m.code === code)) {
      throw ApiError.invalid('milestone', `milestone "${code}" is not in ${a.program.title}`);
    }
    a.ledger.signMilestone(code, comment.trim(), MENTOR);
    return this.made(a.id, `milestone:${code}`, 'approved', 0);
  }

  signCompetency(apprenticeId: string, workProcess: string, competency: string, comment: string): SignoffMade {
    this.need('signing a competency');
    const a = this.assigned(apprenticeId);
    const known = a.program.work_processes.find((w) => w.code === workProcess)?.competencies.some((c) => c.code === competency);
    if (!known) throw ApiError.invalid('competency', `${workProcess}/${competency} is not a competency of ${a.program.title}`);
    const signoff_id = newId();
    a.competencies.set(`${workProcess}/${competency}`, {
      signoff_id, approved: true, comment: comment.trim(), mentor_id: MENTOR.id, mentor_name: MENTOR.name,
      signed_at: new Date().toISOString(), version: 0, content_hash: '',
    });
    return this.made(a.id, `competency:${workProcess}/${competency}`, 'approved', 0, signoff_id);
  }

  private made(apprenticeId: string, subject: string, decision: string, records: number, signoffId = newId()): SignoffMade {
    this.queue(signoffId, apprenticeId);
    return { signoff_id: signoffId, apprentice_id: apprenticeId, subject, decision, records };
  }

  private assigned(id: string): AssignedApprentice {
    const a = this.apprentices.find((x) => x.id === id);
    if (!a) throw new ApiError({ code: 'not_found', message: `assigned apprentice ${id} was not found` });
    return a;
  }

  private need(action: string): void {
    if (!this.isMentor()) {
      throw new ApiError({ code: 'not_mentor', message: `${action} is for mentors: connect this device with a mentor enrollment code first` });
    }
  }
}
