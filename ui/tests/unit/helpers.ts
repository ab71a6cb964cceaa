// Shared set-up for component tests: a fake backend with a profile, installed as the
// active backend, and the app state pointed at it.

import { setBackend } from '../../src/lib/api';
import { FakeBackend } from '../../src/lib/fake/backend';
import { seedDemo } from '../../src/lib/fake/demo';
import { app, DEFAULT_SETTINGS } from '../../src/lib/state.svelte';

export const TODAY = '2026-03-04'; // a Wednesday

/** A fake with a profile (and no entries unless asked); `today` defaults to TODAY. */
export function fakeWithProfile(opts: { entries?: boolean; today?: string } = {}): FakeBackend {
  const today = opts.today ?? TODAY;
  const fake = new FakeBackend({ today });
  seedDemo(fake, today, { entries: opts.entries ?? false });
  setBackend(fake);
  app.profile = fake.profile;
  app.settings = { ...DEFAULT_SETTINGS };
  app.phase = 'ready';
  app.mode = 'apprentice';
  app.screen = 'dashboard';
  return fake;
}

export const ojl = (over: Partial<Record<'date' | 'hours' | 'work_process' | 'note', string>> = {}) => ({
  date: TODAY,
  hours: '8',
  work_process: 'WP3',
  note: '',
  site: '',
  supervisor: '',
  prior_credit: false,
  ...over,
});
