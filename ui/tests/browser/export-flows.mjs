// The Export screen's flows: every format with a range and the PDF's sections, the
// progress bar, the report and "Show in folder", core errors next to their fields, the
// keyboard. Against the fake backend (src/lib/fake/export.ts), whose save dialog answers
// with nextSavePath's folder and the name the screen proposed.

import { assert, assertEqual } from './harness.mjs';

/** Runs `f(fake, arg)` in the page (an expression, so the page's CSP doesn't apply). */
const inFake = (page, f, arg = null) => page.evaluate(`(${f.toString()})(window.__journeylogFake, ${JSON.stringify(arg)})`);
const lastRequest = (page) => inFake(page, (f) => f.exports.requests.at(-1) ?? null);
const entriesIn = (page, range) =>
  inFake(page, (f, r) => [...f.rec.ojl, ...f.rec.coursework].filter((e) => (!r.from || e.date >= r.from) && (!r.to || e.date <= r.to)).length, range);

async function openExport(page, url, query = 'demo=1') {
  await page.goto(`${url}?${query}`);
  await page.waitForSelector('[data-testid=nav-export]');
  await page.click('[data-testid=nav-export]');
  await page.waitForSelector('[data-testid=export-submit]');
}

async function exportAndWait(page, format) {
  await page.click('[data-testid=export-submit]');
  await page.waitForSelector(`[data-testid=export-result][data-format=${format}]`);
  await page.waitForSelector('[data-testid=export-submit]:not([disabled])');
}

export const tests = [
  {
    name: 'export: each format with its range, the PDF with chosen sections, shows progress and what was written',
    async fn(page, url) {
      await openExport(page, url);
      const today = await page.evaluate(() => {
        const d = new Date();
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      });

      // PDF, this year, without sign-offs and the appendix; slow stages so the bar is seen moving.
      assert(await page.isVisible('[data-testid=export-sections]'), 'sections shown for the PDF');
      await page.check('[data-testid=export-preset-this_year]');
      assertEqual(await page.inputValue('#export-from'), `${today.slice(0, 4)}-01-01`, 'this year starts on Jan 1');
      assertEqual(await page.inputValue('#export-to'), today, 'and ends today');
      await page.uncheck('[data-testid=export-section-signoffs]');
      await page.uncheck('[data-testid=export-section-appendix]');
      await inFake(page, (f) => (f.exports.stageMs = 250));
      await page.click('[data-testid=export-submit]');
      await page.waitForSelector('[data-testid=export-progress] [role=progressbar]');
      await page.waitForFunction(() => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')) >= 20);
      const stage = await page.textContent('[data-testid=export-stage]');
      assert(stage !== 'Reading the logbook…' && stage.endsWith('…'), `a later stage is named: ${stage}`);
      assert(await page.isDisabled('[data-testid=export-submit]'), 'no second export while one runs');
      await page.waitForSelector('[data-testid=export-result][data-format=pdf]');
      assertEqual(await page.locator('[data-testid=export-progress]').count(), 0, 'the bar goes when done');
      let req = await lastRequest(page);
      assertEqual(req.format, 'pdf', 'format sent');
      assertEqual(JSON.stringify(req.range), JSON.stringify({ from: `${today.slice(0, 4)}-01-01`, to: today }), 'range sent');
      assertEqual(JSON.stringify(req.sections), JSON.stringify({ work_processes: true, rti: true, certifications: true, signoffs: false, appendix: false }), 'sections sent');
      assertEqual(req.out_path, `/home/apprentice/Documents/journeylog-jordan-reyes-${today}.pdf`, 'default name in the dialog folder');
      assertEqual(await page.getAttribute('[data-testid=export-file]', 'data-path'), req.out_path, 'the file written is listed');
      assertEqual(await page.textContent('[data-testid=export-entries]'), String(await entriesIn(page, req.range)), 'entries in range');
      assert(/^[0-9a-f]{64}$/.test(await page.textContent('[data-testid=export-hash]')), 'bundle hash shown');
      assert(/\d+(\.\d)? KB$/.test(await page.textContent('[data-testid=export-bytes]')), 'size shown');
      await inFake(page, (f) => (f.exports.stageMs = 10));

      // CSV, last month: no sections, two files.
      await page.check('[data-testid=export-format-csv]');
      assertEqual(await page.locator('[data-testid=export-sections]').count(), 0, 'no sections for the CSV');
      await page.check('[data-testid=export-preset-last_month]');
      await exportAndWait(page, 'csv');
      req = await lastRequest(page);
      assertEqual(req.format, 'csv', 'csv sent');
      assert(req.range.from.endsWith('-01') && req.range.to < `${today.slice(0, 7)}-01`, `last month: ${JSON.stringify(req.range)}`);
      const files = await page.$$eval('[data-testid=export-file]', (els) => els.map((e) => e.dataset.path));
      assertEqual(files.join(' '), `${req.out_path} ${req.out_path.replace(/\.csv$/, '-summary.csv')}`, 'both CSV files listed');
      assertEqual(await page.textContent('[data-testid=export-entries]'), String(await entriesIn(page, req.range)), 'entries last month');

      // Signed bundle, a custom range typed in.
      await page.check('[data-testid=export-format-json]');
      await page.fill('#export-from', '2026-01-05');
      await page.fill('#export-to', '2026-02-20');
      assert(await page.isChecked('[data-testid=export-preset-custom]'), 'typing a date makes the range custom');
      assert((await page.textContent('[data-testid=export-filename]')).endsWith('-bundle.json'), 'bundle file name');
      await exportAndWait(page, 'json');
      req = await lastRequest(page);
      assertEqual(`${req.format} ${req.range.from} ${req.range.to}`, 'json 2026-01-05 2026-02-20', 'bundle request');
      assert(req.out_path.endsWith('-bundle.json'), `bundle path: ${req.out_path}`);

      // xAPI, all time.
      await page.check('[data-testid=export-format-xapi]');
      await page.check('[data-testid=export-preset-all]');
      assertEqual(await page.locator('#export-from, #export-to').count(), 0, 'all time has no dates');
      await exportAndWait(page, 'xapi');
      req = await lastRequest(page);
      assertEqual(`${req.format} [${req.range.from}] [${req.range.to}]`, 'xapi [] []', 'xAPI request is all time');
      assertEqual(await page.textContent('[data-testid=export-entries]'), String(await entriesIn(page, req.range)), 'every entry');

      // Show in folder reveals the main file.
      await page.click('[data-testid=export-reveal]');
      await page.waitForFunction(() => window.__journeylogFake.exports.revealed.length === 1);
      assertEqual((await inFake(page, (f) => f.exports.revealed))[0], req.out_path, 'revealed path');
    },
  },
  {
    name: "export: the core's errors sit next to the field they name",
    async fn(page, url) {
      await openExport(page, url);
      await inFake(page, (f) => (f.exports.unavailable = ['pdf']));
      await page.click('[data-testid=export-submit]');
      const err = await (await page.waitForSelector('[data-testid=export-formats] ~ [data-testid=error-format]')).textContent();
      assertEqual(err.trim(), 'Pdf export is not available in this build', 'format error text');
      assertEqual(await page.getAttribute('[data-testid=export-formats]', 'aria-invalid'), 'true', 'format group invalid');
      assertEqual(await page.locator('[data-testid=export-result]').count(), 0, 'no result');
      await page.check('[data-testid=export-format-csv]');
      assertEqual(await page.locator('[data-testid=error-format]').count(), 0, 'changing the format clears it');

      assertEqual(await page.locator('#export-from').count(), 0, 'no dates for all time');
      await page.check('[data-testid=export-preset-custom]');
      await page.fill('#export-from', '2026-02-10');
      await page.fill('#export-to', '2026-02-01');
      await page.click('[data-testid=export-submit]');
      const toErr = await (await page.waitForSelector('#export-to ~ [data-testid=error-to]')).textContent();
      assert(toErr.includes('to 2026-02-01 is before from 2026-02-10'), `to error: ${toErr}`);
      assertEqual(await page.getAttribute('#export-to', 'aria-invalid'), 'true', 'To marked invalid');
      assertEqual(await page.getAttribute('#export-to', 'aria-describedby'), 'export-to-error', 'To described by its error');
      assertEqual(await page.locator('[data-testid=error-from]').count(), 0, 'From is fine');

      await page.fill('#export-to', '2026-02-28');
      assertEqual(await page.locator('[data-testid=error-to]').count(), 0, 'fixing the date clears it');
      await exportAndWait(page, 'csv');
    },
  },
  {
    name: 'export: keyboard only, with visible focus, from Alt+6 to the result',
    async fn(page, url) {
      await page.goto(`${url}?demo=1`);
      await page.waitForSelector('[data-testid=nav-export]');
      await page.keyboard.press('Alt+6');
      await page.waitForSelector('[data-testid=export-submit]');
      await page.focus('[data-testid=export-format-pdf]');
      await page.keyboard.press('ArrowDown');
      assert(await page.isChecked('[data-testid=export-format-csv]'), 'arrow keys move through the formats');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement.closest('label')).outlineStyle);
      assertEqual(outline, 'solid', 'the focused format card shows a focus ring');
      await page.keyboard.press('Tab');
      assertEqual(await page.evaluate(() => document.activeElement?.dataset.testid), 'export-preset-all', 'Tab goes to the range presets');
      await page.keyboard.press('ArrowRight');
      assert(await page.isChecked('[data-testid=export-preset-this_month]'), 'arrow keys pick a preset');
      assert((await page.inputValue('#export-from')).endsWith('-01'), 'the preset fills in the dates');
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('[data-testid=export-result][data-format=csv]');
      const req = await lastRequest(page);
      assertEqual(`${req.format} ${req.range.from.slice(8)}`, 'csv 01', 'this month as CSV');
      await page.focus('[data-testid=export-reveal]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.__journeylogFake.exports.revealed.length === 1);
    },
  },
  {
    name: 'export: cancelling the save dialog writes nothing',
    async fn(page, url) {
      await openExport(page, url, 'profile=1');
      await inFake(page, (f) => (f.nextSavePath = null));
      await page.click('[data-testid=export-submit]');
      await page.waitForFunction(() => window.__journeylogFake.calls.includes('pick_save_path'));
      await page.waitForSelector('[data-testid=export-submit]:not([disabled])');
      assertEqual(await inFake(page, (f) => f.exports.requests.length), 0, 'no export ran');
      assertEqual(await page.locator('[data-testid=export-progress], [data-testid=export-result]').count(), 0, 'nothing shown');
    },
  },
];
