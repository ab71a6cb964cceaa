// A minimal test runner for the browser flows: one Chromium, a fresh page per test
// (the fake backend lives in the page, so every test starts from a clean logbook),
// page errors fail the test, and the summary ends with pass/fail counts.

import { serveDist } from './server.mjs';
import { launch } from './chromium.mjs';

export class AssertionError extends Error {}

export function assert(cond, message) {
  if (!cond) throw new AssertionError(message);
}

export function assertEqual(actual, expected, what) {
  if (actual !== expected) throw new AssertionError(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export async function runAll(tests) {
  const only = process.env.ONLY;
  const selected = only ? tests.filter((t) => t.name.includes(only)) : tests;
  const server = await serveDist();
  const browser = await launch();
  let passed = 0;
  const failed = [];
  const started = Date.now();
  try {
    for (const t of selected) {
      const page = await browser.context.newPage();
      page.setDefaultTimeout(5000);
      const problems = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      const t0 = Date.now();
      try {
        await t.fn(page, server.url);
        if (problems.length) throw new AssertionError(problems.join('\n'));
        passed++;
        console.log(`  ok    ${t.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed.push(t.name);
        console.log(`  FAIL  ${t.name} (${Date.now() - t0} ms)\n        ${String(e?.message ?? e).split('\n').join('\n        ')}`);
        const shot = `/tmp/ui-browser-fail-${t.name.replace(/\W+/g, '-')}.png`;
        await page.screenshot({ path: shot }).catch(() => undefined);
        console.log(`        screenshot: ${shot}`);
      } finally {
        await page.close().catch(() => undefined);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`\nbrowser flows: ${passed} passed, ${failed.length} failed, ${selected.length} total (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (failed.length) {
    console.log(`failed: ${failed.join('; ')}`);
    process.exitCode = 1;
  }
}
