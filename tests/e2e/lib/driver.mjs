// Starts tauri-driver (which starts WebKitWebDriver, which starts the app) and opens
// WebdriverIO sessions against it. The app inherits tauri-driver's environment: that is
// how each test gives it a fresh JOURNEYLOG_DATA_DIR. Everything started here is killed by
// stop(), by process group and by a per-run marker in the environment, even on failure.
//
// WebdriverIO's remote() keeps its HTTP connection alive; clients that send
// `Connection: close` get "connection reset by peer" from tauri-driver (NOTES.md).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { createServer, connect } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { remote } from "webdriverio";

const here = new URL(".", import.meta.url).pathname;
export const repoRoot = resolve(here, "../../..");
export const artifactsDir = resolve(here, "../.artifacts");

/** Absolute path of the release app: $JOURNEYLOG_APP or target/release/journeylog. */
export function appPath() {
  const app = resolve(process.env.JOURNEYLOG_APP ?? join(repoRoot, "target/release/journeylog"));
  if (!existsSync(app)) throw new Error(`app binary not found: ${app} (run make app)`);
  return app;
}

function tauriDriverPath() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(join(dir, "tauri-driver"))) return join(dir, "tauri-driver");
  }
  const cargoBin = join(homedir(), ".cargo/bin/tauri-driver");
  if (existsSync(cargoBin)) return cargoBin;
  throw new Error("tauri-driver not found: cargo install tauri-driver --locked");
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

async function waitForPort(port, child, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    const up = await new Promise((ok) => {
      const sock = connect(port, "127.0.0.1");
      sock.once("connect", () => { sock.destroy(); ok(true); });
      sock.once("error", () => ok(false));
    });
    if (up) return;
    await sleep(100);
  }
  throw new Error(`tauri-driver did not listen on ${port} within ${timeoutMs} ms`);
}

/** A fresh temp dir holding the app's data dir and its XDG dirs (WebKit storage, window state). */
export function freshHome(prefix = "journeylog-e2e-") {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = { root, data: join(root, "data"), xdgData: join(root, "xdg-data"), xdgConfig: join(root, "xdg-config"), xdgCache: join(root, "xdg-cache") };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  return dirs;
}

/** Processes whose environment carries `marker` (our app and WebKit helpers, nothing else). */
export function pidsWithMarker(marker) {
  const pids = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`, "latin1");
      if (env.includes(`\0${marker}\0`) || env.startsWith(`${marker}\0`)) pids.push(Number(name));
    } catch { /* gone, or not ours */ }
  }
  return pids;
}

/** Is a process running the app binary with our marker? */
export function appRunning(marker, app) {
  return pidsWithMarker(marker).some((pid) => {
    try { return readlinkSync(`/proc/${pid}/exe`) === app; } catch { return false; }
  });
}

/**
 * Starts tauri-driver with the app's environment. Returns { port, env, session(), stop() }.
 * `extraEnv` is added to the environment the app sees.
 */
export async function startDriver({ home, extraEnv = {} } = {}) {
  const marker = `JOURNEYLOG_E2E_RUN=${process.pid}-${Date.now()}`;
  const [port, nativePort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    JOURNEYLOG_DATA_DIR: home.data,
    XDG_DATA_HOME: home.xdgData,
    XDG_CONFIG_HOME: home.xdgConfig,
    XDG_CACHE_HOME: home.xdgCache,
    JOURNEYLOG_E2E_RUN: marker.split("=")[1],
    ...extraEnv,
  };
  const log = [];
  const child = spawn(tauriDriverPath(), ["--port", String(port), "--native-port", String(nativePort)], {
    env, detached: true, stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => log.push(String(d)));
  child.stderr.on("data", (d) => log.push(String(d)));
  const killDriver = (signal) => {
    try { process.kill(-child.pid, signal); } catch { /* already gone */ }
  };
  try {
    await waitForPort(port, child);
  } catch (err) {
    killDriver("SIGKILL");
    throw err;
  }

  const sessions = new Set();
  return {
    port, env, marker, log,
    /** Opens a WebDriver session: this launches the app. */
    async session(application = appPath()) {
      const browser = await remote({
        hostname: "127.0.0.1", port, logLevel: "warn",
        connectionRetryCount: 0, connectionRetryTimeout: 60000,
        capabilities: { "tauri:options": { application } },
      });
      sessions.add(browser);
      return browser;
    },
    /** Ends a session and waits until the app has exited. */
    async endSession(browser, timeoutMs = 15000, application = appPath()) {
      sessions.delete(browser);
      await browser.deleteSession();
      const deadline = Date.now() + timeoutMs;
      while (appRunning(marker, application)) {
        if (Date.now() > deadline) throw new Error("app still running after the session ended");
        await sleep(100);
      }
    },
    /** Ends sessions and kills tauri-driver, WebKitWebDriver and the app. Never throws. */
    async stop() {
      for (const b of sessions) await b.deleteSession().catch(() => {});
      sessions.clear();
      killDriver("SIGTERM");
      await sleep(300);
      for (const pid of pidsWithMarker(marker)) {
        try { process.kill(pid, "SIGKILL"); } catch { /* gone */ }
      }
      killDriver("SIGKILL");
    },
  };
}

/**
 * Starts a tauri-driver and opens a session on it: the app's window, on `home`.
 * Returns { driver, browser }.
 *
 * On a loaded machine the first session request can fail with the socket closed
 * (WebKitWebDriver or the app did not come up, or the previous window on the same
 * data folder was still shutting down and the single-instance plugin handed over).
 * That is the harness failing, not the app, so the whole start is tried again with a
 * fresh driver, up to `attempts` times; a real start-up failure still fails the test.
 */
export async function openApp({ home, extraEnv = {}, attempts = 3 } = {}) {
  for (let attempt = 1; ; attempt++) {
    const driver = await startDriver({ home, extraEnv });
    try {
      const browser = await driver.session();
      return { driver, browser };
    } catch (err) {
      const log = driver.log.join("").slice(-1500);
      await driver.stop();
      if (attempt >= attempts) {
        err.message = `${err.message} (after ${attempt} attempts)${log ? `\ntauri-driver log:\n${log}` : ""}`;
        throw err;
      }
      console.error(`session attempt ${attempt} failed (${err.message}); retrying with a fresh driver`);
      await sleep(2000 * attempt);
    }
  }
}
