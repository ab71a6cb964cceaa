import { describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../src/lib/api';
import type { ApiError } from '../../src/lib/errors';
import { FakeBackend } from '../../src/lib/fake/backend';
import { seedDemo } from '../../src/lib/fake/demo';
import { checkServerUrl, TEST_CODE } from '../../src/lib/fake/employer';
import { TODAY, ojl } from './helpers';

const URL_OK = 'https://journeylog.northwind-robotics.com';

function fresh(): FakeBackend {
  const fake = new FakeBackend({ today: TODAY });
  seedDemo(fake, TODAY, { entries: false });
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

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('checkServerUrl (the core rule: https, or http to this machine)', () => {
  it('accepts https and loopback http, trimming a trailing slash', () => {
    expect(checkServerUrl(' https://sync.example.com/ ')).toBe('https://sync.example.com');
    expect(checkServerUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(checkServerUrl('http://localhost:8787/api')).toBe('http://localhost:8787/api');
    expect(checkServerUrl('http://[::1]:8787')).toBe('http://[::1]:8787');
  });

  it.each([
    ['http://sync.example.com', /uses plain http to sync\.example\.com; only https is allowed, except to this machine/],
    ['ftp://sync.example.com', /must start with https:\/\//],
    ['sync.example.com', /is not a valid URL/],
    ['https://sync.example.com/?x=1', /must not have a query string/],
  ])('refuses %s on the server_url field', (raw, message) => {
    try {
      checkServerUrl(raw);
      throw new Error('accepted');
    } catch (e) {
      expect((e as ApiError).field).toBe('server_url');
      expect((e as ApiError).message).toMatch(message);
    }
  });
});

describe('fake employer', () => {
  it('starts local only and counts local writes as pending', async () => {
    const fake = fresh();
    expect((await fake.syncStatus()).phase).toBe('not_connected');
    await fake.logOjl(ojl());
    const s = await fake.syncStatus();
    expect([s.phase, s.pending]).toEqual(['not_connected', 1]);
    expect((await rejection(fake.syncNow())).code).toBe('not_connected');
  });

  it('refuses bad codes on the code field and connects with the test code', async () => {
    const fake = fresh();
    const bad = await rejection(fake.connectEmployer({ serverUrl: URL_OK, code: 'JL-NOPE', deviceName: 'x' }));
    expect([bad.code, bad.field]).toEqual(['invalid_input', 'code']);
    expect((await rejection(fake.connectEmployer({ serverUrl: URL_OK, code: '  ', deviceName: 'x' }))).message).toMatch(/empty/);
    expect((await rejection(fake.connectEmployer({ serverUrl: URL_OK, code: 'JL-USED-CODE', deviceName: 'x' }))).message).toMatch(/already used/);
    const s = await fake.connectEmployer({ serverUrl: URL_OK, code: TEST_CODE, deviceName: "Jordan's laptop" });
    expect([s.phase, s.employer_name, s.user_name]).toEqual(['synced', 'Northwind Robotics', 'Jordan Reyes']);
    const again = await rejection(fake.connectEmployer({ serverUrl: URL_OK, code: TEST_CODE, deviceName: 'x' }));
    expect(again.message).toMatch(/already connected/);
  });

  it('sends what was logged before connecting in the first background round, and reports by event', async () => {
    const fake = fresh();
    await fake.logOjl(ojl());
    const events: SyncEvent[] = [];
    fake.onSyncEvent((e) => events.push(e));
    const s = await fake.connectEmployer({ serverUrl: URL_OK, code: TEST_CODE, deviceName: 'x' });
    expect([s.phase, s.pending]).toEqual(['pending', 1]);
    await settle();
    const last = events.at(-1);
    expect(last?.type === 'status' && [last.status.phase, last.status.pending]).toEqual(['synced', 0]);
    expect(fake.employer.server.size).toBe(1);
  });

  it('keeps pending changes while offline and sends them when back', async () => {
    const fake = fresh();
    fake.employer.seedConnected();
    await fake.logOjl(ojl());
    await fake.logOjl(ojl({ hours: '2', work_process: 'WP1' }));
    fake.employer.offline = true;
    const err = await rejection(fake.syncNow());
    expect(err.code).toBe('offline');
    let s = await fake.syncStatus();
    expect([s.phase, s.pending]).toEqual(['offline', 2]);
    expect(s.last_error).toMatch(/can't reach the employer server/);
    expect(s.next_attempt_at).toBeTruthy();
    fake.employer.offline = false;
    const report = await fake.syncNow();
    expect([report.pushed, report.applied]).toEqual([2, 2]);
    s = await fake.syncStatus();
    expect([s.phase, s.pending, s.last_error ?? null]).toEqual(['synced', 0, null]);
  });

  it('a server refusal is the error phase; a refused change lands in attention', async () => {
    const fake = fresh();
    fake.employer.seedConnected();
    fake.employer.failure = { code: 'maintenance', message: 'down for maintenance' };
    expect((await rejection(fake.syncNow())).code).toBe('server');
    expect((await fake.syncStatus()).phase).toBe('error');
    fake.employer.failure = null;
    fake.employer.refuseNext = { code: 'locked', message: 'entry is approved and can no longer be changed' };
    await fake.logOjl(ojl());
    const report = await fake.syncNow();
    expect(report.rejected).toBe(1);
    const [item] = await fake.listAttention();
    expect([item.kind, item.code]).toEqual(['ojl_entry.upsert', 'locked']);
    expect((await fake.syncStatus()).attention).toBe(1);
    await fake.dismissAttention(item.mutation_id);
    expect(await fake.listAttention()).toEqual([]);
    expect((await rejection(fake.dismissAttention(item.mutation_id))).code).toBe('not_found');
  });

  it('keep mine queues this version on top of theirs; keep theirs replaces the local copy', async () => {
    const fake = fresh();
    fake.employer.seedConnected();
    const a = fake.employer.seedConflict();
    let [c] = await fake.listConflicts();
    expect([c.record_id, (c.mine as { minutes: number }).minutes, (c.theirs as { minutes: number }).minutes]).toEqual([a, 450, 480]);
    await fake.resolveConflict('ojl_entry', a, 'mine');
    expect(await fake.listConflicts()).toEqual([]);
    expect(fake.employer.outbox.map((m) => [m.record_id, m.base_version, (m.payload as { version: number }).version])).toEqual([[a, 2, 3]]);
    expect(fake.rec.ojl.find((e) => e.id === a)?.minutes).toBe(450);

    fake.employer.outbox = [];
    const b = fake.employer.seedConflict();
    [c] = await fake.listConflicts();
    await fake.resolveConflict('ojl_entry', b, 'theirs');
    expect(fake.rec.ojl.find((e) => e.id === b)?.minutes).toBe(480);
    expect(fake.employer.outbox).toEqual([]);
    expect((await rejection(fake.resolveConflict('ojl_entry', b, 'theirs'))).code).toBe('not_found');
  });

  it('pulls another device’s entries and says the logbook changed', async () => {
    const fake = fresh();
    fake.employer.seedConnected();
    const events: SyncEvent[] = [];
    fake.onSyncEvent((e) => events.push(e));
    const id = fake.employer.queueRemoteEntry(240);
    const report = await fake.syncNow();
    expect([report.pulled, report.updated]).toEqual([1, 1]);
    expect(fake.rec.ojl.map((e) => e.id)).toEqual([id]);
    await settle();
    expect(events.map((e) => e.type)).toEqual(['changed', 'status']);
  });

  it('disconnect keeps the outbox, conflicts and refused changes', async () => {
    const fake = fresh();
    fake.employer.seedConnected();
    fake.employer.seedConflict();
    fake.employer.seedAttention();
    await fake.logOjl(ojl());
    await fake.disconnectEmployer();
    const s = await fake.syncStatus();
    expect([s.phase, s.pending, s.conflicts, s.attention, s.server_url ?? null]).toEqual(['not_connected', 1, 1, 1, null]);
  });

  it('a device with no profile pulls the enrollment the server holds, then its entries', async () => {
    const fake = new FakeBackend({ today: TODAY });
    const remote = fake.employer.seedRemoteEnrollment({ name: 'Dana Apprentice' });
    expect(await fake.getProfile()).toBeNull();
    const events: SyncEvent[] = [];
    fake.onSyncEvent((e) => events.push(e));
    const s = await fake.connectEmployer({ serverUrl: URL_OK, code: TEST_CODE, deviceName: 'Spare laptop' });
    expect([s.phase, s.user_name, s.last_synced_at ?? null]).toEqual(['synced', 'Dana Apprentice', null]);
    await settle();
    expect(events.map((e) => e.type)).toEqual(['changed', 'status']);
    const profile = await fake.getProfile();
    expect(profile?.enrollment).toEqual(remote.enrollment);
    expect(fake.rec.ojl.map((e) => e.minutes)).toEqual([450, 480, 420]);
    expect((await fake.getProgress()).ojl.total_minutes).toBe(1350);
    expect(fake.employer.outbox).toEqual([]);
  });

  it('with no enrollment on the server the first round brings nothing; a new profile is then sent', async () => {
    const fake = new FakeBackend({ today: TODAY });
    await fake.connectEmployer({ serverUrl: URL_OK, code: TEST_CODE, deviceName: 'x' });
    await settle();
    const s = await fake.syncStatus();
    expect([s.phase, s.user_name, Boolean(s.last_synced_at)]).toEqual(['synced', 'Jordan Reyes', true]);
    expect(await fake.getProfile()).toBeNull();
    await fake.createProfile({ apprentice_name: 'Jordan Reyes', program: { kind: 'template', id: 'mra-phase-1' }, start_date: TODAY, prior_ojl_hours: '', prior_rti_hours: '' });
    expect((await fake.syncStatus()).pending).toBe(1);
    expect(fake.employer.outbox.map((m) => [m.kind, m.record_id, m.base_version])).toEqual([['enrollment.upsert', 'enrollment', 0]]);
    await fake.syncNow();
    expect(fake.employer.remoteProfile?.enrollment.apprentice_name).toBe('Jordan Reyes');
    expect((await fake.syncStatus()).phase).toBe('synced');
  });
});
