// What the fake employer server checks when a device connects: the core's rule for the
// server URL (ServerUrl::parse), the enrollment codes it knows, and how it says it can't be
// reached. The messages are the core's, word for word: the connect forms show them as they
// come, so tests against the fake see what the apprentice would.

import { ApiError } from '../errors';

/** The enrollment code the fake accepts (and keeps accepting, for tests). */
export const TEST_CODE = 'JL-TEST-CODE';
/** A mentor's enrollment code: the device becomes a mentor's (no logbook of its own). */
export const MENTOR_CODE = 'JL-MENTOR-CODE';

const OFFLINE_REASON = (url: string) => `could not connect to ${hostOf(url)}: connection refused`;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** The core's ServerUrl::parse, with its messages. */
export function checkServerUrl(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  const quoted = JSON.stringify(raw);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw ApiError.invalid('server_url', `server URL ${quoted} is not a valid URL, e.g. https://journeylog.example.com`);
  }
  if (!url.hostname) throw ApiError.invalid('server_url', `server URL ${quoted} has no host name`);
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw ApiError.invalid(
      'server_url',
      `server URL ${quoted} uses plain http to ${url.hostname}; only https is allowed, except to this machine (127.0.0.1, ::1 or localhost)`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw ApiError.invalid('server_url', `server URL ${quoted} must start with https://`);
  }
  if (url.search) throw ApiError.invalid('server_url', `server URL ${quoted} must not have a query string`);
  return trimmed;
}

/**
 * The server's answer to a (non-empty, trimmed) enrollment code: `JL-USED-CODE` was already
 * used, `JL-OLD-CODE` expired, anything but TEST_CODE and MENTOR_CODE is unknown.
 */
export function checkEnrollmentCode(code: string, serverUrl: string): void {
  const upper = code.toUpperCase();
  if (upper === 'JL-USED-CODE') throw ApiError.invalid('code', `enrollment code ${code} was already used; ask your employer's admin for a new one`);
  if (upper === 'JL-OLD-CODE') throw ApiError.invalid('code', `enrollment code ${code} expired; codes are valid for 7 days, ask your employer's admin for a new one`);
  if (upper !== TEST_CODE && upper !== MENTOR_CODE) throw ApiError.invalid('code', `enrollment code ${code} is not known to ${hostOf(serverUrl)}; check it, or ask your employer's admin for a new one`);
}

/** What connecting or a round fails with while the server can't be reached. */
export function offlineError(serverUrl: string): ApiError {
  return new ApiError({
    code: 'offline',
    message: `can't reach the employer server (${OFFLINE_REASON(serverUrl)}); your changes are kept and will sync when it is reachable`,
  });
}
