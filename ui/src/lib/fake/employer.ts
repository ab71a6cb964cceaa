// A simulated employer server and this device's sync state, for the fake backend: enough
// to drive every state the sync UI shows (local only, synced, pending, offline, error,
// conflicts, refused changes) from browser tests and `vite dev`. The real protocol is in
// crates/core/src/sync; messages follow the core's wording.
//
// Tests reach it as `window.__journeylogFake.employer`: set `offline`, `failure` or
// `roundMs`; call `seedConflict()`, `seedAttention()`, `queueRemoteEntry()`,
// `seedRemoteEnrollment()` or `refuseNext`.

import type { ConnectInput, SyncEvent } from '../api';
import type { AttentionItem } from '../../bindings/AttentionItem';
import type { ConflictChoice } from '../../bindings/ConflictChoice';
import type { JsonValue } from '../../bindings/serde_json/JsonValue';
import type { OjlEntry } from '../../bindings/OjlEntry';
import type { Profile } from '../../bindings/Profile';
import type { SyncConflict } from '../../bindings/SyncConflict';
import type { SyncReport } from '../../bindings/SyncReport';
import type { SyncStatus } from '../../bindings/SyncStatus';
import { addDays } from '../dates';
import { ApiError } from '../errors';
import { clone, MRA_PHASE_1 } from './programs';
import { newId } from './ids';
import type { Records } from './progress';

/** The enrollment code the fake accepts (and keeps accepting, for tests). */
export const TEST_CODE = 'JL-TEST-CODE';
export const EMPLOYER_NAME = 'Northwind Robotics';
export const DEMO_SERVER = 'https://journeylog.northwind-robotics.com';
/** The name the employer's server knows the apprentice by when this logbook has none yet. */
export const ACCOUNT_NAME = 'Jordan Reyes';

/** The logbook the employer reads from and writes into. */
export interface SyncHost {
  profile: Profile | null;
  rec: Records;
  today(): string;
}

export interface Mutation {
  mutation_id: string;
  kind: string;
  record_id: string;
  base_version: number;
  payload: JsonValue;
}

interface Connection {
  server_url: string;
  employer_name: string;
  user_name: string;
  device_name: string;
}

type RecordKind = 'ojl_entry' | 'coursework_entry' | 'certification';

/** Where the fake keeps a profile: the same directory the Tauri shell would report. */
const DATA_DIR = '/home/apprentice/.local/share/journeylog';

const OFFLINE_REASON = (url: string) => `could not connect to ${hostOf(url)}: connection refused`;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** The core's ServerUrl::parse, with its messages. */
export function checkServerUrl(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  const quoted = JSON.stringify(raw);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw ApiError.invalid('server_url', `server URL ${quoted} is not a valid URL, e.g. https://journeylog.example.com`);
  }
  if (!url.hostname) throw ApiError.invalid('server_url', `server URL ${quoted} has no host name`);
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw ApiError.invalid(
      'server_url',
      `server URL ${quoted} uses plain http to ${url.hostname}; only https is allowed, except to this machine (127.0.0.1, ::1 or localhost)`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw ApiError.invalid('server_url', `server URL ${quoted} must start with https://`);
  }
  if (url.search) throw ApiError.invalid('server_url', `server URL ${quoted} must not have a query string`);
  return trimmed;
}

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
    if (this.offline) throw this.offlineError(serverUrl);
    const upper = code.toUpperCase();
    if (upper === 'JL-USED-CODE') throw ApiError.invalid('code', `enrollment code ${code} was already used; ask your employer's admin for a new one`);
    if (upper === 'JL-OLD-CODE') throw ApiError.invalid('code', `enrollment code ${code} expired; codes are valid for 7 days, ask your employer's admin for a new one`);
    if (upper !== TEST_CODE) throw ApiError.invalid('code', `enrollment code ${code} is not known to ${hostOf(serverUrl)}; check it, or ask your employer's admin for a new one`);
    this.connection = {
      server_url: serverUrl,
      employer_name: EMPLOYER_NAME,
      user_name: this.accountName(),
      device_name: input.deviceName.trim(),
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
      if (this.offline) throw this.offlineError(this.connection.server_url);
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
      this.outbox.push({
        mutation_id: newId(),
        kind: `${kind}.${c.mine_deleted ? 'delete' : 'upsert'}`,
        record_id: recordId,
        base_version: c.theirs_version,
        payload: (mine ?? { id: recordId, version, deleted_at: new Date().toISOString() }) as JsonValue,
      });
    }
    this.conflicts.splice(i, 1);
  }

  /** A local write: queued for the server in the same step, like the core's outbox. */
  record(kind: RecordKind, op: 'upsert' | 'delete', record: { id: string; version: number }): void {
    this.outbox.push({
      mutation_id: newId(),
      kind: `${kind}.${op}`,
      record_id: record.id,
      base_version: op === 'delete' ? record.version : record.version - 1,
      payload: clone(op === 'delete' ? { id: record.id, version: record.version + 1, deleted_at: new Date().toISOString() } : record) as JsonValue,
    });
  }

  /** A profile created on this device: its enrollment is queued like any record. */
  recordEnrollment(profile: Profile): void {
    this.outbox.push({
      mutation_id: newId(),
      kind: 'enrollment.upsert',
      record_id: 'enrollment',
      base_version: profile.enrollment.version - 1,
      payload: clone(profile.enrollment) as JsonValue,
    });
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
    };
    this.lastSyncedAt = new Date(Date.now() - 4 * 60_000).toISOString();
  }

  /** The server stops (or starts) answering; the background loop notices at once. */
  setOffline(offline: boolean): void {
    this.offline = offline;
    this.background();
  }

  /** The same OJL entry edited here and on another laptop. Returns the record id. */
  seedConflict(): string {
    const date = this.entryDate(1);
    const now = Date.now();
    const mine: OjlEntry = {
      id: newId(), date, minutes: 450, work_process: 'WP3', note: 'Replaced prox sensor on divert 12',
      site: 'Building 4', supervisor: 'Dana Whitfield', prior_credit: false, status: 'draft', version: 2,
      created_at: new Date(now - 86_400_000).toISOString(), updated_at: new Date(now - 3_600_000).toISOString(),
    };
    const theirs: OjlEntry = {
      ...mine, minutes: 480, note: 'Replaced prox sensor on divert 12, re-taught the HMI', site: 'Building 4, line 2',
      version: 2, updated_at: new Date(now - 2 * 3_600_000).toISOString(),
    };
    this.host.rec.ojl.push(mine);
    this.conflicts.push({
      kind: 'ojl_entry', record_id: mine.id, mine_version: 2, mine: clone(mine) as JsonValue, mine_deleted: false,
      theirs_version: 2, theirs: clone(theirs) as JsonValue, theirs_deleted: false, detected_at: new Date(now - 60_000).toISOString(),
    });
    return mine.id;
  }

  /** A change the server refused for good: OJL hours over a day's limit. Returns its mutation id. */
  seedAttention(): string {
    this.needProfile();
    const date = this.entryDate(2);
    const id = newId();
    const item: AttentionItem = {
      mutation_id: newId(),
      kind: 'ojl_entry.upsert',
      record_id: id,
      payload: {
        id, date, minutes: 450, work_process: 'WP3', note: 'Diagnosed I/O fault from the HMI', site: '', supervisor: '',
        prior_credit: false, status: 'submitted', version: 1, created_at: `${date}T16:02:00.000Z`, updated_at: `${date}T16:02:00.000Z`,
      },
      code: 'day_limit',
      message: `hours on ${date} would total 25:30; a day holds at most 24:00 (18:00 is already on the server for that day)`,
      rejected_at: new Date(Date.now() - 20 * 60_000).toISOString(),
    };
    this.attention.push(item);
    return item.mutation_id;
  }

  /** Another device logged an OJL entry; the next round pulls it. */
  queueRemoteEntry(minutes = 240, workProcess = 'WP5'): string {
    const date = this.entryDate(0);
    const now = new Date().toISOString();
    const id = newId();
    this.incoming.push({
      kind: 'ojl_entry',
      payload: {
        id, date, minutes, work_process: workProcess, note: 'Logged on the shop tablet', site: '', supervisor: '',
        prior_credit: false, status: 'draft', version: 1, created_at: now, updated_at: now,
      },
    });
    return id;
  }

  /**
   * The apprentice already keeps this logbook on another device: the server holds their
   * enrollment (MRA phase 1, started eight weeks before today) and `entries` OJL entries.
   * A device with no profile that connects pulls all of it in its first round.
   */
  seedRemoteEnrollment(opts: { name?: string; entries?: number } = {}): Profile {
    const today = this.host.today();
    const start = addDays(today, -56);
    const name = opts.name ?? ACCOUNT_NAME;
    this.remoteProfile = {
      enrollment: {
        apprentice_name: name, program_id: MRA_PHASE_1.id, start_date: start, prior_ojl_minutes: 0, prior_rti_minutes: 0,
        version: 1, created_at: `${start}T08:00:00.000Z`,
      },
      program: clone(MRA_PHASE_1),
      data_dir: DATA_DIR,
    };
    const plan: [number, number, string, string][] = [
      [1, 450, 'WP1', 'LOTO walkdown with Dana on induct line'],
      [2, 480, 'WP2', 'Traced MCC bucket 3 feed to sorter motors'],
      [3, 420, 'WP5', 'Belt tracking on spiral conveyor'],
      [6, 480, 'WP3', 'Replaced prox sensor on divert 12'],
      [7, 360, 'WP4', 'IR scan of panels in zone B'],
    ];
    for (const [back, minutes, wp, note] of plan.slice(0, opts.entries ?? 3)) {
      const date = addDays(today, -back);
      const at = `${date}T16:00:00.000Z`;
      this.incoming.push({
        kind: 'ojl_entry',
        payload: {
          id: newId(), date, minutes, work_process: wp, note, site: 'Building 4', supervisor: 'Dana Whitfield',
          prior_credit: false, status: 'draft', version: 1, created_at: at, updated_at: at,
        },
      });
    }
    return clone(this.remoteProfile);
  }

  // ---- the simulated round ----

  private push(): SyncReport {
    const report: SyncReport = { pushed: 0, applied: 0, duplicates: 0, rejected: 0, conflicts: 0, pulled: 0, updated: 0, resynced: false };
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

  private offlineError(serverUrl: string): ApiError {
    return new ApiError({
      code: 'offline',
      message: `can't reach the employer server (${OFFLINE_REASON(serverUrl)}); your changes are kept and will sync when it is reachable`,
    });
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
