// A seeded, deterministic history for screenshots and demos (`?demo=1`): an MRA phase 1
// apprentice twelve weeks of college and about six months into the on-the-job year.

import type { FakeBackend } from './backend';
import { addDays, addMonths, weekStart } from '../dates';
import { clone, MRA_PHASE_1 } from './programs';
import { newId, fakeSha256 } from './ids';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOTES: Record<string, string[]> = {
  WP1: ['LOTO walkdown with Dana on induct line', 'Tool crib audit and parts requisition', 'Arc-flash PPE refresher on the floor'],
  WP2: ['Traced MCC bucket 3 feed to sorter motors', 'Replaced contactor on conveyor starter', 'Megger test on new drive motor'],
  WP3: ['Edited ladder timer on induct 4', 'Replaced prox sensor on divert 12', 'Diagnosed I/O fault from the HMI', 'Backed up PLC programs before shutdown'],
  WP4: ['IR scan of panels in zone B', 'Torque check on bus terminations'],
  WP5: ['Belt tracking on spiral conveyor', 'Replaced bearings on take-up pulley', 'Gearbox oil change on line 2'],
  WP6: ['Swapped pneumatic valve bank on palletizer', 'Rebuilt air cylinder on pusher'],
  WP7: ['Re-homed robot arm after E-stop', 'Replaced encoder on servo axis 2'],
  WP8: ['Scanner alignment on sorter', 'Diverter shoe replacement'],
};

function weightsFor(week: number): [string, number][] {
  if (week < 4) return [['WP1', 5], ['WP2', 2], ['WP4', 2], ['WP5', 2]];
  if (week < 12) return [['WP2', 2], ['WP3', 3], ['WP4', 2], ['WP5', 3], ['WP6', 1], ['WP1', 1]];
  return [['WP3', 4], ['WP5', 2], ['WP6', 2], ['WP7', 2], ['WP8', 1], ['WP2', 1]];
}

function pick(rand: () => number, weights: [string, number][]): string {
  const total = weights.reduce((a, [, w]) => a + w, 0);
  let r = rand() * total;
  for (const [code, w] of weights) {
    r -= w;
    if (r <= 0) return code;
  }
  return weights[0][0];
}

export function seedDemo(fake: FakeBackend, today: string, opts: { entries?: boolean } = {}): void {
  const rand = mulberry32(20260302);
  const start = opts.entries === false ? weekStart(today) : addDays(weekStart(today), -36 * 7);
  fake.profile = {
    enrollment: {
      apprentice_name: 'Jordan Reyes',
      program_id: MRA_PHASE_1.id,
      start_date: start,
      prior_ojl_minutes: opts.entries === false ? 0 : 40 * 60,
      prior_rti_minutes: 0,
      version: 1,
      created_at: `${start}T08:00:00.000Z`,
    },
    program: clone(MRA_PHASE_1),
    data_dir: '/home/apprentice/.local/share/journeylog',
  };
  if (opts.entries === false) return;

  const stamp = (date: string, n: number) => `${date}T${String(8 + n).padStart(2, '0')}:00:00.000Z`;
  const lastWeek = addDays(weekStart(today), -7);

  // Twelve weeks of college, 8 h a day, course after course; MRA-106 finishes in the evenings.
  const courseHours: [string, number][] = MRA_PHASE_1.courses.map((c) => [c.code, c.code === 'MRA-106' ? 48 : c.hours]);
  let ci = 0;
  let left = courseHours[0][1];
  for (let day = 0; day < 12 * 7; day++) {
    const date = addDays(start, day);
    if (day % 7 >= 5 || ci >= courseHours.length) continue;
    const code = courseHours[ci][0];
    fake.rec.coursework.push({
      id: newId(), course: code, date, minutes: 480, paid: true, status: 'submitted',
      grade: left <= 8 ? ['A', 'A-', 'B+', 'A'][ci % 4] : null, note: '', version: 1,
      created_at: stamp(date, 9), updated_at: stamp(date, 9),
    });
    left -= 8;
    if (left <= 0 && ++ci < courseHours.length) left = courseHours[ci][1];
  }

  // The on-the-job year so far, weekdays up to today.
  for (let week = 0; week < 25; week++) {
    const monday = addDays(start, (12 + week) * 7);
    if (week === 11) continue; // a week off
    for (let d = 0; d < 5; d++) {
      const date = addDays(monday, d);
      if (date > today) break;
      if (rand() < 0.06) continue; // a day off
      const status = date >= lastWeek ? 'draft' : 'submitted';
      const dayMinutes = [480, 480, 480, 450, 420, 510, 360][Math.floor(rand() * 7)];
      const split = rand() < 0.3 ? 120 + 30 * Math.floor(rand() * 4) : 0;
      const parts = split ? [dayMinutes - split, split] : [dayMinutes];
      parts.forEach((minutes, n) => {
        const wp = pick(rand, weightsFor(week));
        const notes = NOTES[wp];
        fake.rec.ojl.push({
          id: newId(), date, minutes, work_process: wp, note: rand() < 0.8 ? notes[Math.floor(rand() * notes.length)] : '',
          site: 'RDU1 fulfillment center', supervisor: 'Dana Whitfield', prior_credit: false, status,
          version: 1, created_at: stamp(date, n), updated_at: stamp(date, n),
        });
      });
    }
    if (week >= 1 && week <= 12) {
      const date = addDays(monday, 1);
      fake.rec.coursework.push({
        id: newId(), course: 'MRA-106', date, minutes: 120, paid: false, status: 'submitted',
        grade: week === 12 ? 'A' : null, note: 'Evening lab', version: 1, created_at: stamp(date, 11), updated_at: stamp(date, 11),
      });
    }
  }

  const osha = addDays(start, 3);
  const nfpa = addDays(addMonths(today, -36), 18);
  fake.rec.certs.push(
    {
      id: newId(), code: 'OSHA10', title: 'OSHA 10-Hour General Industry', issuer: 'OSHA Outreach Training Program',
      credential_id: '36-0045821', earned_on: osha, expires_on: null,
      evidence: { file_name: 'osha-10-card.pdf', sha256: fakeSha256('osha'), size_bytes: 214_528 },
      version: 1, created_at: stamp(osha, 0), updated_at: stamp(osha, 0),
    },
    {
      id: newId(), code: 'NFPA70E', title: 'NFPA 70E Electrical Safety', issuer: 'NFPA', credential_id: 'E-70-118204',
      earned_on: nfpa, expires_on: addMonths(nfpa, 36),
      evidence: { file_name: 'nfpa70e-certificate.pdf', sha256: fakeSha256('nfpa'), size_bytes: 98_304 },
      version: 1, created_at: stamp(nfpa, 0), updated_at: stamp(nfpa, 0),
    },
    {
      id: newId(), code: null, title: 'Powered Industrial Truck Operator', issuer: 'Site safety team', credential_id: 'PIT-2291',
      earned_on: addDays(start, 90), expires_on: addMonths(addDays(start, 90), 36), evidence: null,
      version: 1, created_at: stamp(start, 0), updated_at: stamp(start, 0),
    },
  );
}
