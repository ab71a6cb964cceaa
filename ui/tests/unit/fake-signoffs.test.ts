import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../../src/lib/fake/backend';
import { seedDemo } from '../../src/lib/fake/demo';
import { JORDAN_ID, PRIYA_ID } from '../../src/lib/fake/mentor-seeds';
import { RETURN_COMMENT, seedSignoffs } from '../../src/lib/fake/signoff-seeds';
import type { ApiError } from '../../src/lib/errors';
import { TODAY, ojl } from './helpers';

const rejection = (p: Promise<unknown>) => p.then(() => null, (e: ApiError) => e);

function apprentice(): FakeBackend {
  const fake = new FakeBackend({ today: TODAY });
  seedDemo(fake, TODAY, { entries: false });
  seedSignoffs(fake, TODAY);
  return fake;
}

function mentorDevice(): FakeBackend {
  const fake = new FakeBackend({ today: TODAY });
  fake.employer.seedMentor();
  return fake;
}

describe('fake sign-offs, the apprentice side', () => {
  it('reports each entry state like the core', async () => {
    const fake = apprentice();
    const reviews = await fake.getReviews({ from: '', to: '' });
    const states = reviews.map((r) => r.state).sort();
    expect(states).toEqual(['approved', 'approved', 'approved', 'draft', 'returned', 'submitted']);
    expect(reviews.find((r) => r.state === 'returned')?.decision?.comment).toBe(RETURN_COMMENT);
  });

  it('locks approved entries, waits on submitted ones, and edits returned ones back to draft', async () => {
    const fake = apprentice();
    const byState = async (state: string) => {
      const r = (await fake.getReviews({ from: '', to: '' })).find((x) => x.state === state)!;
      return fake.rec.ojl.find((e) => e.id === r.record_id)!;
    };
    const approved = await byState('approved');
    expect((await rejection(fake.updateOjl(approved.id, ojl({ date: approved.date }))))?.code).toBe('signed_off');
    expect((await rejection(fake.deleteOjl(approved.id)))?.code).toBe('signed_off');
    const submitted = await byState('submitted');
    expect((await rejection(fake.updateOjl(submitted.id, ojl({ date: submitted.date }))))?.code).toBe('locked');
    const amendDraft = await rejection(fake.amendOjl(submitted.id, ojl({ date: submitted.date })));
    expect([amendDraft?.code, amendDraft?.field]).toEqual(['invalid_input', 'amend']);

    const returned = await byState('returned');
    const { record } = await fake.updateOjl(returned.id, ojl({ date: returned.date, hours: '5' }));
    expect([record.status, record.version]).toEqual(['draft', 2]);
    expect(fake.ledger.review(record).state).toBe('draft');
  });

  it('amends an approved entry into a submitted correction that is no longer approved', async () => {
    const fake = apprentice();
    const before = (await fake.getProgress()).ojl.approved_minutes;
    const approved = fake.rec.ojl.find((e) => fake.ledger.approved(e))!;
    const { record } = await fake.amendOjl(approved.id, ojl({ date: approved.date, hours: '7', work_process: approved.work_process }));
    expect([record.status, record.version, record.amends_version]).toEqual(['submitted', 2, 1]);
    expect(fake.ledger.review(record).state).toBe('submitted');
    expect((await fake.getProgress()).ojl.approved_minutes).toBe(before - approved.minutes);
  });

  it('requests a milestone only when its criteria are met', async () => {
    const fake = apprentice();
    const err = await rejection(fake.requestMilestoneSignoff('M1', ''));
    expect([err?.field, err?.message]).toEqual(['milestone', 'milestone M1 can\'t be requested yet: "500 OJL hours" is not met']);
    fake.profile!.enrollment.prior_ojl_minutes = 500 * 60;
    await fake.requestMilestoneSignoff('M1', 'ready');
    expect((await fake.getProgress()).milestones.find((m) => m.code === 'M1')?.state).toBe('requested');
    fake.ledger.signMilestone('M1', 'well done');
    const m1 = (await fake.getProgress()).milestones.find((m) => m.code === 'M1');
    expect([m1?.state, m1?.signed_off?.mentor_name]).toEqual(['signed_off', 'Dana Whitfield']);
  });
});

describe('fake sign-offs, a mentor device', () => {
  it('refuses mentor commands on an apprentice device', async () => {
    expect((await rejection(apprentice().reviewQueue(null)))?.code).toBe('not_mentor');
  });

  it('needs a comment to return, and approving moves entries out of the queue', async () => {
    const fake = mentorDevice();
    const [period] = await fake.reviewQueue(PRIYA_ID);
    const ids = period.items.map((i) => i.item.id);
    const err = await rejection(fake.reviewDecide({ apprentice_id: PRIYA_ID, record_ids: ids, approve: false, comment: ' ' }));
    expect([err?.code, err?.field]).toEqual(['invalid_input', 'comment']);
    const pendingBefore = fake.employer.outbox.length;
    const made = await fake.reviewDecide({ apprentice_id: PRIYA_ID, record_ids: ids, approve: true, comment: '' });
    expect([made.decision, made.records]).toEqual(['approved', 3]);
    expect(await fake.reviewQueue(PRIYA_ID)).toEqual([]);
    expect(fake.employer.outbox.length).toBe(pendingBefore + 1);
    const priya = (await fake.mentorApprentices()).find((a) => a.apprentice_id === PRIYA_ID)!;
    expect([priya.approved_ojl_minutes, priya.pending_entries]).toEqual([1410, 0]);
    const again = await rejection(fake.reviewDecide({ apprentice_id: PRIYA_ID, record_ids: ids, approve: true, comment: '' }));
    expect(again?.field).toBe('record_ids');
  });

  it('groups a week with totals against the standard, and marks the amendment', async () => {
    const periods = await mentorDevice().reviewQueue(JORDAN_ID);
    expect(periods.map((p) => p.pending)).toEqual([1, 7]);
    expect(periods[0].items[0].review.amends_version).toBe(1);
    const wp3 = periods[1].by_process.find((p) => p.code === 'WP3')!;
    expect([wp3.minutes, wp3.min_hours]).toEqual([1200, 400]);
    expect(wp3.approved_minutes_to_date).toBeGreaterThan(0);
  });

  it('signs a requested milestone and a known competency only', async () => {
    const fake = mentorDevice();
    await fake.signMilestone(JORDAN_ID, 'M1', 'ok');
    expect((await fake.mentorApprentices())[0].milestone_requests[0].signed?.comment).toBe('ok');
    const err = await rejection(fake.signCompetency(PRIYA_ID, 'WP3', 'WP3.9', ''));
    expect(err?.field).toBe('competency');
    await fake.signCompetency(PRIYA_ID, 'WP3', 'WP3.1', '');
    expect((await fake.mentorApprentices())[1].competencies_signed).toEqual(['WP3/WP3.1']);
  });

  it('connecting with the mentor code makes a mentor device that pulls its apprentices', async () => {
    const fake = new FakeBackend({ today: TODAY });
    const status = await fake.connectEmployer({ serverUrl: 'https://journeylog.example.com', code: 'JL-MENTOR-CODE', deviceName: 'Office' });
    expect(status.role).toBe('mentor');
    await fake.syncNow();
    expect((await fake.mentorApprentices()).map((a) => a.name)).toEqual(['Jordan Reyes', 'Priya Nair']);
    expect(await fake.getProfile()).toBeNull();
  });
});
