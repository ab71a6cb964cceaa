// The records the fake employer's test and demo knobs seed (FakeEmployer.seedConflict,
// seedAttention, queueRemoteEntry, seedRemoteEnrollment): plausible MRA phase 1 work, so
// screenshots and browser tests show what an apprentice would. Pure builders: the
// employer decides where each record goes.

import type { AttentionItem } from '../../bindings/AttentionItem';
import type { JsonValue } from '../../bindings/serde_json/JsonValue';
import type { OjlEntry } from '../../bindings/OjlEntry';
import type { Profile } from '../../bindings/Profile';
import type { SyncConflict } from '../../bindings/SyncConflict';
import { addDays } from '../dates';
import { clone, MRA_PHASE_1 } from './programs';
import { newId } from './ids';

/** Where the fake keeps a profile: the same directory the Tauri shell would report. */
const DATA_DIR = '/home/apprentice/.local/share/journeylog';

/** The same OJL entry on `date`, edited here (`mine`) and on another laptop; the conflict between them. */
export function conflictingEdit(date: string): { mine: OjlEntry; conflict: SyncConflict } {
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
  const conflict: SyncConflict = {
    kind: 'ojl_entry', record_id: mine.id, mine_version: 2, mine: clone(mine) as JsonValue, mine_deleted: false,
    theirs_version: 2, theirs: clone(theirs) as JsonValue, theirs_deleted: false, detected_at: new Date(now - 60_000).toISOString(),
  };
  return { mine, conflict };
}

/** An OJL entry on `date` the server refused for good: it takes the day over 24 hours. */
export function refusedDayOverLimit(date: string): AttentionItem {
  const id = newId();
  return {
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
}

/** An OJL entry another device logged just now. */
export function tabletEntry(date: string, minutes: number, workProcess: string): OjlEntry {
  const now = new Date().toISOString();
  const id = newId();
  return {
    id, date, minutes, work_process: workProcess, note: 'Logged on the shop tablet', site: '', supervisor: '',
    prior_credit: false, status: 'draft', version: 1, created_at: now, updated_at: now,
  };
}

/** `name`'s enrollment in MRA phase 1, started eight weeks before `today`. */
export function enrollmentFromAnotherDevice(today: string, name: string): Profile {
  const start = addDays(today, -56);
  return {
    enrollment: {
      apprentice_name: name, program_id: MRA_PHASE_1.id, start_date: start, prior_ojl_minutes: 0, prior_rti_minutes: 0,
      version: 1, created_at: `${start}T08:00:00.000Z`,
    },
    program: clone(MRA_PHASE_1),
    data_dir: DATA_DIR,
  };
}

/** Up to five OJL entries from the days before `today`, as another device logged them. */
export function historyFromAnotherDevice(today: string, count: number): OjlEntry[] {
  const plan: [number, number, string, string][] = [
    [1, 450, 'WP1', 'LOTO walkdown with Dana on induct line'],
    [2, 480, 'WP2', 'Traced MCC bucket 3 feed to sorter motors'],
    [3, 420, 'WP5', 'Belt tracking on spiral conveyor'],
    [6, 480, 'WP3', 'Replaced prox sensor on divert 12'],
    [7, 360, 'WP4', 'IR scan of panels in zone B'],
  ];
  return plan.slice(0, count).map(([back, minutes, wp, note]) => {
    const date = addDays(today, -back);
    const at = `${date}T16:00:00.000Z`;
    return {
      id: newId(), date, minutes, work_process: wp, note, site: 'Building 4', supervisor: 'Dana Whitfield',
      prior_credit: false, status: 'draft', version: 1, created_at: at, updated_at: at,
    };
  });
}
