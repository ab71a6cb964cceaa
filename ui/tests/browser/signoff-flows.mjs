// The sign-off flows: the apprentice's review states, amendments, approved and pending
// hours, milestone requests; a mentor's device approving, returning and signing. Against
// the fake backend's seeds (?signoffs=1, ?mentor=1; see src/lib/fake/index.ts).

import { assert, assertEqual } from './harness.mjs';

const RETURN_COMMENT = 'Split this day: the motor starter work belongs under WP2, not WP5.';
/** Runs `f(fake, arg)` in the page (an expression, so the page's CSP doesn't apply). */
const inFake = (page, f, arg = null) => page.evaluate(`(${f.toString()})(window.__journeylogFake, ${JSON.stringify(arg)})`);
const row = (state) => `[data-testid=entry-row][data-review-state=${state}]`;
const pending = async (page) => Number(await page.getAttribute('[data-testid=sync-status]', 'data-pending'));
const toastText = async (page) => (await page.locator('[data-testid=toast]').allTextContents().then((t) => t.join(' | '))) ?? '';

async function lastWeekOnLog(page, url, query = 'profile=1&signoffs=1') {
  await page.goto(`${url}?${query}`);
  await page.click('[data-testid=nav-log]');
  await page.waitForSelector('[data-testid=week-list][data-week-start]');
  await page.click('[data-testid=week-prev]');
  await page.waitForSelector(row('approved'));
}

async function mentorOn(page, url, screen) {
  await page.goto(`${url}?mentor=1`);
  await page.waitForSelector('[data-testid=nav-apprentices]');
  await page.click(`[data-testid=nav-${screen}]`);
}

export const tests = [
  {
    name: 'signoffs: the week shows approved, returned and submitted entries, each with what it allows',
    async fn(page, url) {
      await lastWeekOnLog(page, url);
      const approved = page.locator(row('approved')).first();
      assert((await approved.locator('[data-testid=review-badge]').textContent()).includes('Approved by Dana W.'), 'approved names the mentor');
      assertEqual(await approved.locator('[data-testid=entry-edit]').count(), 0, 'no edit on an approved entry');
      assertEqual(await approved.locator('[data-testid=entry-delete]').count(), 0, 'no delete on an approved entry');
      assertEqual(await approved.locator('[data-testid=entry-amend]').count(), 1, 'amend offered instead');

      const returned = page.locator(row('returned'));
      assertEqual(await returned.count(), 1, 'one returned entry');
      assertEqual((await returned.locator('[data-testid=review-badge]').textContent()).includes('Returned'), true, 'returned badge');
      assert((await returned.locator('[data-testid=review-comment]').textContent()).includes(RETURN_COMMENT), "the mentor's comment is shown");
      assertEqual(await returned.locator('[data-testid=entry-edit]').count(), 1, 'a returned entry can be edited');

      const submitted = page.locator(row('submitted'));
      assertEqual(await submitted.locator('[data-testid=entry-edit]').count(), 0, 'no edit while waiting');
      assert((await submitted.locator('[data-testid=entry-locked]').getAttribute('title')).includes("can't be changed"), 'says why it is locked');

      // A returned entry edits like a draft, and goes back to draft.
      await returned.hover();
      await returned.locator('[data-testid=entry-edit]').click();
      await page.fill('#edit-hours', '5');
      await page.click('[data-testid=entry-save]');
      await page.waitForSelector(`${row('draft')}[data-minutes="300"]`);
      assertEqual(await page.locator(row('returned')).count(), 0, 'no longer returned');
    },
  },
  {
    name: 'signoffs: amending an approved entry sends a correction that waits for approval',
    async fn(page, url) {
      await lastWeekOnLog(page, url);
      const approved = page.locator(`${row('approved')}[data-kind=ojl]`).first();
      const id = await approved.getAttribute('data-id');
      const refused = await inFake(page, (f, id) => f.updateOjl(id, {
        date: f.rec.ojl.find((e) => e.id === id).date, hours: '1', work_process: 'WP3', note: '', site: '', supervisor: '', prior_credit: false,
      }).then(() => 'saved', (e) => e.code), id);
      assertEqual(refused, 'signed_off', 'editing an approved entry is refused');

      await approved.locator('[data-testid=entry-amend]').click();
      assert((await page.textContent('[data-testid=amend-notice]')).includes('sent to your mentor for approval'), 'the form explains the amendment');
      await page.fill('#edit-hours', '7');
      await page.click('[data-testid=entry-save]');
      const amended = page.locator(`[data-testid=entry-row][data-id="${id}"]`);
      await page.waitForSelector(`[data-testid=entry-row][data-id="${id}"][data-review-state=submitted][data-minutes="420"]`);
      assertEqual((await amended.locator('[data-testid=amendment-marker]').textContent()).trim(), 'Amendment of v1', 'amendment marker');
      const stored = await inFake(page, (f, id) => f.rec.ojl.find((e) => e.id === id), id);
      assertEqual(`${stored.status} v${stored.version} amends ${stored.amends_version}`, 'submitted v2 amends 1', 'stored amendment');
    },
  },
  {
    name: 'signoffs: the dashboard shows approved and pending hours apart, and sign-offs that no longer count',
    async fn(page, url) {
      await page.goto(`${url}?profile=1&signoffs=1`);
      await page.waitForSelector('[data-testid=approved-hours]');
      // Monday and Wednesday (8:00 each) are approved; 36:30 of OJL is logged.
      assertEqual((await page.textContent('[data-testid=approved-hours]')).trim(), '16:00 approved', 'approved');
      assertEqual((await page.textContent('[data-testid=pending-hours]')).trim(), '20:30 pending', 'pending');
      assertEqual(await page.locator('[data-testid=signoff-problems]').count(), 0, 'no problems card without problems');
      assertEqual(await page.getAttribute('[data-testid=wp-row][data-code=WP1]', 'data-approved-minutes'), '480', 'WP1 approved');

      await page.goto(`${url}?profile=1&signoffs=problems`);
      const card = await page.waitForSelector('[data-testid=signoff-problems]');
      assertEqual(await page.locator('[data-testid=signoff-problem][data-kind=changed]').count(), 1, 'the changed entry');
      assert((await card.textContent()).includes("does not verify against the mentor's registered key"), 'the invalid sign-off message');
      assertEqual((await page.textContent('[data-testid=approved-hours]')).trim(), '8:00 approved', 'the changed entry is left out');
    },
  },
  {
    name: 'signoffs: a milestone whose criteria are met is requested from the Program screen',
    async fn(page, url) {
      await page.goto(`${url}?demo=1`);
      await page.click('[data-testid=nav-program]');
      const m1 = page.locator('[data-testid=milestone]').first();
      await m1.locator('[data-testid=milestone-request]').click();
      await page.fill('#milestone-note', 'LOTO walkdowns are in my notes');
      await page.click('[data-testid=milestone-request-send]');
      await page.waitForSelector('[data-testid=milestone][data-state=requested] [data-testid=milestone-requested]');
      assert((await m1.textContent()).includes('LOTO walkdowns are in my notes'), 'the note is shown');
      assertEqual(await m1.locator('[data-testid=milestone-request]').count(), 0, 'no second request');
      assertEqual(await page.locator('[data-testid=milestone][data-state=in_progress] [data-testid=milestone-request]').count(), 0, 'only met milestones offer it');
    },
  },
  {
    name: 'mentor: approving a period clears it from the queue and queues one sign-off',
    async fn(page, url) {
      await mentorOn(page, url, 'review');
      const priya = page.locator('[data-testid=review-period][data-apprentice-id=apprentice-priya-nair]');
      await priya.waitFor();
      const before = await pending(page);
      assertEqual(await priya.locator('[data-testid=review-item] [data-testid=review-select]:checked').count(), 3, 'all chosen to start');
      await priya.locator('[data-testid=review-approve]').click();
      await page.waitForSelector('[data-testid=review-period][data-apprentice-id=apprentice-priya-nair]', { state: 'detached' });
      assert((await toastText(page)).includes('Approved 3 entries for Priya — sent with the next sync'), `toast: ${await toastText(page)}`);
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid=sync-status]')?.dataset.pending) === n + 1, before);
      const approved = await inFake(page, (f) => f.mentor.overview().find((a) => a.name === 'Priya Nair').approved_ojl_minutes);
      assertEqual(approved, 1410, "Priya's approved minutes");
      // The amendment shows what it corrects.
      assert((await page.textContent('[data-testid=review-amends]')).includes('amends version 1'), 'amendment marked');
    },
  },
  {
    name: 'mentor: returning needs a comment, shown at the field; then returns only the chosen entry',
    async fn(page, url) {
      await mentorOn(page, url, 'review');
      const week = page.locator('[data-testid=review-period][data-apprentice-id=apprentice-jordan-reyes]').last();
      await week.waitFor();
      const items = await week.locator('[data-testid=review-item]').count();
      await week.locator('[data-testid=review-return]').click();
      const err = await page.waitForSelector('[data-testid=error-comment]');
      assert((await err.textContent()).includes('needs a comment'), 'says a comment is needed');
      const fieldOf = await err.evaluate((el) => el.closest('.field')?.querySelector('textarea')?.dataset.testid);
      assertEqual(fieldOf, 'review-comment-input', 'error sits at the comment field');
      assertEqual(await week.locator('[data-testid=review-comment-input]').getAttribute('aria-invalid'), 'true', 'marked invalid');
      assertEqual(await week.locator('[data-testid=review-item]').count(), items, 'nothing decided');

      await week.locator('[data-testid=review-select-all]').uncheck();
      const first = week.locator('[data-testid=review-item]').first();
      const id = await first.getAttribute('data-record-id');
      await first.locator('[data-testid=review-select]').check();
      await week.locator('[data-testid=review-comment-input]').fill('Add the starter you replaced to the note');
      await week.locator('[data-testid=review-return]').click();
      await page.waitForSelector(`[data-testid=review-item][data-record-id="${id}"]`, { state: 'detached' });
      assert((await toastText(page)).includes('Returned 1 entry to Jordan'), `toast: ${await toastText(page)}`);
      assertEqual(await week.locator('[data-testid=review-item]').count(), items - 1, 'the rest still wait');
    },
  },
  {
    name: 'mentor: signs a requested milestone from the apprentice card',
    async fn(page, url) {
      await mentorOn(page, url, 'apprentices');
      const card = page.locator('[data-testid=apprentice-row][data-apprentice-id=apprentice-jordan-reyes]');
      await card.waitFor();
      const before = await pending(page);
      await card.locator('[data-testid=milestone-sign]').click();
      await page.fill('[data-testid=signoff-comment]', 'Walked the LOTO procedure with me');
      await page.click('[data-testid=signoff-confirm]');
      await page.waitForSelector('[data-testid=milestone-request-row][data-code=M1][data-signed=true]');
      assert((await card.locator('[data-testid=milestone-signed-badge]').textContent()).includes('Signed by Dana W.'), 'signed badge');
      assertEqual(await card.locator('[data-testid=milestone-sign]').count(), 0, 'no second sign-off');
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid=sync-status]')?.dataset.pending) === n + 1, before);

      // A competency the program doesn't have is named at its field.
      await page.locator('[data-testid=apprentice-row]').last().locator('[data-testid=competency-sign]').click();
      await page.fill('#sign-wp', 'WP3');
      await page.fill('#sign-competency', 'WP3.9');
      await page.click('[data-testid=signoff-confirm]');
      assert((await (await page.waitForSelector('[data-testid=error-competency]')).textContent()).includes('is not a competency'), 'field error');
      await page.fill('#sign-competency', 'WP3.1');
      await page.click('[data-testid=signoff-confirm]');
      await page.waitForSelector('[data-testid=competencies-signed] >> text=WP3/WP3.1');
    },
  },
  {
    name: 'mentor: connecting a fresh device with a mentor code opens mentor mode, not setup',
    async fn(page, url) {
      await page.goto(url);
      await page.click('[data-testid=setup-connect-link]');
      await page.fill('#connect-server', 'https://journeylog.northwind-robotics.com');
      await page.fill('#connect-code', 'JL-MENTOR-CODE');
      await page.click('[data-testid=connect-submit]');
      await page.waitForSelector('[data-testid=apprentice-row]');
      assertEqual(await page.locator('[data-testid=setup-form], [data-testid=setup-connect]').count(), 0, 'setup is gone');
      const nav = await page.$$eval('nav button.nav-item', (els) => els.map((e) => e.dataset.testid));
      assertEqual(nav.join(','), 'nav-apprentices,nav-review,nav-sync,nav-settings', 'mentor navigation');
      await page.keyboard.press('Alt+2');
      await page.waitForSelector('[data-testid=review-period]');
    },
  },
];
