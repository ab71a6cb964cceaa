// The real-window end-to-end test of mentor sign-off: the apprentice's app and the
// mentor's app (two installs of the release app, each with its own data folder) and a
// real journeylog-server.
//
//   1. The apprentice logs three days of last week, submits the week, connects.
//   2. The mentor's app connects with a mentor code (first run goes to mentor mode),
//      reviews the week and approves it with one signature.
//   3. The apprentice syncs: the three entries are approved and locked (Amend, no Edit).
//   4. The apprentice amends one entry; the mentor approves the amendment; the
//      apprentice sees everything approved again, with the corrected hours.
//
// Screenshots of both apps along the way go to tests/e2e/.artifacts/signoff-*.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { artifactsDir, freshHome, repoRoot } from "./lib/driver.mjs";
import { admin, startServer } from "./lib/server.mjs";
import { appSession } from "./lib/session.mjs";
import * as ui from "./lib/ui.mjs";

const PROGRAM = "mra-phase-1";
const WAIT = { timeout: 20000 };

let work;
let server;
let apprentice; // freshHome() of the apprentice's app
let mentor; // freshHome() of the mentor's app
const app = appSession({ tag: "signoff", env: { JOURNEYLOG_TOKEN_STORE: "file" }, serverLog: () => server?.log.join("") ?? "" });

before(() => {
  mkdirSync(artifactsDir, { recursive: true });
  for (const f of readdirSync(artifactsDir)) {
    if (/^(signoff-|failed-signoff-)/.test(f)) rmSync(join(artifactsDir, f), { force: true });
  }
  work = mkdtempSync(join(tmpdir(), "journeylog-e2e-signoff-"));
  apprentice = freshHome("journeylog-e2e-apprentice-");
  mentor = freshHome("journeylog-e2e-mentor-");
});

after(async () => {
  await app.stop();
  await server?.stop();
  for (const dir of [work, apprentice?.root, mentor?.root]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Monday to Wednesday of last week, as YYYY-MM-DD. */
function lastWeek() {
  const pad = (n) => String(n).padStart(2, "0");
  const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const now = new Date();
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7) - 7);
  return [0, 1, 2].map((i) => iso(new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i)));
}

/** Every entry row of the week shown: { id, minutes, state }. */
async function rows(browser) {
  return browser.execute(() =>
    Array.from(document.querySelectorAll("[data-testid=entry-row]")).map((el) => ({
      id: el.getAttribute("data-id"),
      minutes: Number(el.getAttribute("data-minutes")),
      state: el.getAttribute("data-review-state"),
      amend: Boolean(el.querySelector("[data-testid=entry-amend]")),
      edit: Boolean(el.querySelector("[data-testid=entry-edit]")),
    })),
  );
}

/** Waits until the week shows exactly these ids, each in `state`. */
async function waitForStates(browser, ids, state) {
  let last = [];
  await browser.waitUntil(async () => {
    last = await rows(browser);
    return ids.every((id) => last.some((r) => r.id === id && r.state === state));
  }, { ...WAIT, timeoutMsg: `entries never all ${state}` }).catch((err) => {
    throw new Error(`${err.message}: ${JSON.stringify(last)}`);
  });
  return last;
}

/** Clicks Approve; a toast may sit over it, so the click goes to the button itself. */
async function approve(browser) {
  const button = await browser.$("[data-testid=review-approve]");
  await button.waitForEnabled(WAIT);
  await browser.execute((el) => el.click(), button);
}

/** The mentor's review queue: waits until it shows `count` items; returns their ids. */
async function approveQueue(browser, count) {
  await ui.nav(browser, "review");
  let items = [];
  await browser.waitUntil(async () => {
    items = await browser.execute(() =>
      Array.from(document.querySelectorAll("[data-testid=review-item]")).map((el) => el.getAttribute("data-record-id")));
    return items.length === count;
  }, { ...WAIT, timeoutMsg: `review queue never showed ${count} items` }).catch((err) => {
    throw new Error(`${err.message}: ${JSON.stringify(items)}`);
  });
  return items;
}

test("a week is submitted, approved, locked, amended and approved again across two apps", async () => {
  const db = join(work, "server.sqlite3");
  const days = lastWeek();
  let codes;
  let ids = [];

  await app.step("server", async () => {
    server = await startServer(db);
    const employer = admin(db, "create-employer", "--name", "Northwind Robotics");
    admin(db, "import-program", "--employer", employer.employer_id,
      "--file", join(repoRoot, "crates/core/programs", `${PROGRAM}.toml`));
    const ada = admin(db, "add-user", "--employer", employer.employer_id, "--name", "Ada Apprentice",
      "--role", "apprentice", "--program", PROGRAM);
    const morgan = admin(db, "add-user", "--employer", employer.employer_id, "--name", "Morgan Mentor", "--role", "mentor");
    admin(db, "assign-mentor", "--mentor", morgan.user_id, "--apprentice", ada.user_id);
    codes = { ada: admin(db, "enroll-code", "--user", ada.user_id).code, morgan: admin(db, "enroll-code", "--user", morgan.user_id).code };
    assert.ok(codes.ada && codes.morgan, JSON.stringify(codes));
  });

  // ---- 1. The apprentice logs and submits last week ----
  let browser = await app.open("apprentice", apprentice);
  await app.step("log-week", async () => {
    await ui.completeSetup(browser, { name: "Ada Apprentice", start: "2026-06-01", priorOjl: "0", priorRti: "0" });
    await ui.nav(browser, "log");
    for (const [i, date] of days.entries()) {
      const row = await ui.logHours(browser, { date, hours: ["8", "7:30", "6"][i], note: `e2e: day ${i + 1}` });
      ids.push(row.id);
    }
    await (await browser.$("[data-testid=submit-week]")).click();
    await (await browser.$("[data-testid=confirm-yes]")).click();
    await waitForStates(browser, ids, "submitted");
  });
  await app.step("connect", async () => {
    await ui.connectInSettings(browser, { server: server.url, code: codes.ada, device: "Ada's laptop" });
    await ui.waitForSyncPhase(browser, "synced");
    await ui.nav(browser, "log");
    await ui.weekOf(browser, days[0]);
    await waitForStates(browser, ids, "submitted");
    await ui.screenshot(browser, join(artifactsDir, "signoff-1-apprentice-submitted.png"));
  });
  await app.step("close", app.close);

  // ---- 2. The mentor approves the week ----
  browser = await app.open("mentor", mentor);
  await app.step("connect-as-mentor", async () => {
    await ui.connectFromSetup(browser, { server: server.url, code: codes.morgan, device: "Morgan's laptop" });
    await (await browser.$("[data-testid=nav-review]")).waitForDisplayed(WAIT);
    await ui.syncNow(browser);
  });
  await app.step("approve-week", async () => {
    const queued = await approveQueue(browser, 3);
    assert.deepEqual([...queued].sort(), [...ids].sort(), "the mentor reviews exactly the submitted entries");
    await ui.screenshot(browser, join(artifactsDir, "signoff-2-mentor-review.png"));
    await approve(browser);
    await (await browser.$("[data-testid=review-empty]")).waitForDisplayed(WAIT);
    await ui.waitUntilSent(browser);
    await ui.screenshot(browser, join(artifactsDir, "signoff-3-mentor-approved.png"));
  });
  await app.step("close", app.close);

  // ---- 3. The apprentice sees the week approved and locked ----
  browser = await app.open("apprentice-approved", apprentice);
  await app.step("approved-and-locked", async () => {
    await ui.syncNow(browser);
    await ui.nav(browser, "log");
    await ui.weekOf(browser, days[0]);
    const shown = await waitForStates(browser, ids, "approved");
    for (const r of shown.filter((r) => ids.includes(r.id))) {
      assert.ok(r.amend && !r.edit, `an approved entry offers Amend, not Edit: ${JSON.stringify(r)}`);
    }
    await ui.screenshot(browser, join(artifactsDir, "signoff-4-apprentice-approved.png"));
  });
  await app.step("amend", async () => {
    const target = ids[1];
    await (await browser.$(`[data-testid=entry-row][data-id="${target}"] [data-testid=entry-amend]`)).click();
    const hours = await browser.$("#edit-hours");
    await hours.waitForDisplayed(WAIT);
    await hours.setValue("7");
    await (await browser.$("[data-testid=entry-save]")).click();
    await browser.waitUntil(async () => (await rows(browser)).some((r) => r.id === target && r.state === "submitted" && r.minutes === 420),
      { ...WAIT, timeoutMsg: "the amendment never showed as submitted with 7:00" });
    await ui.waitUntilSent(browser);
    await ui.screenshot(browser, join(artifactsDir, "signoff-5-apprentice-amended.png"));
  });
  await app.step("close", app.close);

  // ---- 4. The mentor approves the amendment ----
  browser = await app.open("mentor-amendment", mentor);
  await app.step("approve-amendment", async () => {
    await ui.syncNow(browser);
    const queued = await approveQueue(browser, 1);
    assert.deepEqual(queued, [ids[1]]);
    assert.ok(await (await browser.$("[data-testid=review-amends]")).isExisting(), "marked as an amendment");
    await ui.screenshot(browser, join(artifactsDir, "signoff-6-mentor-amendment.png"));
    await approve(browser);
    await (await browser.$("[data-testid=review-empty]")).waitForDisplayed(WAIT);
    await ui.waitUntilSent(browser);
  });
  await app.step("close", app.close);

  // ---- The apprentice: all approved, with the corrected hours ----
  browser = await app.open("apprentice-final", apprentice);
  await app.step("all-approved", async () => {
    await ui.syncNow(browser);
    await ui.nav(browser, "log");
    await ui.weekOf(browser, days[0]);
    const shown = await waitForStates(browser, ids, "approved");
    assert.equal(shown.find((r) => r.id === ids[1]).minutes, 420);
    await ui.nav(browser, "dashboard");
    const approved = await browser.$("[data-testid=approved-hours]");
    await approved.waitForDisplayed(WAIT);
    assert.match(await approved.getText(), /21:00/, "8:00 + 7:00 + 6:00 approved");
    await ui.screenshot(browser, join(artifactsDir, "signoff-7-apprentice-dashboard.png"));
  });
  await app.step("close", app.close);
});
