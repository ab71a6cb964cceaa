// A simulated employer server and this device's sync state, for the fake backend: enough
// to drive every state the sync UI shows (local only, synced, pending, offline, error,
// conflicts, refused changes) from browser tests and `vite dev`. The real protocol is in
// crates/core/src/sync; messages follow the core's wording.
//
// Tests reach it as `window.__journeylogFake.employer`: set `offline`, `failure` or
// `roundMs`; call `seedConflict()`, `seedAttention()`, `queueRemoteEntry()`,
// `seedRemoteEnrollment()` or `refuseNext`.
//
// Beside it: employer-checks.ts (what connecting checks: URL, codes), employer-outbox.ts
// (the changes queued for the server) and employer-seeds.ts (what the knobs seed).

import type { ConnectInput, SyncEvent } from '../api';
import type { AttentionItem } from '../../bindings/AttentionItem';
import type { ConflictChoice } from '../../bindings/ConflictChoice';
import type { OjlEntry } from '../../bindings/OjlEntry';
import type { Profile } from '../../bindings/Profile';
import type { SyncConflict } from '../../bindings/SyncConflict';
import type { SyncReport } from '../../bindings/SyncReport';
import type { SyncStatus } from '../../bindings/SyncStatus';
import { addDays } from '../dates';
import { ApiError } from '../errors';
import { clone } from './programs';
import type { Records } from './progress';
import { enrollmentMutation, keepMineMutation, signoffMutation, writeMutation, type Mutation } from './employer-outbox';
import { checkEnrollmentCode, checkServerUrl, MENTOR_CODE, offlineError } from './employer-checks';
import { MENTOR } from './ledger';
import type { FakeMentor } from './mentor';
import { assignedApprentices } from './mentor-seeds';
import {
  conflictingEdit,
  enrollmentFromAnotherDevice,
  historyFromAnotherDevice,
  refusedDayOverLimit,
  tabletEntry,
} from './employer-seeds';

export { checkServerUrl, MENTOR_CODE, TEST_CODE } from './employer-checks';

export const EMPLOYER_NAME = 'Northwind Robotics';
export const DEMO_SERVER = 'https://journeylog.northwind-robotics.com';
/** The name the employer's server knows the apprentice by when this logbook has none yet. */
export const ACCOUNT_NAME = 'Jordan Reyes';

/** The logbook the employer reads from and writes into. */
export interface SyncHost {
  profile: Profile | null;
  rec: Records;
  /** A mentor's device: the assigned apprentices the server sends it. */
  mentor: FakeMentor;
  today(): string;
}

/** Who a device is enrolled as: the enrollment code decides. */
export type Role = 'apprentice' | 'mentor';

interface Connection {
  server_url: string;
  employer_name: string;
  user_name: string;
  device_name: string;
  role: Role;
}

type RecordKind = 'ojl_entry' | 'coursework_entry' | 'certification' | 'milestone_request';

export class FakeEmployer {
  /** The server can't be reached: rounds and connecting fail with `offline`. */
  offline = false;
  /** The server answers every round with this refusal until cleared. */
  failure: { code: string; message: string } | null = null;
  /** The server refuses the next change it receives, for good. */
  refuseNext: { code: string; message: string } | null = null;
  /** How long a round takes, in milliseconds, to see "Syncing…". */
  roundMs = 0;

  connection: Connection | null = null;
  lastSyncedAt: string | null = null;
  lastErrorCode: string | null = null;
  lastError: string | null = null;
  nextAttemptAt: string | null = null;
  outbox: Mutation[] = [];
  conflicts: SyncConflict[] = [];
  attention: AttentionItem[] = [];
  /** Changes other devices made, waiting on the server for the next pull. */
  incoming: { kind: RecordKind; payload: OjlEntry }[] = [];
  /** What the server holds, by record id: the version it last accepted. */
  server = new Map<string, number>();
  /**
   * The apprentice's enrollment (profile) as the server holds it: sent by another device,
   * or by this one after creating its profile. A device with no profile pulls it.
   */
  remoteProfile: Profile | null = null;
  rounds = 0;

  private listeners = new Set<(e: SyncEvent) => void>();

  constructor(private host: SyncHost) {}

  // ---- what the Backend methods call ----

  status(): SyncStatus {
    const c = this.connection;
    const counts = { pending: this.outbox.length, conflicts: this.conflicts.length, attention: this.attention.length };
    if (!c) return { phase: 'not_connected', ...counts };
    const phase = this.lastErrorCode === 'offline' ? 'offline' : this.lastErrorCode ? 'error' : counts.pending > 0 ? 'pending' : 'synced';
    return {
      phase,
      server_url: c.server_url,
      employer_name: c.employer_name,
      user_name: c.user_name,
      role: c.role,
      ...counts,
      last_synced_at: this.lastSyncedAt,
      last_error: this.lastError,
      next_attempt_at: this.nextAttemptAt,
    };
  }

  connect(input: ConnectInput): SyncStatus {
    const serverUrl = checkServerUrl(input.serverUrl);
    const code = input.code.trim();
    if (!code) throw ApiError.invalid('code', "the enrollment code is empty: ask your employer's admin for one");
    if (this.connection) throw ApiError.invalid('server_url', `this logbook is already connected to ${this.connection.server_url}`);
    if (this.offline) throw offlineError(serverUrl);
    checkEnrollmentCode(code, serverUrl);
    const role: Role = code.toUpperCase() === MENTOR_CODE ? 'mentor' : 'apprentice';
    this.connection = {
      server_url: serverUrl,
      employer_name: EMPLOYER_NAME,
      user_name: role === 'mentor' ? MENTOR.name : this.accountName(),
      device_name: input.deviceName.trim(),
      role,
    };
    this.lastErrorCode = null;
    this.lastError = null;
    const status = this.status();
    // Like the shell: the first round starts by itself, and reports through the event.
    this.background();
    return status;
  }

  disconnect(): void {
    // The outbox, conflicts and refused changes stay: they belong to the logbook.
    this.connection = null;
    this.lastSyncedAt = null;
    this.lastErrorCode = null;
    this.lastError = null;
    this.nextAttemptAt = null;
    this.emit({ type: 'status', status: this.status() });
  }

  /** One round: push every pending change, then pull. Records the failure when there is one. */
  async round(): Promise<SyncReport> {
    if (!this.connection) {
      throw new ApiError({ code: 'not_connected', message: 'this logbook is not connected to an employer server: connect it in Settings or with `jlog connect`' });
    }
    if (this.roundMs) await new Promise((r) => setTimeout(r, this.roundMs));
    this.rounds++;
    try {
      if (this.offline) throw offlineError(this.connection.server_url);
      if (this.failure) {
        throw new ApiError({ code: 'server', message: `the employer server refused: ${this.failure.message} (${this.failure.code})` });
      }
      const report = this.push();
      this.pull(report);
      this.lastSyncedAt = new Date().toISOString();
      this.lastErrorCode = null;
      this.lastError = null;
      this.nextAttemptAt = null;
      if (report.updated > 0) this.emit({ type: 'changed', report: clone(report) });
      return report;
    } catch (e) {
      const err = e as ApiError;
      this.lastErrorCode = err.code;
      this.lastError = err.message;
      this.nextAttemptAt = new Date(Date.now() + 60_000).toISOString();
      throw e;
    } finally {
      this.emit({ type: 'status', status: this.status() });
    }
  }

  conflictList(): SyncConflict[] {
    return [...this.conflicts].sort((a, b) => a.detected_at.localeCompare(b.detected_at));
  }

  attentionList(): AttentionItem[] {
    return [...this.attention].sort((a, b) => b.rejected_at.localeCompare(a.rejected_at));
  }

  dismiss(mutationId: string): void {
    const i = this.attention.findIndex((a) => a.mutation_id === mutationId);
    if (i < 0) throw new ApiError({ code: 'not_found', message: `refused change ${mutationId} was not found` });
    this.attention.splice(i, 1);
  }

  resolve(kind: string, recordId: string, choice: ConflictChoice): void {
    const i = this.conflicts.findIndex((c) => c.kind === kind && c.record_id === recordId);
    if (i < 0) throw new ApiError({ code: 'not_found', message: `conflict ${kind} ${recordId} was not found` });
    const c = this.conflicts[i];
    this.outbox = this.outbox.filter((m) => m.record_id !== recordId);
    const list = this.listFor(kind);
    const at = list.findIndex((r) => r.id === recordId);
    if (choice === 'theirs') {
      if (c.theirs_deleted) {
        if (at >= 0) list.splice(at, 1);
      } else if (at >= 0) list[at] = clone(c.theirs) as never;
      else list.push(clone(c.theirs) as never);
    } else {
      const version = c.theirs_version + 1;
      const mine = at >= 0 ? { ...list[at], version, updated_at: new Date().toISOString() } : null;
      if (mine) list[at] = mine as never;
      this.outbox.push(keepMineMutation(c, mine));
    }
    this.conflicts.splice(i, 1);
  }

  /** A sign-off made on this (mentor's) device: queued like any change. */
  recordSignoff(signoffId: string, apprenticeId: string): void {
    this.outbox.push(signoffMutation(signoffId, apprenticeId));
  }

  get isMentor(): boolean {
    return this.connection?.role === 'mentor';
  }

  /** A local write: queued for the server in the same step, like the core's outbox. */
  record(kind: RecordKind, op: 'upsert' | 'delete', record: { id: string; version: number }): void {
    this.outbox.push(writeMutation(kind, op, record));
  }

  /** A profile created on this device: its enrollment is queued like any record. */
  recordEnrollment(profile: Profile): void {
    this.outbox.push(enrollmentMutation(profile));
  }

  subscribe(handler: (e: SyncEvent) => void): () => void {
    this.listeners.add(handler);
    return () => this.listeners.delete(handler);
  }

  // ---- knobs for tests and demos ----

  /** Connected, synced a few minutes ago (as a background round would have). */
  seedConnected(): void {
    this.connection = {
      server_url: DEMO_SERVER,
      employer_name: EMPLOYER_NAME,
      user_name: this.accountName(),
      device_name: 'Work laptop',
      role: 'apprentice',
    };
    this.lastSyncedAt = new Date(Date.now() - 4 * 60_000).toISOString();
  }

  /** A mentor's device, connected and synced: its assigned apprentices are here. */
  seedMentor(): void {
    this.connection = { server_url: DEMO_SERVER, employer_name: EMPLOYER_NAME, user_name: MENTOR.name, device_name: 'Shop office laptop', role: 'mentor' };
    this.host.mentor.apprentices = assignedApprentices(this.host.today());
    this.lastSyncedAt = new Date(Date.now() - 4 * 60_000).toISOString();
  }

  /** The server stops (or starts) answering; the background loop notices at once. */
  setOffline(offline: boolean): void {
    this.offline = offline;
    this.background();
  }

  /** The same OJL entry edited here and on another laptop. Returns the record id. */
  seedConflict(): string {
    const { mine, conflict } = conflictingEdit(this.entryDate(1));
    this.host.rec.ojl.push(mine);
    this.conflicts.push(conflict);
    return mine.id;
  }

  /** A change the server refused for good: OJL hours over a day's limit. Returns its mutation id. */
  seedAttention(): string {
    this.needProfile();
    const item = refusedDayOverLimit(this.entryDate(2));
    this.attention.push(item);
    return item.mutation_id;
  }

  /** Another device logged an OJL entry; the next round pulls it. */
  queueRemoteEntry(minutes = 240, workProcess = 'WP5'): string {
    const payload = tabletEntry(this.entryDate(0), minutes, workProcess);
    this.incoming.push({ kind: 'ojl_entry', payload });
    return payload.id;
  }

  /**
   * The apprentice already keeps this logbook on another device: the server holds their
   * enrollment (MRA phase 1, started eight weeks before today) and `entries` OJL entries.
   * A device with no profile that connects pulls all of it in its first round.
   */
  seedRemoteEnrollment(opts: { name?: string; entries?: number } = {}): Profile {
    const today = this.host.today();
    this.remoteProfile = enrollmentFromAnotherDevice(today, opts.name ?? ACCOUNT_NAME);
    for (const payload of historyFromAnotherDevice(today, opts.entries ?? 3)) {
      this.incoming.push({ kind: 'ojl_entry', payload });
    }
    return clone(this.remoteProfile);
  }

  // ---- the simulated round ----

  private push(): SyncReport {
    const report: SyncReport = {
      pushed: 0, applied: 0, resent: 0, duplicates: 0, rejected: 0, conflicts: 0,
      pulled: 0, updated: 0, resynced: false, signoffs: 0, signoffs_invalid: 0,
    };
    for (const m of this.outbox) {
      report.pushed++;
      if (this.refuseNext) {
        const { code, message } = this.refuseNext;
        this.refuseNext = null;
        report.rejected++;
        this.attention.push({ mutation_id: m.mutation_id, kind: m.kind, record_id: m.record_id, payload: m.payload, code, message, rejected_at: new Date().toISOString() });
        continue;
      }
      report.applied++;
      this.server.set(m.record_id, (this.server.get(m.record_id) ?? 0) + 1);
      if (m.kind === 'enrollment.upsert' && this.host.profile) this.remoteProfile = clone(this.host.profile);
    }
    this.outbox = [];
    return report;
  }

  private pull(report: SyncReport): void {
    // The enrollment comes first, so the records that follow have a logbook to land in.
    if (this.remoteProfile && !this.host.profile) {
      report.pulled++;
      this.host.profile = clone(this.remoteProfile);
      report.updated++;
    }
    // A mentor's device gets its assigned apprentices and their records, never a logbook.
    if (this.isMentor) {
      if (this.host.mentor.apprentices.length === 0) {
        this.host.mentor.apprentices = assignedApprentices(this.host.today());
        report.pulled += this.host.mentor.apprentices.length;
        report.updated += this.host.mentor.apprentices.length;
      }
      return;
    }
    if (!this.host.profile) return; // records wait on the server until there is a logbook
    for (const change of this.incoming) {
      report.pulled++;
      const list = this.listFor(change.kind);
      if (list.some((r) => r.id === change.payload.id)) continue;
      list.push(clone(change.payload) as never);
      report.updated++;
    }
    this.incoming = [];
  }

  private listFor(kind: string): { id: string }[] {
    if (kind === 'ojl_entry') return this.host.rec.ojl;
    if (kind === 'coursework_entry') return this.host.rec.coursework;
    if (kind === 'certification') return this.host.rec.certs;
    throw new ApiError({ code: 'not_found', message: `no records of kind ${kind}` });
  }

  /** The shell's background loop: a round soon, its outcome reported through the status event. */
  private background(): void {
    if (!this.connection) return;
    setTimeout(() => void this.round().catch(() => undefined), 0);
  }

  private emit(event: SyncEvent): void {
    const copy = clone(event);
    queueMicrotask(() => {
      for (const l of this.listeners) l(copy);
    });
  }

  /** How the server knows the apprentice: the logbook's name, else the enrollment it holds. */
  private accountName(): string {
    return this.host.profile?.enrollment.apprentice_name ?? this.remoteProfile?.enrollment.apprentice_name ?? ACCOUNT_NAME;
  }

  private needProfile(): Profile {
    if (!this.host.profile) throw new ApiError({ code: 'no_profile', message: 'no profile yet' });
    return this.host.profile;
  }

  /** A date `daysBack` before today, but never before the enrollment started. */
  private entryDate(daysBack: number): string {
    const start = this.needProfile().enrollment.start_date;
    const d = addDays(this.host.today(), -daysBack);
    return d < start ? start : d;
  }
}
