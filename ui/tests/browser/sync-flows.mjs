// The employer-sync flows: connecting, the header's states, Sync now, conflicts and
// refused changes, against the fake backend's simulated employer
// (window.__journeylogFake.employer, see src/lib/fake/employer.ts).

import { assert, assertEqual } from './harness.mjs';

const GOOD_URL = 'https://journeylog.northwind-robotics.com';
/** Runs `f(employer, arg)` in the page (an expression, so the page's CSP doesn't apply). */
const employer = (page, f, arg = null) => page.evaluate(`(${f.toString()})(window.__journeylogFake.employer, ${JSON.stringify(arg)})`);
const phase = (page) => page.getAttribute('[data-testid=sync-status]', 'data-phase');
const statusText = async (page) => (await page.textContent('[data-testid=sync-status]')).replace(/\s+/g, ' ').trim();
const waitPhase = (page, p) => page.waitForSelector(`[data-testid=sync-status][data-phase=${p}]`);

async function open(page, url, query) {
  await page.goto(`${url}?${query}`);
  await page.waitForSelector('[data-testid=sync-status]');
}

async function connect(page, server, code) {
  await page.click('[data-testid=nav-settings]');
  await page.fill('#connect-server', server);
  await page.fill('#connect-code', code);
  await page.click('[data-testid=connect-submit]');
}

async function logOjl(page, hours) {
  await page.click('[data-testid=nav-log]');
  await page.fill('#log-hours', hours);
  await page.fill('#log-process', 'WP3');
  await page.press('#log-process', 'Enter');
  await page.click('[data-testid=log-submit]');
  await page.waitForSelector(`[data-testid=entry-row][data-minutes="${Number(hours) * 60}"]`);
}

export const tests = [
  {
    name: 'sync: not connected, the header says Local only and leads to Settings',
    async fn(page, url) {
      await open(page, url, 'profile=1');
      assertEqual(await phase(page), 'not_connected', 'phase');
      assertEqual(await statusText(page), 'Local only: connect to your employer in Settings', 'text, with its hidden hint');
      assertEqual(await page.locator('[data-testid=sync-now]').count(), 0, 'no Sync now while local only');
      await page.click('[data-testid=sync-status]');
      await page.waitForSelector('[data-testid=connect-form]');
      assertEqual(await page.getAttribute('main', 'data-screen'), 'settings', 'on Settings');
      assert((await page.inputValue('#connect-device')).startsWith("Jordan's"), 'device name prefilled from the profile');
    },
  },
  {
    name: 'sync: plain http to a remote host is refused next to the server field',
    async fn(page, url) {
      await open(page, url, 'profile=1');
      await connect(page, 'http://journeylog.northwind-robotics.com', 'JL-TEST-CODE');
      const text = await (await page.waitForSelector('[data-testid=error-server_url]')).textContent();
      assert(/uses plain http to journeylog\.northwind-robotics\.com; only https is allowed/.test(text), `message: ${text}`);
      const field = await page.$eval('[data-testid=error-server_url]', (el) => el.closest('.field')?.querySelector('input')?.id);
      assertEqual(field, 'connect-server', 'error sits in the server field');
      assertEqual(await page.getAttribute('#connect-server', 'aria-invalid'), 'true', 'server marked invalid');
      assertEqual(await page.evaluate(() => document.activeElement?.id), 'connect-server', 'focus moved to the field');
      assertEqual(await page.locator('[data-testid=error-code]').count(), 0, 'no code error');
      assertEqual(await phase(page), 'not_connected', 'still local only');
      assertEqual(await employer(page, (e) => e.connection), null, 'not connected in the backend');
    },
  },
  {
    name: 'sync: http to this machine is allowed, a wrong code is refused next to the code field',
    async fn(page, url) {
      await open(page, url, 'profile=1');
      await connect(page, 'http://127.0.0.1:8787', 'JL-NOT-A-CODE');
      const text = await (await page.waitForSelector('[data-testid=error-code]')).textContent();
      assert(/enrollment code JL-NOT-A-CODE is not known/.test(text), `message: ${text}`);
      assertEqual(await page.getAttribute('#connect-code', 'aria-invalid'), 'true', 'code marked invalid');
      assertEqual(await page.locator('[data-testid=error-server_url]').count(), 0, 'the loopback URL passed');
      assertEqual(await phase(page), 'not_connected', 'still local only');
    },
  },
  {
    name: 'sync: offline while connecting says so in a banner and stays local',
    async fn(page, url) {
      await open(page, url, 'profile=1');
      await employer(page, (e) => (e.offline = true));
      await connect(page, GOOD_URL, 'JL-TEST-CODE');
      const text = await (await page.waitForSelector('[data-testid=connect-error]')).textContent();
      assert(/Couldn't reach the server/.test(text) && /Can't reach the employer server/.test(text), `banner: ${text}`);
      assertEqual(await phase(page), 'not_connected', 'still local only');
    },
  },
  {
    name: 'sync: connect, log an entry (Pending 1), Sync now (Synced)',
    async fn(page, url) {
      await open(page, url, 'profile=1');
      await connect(page, GOOD_URL, 'JL-TEST-CODE');
      await waitPhase(page, 'synced');
      assertEqual(await statusText(page), 'Synced', 'header word');
      // The first round runs in the background right after connecting and reports by event.
      await page.waitForFunction(() => /Last synced just now/.test(document.querySelector('[data-testid=sync-status]')?.title ?? ''));
      const facts = await (await page.waitForSelector('[data-testid=employer-facts]')).textContent();
      assert(facts.includes('Northwind Robotics') && facts.includes(GOOD_URL), `settings show the employer: ${facts}`);

      await logOjl(page, '8');
      await waitPhase(page, 'pending');
      assertEqual(await statusText(page), 'Pending 1', 'header after logging');

      await employer(page, (e) => (e.roundMs = 400));
      await page.click('[data-testid=sync-now]');
      await page.waitForSelector('[data-testid=sync-now][aria-busy=true]:disabled');
      assert((await page.textContent('[data-testid=sync-now]')).includes('Syncing'), 'shows progress');
      await waitPhase(page, 'synced');
      await page.waitForSelector('[data-testid=sync-now]:enabled');
      assertEqual(await statusText(page), 'Synced', 'header after Sync now');
      assertEqual(await employer(page, (e) => e.outbox.length), 0, 'outbox sent');
      assertEqual(await employer(page, (e) => e.server.size), 1, 'the server has the entry');
    },
  },
  {
    name: 'sync: offline shows Offline, keeps the pending count and the reason',
    async fn(page, url) {
      await open(page, url, 'profile=1&sync=connected');
      await waitPhase(page, 'synced');
      await logOjl(page, '6');
      await waitPhase(page, 'pending');
      await employer(page, (e) => (e.offline = true));
      await page.click('[data-testid=sync-now]');
      await waitPhase(page, 'offline');
      assertEqual(await statusText(page), 'Offline · 1 pending', 'header word and count');
      assertEqual(await page.getAttribute('[data-testid=sync-status]', 'data-pending'), '1', 'pending kept');
      const err = await (await page.waitForSelector('[data-testid=sync-now-error]')).textContent();
      assert(/Can't reach the employer server/.test(err), `Sync now says why: ${err}`);
      // The details open from the keyboard and close with Escape, back on the button.
      await page.focus('[data-testid=sync-status]');
      await page.keyboard.press('Enter');
      const details = await (await page.waitForSelector('[data-testid=sync-details]')).textContent();
      assert(/1 change/.test(details) && /Northwind Robotics/.test(details), `details: ${details}`);
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=sync-details]', { state: 'detached' });
      assertEqual(await page.evaluate(() => document.activeElement?.dataset.testid), 'sync-status', 'focus back on the status');
      // Back online: the same change goes through.
      await employer(page, (e) => (e.offline = false));
      await page.click('[data-testid=sync-now]');
      await waitPhase(page, 'synced');
      assertEqual(await page.locator('[data-testid=sync-now-error]').count(), 0, 'error cleared');
      assertEqual(await employer(page, (e) => e.server.size), 1, 'sent once back online');
    },
  },
  {
    name: 'sync: a server refusal shows Error with the reason',
    async fn(page, url) {
      await open(page, url, 'profile=1&sync=error');
      assertEqual(await statusText(page), 'Error', 'header word');
      assert(/update Journeylog/.test(await page.getAttribute('[data-testid=sync-status]', 'title')), 'tooltip has last_error');
      await page.click('[data-testid=sync-status]');
      assert(/update Journeylog/.test(await page.textContent('[data-testid=sync-last-error]')), 'details show last_error');
      await page.click('[data-testid=sync-now]');
      const err = await (await page.waitForSelector('[data-testid=sync-now-error]')).textContent();
      assert(/The employer server refused: .*\(protocol_too_old\)/.test(err), `Sync now error: ${err}`);
    },
  },
  {
    name: 'sync: a conflict shows both versions and resolves with keep-mine',
    async fn(page, url) {
      await open(page, url, 'profile=1&sync=conflict');
      const badge = await page.waitForSelector('[data-testid=sync-conflicts-badge]');
      assertEqual(await badge.getAttribute('data-count'), '1', 'badge count');
      await badge.click();
      const row = page.locator('[data-testid=conflict-row]');
      await row.waitFor();
      assertEqual(await page.getAttribute('main', 'data-screen'), 'sync', 'badge opens Sync');
      const differs = await row.locator('tr[data-differs=true]').evaluateAll((rows) => rows.map((r) => r.dataset.field));
      assertEqual(differs.join(','), 'minutes,note,site', 'the differing fields are marked');
      const hours = (await row.locator('tr[data-field=minutes]').textContent()).replace(/\s+/g, ' ');
      assert(hours.includes('7:30') && hours.includes('8:00'), `both versions side by side: ${hours}`);
      const id = await row.getAttribute('data-id');
      await row.locator('[data-testid=keep-mine]').click();
      await page.waitForSelector('[data-testid=conflict-row]', { state: 'detached' });
      await page.waitForSelector('[data-testid=conflicts-section] [data-testid=empty-state]');
      assertEqual(await page.locator('[data-testid=sync-conflicts-badge]').count(), 0, 'badge gone');
      await waitPhase(page, 'pending');
      const queued = await employer(page, (e, rid) => e.outbox.filter((m) => m.record_id === rid).map((m) => `${m.base_version}:${m.payload.minutes}`), id);
      assertEqual(queued.join(','), '2:450', 'this device\'s 7:30 is queued on top of the other version');
    },
  },
  {
    name: 'sync: a refused change is listed with the reason and can be dismissed',
    async fn(page, url) {
      await open(page, url, 'profile=1&sync=attention');
      await page.click('[data-testid=sync-attention-badge]');
      const row = page.locator('[data-testid=attention-row]');
      await row.waitFor();
      const summary = await row.locator('[data-testid=attention-summary]').textContent();
      assert(/^OJL \d{4}-\d{2}-\d{2} · 7:30 · WP3$/.test(summary), `summary: ${summary}`);
      const text = await row.textContent();
      assert(text.includes('day_limit') && text.includes('a day holds at most 24:00'), `reason and code: ${text}`);
      await row.locator('[data-testid=attention-dismiss]').click();
      await page.waitForSelector('[data-testid=attention-row]', { state: 'detached' });
      assert((await page.textContent('[data-testid=attention-section]')).includes('Nothing needs attention'), 'empty state');
      assertEqual(await page.locator('[data-testid=sync-attention-badge]').count(), 0, 'badge gone');
      assertEqual(await employer(page, (e) => e.attention.length), 0, 'dismissed in the backend');
    },
  },
  {
    name: 'sync: entries pulled from another device reload the dashboard',
    async fn(page, url) {
      await open(page, url, 'profile=1&sync=connected');
      await page.waitForSelector('[data-testid=ojl-total]');
      const before = Number(await page.getAttribute('[data-testid=ojl-total]', 'data-minutes'));
      await employer(page, (e) => e.queueRemoteEntry(240));
      await page.click('[data-testid=sync-now]');
      await page.waitForSelector(`[data-testid=ojl-total][data-minutes="${before + 240}"]`);
    },
  },
  {
    name: 'sync: disconnect asks first and keeps the log on this device',
    async fn(page, url) {
      await open(page, url, 'profile=1&sync=connected');
      await logOjl(page, '8');
      await page.click('[data-testid=nav-settings]');
      await page.click('[data-testid=disconnect]');
      const msg = await (await page.waitForSelector('[data-testid=confirm-dialog] .muted')).textContent();
      assert(/stays in your logbook here, including 1 change not yet sent/.test(msg), `explains: ${msg}`);
      await page.click('[data-testid=confirm-yes]');
      await waitPhase(page, 'not_connected');
      await page.waitForSelector('[data-testid=connect-form]');
      assertEqual(await page.evaluate(() => window.__journeylogFake.rec.ojl.length), 1, 'the entry is still here');
    },
  },
  {
    name: 'setup: connect this device brings the logbook from the server and opens the dashboard',
    async fn(page, url) {
      await page.goto(`${url}?remote=1`);
      await page.click('[data-testid=setup-connect-link]');
      await page.waitForSelector('[data-testid=setup-connect][data-stage=local]');
      assertEqual(await page.evaluate(() => document.activeElement?.textContent), 'Connect this device', 'focus on the heading');
      await page.fill('#connect-server', GOOD_URL);
      await page.fill('#connect-code', 'JL-TEST-CODE');
      await page.fill('#connect-device', 'Spare shop laptop');
      await employer(page, (e) => (e.roundMs = 400));
      await page.click('[data-testid=connect-submit]');
      const waiting = await (await page.waitForSelector('[data-testid=setup-connect-waiting]')).textContent();
      assert(/Fetching your logbook/.test(waiting), `waiting: ${waiting}`);
      await page.waitForSelector('[data-testid=ojl-total]');
      assertEqual(await page.getAttribute('[data-testid=ojl-total]', 'data-minutes'), '1350', 'the three pulled entries count');
      assert((await page.textContent('[data-testid=sidebar-profile]')).includes('Jordan Reyes'), 'sidebar shows the pulled name');
      await waitPhase(page, 'synced');
      assertEqual(await employer(page, (e) => e.connection.device_name), 'Spare shop laptop', 'device name sent');
      const recent = await page.textContent('[data-testid=recent-entries]');
      assert(recent.includes('7:30') && recent.includes('8:00') && recent.includes('7:00'), `recent entries list the pulled ones: ${recent}`);
    },
  },
  {
    name: 'setup: connect with a wrong code or offline stays on setup, with the reason',
    async fn(page, url) {
      await page.goto(url);
      await page.click('[data-testid=setup-connect-link]');
      await page.fill('#connect-server', 'http://journeylog.northwind-robotics.com');
      await page.fill('#connect-code', 'JL-NOPE');
      await page.click('[data-testid=connect-submit]');
      assert(/only https is allowed/.test(await (await page.waitForSelector('[data-testid=error-server_url]')).textContent()), 'server error');
      await page.fill('#connect-server', GOOD_URL);
      await page.click('[data-testid=connect-submit]');
      assert(/is not known/.test(await (await page.waitForSelector('[data-testid=error-code]')).textContent()), 'code error');
      await employer(page, (e) => (e.offline = true));
      await page.fill('#connect-code', 'JL-TEST-CODE');
      await page.click('[data-testid=connect-submit]');
      assert(/Couldn't reach the server/.test(await (await page.waitForSelector('[data-testid=connect-error]')).textContent()), 'offline banner');
      await page.click('[data-testid=setup-back]');
      await page.waitForSelector('[data-testid=setup-form]');
      assertEqual(await employer(page, (e) => e.connection), null, 'not connected');
    },
  },
  {
    name: 'setup: connect when the server has no logbook yet says so, and the new profile is sent',
    async fn(page, url) {
      await page.goto(url);
      await page.click('[data-testid=setup-connect-link]');
      await page.fill('#connect-server', GOOD_URL);
      await page.fill('#connect-code', 'JL-TEST-CODE');
      await page.click('[data-testid=connect-submit]');
      const banner = await (await page.waitForSelector('[data-testid=setup-no-enrollment]')).textContent();
      assert(/Northwind Robotics has no logbook for Jordan Reyes yet/.test(banner), `banner: ${banner}`);
      assertEqual(await page.inputValue('#setup-name'), 'Jordan Reyes', 'name from the server account');
      assertEqual(await page.locator('[data-testid=setup-connect-link]').count(), 0, 'no second connect offer');
      await page.waitForSelector('#setup-program option[value="mra-phase-1"]', { state: 'attached' });
      await page.fill('#setup-start', '2026-01-05');
      await page.click('[data-testid=setup-submit]');
      await page.waitForSelector('[data-testid=ojl-total]');
      await waitPhase(page, 'pending');
      await page.click('[data-testid=sync-now]');
      await waitPhase(page, 'synced');
      assertEqual(await employer(page, (e) => e.remoteProfile?.enrollment.start_date), '2026-01-05', 'the server has the new profile');
    },
  },
];
