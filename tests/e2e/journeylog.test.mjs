// The real-window end-to-end test of the release app (target/release/journeylog, or
// $JOURNEYLOG_APP): first-run setup, the dashboard total, logging 7:30, and the entry
// surviving a restart on the same data directory. Drives the UI only through the DOM
// contract (data-testid attributes and input ids) agreed with the UI.
// Run with `make e2e`, which builds the app and provides Xvfb.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { artifactsDir, freshHome, openApp } from "./lib/driver.mjs";
import * as ui from "./lib/ui.mjs";

const LOGGED_MINUTES = 7 * 60 + 30;

let home;
let driver;
let browser;

before(async () => {
  // Only this test's files: node runs the test files in name order, and an earlier
  // one (export.test.mjs) leaves its screenshots here too.
  mkdirSync(artifactsDir, { recursive: true });
  for (const f of readdirSync(artifactsDir)) {
    if (/^(dashboard|failed-journeylog-)/.test(f)) rmSync(join(artifactsDir, f), { force: true });
  }
  home = freshHome();
});

after(async () => {
  await driver?.stop();
  // The app's data and XDG dirs; what a failure needs is saved in .artifacts.
  if (home) rmSync(home.root, { recursive: true, force: true });
});

/** Runs a step; on failure saves a screenshot and the page source, then rethrows. */
async function step(name, fn) {
  try {
    return await fn();
  } catch (err) {
    if (browser) {
      await ui.screenshot(browser, join(artifactsDir, `failed-journeylog-${name}.png`), { timeout: 10000, check: false }).catch(() => {});
      const html = await browser.getPageSource().catch(() => "");
      writeFileSync(join(artifactsDir, `failed-journeylog-${name}.html`), html);
    }
    const log = driver?.log.join("").slice(-2000) ?? "";
    err.message = `[${name}] ${err.message}${log ? `\ntauri-driver log:\n${log}` : ""}`;
    throw err;
  }
}

test("first run, log 7:30, and the entry survives a restart", async () => {
  let totalBefore;
  let entryId;

  ({ driver, browser } = await openApp({ home }));

  await step("setup", async () => {
    await ui.completeSetup(browser, { name: "Alex Rivera", start: "2025-01-06", priorOjl: "0", priorRti: "0" });
  });

  await step("dashboard", async () => {
    totalBefore = await ui.ojlTotal(browser);
    assert.ok(Number.isInteger(totalBefore) && totalBefore >= 0, `OJL total ${totalBefore}`);
  });

  await step("log", async () => {
    await ui.nav(browser, "log");
    assert.equal(await ui.valueBecomes(browser, "#log-date", ui.today()), ui.today(), "#log-date defaults to today");
    const row = await ui.logHours(browser, { hours: "7:30", note: "e2e: first work process" });
    assert.ok(row.id, "the new entry row has a data-id");
    assert.equal(row.minutes, LOGGED_MINUTES, "the new entry row's data-minutes");
    entryId = row.id;
  });

  await step("refused", async () => {
    // The rules live in the Rust core; the window shows its words next to the field.
    const malformed = await ui.refusedHours(browser, "7:75");
    assert.match(malformed, /hours "7:75" has more than 59 minutes/);
    const tooLong = await ui.refusedHours(browser, "17");
    assert.match(tooLong, /would total 24:30; a day holds at most 24:00/);
  });

  await step("dashboard-grew", async () => {
    await ui.nav(browser, "dashboard");
    const total = await ui.ojlTotal(browser, totalBefore + LOGGED_MINUTES);
    assert.equal(total, totalBefore + LOGGED_MINUTES);
    await ui.screenshot(browser, join(artifactsDir, "dashboard.png"));
  });

  await step("restart", async () => {
    // A real restart: the app exits, then a new process opens the same data folder.
    await driver.endSession(browser);
    await driver.stop();
    ({ driver, browser } = await openApp({ home }));
  });

  await step("after-restart", async () => {
    assert.equal(await ui.ojlTotal(browser, totalBefore + LOGGED_MINUTES), totalBefore + LOGGED_MINUTES);
    assert.equal(await browser.$("[data-testid=setup-form]").isExisting(), false, "no first-run form after restart");
    await ui.nav(browser, "log");
    const row = await ui.waitForEntry(browser, entryId);
    assert.equal(row.minutes, LOGGED_MINUTES);
    await ui.nav(browser, "dashboard");
    assert.equal(await ui.ojlTotal(browser), totalBefore + LOGGED_MINUTES, "total unchanged");
    await ui.screenshot(browser, join(artifactsDir, "dashboard-after-restart.png"));
  });

  await driver.endSession(browser);
  browser = undefined;
});
