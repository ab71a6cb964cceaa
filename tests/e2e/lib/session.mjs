// One app window at a time, on a given data folder, with failure reports.
//
// Multi-app scenarios (two devices, an apprentice and a mentor) open and close the
// real app several times; every step that fails leaves a screenshot, the page source
// and the tail of the driver's and the server's logs in .artifacts, named after the
// app and the step, so a red run explains itself.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { artifactsDir, openApp } from "./driver.mjs";
import { screenshot } from "./screenshot.mjs";

/**
 * @param {object} options
 * @param {string} options.tag          prefix of failure artifacts, e.g. "signoff"
 * @param {object} [options.env]        extra environment for the app
 * @param {() => string} [options.serverLog]  the server's recent log, for failures
 */
export function appSession({ tag, env = {}, serverLog = () => "" }) {
  const s = { driver: undefined, browser: undefined, current: "" };

  /** Runs a step; on failure saves what explains it, then rethrows with the logs. */
  s.step = async (name, fn) => {
    try {
      return await fn();
    } catch (err) {
      const file = `failed-${tag}-${s.current || "setup"}-${name}`;
      if (s.browser) {
        await screenshot(s.browser, join(artifactsDir, `${file}.png`)).catch(() => {});
        writeFileSync(join(artifactsDir, `${file}.html`), await s.browser.getPageSource().catch(() => ""));
      }
      const driverLog = s.driver?.log.join("").slice(-2000) ?? "";
      const server = serverLog().slice(-3000);
      const prefix = s.current ? `[${s.current}/${name}] ` : `[${name}] `;
      const logs = (driverLog ? `\ntauri-driver log:\n${driverLog}` : "")
        + (server ? `\njourneylog-server log:\n${server}` : "");
      err.message = `${prefix}${err.message}${logs}`;
      if (typeof err.stack === "string" && !err.stack.includes(prefix)) err.stack = `${prefix}${err.stack}${logs}`;
      throw err;
    }
  };

  /** Opens the app on `home` (its own tauri-driver, so its own JOURNEYLOG_DATA_DIR). */
  s.open = async (name, home) => {
    s.current = name;
    // openApp retries a start that fails in the harness (see driver.mjs), which also
    // covers reopening a data folder whose previous window is still shutting down.
    ({ driver: s.driver, browser: s.browser } = await openApp({ home, extraEnv: env }));
    return s.browser;
  };

  s.close = async () => {
    await s.driver.endSession(s.browser);
    s.browser = undefined;
    await s.driver.stop();
    s.driver = undefined;
  };

  /** Stops whatever is still running (for `after`). */
  s.stop = async () => {
    await s.driver?.stop();
  };

  return s;
}
