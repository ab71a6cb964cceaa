// Smoke test of the harness itself against bench/hello-tauri: tauri-driver and
// WebKitWebDriver start a real window, WebdriverIO reads an element, and the page's
// bench_painted call lands in JOURNEYLOG_BENCH_PAINT_FILE. Needs `make app` and a display.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, repoRoot, startDriver } from "./lib/driver.mjs";

const hello = join(repoRoot, "target/release/hello-tauri");

test("hello-tauri opens a real window that WebDriver can read", async () => {
  assert.ok(existsSync(hello), `no hello-tauri build at ${hello}: run cargo build --release -p hello-tauri`);
  const home = freshHome("hello-e2e-");
  const paintFile = join(home.root, "paint.txt");
  const driver = await startDriver({ home, extraEnv: { JOURNEYLOG_BENCH_PAINT_FILE: paintFile } });
  try {
    const browser = await driver.session(hello);
    const greeting = await browser.$("#greeting");
    await greeting.waitForDisplayed({ timeout: 10000 });
    assert.equal(await greeting.getText(), "Hello, Tauri");
    assert.equal(await browser.getTitle(), "hello-tauri");
    for (let i = 0; i < 50 && !existsSync(paintFile); i++) await sleep(100);
    assert.match(readFileSync(paintFile, "utf8"), /^hello \d+(\.\d)?\n$/);
    await driver.endSession(browser, 15000, hello);
  } finally {
    await driver.stop();
    rmSync(home.root, { recursive: true, force: true });
  }
});
