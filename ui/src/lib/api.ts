// The one typed client for the backend. Screens call `backend()`; it is the Tauri
// implementation inside the desktop shell and the in-memory fake anywhere else (browser
// tests, `vite dev`). Both implement `Backend` and throw ApiError on failure.

import type { CertificationInput } from '../bindings/CertificationInput';
import type { Certification } from '../bindings/Certification';
import type { CourseworkEntry } from '../bindings/CourseworkEntry';
import type { CourseworkInput } from '../bindings/CourseworkInput';
import type { DateRange } from '../bindings/DateRange';
import type { LogItem } from '../bindings/LogItem';
import type { OjlEntry } from '../bindings/OjlEntry';
import type { OjlInput } from '../bindings/OjlInput';
import type { Profile } from '../bindings/Profile';
import type { ProfileInput } from '../bindings/ProfileInput';
import type { Progress } from '../bindings/Progress';
import type { Saved } from '../bindings/Saved';
import type { Settings } from '../bindings/Settings';
import type { TemplateInfo } from '../bindings/TemplateInfo';
import type { WeekLog } from '../bindings/WeekLog';

import type { AppInfo } from '../bindings/AppInfo';
import type { AttentionItem } from '../bindings/AttentionItem';
import type { ConflictChoice } from '../bindings/ConflictChoice';
import type { SyncConflict } from '../bindings/SyncConflict';
import type { SyncReport } from '../bindings/SyncReport';
import type { SyncStatus } from '../bindings/SyncStatus';

import type { ApprenticeOverview } from '../bindings/ApprenticeOverview';
import type { MilestoneRequest } from '../bindings/MilestoneRequest';
import type { RecordReview } from '../bindings/RecordReview';
import type { ReviewDecision } from '../bindings/ReviewDecision';
import type { ReviewPeriod } from '../bindings/ReviewPeriod';
import type { SignoffMade } from '../bindings/SignoffMade';

import type { ExportReport } from '../bindings/ExportReport';
import type { ExportRequest } from '../bindings/ExportRequest';
import type { ExportStage } from '../bindings/ExportStage';

import { TauriBackend } from './tauri';

export type { AppInfo };

/** What `sync_connect` takes: the employer's server, a one-time enrollment code, a name for this device. */
export interface ConnectInput {
  serverUrl: string;
  code: string;
  deviceName: string;
}

/**
 * What the shell reports about background sync: `sync://status` after every round and
 * after connect/disconnect; `sync://changed` when a round changed the logbook.
 */
export type SyncEvent = { type: 'status'; status: SyncStatus } | { type: 'changed'; report: SyncReport };

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Backend {
  readonly kind: 'tauri' | 'fake';
  appInfo(): Promise<AppInfo>;
  listTemplates(): Promise<TemplateInfo[]>;
  getProfile(): Promise<Profile | null>;
  createProfile(input: ProfileInput): Promise<Profile>;
  importProgram(path: string): Promise<Profile>;
  exportProgram(path: string): Promise<void>;
  getProgress(): Promise<Progress>;
  /** The Monday–Sunday week containing `date`; "" means this week. */
  getWeek(date: string): Promise<WeekLog>;
  listEntries(range: DateRange): Promise<LogItem[]>;
  recentEntries(limit: number): Promise<LogItem[]>;
  logOjl(input: OjlInput): Promise<Saved<OjlEntry>>;
  updateOjl(id: string, input: OjlInput): Promise<Saved<OjlEntry>>;
  deleteOjl(id: string): Promise<void>;
  logCoursework(input: CourseworkInput): Promise<Saved<CourseworkEntry>>;
  updateCoursework(id: string, input: CourseworkInput): Promise<Saved<CourseworkEntry>>;
  deleteCoursework(id: string): Promise<void>;
  listCoursework(range: DateRange): Promise<CourseworkEntry[]>;
  addCertification(input: CertificationInput): Promise<Saved<Certification>>;
  updateCertification(id: string, input: CertificationInput): Promise<Saved<Certification>>;
  deleteCertification(id: string): Promise<void>;
  listCertifications(): Promise<Certification[]>;
  /** Marks the drafts in range submitted; returns how many. */
  submitEntries(range: DateRange): Promise<number>;
  getSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<Settings>;
  benchPainted(label: string): Promise<void>;
  /** Native open dialog; null when cancelled. */
  pickFile(filters: FileFilter[], title?: string): Promise<string | null>;
  /** Native save dialog; null when cancelled. */
  pickSavePath(defaultName: string, filters: FileFilter[], title?: string): Promise<string | null>;

  // Employer sync (DESIGN.md §4). Errors: invalid_input (field server_url or code),
  // offline, server, not_connected.
  syncStatus(): Promise<SyncStatus>;
  /** Enrolls this device with a one-time code; the shell then syncs in the background. */
  connectEmployer(input: ConnectInput): Promise<SyncStatus>;
  /** One round (push, then pull) right away. */
  syncNow(): Promise<SyncReport>;
  listConflicts(): Promise<SyncConflict[]>;
  resolveConflict(kind: string, recordId: string, choice: ConflictChoice): Promise<void>;
  /** Changes the server refused for good, with its reason. */
  listAttention(): Promise<AttentionItem[]>;
  dismissAttention(mutationId: string): Promise<void>;
  /** Forgets the server and the device token; the logbook stays on this device. */
  disconnectEmployer(): Promise<void>;
  /** Listens for `sync://status` and `sync://changed`; returns the unsubscribe function. */
  onSyncEvent(handler: (event: SyncEvent) => void): () => void;

  // Sign-offs (DESIGN.md §5), the apprentice's side. Editing or deleting an approved entry
  // fails with `signed_off`, a submitted one with `locked`; a returned one edits like a draft.
  /** Where each OJL and coursework entry dated in range stands with the mentor. */
  getReviews(range: DateRange): Promise<RecordReview[]>;
  /** Corrects an approved entry: a new version, submitted at once, that needs a fresh approval. */
  amendOjl(id: string, input: OjlInput): Promise<Saved<OjlEntry>>;
  amendCoursework(id: string, input: CourseworkInput): Promise<Saved<CourseworkEntry>>;
  /** Only when every criterion of the milestone is met (invalid_input, field `milestone`). */
  requestMilestoneSignoff(code: string, note: string): Promise<MilestoneRequest>;
  milestoneRequests(): Promise<MilestoneRequest[]>;

  // The mentor's side (a device enrolled with a mentor's code; `not_mentor` otherwise).
  // Every decision is signed here and queued for the next sync.
  mentorApprentices(): Promise<ApprenticeOverview[]>;
  /** Weeks with entries waiting for a decision; one apprentice's, or everyone's for null. */
  reviewQueue(apprenticeId: string | null): Promise<ReviewPeriod[]>;
  /** A return needs a comment (invalid_input, field `comment`). */
  reviewDecide(decision: ReviewDecision): Promise<SignoffMade>;
  signMilestone(apprenticeId: string, code: string, comment: string): Promise<SignoffMade>;
  signCompetency(apprenticeId: string, workProcess: string, competency: string, comment: string): Promise<SignoffMade>;

  // Exports (DESIGN.md §6). Errors name the field they are about (invalid_input with field
  // `format`, `from`, `to`, `sections` or `out_path`); a file that can't be written is `io`.
  /** Writes the export; `onProgress` hears each stage (`export://progress`) until it returns. */
  exportLogbook(request: ExportRequest, onProgress?: (stage: ExportStage) => void): Promise<ExportReport>;
  /** Opens the folder holding `path` in the file manager, with the file selected. */
  revealInFolder(path: string): Promise<void>;
}

export const ALL_TIME: DateRange = { from: '', to: '' };

let active: Backend | null = null;

export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

/** Picks the implementation once: Tauri inside the shell, the fake elsewhere. */
export async function initBackend(): Promise<Backend> {
  if (active) return active;
  if (inTauri()) {
    // Imported statically: a separate chunk cost one more fetch before the first query.
    active = new TauriBackend();
  } else {
    const { createFakeFromLocation } = await import('./fake/index');
    active = createFakeFromLocation(window.location.search);
  }
  return active;
}

export function backend(): Backend {
  if (!active) throw new Error('backend not initialised: call initBackend() first');
  return active;
}

/** For tests: install a specific implementation. */
export function setBackend(b: Backend | null): void {
  active = b;
}
