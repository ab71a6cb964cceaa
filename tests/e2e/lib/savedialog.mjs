// The native save dialog (GTK's file chooser, opened by tauri-plugin-dialog), driven
// the way a person at the keyboard drives it. WebDriver only reaches the webview, so
// this goes through the X server instead: xdotool finds the dialog's window by its
// title, gives it the keyboard focus, and sends real key presses through XTEST.
//
// In a save dialog GTK puts the focus in the Name field with the suggested name
// selected, and that field takes a whole path: Ctrl+A, the path, Return, exactly as a
// person would type it. Xvfb runs no window manager, so focus is set with
// XSetInputFocus (`windowfocus`), not asked of a window manager (`windowactivate`).
import { execFile } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs xdotool; returns its trimmed stdout. Needs $DISPLAY (make e2e runs under Xvfb). */
export async function xdotool(args, timeout = 10000) {
  const { stdout } = await run("xdotool", args, { timeout, encoding: "utf8" });
  return stdout.trim();
}

function anchored(title) {
  return `^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
}

/** Ids of the visible windows titled exactly `title` (xdotool exits 1 when there are none). */
async function windowsTitled(title) {
  try {
    return (await xdotool(["search", "--onlyvisible", "--name", anchored(title)])).split("\n").filter(Boolean);
  } catch (err) {
    if (err.code === 1) return [];
    throw err;
  }
}

/** Waits until a visible window titled `title` exists; returns its id. */
export async function waitForWindow(title, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ids = await windowsTitled(title);
    if (ids.length > 0) return ids[ids.length - 1];
    if (Date.now() > deadline) throw new Error(`no window titled ${JSON.stringify(title)} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Waits until no visible window is titled `title`. */
export async function waitForNoWindow(title, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while ((await windowsTitled(title)).length > 0) {
    if (Date.now() > deadline) throw new Error(`the window ${JSON.stringify(title)} is still open after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** A PNG of the whole X screen (native windows included, which WebDriver can't see). */
export async function screenshotScreen(path) {
  await run("import", ["-window", "root", path], { timeout: 15000 });
  return path;
}

/**
 * Answers the save dialog titled `title` with `path`: focus, Ctrl+A in the Name field,
 * the path typed key by key, Return; then waits for the dialog to close.
 * `screenshot`, when given, is where a picture of the filled-in dialog goes.
 */
export async function saveAs(title, path, { screenshot } = {}) {
  if (!path.startsWith("/")) throw new Error(`saveAs needs an absolute path, not ${path}`);
  const win = await waitForWindow(title);
  await xdotool(["windowfocus", "--sync", win]);
  await xdotool(["key", "--clearmodifiers", "ctrl+a"]);
  await xdotool(["type", "--clearmodifiers", "--delay", "8", path]);
  if (screenshot) await screenshotScreen(screenshot);
  await xdotool(["key", "--clearmodifiers", "Return"]);
  await waitForNoWindow(title);
}
