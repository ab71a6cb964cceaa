// The real-window end-to-end test of employer sync: two installs of the release app (a
// laptop and a spare device, each with its own data folder) and a real journeylog-server.
//
//   1. The server gets an employer, the MRA phase 1 program, the apprentice Dana and two
//      one-time enrollment codes, through its admin CLI.
//   2. Laptop (A): first-run setup, log 7:30, connect in Settings with code 1: Synced.
//   3. Spare (B): first run, "Connect this device" with code 2: the dashboard opens with
//      A's 7:30 (450 min) and the Log screen lists A's entry. Log 1:00: Synced.
//   4. Laptop again: Sync now brings B's hour: 510 min.
//
// Needs target/release/journeylog ($JOURNEYLOG_APP) and target/debug/journeylog-server
// ($JOURNEYLOG_SERVER_BIN). Run with `make e2e`, which builds both and provides Xvfb.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { artifactsDir, freshHome, openApp, repoRoot } from "./lib/driver.mjs";
import { admin, startServer } from "./lib/server.mjs";
import * as ui from "./lib/ui.mjs";

const NAME = "Dana Apprentice";
const START = "2026-06-01";
const PROGRAM = "mra-phase-1";
// The token goes to a 0600 file beside the logbook, never to the keychain of whoever runs the test.
const APP_ENV = { JOURNEYLOG_TOKEN_STORE: "file" };

let work; // temp dir: the server's database
let server;
let laptop; // freshHome() of instance A
let spare; // freshHome() of instance B
let driver;
let browser;
let current = "";

before(() => {
  mkdirSync(artifactsDir, { recursive: true });
  // Only this test's files: the other e2e test keeps its own in the same folder.
  for (const f of readdirSync(artifactsDir)) {
    if (/^(sync-|failed-sync-)/.test(f)) rmSync(join(artifactsDir, f), { force: true });
  }
  work = mkdtempSync(join(tmpdir(), "journeylog-e2e-server-"));
  laptop = freshHome("journeylog-e2e-laptop-");
  spare = freshHome("journeylog-e2e-spare-");
});

after(async () => {
  await driver?.stop();
  await server?.stop();
  for (const dir of [work, laptop?.root, spare?.root]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs a step; on failure saves a screenshot, the page source and the logs, then rethrows. */
async function step(name, fn) {
  try {
    return await fn();
  } catch (err) {
    const tag = `failed-sync-${current || "setup"}-${name}`;
    if (browser) {
      await ui.screenshot(browser, join(artifactsDir, `${tag}.png`), { timeout: 10000, check: false }).catch(() => {});
      writeFileSync(join(artifactsDir, `${tag}.html`), await browser.getPageSource().catch(() => ""));
    }
    const driverLog = driver?.log.join("").slice(-2000) ?? "";
    const serverLog = server?.log.join("").slice(-3000) ?? "";
    const prefix = current ? `[${current}/${name}] ` : `[${name}] `;
    const logs = (driverLog ? `\ntauri-driver log:\n${driverLog}` : "")
      + (serverLog ? `\njourneylog-server log:\n${serverLog}` : "");
    err.message = `${prefix}${err.message}${logs}`;
    // The reporter prints the stack, which was captured with the original message.
    if (typeof err.stack === "string" && !err.stack.includes(prefix)) err.stack = `${prefix}${err.stack}${logs}`;
    throw err;
  }
}

/** Opens the app on `home` (its own tauri-driver, so its own JOURNEYLOG_DATA_DIR). */
async function open(name, home) {
  current = name;
  ({ driver, browser } = await openApp({ home, extraEnv: APP_ENV }));
}

async function close() {
  await driver.endSession(browser);
  browser = undefined;
  await driver.stop();
  driver = undefined;
}

test("a laptop and a spare device stay in step through a real journeylog-server", async () => {
  const db = join(work, "server.sqlite3");
  let codes;

  await step("server", async () => {
    server = await startServer(db);
    const employer = admin(db, "create-employer", "--name", "Northwind Robotics");
    assert.ok(employer.employer_id, `create-employer report: ${JSON.stringify(employer)}`);
    const program = admin(db, "import-program", "--employer", employer.employer_id,
      "--file", join(repoRoot, "crates/core/programs", `${PROGRAM}.toml`));
    assert.equal(program.program_id, PROGRAM, `import-program report: ${JSON.stringify(program)}`);
    const user = admin(db, "add-user", "--employer", employer.employer_id, "--name", NAME,
      "--role", "apprentice", "--program", PROGRAM);
    assert.ok(user.user_id, `add-user report: ${JSON.stringify(user)}`);
    codes = [1, 2].map(() => admin(db, "enroll-code", "--user", user.user_id).code);
    assert.ok(codes.every(Boolean) && codes[0] !== codes[1], `two codes: ${codes}`);
  });

  // ---- A: the laptop ----
  await open("laptop", laptop);
  let entry;

  await step("setup", async () => {
    await ui.completeSetup(browser, { name: NAME, start: START, priorOjl: "0", priorRti: "0" });
    assert.equal(await ui.ojlTotal(browser), 0);
  });

  await step("log", async () => {
    await ui.nav(browser, "log");
    entry = await ui.logHours(browser, { hours: "7:30", note: "e2e: logged on the laptop" });
    assert.equal(entry.minutes, 450);
  });

  await step("connect", async () => {
    await ui.connectInSettings(browser, { server: server.url, code: codes[0], device: "Dana's laptop" });
    await ui.waitForSyncPhase(browser, "synced");
    const name = await (await browser.$("[data-testid=employer-name]")).getText();
    assert.equal(name, "Northwind Robotics");
    await ui.screenshot(browser, join(artifactsDir, "sync-a-synced.png"));
  });

  await step("close", close);

  // ---- B: the spare device, first run ----
  await open("spare", spare);

  await step("connect-from-setup", async () => {
    await ui.connectFromSetup(browser, { server: server.url, code: codes[1], device: "Spare shop laptop" });
    // The dashboard opens once the profile has arrived, with A's hours.
    assert.equal(await ui.ojlTotal(browser, 450), 450);
    assert.equal(await browser.$("[data-testid=setup-form]").isExisting(), false, "setup has gone");
    // textContent: the sidebar may be narrow enough to show only the initials.
    const sidebar = await browser.execute(() => document.querySelector("[data-testid=sidebar-profile]")?.textContent ?? "");
    assert.match(sidebar, /Dana Apprentice/, "the profile pulled from the server");
  });

  await step("pulled-entry", async () => {
    await ui.nav(browser, "log");
    const row = await ui.waitForEntry(browser, entry.id);
    assert.equal(row.minutes, 450, "A's entry, by id, with its 7:30");
  });

  await step("log-on-spare", async () => {
    const row = await ui.logHours(browser, { hours: "1:00", note: "e2e: logged on the spare device" });
    assert.equal(row.minutes, 60);
    // Sent by the background sync, without Sync now.
    await ui.waitUntilSent(browser);
    await ui.nav(browser, "dashboard");
    assert.equal(await ui.ojlTotal(browser, 510), 510);
    await ui.waitForSyncPhase(browser, "synced");
    await ui.screenshot(browser, join(artifactsDir, "sync-b-synced.png"));
  });

  await step("close", close);

  // ---- A again: picks up B's hour ----
  await open("laptop-again", laptop);

  await step("sync-now", async () => {
    await ui.syncNow(browser);
    assert.equal(await ui.ojlTotal(browser, 510), 510);
    await ui.waitForSyncPhase(browser, "synced");
    await ui.screenshot(browser, join(artifactsDir, "sync-a-after.png"));
  });

  await step("close", close);
});
