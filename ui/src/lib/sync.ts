// What the sync UI says: the header's word for each phase, relative times, one-line
// summaries of records, and the field-by-field comparison of a conflict. Pure functions.

import type { JsonValue } from '../bindings/serde_json/JsonValue';
import type { SyncStatus } from '../bindings/SyncStatus';
import { formatDate } from './format';

type Json = { [key: string]: JsonValue };
export type HoursFn = (minutes: number) => string;

/** The header's word: "Synced", "Pending 3", "Offline", "Error" or "Local only". */
export function statusLabel(status: SyncStatus): string {
  switch (status.phase) {
    case 'not_connected':
      return 'Local only';
    case 'synced':
      return 'Synced';
    case 'pending':
      return `Pending ${status.pending}`;
    case 'offline':
      return 'Offline';
    case 'error':
      return 'Error';
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "just now", "5 minutes ago", "in 2 hours", "yesterday", "Mar 2". */
export function relativeTime(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const diff = t - now;
  const future = diff > 0;
  const s = Math.abs(diff) / 1000;
  const say = (n: number, unit: string) => (future ? `in ${plural(n, unit)}` : `${plural(n, unit)} ago`);
  if (s < 45) return future ? 'in a moment' : 'just now';
  if (s < 90) return say(1, 'minute');
  const min = Math.round(s / 60);
  if (min < 45) return say(min, 'minute');
  if (min < 90) return say(1, 'hour');
  const hours = Math.round(min / 60);
  if (hours < 22) return say(hours, 'hour');
  if (hours < 36) return future ? 'tomorrow' : 'yesterday';
  const days = Math.round(hours / 24);
  if (days < 7) return say(days, 'day');
  const d = new Date(t);
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) });
}

/** A timestamp in local time: "Mar 2, 2026, 10:24 AM". */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toLocaleString('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** A core message ("can't reach …") as a sentence: capital first letter, final full stop. */
export function sentence(message: string): string {
  const m = message.trim();
  if (!m) return m;
  const s = m[0].toUpperCase() + m.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** The tooltip of the header's status: what the word means right now. */
export function statusDetail(status: SyncStatus, now: number = Date.now()): string {
  const employer = status.employer_name || 'your employer';
  const last = status.last_synced_at ? `Last synced ${relativeTime(status.last_synced_at, now)}.` : 'Not synced yet.';
  const kept = status.pending > 0 ? ` ${plural(status.pending, 'change')} kept on this device.` : '';
  const retry = status.next_attempt_at ? ` Trying again ${relativeTime(status.next_attempt_at, now)}.` : '';
  switch (status.phase) {
    case 'not_connected':
      return 'This logbook is only on this device. Connect to your employer in Settings.';
    case 'synced':
      return `Up to date with ${employer}. ${last}`;
    case 'pending':
      return `${plural(status.pending, 'change')} waiting to be sent to ${employer}. ${last}`;
    case 'offline':
      return `Can't reach ${employer}.${kept}${retry} ${last}`;
    case 'error':
      return `${status.last_error ? sentence(status.last_error) : `${employer} refused the last sync.`}${kept}${retry}`;
  }
}

/** The first line of the sync details: the state in a few words (the facts follow it). */
export function statusHeadline(status: SyncStatus): string {
  const employer = status.employer_name || 'your employer';
  switch (status.phase) {
    case 'not_connected':
      return 'This logbook is only on this device.';
    case 'synced':
      return `Up to date with ${employer}.`;
    case 'pending':
      return `${plural(status.pending, 'change')} waiting to be sent.`;
    case 'offline':
      return `Can't reach ${employer}. Your changes are kept on this device.`;
    case 'error':
      return `${employer === 'your employer' ? 'The server' : `${employer}'s server`} refused the last sync.`;
  }
}

const KIND_LABEL: Record<string, string> = {
  ojl_entry: 'OJL entry',
  coursework_entry: 'Coursework',
  certification: 'Certification',
  enrollment: 'Enrollment',
};

/** `ojl_entry.upsert` → { base: 'ojl_entry', op: 'upsert' }. */
export function splitKind(kind: string): { base: string; op: string | null } {
  const dot = kind.indexOf('.');
  return dot < 0 ? { base: kind, op: null } : { base: kind.slice(0, dot), op: kind.slice(dot + 1) };
}

export function kindLabel(kind: string): string {
  const { base } = splitKind(kind);
  return KIND_LABEL[base] ?? base.replace(/_/g, ' ');
}

function obj(v: JsonValue | undefined): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}
const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: JsonValue | undefined): number | null => (typeof v === 'number' ? v : null);

/**
 * One line that says which record this is, e.g. "OJL 2026-03-02 · 7:30 · WP3" or
 * "Certification · OSHA 10-Hour General Industry". Falls back to the kind and a short id
 * when the payload lacks the fields (a deletion carries only the id).
 */
export function recordSummary(kind: string, payload: JsonValue, hours: HoursFn, recordId = ''): string {
  const { base } = splitKind(kind);
  const p = obj(payload);
  const parts = (...xs: string[]) => xs.filter(Boolean).join(' · ');
  const minutes = num(p.minutes);
  switch (base) {
    case 'ojl_entry':
      if (p.date) return parts(`OJL ${str(p.date)}`, minutes === null ? '' : hours(minutes), str(p.work_process));
      break;
    case 'coursework_entry':
      if (p.date) return parts(`Coursework ${str(p.date)}`, minutes === null ? '' : hours(minutes), str(p.course));
      break;
    case 'certification':
      if (p.title) return parts('Certification', str(p.title), p.earned_on ? `earned ${str(p.earned_on)}` : '');
      break;
    case 'enrollment':
      if (p.apprentice_name || p.start_date) return parts('Enrollment', str(p.apprentice_name), p.start_date ? `started ${str(p.start_date)}` : '');
      break;
  }
  const id = recordId || str(p.id);
  return parts(kindLabel(kind), id ? id.slice(-8) : '');
}

/** "Change", "Deletion" for the operation a refused mutation carried. */
export function changeVerb(kind: string): string {
  const { op } = splitKind(kind);
  return op === 'delete' ? 'Deletion' : 'Change';
}

export interface FieldDiff {
  key: string;
  label: string;
  mine: string;
  theirs: string;
  differs: boolean;
}

type Fmt = (v: JsonValue | undefined, hours: HoursFn) => string;
const text: Fmt = (v) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const date: Fmt = (v) => (typeof v === 'string' && v ? formatDate(v, 'medium') : '—');
const mins: Fmt = (v, hours) => (typeof v === 'number' ? hours(v) : '—');
const yesNo: Fmt = (v) => (v === true ? 'Yes' : v === false ? 'No' : '—');
const paid: Fmt = (v) => (v === true ? 'Paid' : v === false ? 'Unpaid' : '—');
const status: Fmt = (v) => (typeof v === 'string' && v ? v[0].toUpperCase() + v.slice(1) : '—');
const evidence: Fmt = (v) => str(obj(v).file_name) || '—';

const FIELDS: Record<string, [string, string, Fmt][]> = {
  ojl_entry: [
    ['date', 'Date', date],
    ['minutes', 'Hours', mins],
    ['work_process', 'Work process', text],
    ['note', 'Note', text],
    ['site', 'Site', text],
    ['supervisor', 'Supervisor', text],
    ['prior_credit', 'Prior credit', yesNo],
    ['status', 'Status', status],
  ],
  coursework_entry: [
    ['date', 'Date', date],
    ['minutes', 'Hours', mins],
    ['course', 'Course', text],
    ['paid', 'Pay', paid],
    ['grade', 'Grade', text],
    ['note', 'Note', text],
    ['status', 'Status', status],
  ],
  certification: [
    ['title', 'Title', text],
    ['code', 'Requirement', text],
    ['issuer', 'Issuer', text],
    ['credential_id', 'Credential ID', text],
    ['earned_on', 'Earned on', date],
    ['expires_on', 'Expires on', date],
    ['evidence', 'Evidence', evidence],
  ],
  enrollment: [
    ['apprentice_name', 'Apprentice', text],
    ['program_id', 'Program', text],
    ['start_date', 'Start date', date],
    ['prior_ojl_minutes', 'Prior OJL credit', mins],
    ['prior_rti_minutes', 'Prior RTI credit', mins],
  ],
};

/** Bookkeeping every record carries; never shown as a difference. */
const HIDDEN = new Set(['id', 'version', 'created_at', 'updated_at', 'deleted_at']);

/**
 * The two versions of a record side by side, one row per field the apprentice knows,
 * with `differs` set where they disagree. Unknown kinds compare every field.
 */
export function diffFields(kind: string, mine: JsonValue, theirs: JsonValue, hours: HoursFn): FieldDiff[] {
  const a = obj(mine);
  const b = obj(theirs);
  const spec =
    FIELDS[splitKind(kind).base] ??
    [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((k) => !HIDDEN.has(k))
      .sort()
      .map((k): [string, string, Fmt] => [k, k.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()), text]);
  return spec.map(([key, label, fmt]) => ({
    key,
    label,
    mine: fmt(a[key], hours),
    theirs: fmt(b[key], hours),
    differs: JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null),
  }));
}

/** A sensible name for this device, shown to the employer's admin: "Jordan's laptop". */
export function defaultDeviceName(apprenticeName: string | null | undefined, userAgent = ''): string {
  const first = (apprenticeName ?? '').trim().split(/\s+/)[0] ?? '';
  const device = /Macintosh|Mac OS X/.test(userAgent) ? 'Mac' : /Windows/.test(userAgent) ? 'PC' : 'laptop';
  if (!first) return `Journeylog on ${device === 'laptop' ? 'this laptop' : `this ${device}`}`;
  return `${first}${first.endsWith('s') ? "'" : "'s"} ${device}`;
}

/**
 * How far the first sync of a device connected before it had a profile has got:
 * `local` (not connected), `waiting` (no round has finished yet), `failed` (no round
 * has succeeded and the last one failed; the shell keeps retrying) or `done` (a round
 * succeeded, so whatever the server held for this apprentice is now on this device).
 */
export type FirstSync = 'local' | 'waiting' | 'failed' | 'done';

export function firstSync(status: SyncStatus | null | undefined): FirstSync {
  if (!status || status.phase === 'not_connected') return 'local';
  if (status.last_synced_at) return 'done';
  return status.phase === 'offline' || status.phase === 'error' ? 'failed' : 'waiting';
}
