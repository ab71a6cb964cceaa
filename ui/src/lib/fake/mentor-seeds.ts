// What a mentor's device holds after its first sync, for `?mentor=1` and for connecting
// with the mentor code: two assigned apprentices with plausible records. Jordan Reyes
// (MRA phase 1, about four months in) has last week submitted, an amendment waiting from
// the week before, older weeks approved and a request to sign off probation. Priya Nair
// (software development, hybrid) has a short submitted week and nothing requested.

import type { CourseworkEntry } from '../../bindings/CourseworkEntry';
import type { OjlEntry } from '../../bindings/OjlEntry';
import { addDays, weekStart } from '../dates';
import { FakeLedger } from './ledger';
import type { AssignedApprentice } from './mentor';
import { clone, MRA_PHASE_1, PROGRAMS } from './programs';
import { newId } from './ids';

export const JORDAN_ID = 'apprentice-jordan-reyes';
export const PRIYA_ID = 'apprentice-priya-nair';

const at = (date: string, hour = 16) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;

function ojl(date: string, minutes: number, work_process: string, note: string, status: 'draft' | 'submitted' = 'submitted'): OjlEntry {
  return {
    id: newId(), date, minutes, work_process, note, site: 'RDU1 fulfillment center', supervisor: 'Dana Whitfield',
    prior_credit: false, status, version: 1, created_at: at(date), updated_at: at(date),
  };
}

/** Last week's plan for Jordan: a day's work process, hours and note. */
const LAST_WEEK: [number, number, string, string][] = [
  [0, 480, 'WP3', 'Edited ladder timer on induct 4'],
  [1, 300, 'WP3', 'Replaced prox sensor on divert 12'],
  [1, 180, 'WP7', 'Re-homed robot arm after E-stop'],
  [2, 450, 'WP5', 'Belt tracking on spiral conveyor'],
  [3, 480, 'WP2', 'Megger test on new drive motor'],
  [4, 420, 'WP3', 'Diagnosed I/O fault from the HMI'],
];

function jordan(today: string): AssignedApprentice {
  const lastMonday = addDays(weekStart(today), -7);
  const ledger = new FakeLedger();
  const ojlEntries: OjlEntry[] = [];
  const signedAt = (date: string) => `${addDays(date, 3)}T17:30:00.000Z`;

  // Sixteen approved weeks before that, a weekday at a time.
  const rotation = ['WP1', 'WP2', 'WP5', 'WP3', 'WP4', 'WP6', 'WP3', 'WP8'];
  for (let week = 17; week >= 2; week--) {
    const monday = addDays(lastMonday, -7 * week);
    for (let d = 0; d < 5; d++) {
      const e = ojl(addDays(monday, d), 480, rotation[(week + d) % rotation.length], '');
      ojlEntries.push(e);
      ledger.decide(e, true, '', undefined, signedAt(monday));
    }
  }
  // The week before last: approved, then one entry amended (a correction waiting for approval).
  const before = addDays(lastMonday, -7);
  for (let d = 0; d < 5; d++) {
    const e = ojl(addDays(before, d), 480, d === 2 ? 'WP6' : 'WP3', d === 2 ? 'Rebuilt air cylinder on pusher' : 'Backed up PLC programs before shutdown');
    ojlEntries.push(e);
    ledger.decide(e, true, '', undefined, signedAt(before));
    if (d === 2) {
      Object.assign(e, { minutes: 420, note: 'Rebuilt air cylinder on pusher (left at 15:00)', version: 2, amends_version: 1, updated_at: at(addDays(today, -1), 9) });
    }
  }
  for (const [d, minutes, wp, note] of LAST_WEEK) ojlEntries.push(ojl(addDays(lastMonday, d), minutes, wp, note));

  const coursework: CourseworkEntry[] = [{
    id: newId(), course: 'MRA-106', date: addDays(lastMonday, 1), minutes: 120, paid: false, status: 'submitted', grade: null,
    note: 'Evening lab: PLC timers', version: 1, created_at: at(addDays(lastMonday, 1), 21), updated_at: at(addDays(lastMonday, 1), 21),
  }];
  ledger.requests.push({
    code: 'M1', title: 'Probation complete', note: 'Passed 500 hours in week 13; Dana has seen the LOTO walkdowns.',
    requested_at: `${addDays(today, -2)}T10:15:00.000Z`, signed: null,
  });
  return { id: JORDAN_ID, name: 'Jordan Reyes', program: clone(MRA_PHASE_1), ojl: ojlEntries, coursework, ledger, competencies: new Map() };
}

function priya(today: string): AssignedApprentice {
  const lastMonday = addDays(weekStart(today), -7);
  const program = clone(PROGRAMS.find((p) => p.id === 'sde') ?? MRA_PHASE_1);
  // The template lists no competencies; a sponsor's real standard would. Give two
  // processes some, so competency sign-off has something to sign.
  program.work_processes[2].competencies = [
    { code: 'WP3.1', title: 'Implement a feature behind a flag' },
    { code: 'WP3.2', title: 'Write and review a design doc' },
  ];
  program.work_processes[3].competencies = [{ code: 'WP4.1', title: 'Write unit and integration tests' }];
  const entries = [
    ojl(addDays(lastMonday, 0), 480, 'WP3', 'Pagination for the orders API'),
    ojl(addDays(lastMonday, 1), 450, 'WP4', 'Integration tests for refunds'),
    ojl(addDays(lastMonday, 2), 480, 'WP3', 'Code review and fixes'),
  ];
  return { id: PRIYA_ID, name: 'Priya Nair', program, ojl: entries, coursework: [], ledger: new FakeLedger(), competencies: new Map() };
}

export function assignedApprentices(today: string): AssignedApprentice[] {
  return [jordan(today), priya(today)];
}
