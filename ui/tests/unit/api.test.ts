import { afterEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
const listeners = new Map<string, (e: { payload: unknown }) => void>();
const unlisten = vi.fn();
vi.mock('@tauri-apps/api/event', () => ({
  listen: vi.fn(async (name: string, cb: (e: { payload: unknown }) => void) => {
    listeners.set(name, cb);
    return () => {
      unlisten(name);
      listeners.delete(name);
    };
  }),
}));
vi.mock('@tauri-apps/plugin-dialog', () => ({
  open: vi.fn(async () => '/picked/program.toml'),
  save: vi.fn(async () => null),
}));

import { TauriBackend } from '../../src/lib/tauri';
import { initBackend, setBackend } from '../../src/lib/api';
import { ApiError } from '../../src/lib/errors';

afterEach(() => {
  invoke.mockReset();
  unlisten.mockReset();
  listeners.clear();
  setBackend(null);
});

describe('TauriBackend', () => {
  it('calls each command with exactly the contract argument keys', async () => {
    invoke.mockResolvedValue(null);
    const b = new TauriBackend();
    const range = { from: '2026-03-02', to: '2026-03-08' };
    const input = { date: '2026-03-02', hours: '8', work_process: 'WP3', note: '', site: '', supervisor: '', prior_credit: false };
    await b.appInfo();
    await b.getWeek('');
    await b.listEntries(range);
    await b.recentEntries(5);
    await b.logOjl(input);
    await b.updateOjl('id1', input);
    await b.deleteOjl('id1');
    await b.submitEntries(range);
    await b.importProgram('/p.toml');
    await b.exportProgram('/out.toml');
    await b.saveSettings({ theme: 'dark', hours_display: 'clock', default_work_process: '' });
    await b.benchPainted('dashboard');
    expect(invoke.mock.calls).toEqual([
      ['app_info', {}],
      ['get_week', { date: '' }],
      ['list_entries', { range }],
      ['recent_entries', { limit: 5 }],
      ['log_ojl', { input }],
      ['update_ojl', { id: 'id1', input }],
      ['delete_ojl', { id: 'id1' }],
      ['submit_entries', { range }],
      ['import_program', { path: '/p.toml' }],
      ['export_program', { path: '/out.toml' }],
      ['save_settings', { settings: { theme: 'dark', hours_display: 'clock', default_work_process: '' } }],
      ['bench_painted', { label: 'dashboard' }],
    ]);
  });

  it('calls the sync commands with camelCase argument keys', async () => {
    invoke.mockResolvedValue(null);
    const b = new TauriBackend();
    await b.syncStatus();
    await b.connectEmployer({ serverUrl: 'https://s.example.com', code: 'JL-TEST-CODE', deviceName: "Jordan's laptop" });
    await b.syncNow();
    await b.listConflicts();
    await b.resolveConflict('ojl_entry', 'r1', 'mine');
    await b.listAttention();
    await b.dismissAttention('m1');
    await b.disconnectEmployer();
    expect(invoke.mock.calls).toEqual([
      ['sync_status', {}],
      ['sync_connect', { serverUrl: 'https://s.example.com', code: 'JL-TEST-CODE', deviceName: "Jordan's laptop" }],
      ['sync_now', {}],
      ['sync_conflicts', {}],
      ['sync_resolve_conflict', { kind: 'ojl_entry', recordId: 'r1', choice: 'mine' }],
      ['sync_attention', {}],
      ['sync_dismiss_attention', { mutationId: 'm1' }],
      ['sync_disconnect', {}],
    ]);
  });

  it('calls the sign-off commands with camelCase argument keys', async () => {
    invoke.mockResolvedValue(null);
    const b = new TauriBackend();
    const range = { from: '2026-03-02', to: '2026-03-08' };
    const input = { date: '2026-03-02', hours: '8', work_process: 'WP3', note: '', site: '', supervisor: '', prior_credit: false };
    const cw = { course: 'MRA-101', date: '2026-03-02', hours: '2', paid: true, grade: '', note: '' };
    const decision = { apprentice_id: 'a1', record_ids: ['r1'], approve: false, comment: 'fix' };
    await b.getReviews(range);
    await b.amendOjl('r1', input);
    await b.amendCoursework('r2', cw);
    await b.requestMilestoneSignoff('M1', 'ready');
    await b.milestoneRequests();
    await b.mentorApprentices();
    await b.reviewQueue(null);
    await b.reviewDecide(decision);
    await b.signMilestone('a1', 'M1', '');
    await b.signCompetency('a1', 'WP3', 'WP3.1', 'seen');
    expect(invoke.mock.calls).toEqual([
      ['get_reviews', { range }],
      ['amend_ojl', { id: 'r1', input }],
      ['amend_coursework', { id: 'r2', input: cw }],
      ['request_milestone_signoff', { code: 'M1', note: 'ready' }],
      ['milestone_requests', {}],
      ['mentor_apprentices', {}],
      ['review_queue', { apprenticeId: null }],
      ['review_decide', { decision }],
      ['sign_milestone', { apprenticeId: 'a1', code: 'M1', comment: '' }],
      ['sign_competency', { apprenticeId: 'a1', workProcess: 'WP3', competency: 'WP3.1', comment: 'seen' }],
    ]);
  });

  it('passes a connect field error through as an ApiError on that field', async () => {
    invoke.mockRejectedValue({ code: 'invalid_input', message: 'server URL "http://x" uses plain http to x', field: 'server_url' });
    const err = await new TauriBackend().connectEmployer({ serverUrl: 'http://x', code: 'c', deviceName: 'd' }).catch((e: unknown) => e);
    expect((err as ApiError).field).toBe('server_url');
  });

  it('turns sync://status and sync://changed into events, and stops listening on unsubscribe', async () => {
    const b = new TauriBackend();
    const seen: unknown[] = [];
    const stop = b.onSyncEvent((e) => seen.push(e));
    await vi.waitFor(() => expect([...listeners.keys()].sort()).toEqual(['sync://changed', 'sync://status']));
    listeners.get('sync://status')!({ payload: { phase: 'pending', pending: 1 } });
    listeners.get('sync://changed')!({ payload: { pulled: 2, updated: 2 } });
    expect(seen).toEqual([
      { type: 'status', status: { phase: 'pending', pending: 1 } },
      { type: 'changed', report: { pulled: 2, updated: 2 } },
    ]);
    stop();
    await vi.waitFor(() => expect(unlisten).toHaveBeenCalledTimes(2));
  });

  it('an unsubscribe before listen() resolves still stops the events', async () => {
    const b = new TauriBackend();
    const seen: unknown[] = [];
    const stop = b.onSyncEvent((e) => seen.push(e));
    stop();
    await vi.waitFor(() => expect(unlisten).toHaveBeenCalledTimes(2));
    expect(seen).toEqual([]);
  });

  it('turns a rejected invoke into an ApiError with the payload', async () => {
    invoke.mockRejectedValue({ code: 'invalid_input', message: 'hours "7:75" has more than 59 minutes', field: 'hours' });
    const err = await new TauriBackend().logOjl({ date: '', hours: '7:75', work_process: '', note: '', site: '', supervisor: '', prior_credit: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).field).toBe('hours');
  });

  it('returns the picked path from the native dialog, or null when cancelled', async () => {
    const b = new TauriBackend();
    expect(await b.pickFile([{ name: 'Program', extensions: ['toml'] }])).toBe('/picked/program.toml');
    expect(await b.pickSavePath('x.toml', [])).toBeNull();
  });
});

describe('initBackend', () => {
  it('uses the fake outside Tauri', async () => {
    expect('__TAURI_INTERNALS__' in window).toBe(false);
    const b = await initBackend();
    expect(b.kind).toBe('fake');
  });

  it('uses Tauri when __TAURI_INTERNALS__ is present', async () => {
    (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};
    try {
      const b = await initBackend();
      expect(b.kind).toBe('tauri');
    } finally {
      delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
    }
  });
});
