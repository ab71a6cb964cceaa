import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/bindings/SyncStatus';
import { formatMinutes } from '../../src/lib/format';
import {
  changeVerb,
  defaultDeviceName,
  diffFields,
  firstSync,
  kindLabel,
  recordSummary,
  relativeTime,
  sentence,
  statusDetail,
  statusHeadline,
  statusLabel,
} from '../../src/lib/sync';

const NOW = Date.parse('2026-03-04T15:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const hours = (m: number) => formatMinutes(m, 'clock');

const base: SyncStatus = {
  phase: 'synced',
  server_url: 'https://journeylog.northwind-robotics.com',
  employer_name: 'Northwind Robotics',
  user_name: 'Jordan Reyes',
  pending: 0,
  conflicts: 0,
  attention: 0,
  last_synced_at: ago(3 * MIN),
  last_error: null,
  next_attempt_at: null,
};

describe('statusLabel', () => {
  it('gives the header word for every phase', () => {
    expect(statusLabel({ ...base, phase: 'not_connected' })).toBe('Local only');
    expect(statusLabel(base)).toBe('Synced');
    expect(statusLabel({ ...base, phase: 'pending', pending: 3 })).toBe('Pending 3');
    expect(statusLabel({ ...base, phase: 'offline', pending: 2 })).toBe('Offline');
    expect(statusLabel({ ...base, phase: 'error' })).toBe('Error');
  });
});

describe('statusDetail', () => {
  it('says when the last sync was', () => {
    expect(statusDetail(base, NOW)).toBe('Up to date with Northwind Robotics. Last synced 3 minutes ago.');
    expect(statusDetail({ ...base, last_synced_at: null }, NOW)).toBe('Up to date with Northwind Robotics. Not synced yet.');
  });

  it('counts what waits, offline, and when it tries again', () => {
    const s = { ...base, phase: 'offline' as const, pending: 1, next_attempt_at: new Date(NOW + 2 * MIN).toISOString() };
    expect(statusDetail(s, NOW)).toBe("Can't reach Northwind Robotics. 1 change kept on this device. Trying again in 2 minutes. Last synced 3 minutes ago.");
    expect(statusDetail({ ...base, phase: 'pending', pending: 2 }, NOW)).toMatch(/^2 changes waiting to be sent to Northwind Robotics\./);
  });

  it('shows the last error as a sentence', () => {
    const s = { ...base, phase: 'error' as const, last_error: 'the employer server refused: token revoked (unauthorized)' };
    expect(statusDetail(s, NOW)).toBe('The employer server refused: token revoked (unauthorized).');
  });

  it('points a local-only logbook to Settings', () => {
    expect(statusDetail({ ...base, phase: 'not_connected' }, NOW)).toMatch(/only on this device.*Settings/);
  });
});

describe('statusHeadline', () => {
  it('says the state in a few words, without repeating the error', () => {
    expect(statusHeadline(base)).toBe('Up to date with Northwind Robotics.');
    expect(statusHeadline({ ...base, phase: 'pending', pending: 1 })).toBe('1 change waiting to be sent.');
    expect(statusHeadline({ ...base, phase: 'offline' })).toBe("Can't reach Northwind Robotics. Your changes are kept on this device.");
    expect(statusHeadline({ ...base, phase: 'error' })).toBe("Northwind Robotics's server refused the last sync.");
    expect(statusHeadline({ ...base, phase: 'error', employer_name: null })).toBe('The server refused the last sync.');
  });
});

describe('relativeTime', () => {
  it.each([
    [ago(10_000), 'just now'],
    [ago(60_000), '1 minute ago'],
    [ago(5 * MIN), '5 minutes ago'],
    [ago(60 * MIN), '1 hour ago'],
    [ago(5 * 60 * MIN), '5 hours ago'],
    [ago(26 * 60 * MIN), 'yesterday'],
    [ago(3 * 24 * 60 * MIN), '3 days ago'],
    [new Date(NOW + 10 * MIN).toISOString(), 'in 10 minutes'],
    [new Date(NOW + 20_000).toISOString(), 'in a moment'],
  ])('%s → %s', (iso, text) => {
    expect(relativeTime(iso, NOW)).toBe(text);
  });

  it('falls back to a date after a week, and says never for nothing', () => {
    expect(relativeTime('2026-02-01T12:00:00.000Z', NOW)).toBe('Feb 1');
    expect(relativeTime('2025-02-01T12:00:00.000Z', NOW)).toBe('Feb 1, 2025');
    expect(relativeTime(null, NOW)).toBe('never');
  });
});

describe('sentence', () => {
  it('capitalises and ends with a full stop once', () => {
    expect(sentence("can't reach the server")).toBe("Can't reach the server.");
    expect(sentence('Done.')).toBe('Done.');
    expect(sentence('refused (day_limit)')).toBe('Refused (day_limit).');
  });
});

describe('recordSummary', () => {
  const ojl = { id: 'a', date: '2026-03-02', minutes: 450, work_process: 'WP3', note: '' };

  it('names an OJL entry by date, hours and work process', () => {
    expect(recordSummary('ojl_entry.upsert', ojl, hours)).toBe('OJL 2026-03-02 · 7:30 · WP3');
    expect(recordSummary('ojl_entry', ojl, (m) => formatMinutes(m, 'decimal'))).toBe('OJL 2026-03-02 · 7.5 · WP3');
  });

  it('names coursework, certifications and the enrollment', () => {
    expect(recordSummary('coursework_entry.upsert', { date: '2026-03-03', minutes: 180, course: 'MRA-102' }, hours)).toBe('Coursework 2026-03-03 · 3:00 · MRA-102');
    expect(recordSummary('certification.upsert', { title: 'OSHA 10', earned_on: '2026-01-10' }, hours)).toBe('Certification · OSHA 10 · earned 2026-01-10');
    expect(recordSummary('enrollment', { apprentice_name: 'Jordan Reyes', start_date: '2026-01-05' }, hours)).toBe('Enrollment · Jordan Reyes · started 2026-01-05');
  });

  it('falls back to the kind and a short id when a deletion carries no fields', () => {
    const id = '0195f0a2-7c1e-7000-8000-00000000abcd';
    expect(recordSummary('ojl_entry.delete', { id, version: 3, deleted_at: '2026-03-02T10:00:00Z' }, hours)).toBe('OJL entry · 0000abcd');
    expect(recordSummary('badge.upsert', null, hours, id)).toBe('badge · 0000abcd');
  });

  it('labels kinds and operations', () => {
    expect(kindLabel('coursework_entry.delete')).toBe('Coursework');
    expect(changeVerb('ojl_entry.delete')).toBe('Deletion');
    expect(changeVerb('ojl_entry.upsert')).toBe('Change');
  });
});

describe('diffFields', () => {
  const mine = { id: 'x', date: '2026-03-02', minutes: 450, work_process: 'WP3', note: 'prox sensor', site: '', supervisor: 'Dana', prior_credit: false, status: 'draft', version: 2, updated_at: 'a' };
  const theirs = { ...mine, minutes: 480, note: 'prox sensor, HMI', version: 3, updated_at: 'b' };

  it('lists the fields the apprentice knows and flags only the ones that differ', () => {
    const rows = diffFields('ojl_entry', mine, theirs, hours);
    expect(rows.map((r) => r.key)).toEqual(['date', 'minutes', 'work_process', 'note', 'site', 'supervisor', 'prior_credit', 'status']);
    expect(rows.filter((r) => r.differs).map((r) => r.key)).toEqual(['minutes', 'note']);
    const h = rows.find((r) => r.key === 'minutes')!;
    expect([h.label, h.mine, h.theirs]).toEqual(['Hours', '7:30', '8:00']);
    expect(rows.find((r) => r.key === 'site')!.mine).toBe('—');
    expect(rows.find((r) => r.key === 'prior_credit')!.mine).toBe('No');
    expect(rows.find((r) => r.key === 'status')!.mine).toBe('Draft');
  });

  it('treats a missing field and null alike, and shows evidence by file name', () => {
    const a = { title: 'OSHA 10', expires_on: null, evidence: { file_name: 'card.pdf', sha256: '1', size_bytes: 1 } };
    const b = { title: 'OSHA 10', evidence: { file_name: 'card-2.pdf', sha256: '2', size_bytes: 1 } };
    const rows = diffFields('certification', a, b, hours);
    expect(rows.find((r) => r.key === 'expires_on')!.differs).toBe(false);
    const ev = rows.find((r) => r.key === 'evidence')!;
    expect([ev.mine, ev.theirs, ev.differs]).toEqual(['card.pdf', 'card-2.pdf', true]);
  });

  it('compares every field of an unknown kind except the bookkeeping', () => {
    const rows = diffFields('badge', { id: '1', version: 1, level_name: 'gold' }, { id: '1', version: 2, level_name: 'silver' }, hours);
    expect(rows.map((r) => [r.label, r.differs])).toEqual([['Level name', true]]);
  });
});

describe('defaultDeviceName', () => {
  it('uses the first name and the kind of computer', () => {
    expect(defaultDeviceName('Jordan Reyes', 'Mozilla/5.0 (X11; Linux x86_64)')).toBe("Jordan's laptop");
    expect(defaultDeviceName('Chris Ortiz', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4)')).toBe("Chris' Mac");
    expect(defaultDeviceName('Ana', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)')).toBe("Ana's PC");
    expect(defaultDeviceName('', '')).toBe('Journeylog on this laptop');
  });
});

describe('firstSync', () => {
  it('is local before connecting, waiting until a round ends, done once one succeeded', () => {
    expect(firstSync(null)).toBe('local');
    expect(firstSync({ phase: 'not_connected', pending: 2, conflicts: 0, attention: 0 })).toBe('local');
    expect(firstSync({ ...base, last_synced_at: null })).toBe('waiting');
    expect(firstSync({ ...base, phase: 'pending', pending: 1, last_synced_at: null })).toBe('waiting');
    expect(firstSync(base)).toBe('done');
  });

  it('is failed while no round has succeeded and the last one failed; an earlier success stays done', () => {
    const offline: SyncStatus = { ...base, phase: 'offline', last_synced_at: null, last_error: "can't reach the employer server" };
    expect(firstSync(offline)).toBe('failed');
    expect(firstSync({ ...offline, phase: 'error' })).toBe('failed');
    expect(firstSync({ ...offline, last_synced_at: ago(MIN) })).toBe('done');
  });
});
