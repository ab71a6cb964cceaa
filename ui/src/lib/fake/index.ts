// The fake backend's entry point for the browser: picks a starting state from the URL.

import { FakeBackend } from './backend';
import { seedDemo } from './demo';
import { seedSignoffs } from './signoff-seeds';

export { FakeBackend };

/**
 * `?demo=1`: a profile with six months of history; `?profile=1`: a profile, no entries;
 * nothing: first run. `?latency=300` slows every call.
 * `?sync=connected,conflict,attention,offline,error,slow` starts connected to the simulated
 * employer (any of the words implies connected) with a conflict, a refused change, the server
 * unreachable or refusing, or 1.5 s rounds.
 * `?remote=1`: the employer's server already holds this apprentice's logbook (enrollment and
 * three entries), so connecting from first-run setup brings it to this device.
 * `?signoffs=1` (with a profile): the mentor has approved older entries and returned one
 * with a comment; `?signoffs=problems` adds an entry changed after sign-off and a sign-off
 * that fails verification (see signoff-seeds.ts).
 * `?mentor=1`: a mentor's device (no logbook of its own), connected and synced, with two
 * assigned apprentices and entries waiting for review (see mentor-seeds.ts). Connecting
 * from first-run setup with the code JL-MENTOR-CODE gets there too.
 */
export function createFakeFromLocation(search: string): FakeBackend {
  const params = new URLSearchParams(search);
  const latency = Number(params.get('latency') ?? 0) || 0;
  const fake = new FakeBackend({ latencyMs: latency });
  if (params.get('demo') === '1') seedDemo(fake, fake.today());
  else if (params.get('profile') === '1') seedDemo(fake, fake.today(), { entries: false });
  if (params.get('remote') === '1') fake.employer.seedRemoteEnrollment();
  const signoffs = params.get('signoffs');
  if (signoffs) seedSignoffs(fake, fake.today(), { problems: signoffs === 'problems' });
  if (params.get('mentor') === '1') fake.employer.seedMentor();
  applySyncParams(fake, (params.get('sync') ?? '').split(',').filter(Boolean));
  if (params.get('theme') === 'dark' || params.get('theme') === 'light') fake.settings.theme = params.get('theme') as 'dark' | 'light';
  (window as unknown as { __journeylogFake?: FakeBackend }).__journeylogFake = fake;
  return fake;
}

function applySyncParams(fake: FakeBackend, words: string[]): void {
  if (words.length === 0 || !fake.profile) return;
  const e = fake.employer;
  e.seedConnected();
  if (words.includes('conflict')) e.seedConflict();
  if (words.includes('attention')) e.seedAttention();
  if (words.includes('slow')) e.roundMs = 1500;
  if (words.includes('offline')) {
    e.offline = true;
    e.lastErrorCode = 'offline';
    e.lastError = "can't reach the employer server (could not connect to journeylog.northwind-robotics.com: connection refused); your changes are kept and will sync when it is reachable";
    e.nextAttemptAt = new Date(Date.now() + 90_000).toISOString();
  }
  if (words.includes('error')) {
    e.failure = { code: 'protocol_too_old', message: 'this app speaks journeylog-sync 1 and the server needs 2: update Journeylog' };
    e.lastErrorCode = 'server';
    e.lastError = `the employer server refused: ${e.failure.message} (${e.failure.code})`;
    e.nextAttemptAt = new Date(Date.now() + 5 * 60_000).toISOString();
  }
}
