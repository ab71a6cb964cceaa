// Mentor decisions on an apprentice's logbook, as sync would have brought them, for
// `?signoffs=1` (with `?demo=1` or `?profile=1`) and `?signoffs=problems`.
//
// With no entries yet, last week is logged and reviewed: Monday and Wednesday approved,
// Tuesday returned with a comment, Thursday still waiting, Friday a draft, plus approved
// coursework. With the demo history, everything older than two weeks is approved and the
// week two weeks back has one entry returned. `problems` also edits an approved entry
// behind the app's back and adds a sign-off that fails verification.

import type { FakeLogbook } from './logbook';
import type { OjlEntry } from '../../bindings/OjlEntry';
import { addDays, weekStart } from '../dates';
import { MENTOR } from './ledger';
import { newId } from './ids';

export const RETURN_COMMENT = 'Split this day: the motor starter work belongs under WP2, not WP5.';

const signedAt = (weekMonday: string) => `${addDays(weekMonday, 8)}T17:30:00.000Z`;

function lastWeek(fake: FakeLogbook, today: string): void {
  const monday = addDays(weekStart(today), -7);
  const profile = fake.profile!;
  // Started a few weeks ago, so last week is inside the apprenticeship.
  profile.enrollment.start_date = addDays(monday, -21);
  const at = (date: string) => `${date}T16:00:00.000Z`;
  const entry = (d: number, minutes: number, wp: string, note: string, status: 'draft' | 'submitted'): OjlEntry => {
    const date = addDays(monday, d);
    return {
      id: newId(), date, minutes, work_process: wp, note, site: 'RDU1 fulfillment center', supervisor: MENTOR.name,
      prior_credit: false, status, version: 1, created_at: at(date), updated_at: at(date),
    };
  };
  const [mon, tue, wed, thu, fri] = [
    entry(0, 480, 'WP3', 'Edited ladder timer on induct 4', 'submitted'),
    entry(1, 450, 'WP5', 'Replaced contactor on conveyor starter', 'submitted'),
    entry(2, 480, 'WP1', 'LOTO walkdown with Dana on induct line', 'submitted'),
    entry(3, 420, 'WP3', 'Diagnosed I/O fault from the HMI', 'submitted'),
    entry(4, 360, 'WP7', 'Re-homed robot arm after E-stop', 'draft'),
  ];
  fake.rec.ojl.push(mon, tue, wed, thu, fri);
  const lab = {
    id: newId(), course: 'MRA-106', date: addDays(monday, 1), minutes: 120, paid: false, status: 'submitted' as const,
    grade: null, note: 'Evening lab: PLC timers', version: 1, created_at: at(addDays(monday, 1)), updated_at: at(addDays(monday, 1)),
  };
  fake.rec.coursework.push(lab);
  const when = signedAt(addDays(monday, -7));
  fake.ledger.decide(mon, true, '', MENTOR, when);
  fake.ledger.decide(wed, true, 'Good walkdown notes.', MENTOR, when);
  fake.ledger.decide(lab, true, '', MENTOR, when);
  fake.ledger.decide(tue, false, RETURN_COMMENT, MENTOR, when);
}

function demoHistory(fake: FakeLogbook, today: string): void {
  const cutoff = addDays(weekStart(today), -14);
  let returned = false;
  for (const e of [...fake.rec.ojl, ...fake.rec.coursework]) {
    if (e.status !== 'submitted') continue;
    if (e.date < cutoff) fake.ledger.decide(e, true, '', MENTOR, signedAt(weekStart(e.date)));
    else if (!returned && e.date < addDays(cutoff, 7) && 'work_process' in e) {
      fake.ledger.decide(e, false, RETURN_COMMENT, MENTOR, signedAt(weekStart(e.date)));
      returned = true;
    }
  }
}

export function seedSignoffs(fake: FakeLogbook, today: string, opts: { problems?: boolean } = {}): void {
  if (!fake.profile) return;
  if (fake.rec.ojl.length === 0) lastWeek(fake, today);
  else demoHistory(fake, today);
  if (!opts.problems) return;
  const approved = fake.rec.ojl.find((e) => fake.ledger.approved(e));
  // Edited in the database without a new version: the signed hash no longer matches.
  if (approved) approved.minutes += 60;
  fake.ledger.invalid.push({
    signoff_id: newId(),
    code: 'signoff_bad_signature',
    message: `a sign-off by ${MENTOR.name} does not verify against the mentor's registered key; its entries are left out of the approved totals`,
  });
}
