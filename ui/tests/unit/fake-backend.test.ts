import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../../src/lib/fake/backend';
import { seedDemo } from '../../src/lib/fake/demo';
import type { ApiError } from '../../src/lib/errors';
import { TODAY, ojl } from './helpers';

function fresh(entries = false): FakeBackend {
  const fake = new FakeBackend({ today: TODAY });
  seedDemo(fake, TODAY, { entries });
  return fake;
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('fake backend', () => {
  it('starts with no profile and refuses progress until there is one', async () => {
    const fake = new FakeBackend({ today: TODAY });
    expect(await fake.getProfile()).toBeNull();
    expect((await rejection(fake.getProgress())).code).toBe('no_profile');
  });

  it('creates a profile from a template and checks the name', async () => {
    const fake = new FakeBackend({ today: TODAY });
    const err = await rejection(
      fake.createProfile({ apprentice_name: ' ', program: { kind: 'template', id: 'mra-phase-1' }, start_date: TODAY, prior_ojl_hours: '', prior_rti_hours: '' }),
    );
    expect(err.field).toBe('apprentice_name');
    const p = await fake.createProfile({
      apprentice_name: 'Sam', program: { kind: 'template', id: 'mra-phase-1' }, start_date: '2026-01-05', prior_ojl_hours: '12:30', prior_rti_hours: '',
    });
    expect(p.program.work_processes.map((w) => w.min_hours)).toEqual([150, 250, 400, 250, 350, 200, 250, 150]);
    expect(p.enrollment.prior_ojl_minutes).toBe(750);
  });

  it('adds 7:30 to the OJL total and the work process', async () => {
    const fake = fresh();
    const before = await fake.getProgress();
    const saved = await fake.logOjl(ojl({ hours: '7:30' }));
    expect(saved.record.minutes).toBe(450);
    expect(saved.record.status).toBe('draft');
    const after = await fake.getProgress();
    expect(after.ojl.total_minutes - before.ojl.total_minutes).toBe(450);
    expect(after.ojl.work_processes.find((w) => w.code === 'WP3')?.draft_minutes).toBe(450);
  });

  it('refuses more than 24:00 on a day across OJL and coursework, and stores nothing', async () => {
    const fake = fresh();
    await fake.logOjl(ojl({ hours: '16' }));
    await fake.logCoursework({ course: 'MRA-101', date: TODAY, hours: '6', paid: true, grade: '', note: '' });
    const err = await rejection(fake.logOjl(ojl({ hours: '4' })));
    expect(err.code).toBe('invalid_input');
    expect(err.field).toBe('hours');
    expect(err.message).toBe(`hours on ${TODAY} would total 26:00; a day holds at most 24:00 (22:00 is already logged that day)`);
    expect(fake.rec.ojl).toHaveLength(1);
  });

  it('refuses future dates and dates before the start', async () => {
    const fake = fresh();
    expect((await rejection(fake.logOjl(ojl({ date: '2026-03-05' })))).field).toBe('date');
    const before = await rejection(fake.logOjl(ojl({ date: '2020-01-01' })));
    expect(before.field).toBe('date');
    expect(before.message).toMatch(/before the enrollment start date/);
  });

  it('refuses an unknown work process by name', async () => {
    const err = await rejection(fresh().logOjl(ojl({ work_process: 'WP99' })));
    expect(err.field).toBe('work_process');
  });

  it('lets drafts be edited and deleted until submitted, then locks them', async () => {
    const fake = fresh();
    const { record } = await fake.logOjl(ojl({ hours: '8' }));
    const updated = await fake.updateOjl(record.id, ojl({ hours: '6' }));
    expect(updated.record.minutes).toBe(360);
    expect(updated.record.version).toBe(2);
    const week = await fake.getWeek('');
    expect(await fake.submitEntries({ from: week.start, to: week.end })).toBe(1);
    expect((await rejection(fake.deleteOjl(record.id))).code).toBe('locked');
    expect((await rejection(fake.updateOjl(record.id, ojl()))).code).toBe('locked');
  });

  it('returns the Monday–Sunday week with day and week totals', async () => {
    const fake = fresh();
    await fake.logOjl(ojl({ date: '2026-03-02', hours: '8' }));
    await fake.logCoursework({ course: 'MRA-102', date: '2026-03-03', hours: '2', paid: false, grade: '', note: '' });
    const week = await fake.getWeek('2026-03-04');
    expect(week.start).toBe('2026-03-02');
    expect(week.end).toBe('2026-03-08');
    expect(week.days).toHaveLength(7);
    expect(week.days[0].total_minutes).toBe(480);
    expect(week.ojl_minutes).toBe(480);
    expect(week.rti_minutes).toBe(120);
    expect(week.total_minutes).toBe(600);
  });

  it('computes a certification expiry from the program validity', async () => {
    const fake = fresh();
    const saved = await fake.addCertification({
      code: 'NFPA70E', title: 'NFPA 70E', issuer: '', credential_id: '', earned_on: '2026-01-10', expires_on: '', evidence_path: '/x/card.pdf',
    });
    expect(saved.record.expires_on).toBe('2029-01-10');
    expect(saved.record.evidence?.file_name).toBe('card.pdf');
    expect(saved.record.evidence?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const progress = await fake.getProgress();
    const states = Object.fromEntries(progress.certifications.map((c) => [c.code, c.state]));
    expect(states).toMatchObject({ NFPA70E: 'valid', OSHA10: 'missing', PLC1: 'missing' });
  });

  it('seeds a demo history with a wage step ahead and a projection', async () => {
    const fake = new FakeBackend({ today: TODAY });
    seedDemo(fake, TODAY);
    const p = await fake.getProgress();
    expect(p.ojl.total_minutes).toBeGreaterThan(500 * 60);
    expect(p.ojl.submitted_minutes).toBeGreaterThan(p.ojl.draft_minutes);
    expect(p.wage.current?.percent).toBe(85);
    expect(p.wage.next?.percent).toBe(92);
    expect(p.wage.minutes_needed).toBe(1000 * 60 - p.ojl.total_minutes);
    expect(p.projected_completion).not.toBeNull();
    expect(p.weekly.length).toBe(26);
    expect(p.certifications.some((c) => c.state === 'expiring')).toBe(true);
  });
});
