// The fake backend's entry point for the browser: picks a starting state from the URL.

import { FakeBackend } from './backend';
import { seedDemo } from './demo';

export { FakeBackend };

/**
 * `?demo=1`: a profile with six months of history; `?profile=1`: a profile, no entries;
 * nothing: first run. `?latency=300` slows every call.
 */
export function createFakeFromLocation(search: string): FakeBackend {
  const params = new URLSearchParams(search);
  const latency = Number(params.get('latency') ?? 0) || 0;
  const fake = new FakeBackend({ latencyMs: latency });
  if (params.get('demo') === '1') seedDemo(fake, fake.today());
  else if (params.get('profile') === '1') seedDemo(fake, fake.today(), { entries: false });
  if (params.get('theme') === 'dark' || params.get('theme') === 'light') fake.settings.theme = params.get('theme') as 'dark' | 'light';
  (window as unknown as { __journeylogFake?: FakeBackend }).__journeylogFake = fake;
  return fake;
}
