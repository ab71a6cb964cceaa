// Screenshots of the real window through WebDriver, and a check that they are real images.
//
// The app renders without WebKit's accelerated compositing (src-tauri/src/webview.rs). Then
// WebKitWebDriver's Take Screenshot (viewport or element) answers only after the page's
// next painted frame: WebKit calls it back "after the next presentation update", and an
// idle page without compositing paints no frame, so the command never returns (seen with
// WebKitGTK 2.50.6 on hello-tauri and on Journeylog, with the hardware-acceleration policy
// or WEBKIT_DISABLE_COMPOSITING_MODE=1 alike). So while the screenshot is taken, the page
// repaints a 1x1 fully transparent element every frame: nothing visible changes, and the
// command returns in about 100 ms. A time limit turns any other hang into a clear error.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";

const NUDGE = "__journeylogE2eRepaint";

/** Waits for two animation frames, so a screenshot shows the DOM as it is now. */
export async function settle(browser) {
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}

function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * Saves a screenshot of the window once the current DOM has painted, and checks that it is
 * a real picture of the window (PNG of the viewport's size, not one flat colour).
 * `check: false` skips the check (failure screenshots take whatever there is).
 */
export async function screenshot(browser, path, { timeout = 20000, check = true } = {}) {
  await settle(browser);
  const viewport = await browser.execute((key) => {
    const el = document.createElement("div");
    el.setAttribute("aria-hidden", "true");
    el.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;z-index:2147483647";
    document.documentElement.append(el);
    let odd = false;
    const tick = () => {
      odd = !odd;
      el.style.backgroundColor = odd ? "rgba(0,0,1,0)" : "rgba(0,0,0,0)";
      window[key].frame = requestAnimationFrame(tick);
    };
    window[key] = { el, frame: 0 };
    tick();
    return { width: window.innerWidth, height: window.innerHeight, scale: window.devicePixelRatio };
  }, NUDGE);
  try {
    await withTimeout(browser.saveScreenshot(path), timeout, `WebDriver screenshot ${path}`);
  } finally {
    await browser.execute((key) => {
      if (!window[key]) return;
      cancelAnimationFrame(window[key].frame);
      window[key].el.remove();
      delete window[key];
    }, NUDGE).catch(() => {});
  }
  if (check) {
    const png = pngFacts(path);
    assert.equal(png.width, Math.round(viewport.width * viewport.scale), `${path}: width of the viewport`);
    assert.equal(png.height, Math.round(viewport.height * viewport.scale), `${path}: height of the viewport`);
    assert.ok(png.distinctBytes > 32, `${path} looks blank (${png.distinctBytes} distinct byte values)`);
  }
  return path;
}

/** Width, height and how varied the pixel data is, read from a PNG file. */
export function pngFacts(path) {
  const buf = readFileSync(path);
  assert.equal(buf.subarray(1, 4).toString("latin1"), "PNG", `${path} is not a PNG`);
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const idat = [];
  for (let at = 8; at + 8 <= buf.length;) {
    const length = buf.readUInt32BE(at);
    if (buf.subarray(at + 4, at + 8).toString("latin1") === "IDAT") idat.push(buf.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(idat));
  const seen = new Set();
  for (let i = 0; i < pixels.length && seen.size < 256; i += 7) seen.add(pixels[i]);
  return { width, height, distinctBytes: seen.size };
}
