// Screenshots of every screen, light and dark, with demo data and empty, into
// /tmp/ui-shots (or SHOTS_DIR). Usage: npm run screenshots
// SHOTS=signoffs takes only the sign-off screens (apprentice and mentor).
import { mkdirSync } from 'node:fs';
import { serveDist } from './server.mjs';
import { launch } from './chromium.mjs';

const OUT = process.env.SHOTS_DIR ?? '/tmp/ui-shots';
/** Ends the run early when only the sign-off screens were asked for. */
class Done extends Error {}
mkdirSync(OUT, { recursive: true });

const SCREENS = ['dashboard', 'log', 'coursework', 'certifications', 'program', 'export', 'sync', 'settings'];
const server = await serveDist();
const taken = [];
try {
  for (const scheme of ['light', 'dark']) {
    const browser = await launch({ colorScheme: scheme });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await signoffShots(page, scheme);
    if (process.env.SHOTS === 'signoffs') {
      await browser.close();
      continue;
    }

    await page.goto(`${server.url}`);
    await page.waitForSelector('[data-testid=setup-form]');
    await page.waitForSelector('#setup-program option[value="mra-phase-1"]', { state: 'attached' });
    await page.fill('#setup-name', 'Jordan Reyes');
    await shot(page, `${scheme}-setup`);
    await setupConnectShots(page, scheme);

    for (const data of ['demo', 'empty']) {
      await page.goto(`${server.url}?${data === 'demo' ? 'demo=1' : 'profile=1'}`);
      for (const s of SCREENS) {
        await page.click(`[data-testid=nav-${s}]`);
        await page.waitForTimeout(250);
        await page.mouse.move(0, 0);
        await shot(page, `${scheme}-${data}-${s}`);
        if (data === 'demo' && scheme === 'light') await shot(page, `full-${scheme}-${data}-${s}`, true);
      }
    }

    // Loading: every call takes 800 ms.
    await page.goto(`${server.url}?demo=1&latency=800`);
    await page.waitForSelector('[data-testid=nav-log]', { timeout: 5000 });
    await page.waitForTimeout(200);
    await shot(page, `${scheme}-loading-dashboard`);
    await page.click('[data-testid=nav-log]');
    await page.waitForTimeout(200);
    await shot(page, `${scheme}-loading-log`);

    // A few states worth seeing: the combobox open, a field error, a dialog.
    await page.goto(`${server.url}?demo=1`);
    await page.click('[data-testid=nav-log]');
    await page.fill('#log-hours', '7:75');
    await page.fill('#log-process', 'plc');
    await shot(page, `${scheme}-log-combobox`);
    await page.keyboard.press('Enter');
    await page.click('[data-testid=log-submit]');
    await page.waitForSelector('[data-testid=error-hours]');
    await shot(page, `${scheme}-log-error`);
    await page.click('[data-testid=nav-certifications]');
    await page.click('[data-testid=cert-add]');
    await page.waitForTimeout(250);
    await shot(page, `${scheme}-cert-dialog`);

    await syncShots(page, scheme);
    await exportShots(page, scheme);
    await browser.close();
  }
  if (process.env.SHOTS === 'signoffs') throw new Done();
  // The smallest window the shell allows.
  const small = await launch({ viewport: { width: 960, height: 640 } });
  const page = small.context.pages()[0] ?? (await small.context.newPage());
  await page.goto(`${server.url}?demo=1`);
  for (const s of ['dashboard', 'log', 'coursework', 'export']) {
    await page.click(`[data-testid=nav-${s}]`);
    await page.waitForTimeout(250);
    await page.mouse.move(0, 0);
    const path = `${OUT}/small-${s}.png`;
    await page.screenshot({ path });
    taken.push(path);
  }
  await small.close();
} catch (e) {
  if (!(e instanceof Done)) throw e;
} finally {
  await server.close();
}
console.log(`${taken.length} screenshots in ${OUT}`);

// First run on a spare device: the connect path, the wait for the logbook, and the
// server with no logbook for this apprentice yet.
async function setupConnectShots(page, scheme) {
  const employer = (f) => page.evaluate(`(${f.toString()})(window.__journeylogFake.employer)`);
  const fill = async () => {
    await page.click('[data-testid=setup-connect-link]');
    await page.waitForSelector('[data-testid=setup-connect]');
    await page.fill('#connect-server', 'https://journeylog.northwind-robotics.com');
    await page.fill('#connect-code', 'JL-TEST-CODE');
    await page.fill('#connect-device', 'Spare shop laptop');
  };
  await page.goto(`${server.url}?remote=1`);
  await page.waitForSelector('[data-testid=setup-connect-offer]');
  await fill();
  await page.mouse.move(0, 0);
  await shot(page, `${scheme}-setup-connect`);
  await employer((e) => (e.roundMs = 60_000));
  await page.click('[data-testid=connect-submit]');
  await page.waitForSelector('[data-testid=setup-connect-waiting]');
  await shot(page, `${scheme}-setup-connect-waiting`);

  // Connected, then the server stopped answering before the first round.
  await page.goto(`${server.url}?remote=1`);
  await page.waitForSelector('[data-testid=setup-connect-offer]');
  await fill();
  await employer((e) => (e.roundMs = 300));
  await page.click('[data-testid=connect-submit]');
  await page.waitForSelector('[data-testid=setup-connect-waiting]');
  await employer((e) => (e.offline = true));
  await page.waitForSelector('[data-testid=setup-connect-failed]');
  await page.mouse.move(0, 0);
  await shot(page, `${scheme}-setup-connect-failed`);

  await page.goto(`${server.url}`);
  await page.waitForSelector('[data-testid=setup-connect-offer]');
  await employer((e) => (e.offline = true));
  await fill();
  await page.click('[data-testid=connect-submit]');
  await page.waitForSelector('[data-testid=connect-error]');
  await page.mouse.move(0, 0);
  await shot(page, `${scheme}-setup-connect-offline`);
  await employer((e) => (e.offline = false));
  await page.click('[data-testid=connect-submit]');
  await page.waitForSelector('[data-testid=setup-no-enrollment]');
  await page.waitForSelector('#setup-program option[value="mra-phase-1"]', { state: 'attached' });
  await page.mouse.move(0, 0);
  await shot(page, `${scheme}-setup-no-enrollment`);
}

// Sync: the header in each state, the connect section, the Sync screen.
async function syncShots(page, scheme) {
  const go = async (query, screen) => {
    await page.goto(`${server.url}?${query}`);
    await page.waitForSelector('[data-testid=sync-status]');
    if (screen) await page.click(`[data-testid=nav-${screen}]`);
    await page.waitForTimeout(250);
  };
  await go('profile=1', 'settings');
  await page.fill('#connect-server', 'http://journeylog.northwind-robotics.com');
  await page.fill('#connect-code', 'JL-TEST-CODE');
  await page.click('[data-testid=connect-submit]');
  await page.waitForSelector('[data-testid=error-server_url]');
  await page.mouse.move(0, 0);
  await shot(page, `${scheme}-sync-connect-error`);

  await go('demo=1&sync=connected', 'settings');
  await page.waitForSelector('[data-testid=employer-facts]');
  await shot(page, `${scheme}-sync-settings-connected`);

  await go('demo=1&sync=connected', 'log');
  await page.fill('#log-hours', '2');
  await page.fill('#log-process', 'WP3');
  await page.press('#log-process', 'Enter');
  await page.click('[data-testid=log-submit]');
  await page.waitForSelector('[data-testid=sync-status][data-phase=pending]');
  await page.click('[data-testid=sync-status]');
  await page.waitForTimeout(200);
  await shot(page, `${scheme}-sync-header-pending`);

  await go('demo=1&sync=connected,slow');
  await page.click('[data-testid=sync-now]');
  await page.waitForTimeout(300);
  await shot(page, `${scheme}-sync-header-running`);

  await go('demo=1&sync=offline');
  await page.click('[data-testid=sync-now]');
  await page.waitForSelector('[data-testid=sync-now-error]');
  await page.click('[data-testid=sync-status]');
  await page.waitForTimeout(200);
  await shot(page, `${scheme}-sync-header-offline`);

  await go('demo=1&sync=error,conflict,attention');
  await page.click('[data-testid=sync-status]');
  await page.waitForTimeout(200);
  await shot(page, `${scheme}-sync-header-error`);

  await go('demo=1&sync=conflict,attention', 'sync');
  await page.waitForSelector('[data-testid=conflict-row]');
  await page.mouse.move(0, 0);
  await shot(page, `${scheme}-sync-screen`);
  await shot(page, `full-${scheme}-sync-screen`, true);
}

// Export: a run in progress, the finished PDF, and a format refused next to its field.
async function exportShots(page, scheme) {
  const inFake = (f) => page.evaluate(`(${f.toString()})(window.__journeylogFake)`);
  await page.goto(`${server.url}?demo=1`);
  await page.click('[data-testid=nav-export]');
  await page.waitForSelector('[data-testid=export-submit]');
  await page.check('[data-testid=export-preset-this_year]');
  await inFake((f) => (f.exports.stageMs = 700));
  await page.click('[data-testid=export-submit]');
  await page.waitForFunction(() => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')) >= 35);
  await page.mouse.move(0, 0);
  await shot(page, `${scheme}-export-running`);
  await page.waitForSelector('[data-testid=export-result]', { timeout: 10_000 });
  await page.mouse.move(0, 0);
  await shot(page, `${scheme}-export-result`);
  await inFake((f) => (f.exports.unavailable = ['xapi']));
  await page.check('[data-testid=export-format-xapi]');
  await page.click('[data-testid=export-submit]');
  await page.waitForSelector('[data-testid=error-format]');
  await page.mouse.move(0, 0);
  await shot(page, `${scheme}-export-error`);
}

// Sign-offs: the apprentice's review states, amend, dashboard split and problems,
// milestone requests; the mentor's Apprentices and Review screens and their dialogs.
async function signoffShots(page, scheme) {
  const open = async (query, screen, wait) => {
    await page.goto(`${server.url}?${query}`);
    await page.waitForSelector(`[data-testid=nav-${screen}]`);
    await page.click(`[data-testid=nav-${screen}]`);
    if (wait) await page.waitForSelector(wait);
    await page.waitForTimeout(250);
    await page.mouse.move(0, 0);
  };
  await open('profile=1&signoffs=1', 'log', '[data-testid=week-list][data-week-start]');
  await page.click('[data-testid=week-prev]');
  await page.waitForSelector('[data-testid=entry-row][data-review-state=approved]');
  await page.mouse.move(0, 0);
  await shot(page, `${scheme}-signoff-log`);
  await page.hover('[data-testid=entry-row][data-review-state=approved]');
  await page.click('[data-testid=entry-row][data-review-state=approved] [data-testid=entry-amend]');
  await page.waitForSelector('[data-testid=amend-notice]');
  await page.waitForTimeout(200);
  await shot(page, `${scheme}-signoff-amend-dialog`);

  await open('demo=1&signoffs=problems', 'dashboard', '[data-testid=signoff-problems]');
  await shot(page, `${scheme}-signoff-dashboard`);
  await open('demo=1&signoffs=1', 'program', '[data-testid=milestone-request]');
  await page.evaluate(() => document.querySelector('[data-testid=program-milestones]')?.scrollIntoView());
  await shot(page, `${scheme}-signoff-program`);

  await open('mentor=1', 'apprentices', '[data-testid=apprentice-row]');
  await shot(page, `${scheme}-mentor-apprentices`);
  await page.click('[data-testid=milestone-sign]');
  await page.waitForSelector('[data-testid=signoff-dialog] textarea');
  await page.waitForTimeout(200);
  await shot(page, `${scheme}-mentor-sign-milestone`);
  await open('mentor=1', 'review', '[data-testid=review-period]');
  await shot(page, `${scheme}-mentor-review`);
  if (scheme === 'light') await shot(page, `full-${scheme}-mentor-review`, true);
  await page.click('[data-testid=review-return]');
  await page.waitForSelector('[data-testid=error-comment]');
  await page.mouse.move(0, 0);
  await shot(page, `${scheme}-mentor-review-error`);
}


async function shot(page, name, fullPage = false) {
  const path = `${OUT}/${name}.png`;
  if (fullPage) {
    // The window doesn't scroll, <main> does: grow the viewport to the content instead.
    const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 820);
    await page.setViewportSize({ width: 1280, height: Math.max(820, height) });
    await page.waitForTimeout(150);
    await page.screenshot({ path });
    await page.setViewportSize({ width: 1280, height: 820 });
  } else {
    await page.screenshot({ path });
  }
  taken.push(path);
}
