// The UI flows, each against the built UI and the in-page fake backend.

import { assert, assertEqual } from './harness.mjs';

const minutesOf = async (page, selector) => Number(await page.getAttribute(selector, 'data-minutes'));
const storedOjl = (page) => page.evaluate(() => window.__journeylogFake.rec.ojl.length);

async function withProfile(page, url, query = 'profile=1') {
  await page.goto(`${url}?${query}`);
  await page.waitForSelector('[data-testid=ojl-total]');
}

async function logOjl(page, hours, process = 'WP3') {
  await page.fill('#log-hours', hours);
  await page.fill('#log-process', process);
  await page.press('#log-process', 'Enter');
  await page.click('[data-testid=log-submit]');
}

export const tests = [
  {
    name: 'first-run setup leads to the dashboard',
    async fn(page, url) {
      await page.goto(url);
      await page.waitForSelector('[data-testid=setup-form]');
      await page.waitForSelector('#setup-program option[value="mra-phase-1"]', { state: 'attached' });
      assert(await page.isVisible('[data-testid=template-notice]'), 'the template notice is shown');
      await page.fill('#setup-name', 'Ana Lima');
      await page.selectOption('#setup-program', 'mra-phase-1');
      await page.fill('#setup-start', '2026-01-05');
      await page.fill('#setup-prior-ojl', '40');
      await page.fill('#setup-prior-rti', '8');
      await page.click('[data-testid=setup-submit]');
      await page.waitForSelector('[data-testid=ojl-total]');
      assertEqual(await minutesOf(page, '[data-testid=ojl-total]'), 2400, 'prior OJL credit counted');
      assert((await page.textContent('[data-testid=sidebar-profile]')).includes('Ana Lima'), 'sidebar shows the name');
    },
  },
  {
    name: 'setup names a bad prior credit next to its field',
    async fn(page, url) {
      await page.goto(url);
      await page.waitForSelector('#setup-program option[value="mra-phase-1"]', { state: 'attached' });
      await page.fill('#setup-name', 'Ana Lima');
      await page.fill('#setup-prior-ojl', '-5');
      await page.click('[data-testid=setup-submit]');
      const text = await page.textContent('[data-testid=error-prior_ojl_hours]');
      assert(/negative/.test(text), `error says negative: ${text}`);
      assert(await page.isVisible('[data-testid=setup-form]'), 'still on setup');
    },
  },
  {
    name: 'logging 7:30 adds 450 minutes to the dashboard total',
    async fn(page, url) {
      await withProfile(page, url);
      const before = await minutesOf(page, '[data-testid=ojl-total]');
      await page.click('[data-testid=nav-log]');
      await logOjl(page, '7:30');
      await page.waitForSelector('[data-testid=entry-row][data-minutes="450"]');
      await page.click('[data-testid=nav-dashboard]');
      await page.waitForSelector('[data-testid=ojl-total]');
      assertEqual(await minutesOf(page, '[data-testid=ojl-total]'), before + 450, 'OJL total');
      assert((await page.textContent('[data-testid=recent-entries]')).includes('7:30'), 'recent entries list it');
    },
  },
  {
    name: '"7:75" shows an error next to hours and stores nothing',
    async fn(page, url) {
      await withProfile(page, url);
      await page.click('[data-testid=nav-log]');
      await logOjl(page, '7:75');
      const err = await page.waitForSelector('[data-testid=error-hours]');
      assert((await err.textContent()).includes('more than 59 minutes'), 'explains the rule');
      // Next to the field: right under the hours input, inside the same field.
      const field = await page.$eval('[data-testid=error-hours]', (el) => el.closest('.field')?.querySelector('input')?.id);
      assertEqual(field, 'log-hours', 'error sits in the hours field');
      assertEqual(await page.getAttribute('#log-hours', 'aria-invalid'), 'true', 'hours marked invalid');
      assertEqual(await page.locator('[data-testid=entry-row]').count(), 0, 'rows');
      assertEqual(await storedOjl(page), 0, 'stored entries');
    },
  },
  {
    name: 'more than 24 hours on a day is refused with the day total',
    async fn(page, url) {
      await withProfile(page, url);
      await page.click('[data-testid=nav-log]');
      await logOjl(page, '16');
      await page.waitForSelector('[data-testid=entry-row]');
      await logOjl(page, '9');
      const text = await (await page.waitForSelector('[data-testid=error-hours]')).textContent();
      assert(/would total 25:00; a day holds at most 24:00/.test(text), `message: ${text}`);
      assertEqual(await page.locator('[data-testid=entry-row]').count(), 1, 'rows');
      assertEqual(await storedOjl(page), 1, 'stored entries');
    },
  },
  {
    name: 'a future date is refused next to the date field',
    async fn(page, url) {
      await withProfile(page, url);
      await page.click('[data-testid=nav-log]');
      const tomorrow = await page.evaluate(() => {
        const d = new Date();
        d.setDate(d.getDate() + 1);
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      });
      await page.fill('#log-date', tomorrow);
      await logOjl(page, '8');
      assert((await (await page.waitForSelector('[data-testid=error-date]')).textContent()).includes('future'), 'says future');
      assertEqual(await storedOjl(page), 0, 'stored entries');
    },
  },
  {
    name: 'edit and delete a draft in the week list',
    async fn(page, url) {
      await withProfile(page, url);
      await page.click('[data-testid=nav-log]');
      await logOjl(page, '8');
      const row = page.locator('[data-testid=entry-row]');
      await row.waitFor();
      const id = await row.getAttribute('data-id');
      await row.hover();
      await row.locator('[data-testid=entry-edit]').click();
      await page.waitForSelector('[data-testid=entry-dialog] #edit-hours');
      assertEqual(await page.inputValue('#edit-hours'), '8:00', 'dialog prefilled');
      await page.fill('#edit-hours', '6.5');
      await page.click('[data-testid=entry-save]');
      await page.waitForSelector(`[data-testid=entry-row][data-id="${id}"][data-minutes="390"]`);
      assertEqual(await minutesOf(page, '[data-testid=week-ojl]'), 390, 'week OJL total');
      // Escape cancels a dialog without saving.
      await row.locator('[data-testid=entry-edit]').click();
      await page.fill('#edit-hours', '1');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=entry-dialog] #edit-hours', { state: 'detached' });
      assertEqual(await minutesOf(page, '[data-testid=entry-row]'), 390, 'unchanged after Escape');
      // Delete, confirmed.
      await row.locator('[data-testid=entry-delete]').click();
      await page.click('[data-testid=confirm-yes]');
      await page.waitForSelector('[data-testid=entry-row]', { state: 'detached' });
      assertEqual(await storedOjl(page), 0, 'stored entries');
    },
  },
  {
    name: 'submit week marks drafts submitted',
    async fn(page, url) {
      await withProfile(page, url);
      await page.click('[data-testid=nav-log]');
      await logOjl(page, '8');
      await page.waitForSelector('[data-testid=entry-row][data-status=draft]');
      await page.click('[data-testid=submit-week]');
      await page.click('[data-testid=confirm-yes]');
      await page.waitForSelector('[data-testid=entry-row][data-status=submitted]');
      assertEqual(await page.locator('[data-testid=entry-row] [data-testid=entry-edit]').count(), 0, 'no edit on submitted');
      assert(await page.isDisabled('[data-testid=submit-week]'), 'nothing left to submit');
    },
  },
  {
    name: 'add coursework',
    async fn(page, url) {
      await withProfile(page, url);
      await page.click('[data-testid=nav-coursework]');
      await page.waitForSelector('[data-testid=course-progress]');
      await page.selectOption('#cw-course', 'MRA-102');
      await page.fill('#cw-hours', '3');
      await page.fill('#cw-grade', 'A');
      await page.click('[data-testid=cw-paid]');
      await page.click('[data-testid=cw-submit]');
      await page.waitForSelector('[data-testid=coursework-row][data-minutes="180"]');
      await page.waitForSelector('[data-testid=course-row][data-code="MRA-102"][data-minutes="180"]');
      const row = await page.textContent('[data-testid=coursework-row]');
      assert(row.includes('Unpaid') && row.includes('Grade A'), `row shows unpaid and grade: ${row}`);
      await page.click('[data-testid=nav-dashboard]');
      await page.waitForSelector('[data-testid=rti-total]');
      assertEqual(await minutesOf(page, '[data-testid=rti-total]'), 180, 'RTI total on the dashboard');
    },
  },
  {
    name: 'add a certification with evidence',
    async fn(page, url) {
      await withProfile(page, url);
      await page.click('[data-testid=nav-certifications]');
      await page.waitForSelector('[data-testid=cert-missing-item][data-code=OSHA10]');
      await page.click('[data-testid=cert-add]');
      await page.selectOption('#cert-code', 'OSHA10');
      assertEqual(await page.inputValue('#cert-title'), 'OSHA 10-Hour General Industry', 'title from the requirement');
      await page.fill('#cert-credential', '36-0045821');
      await page.fill('#cert-earned', '2026-01-10');
      await page.click('[data-testid=cert-attach]');
      await page.waitForSelector('[data-testid=cert-evidence-picked]');
      await page.click('[data-testid=cert-save]');
      const ev = await (await page.waitForSelector('[data-testid=cert-row] [data-testid=cert-evidence]')).textContent();
      assert(ev.includes('osha-10-card.pdf'), `evidence file name: ${ev}`);
      assert(/[0-9a-f]{12}/.test(ev), `short SHA-256 shown: ${ev}`);
      assertEqual(await page.getAttribute('[data-testid=cert-row]', 'data-state'), 'valid', 'state');
      assertEqual(await page.locator('[data-testid=cert-missing-item][data-code=OSHA10]').count(), 0, 'no longer missing');
    },
  },
  {
    name: 'a certification without an earned date is refused next to the field',
    async fn(page, url) {
      await withProfile(page, url);
      await page.click('[data-testid=nav-certifications]');
      await page.click('[data-testid=cert-add]');
      await page.fill('#cert-title', 'Forklift');
      await page.click('[data-testid=cert-save]');
      assert((await (await page.waitForSelector('[data-testid=error-earned_on]')).textContent()).includes('required'), 'says required');
      assertEqual(await page.evaluate(() => window.__journeylogFake.rec.certs.length), 0, 'stored certs');
    },
  },
  {
    name: 'program screen lists the work processes and the notice',
    async fn(page, url) {
      await withProfile(page, url);
      await page.click('[data-testid=nav-program]');
      await page.waitForSelector('[data-testid=program-wp]');
      const codes = await page.$$eval('[data-testid=program-wp]', (rows) => rows.map((r) => r.dataset.code));
      assertEqual(codes.join(','), 'WP1,WP2,WP3,WP4,WP5,WP6,WP7,WP8', 'work processes');
      assert((await page.textContent('[data-testid=program-notice]')).includes('Illustrative'), 'notice shown');
      assert((await page.textContent('[data-testid=program-wages]')).includes('92%'), 'wage steps shown');
    },
  },
  {
    name: 'settings switch the theme live, and System follows the OS',
    async fn(page, url) {
      await page.emulateMedia({ colorScheme: 'light' });
      await withProfile(page, url);
      const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
      const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      assertEqual(await theme(), 'light', 'initial theme');
      const lightBg = await bg();
      await page.click('[data-testid=nav-settings]');
      await page.check('[data-testid=theme-dark]');
      assertEqual(await theme(), 'dark', 'after Dark');
      assert((await bg()) !== lightBg, 'the colours change');
      await page.waitForFunction(() => window.__journeylogFake.settings.theme === 'dark');
      await page.check('[data-testid=theme-system]');
      assertEqual(await theme(), 'light', 'System with a light OS');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    },
  },
  {
    name: 'hours display switches to decimal everywhere',
    async fn(page, url) {
      await withProfile(page, url);
      await page.click('[data-testid=nav-log]');
      await logOjl(page, '7:30');
      await page.waitForSelector('[data-testid=entry-row]');
      await page.click('[data-testid=nav-settings]');
      await page.check('[data-testid=hours-decimal]');
      await page.click('[data-testid=nav-dashboard]');
      assertEqual((await page.textContent('[data-testid=ojl-total]')).trim(), '7.5', 'dashboard figure');
    },
  },
  {
    name: 'keyboard only: an 8-hour day in a few keystrokes',
    async fn(page, url) {
      await withProfile(page, url);
      await page.keyboard.press('Alt+2');
      await page.waitForSelector('#log-hours');
      await page.waitForFunction(() => document.activeElement?.id === 'log-hours');
      await page.keyboard.type('8');
      await page.keyboard.press('Tab');
      assertEqual(await page.evaluate(() => document.activeElement?.id), 'log-process', 'Tab goes to the work process');
      await page.keyboard.type('plc');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=entry-row][data-minutes="480"]');
      const stored = await page.evaluate(() => window.__journeylogFake.rec.ojl.map((e) => `${e.work_process}:${e.minutes}`));
      assertEqual(stored.join(','), 'WP3:480', 'stored entry');
      assertEqual(await page.inputValue('#log-hours'), '', 'hours reset');
      assert((await page.inputValue('#log-process')).startsWith('WP3'), 'work process kept');
      assertEqual(await page.evaluate(() => document.activeElement?.id), 'log-hours', 'focus back in hours');
      await page.keyboard.press('Alt+1');
      await page.waitForSelector('[data-testid=ojl-total][data-minutes="480"]');
    },
  },
  {
    name: 'demo data fills every dashboard card',
    async fn(page, url) {
      await withProfile(page, url, 'demo=1');
      assert((await minutesOf(page, '[data-testid=ojl-total]')) > 500 * 60, 'demo hours');
      assert((await page.locator('[data-testid=weekly-chart] rect.ojl').count()) > 10, 'weekly bars drawn');
      assertEqual(await page.locator('[data-testid=wp-row]').count(), 8, 'work process bars');
      assert(/hours to go/.test(await page.textContent('[data-testid=wage-card]')), 'next wage step');
      assert((await page.locator('[data-testid=cert-attention-item]').count()) >= 1, 'certifications needing attention');
      assertEqual(await page.locator('[data-testid=recent-item]').count(), 5, 'recent entries');
    },
  },
];
