// Journeylog's DOM contract as small WebdriverIO helpers, so the scenario reads as steps.
// Selectors: setup-form/#setup-*, nav-<screen>, ojl-total[data-minutes], #log-*,
// entry-row[data-id][data-minutes], error-<field>.
import assert from "node:assert/strict";

const WAIT = { timeout: 15000 };

/** Today's date as the app shows it in date inputs (local time, YYYY-MM-DD). */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// settle() waits for the current DOM to paint; screenshot() saves a checked PNG of the window.
export { pngFacts, screenshot, settle } from "./screenshot.mjs";

export async function value(browser, selector) {
  const el = await browser.$(selector);
  await el.waitForExist(WAIT);
  return el.getValue();
}

/** Waits until an input shows `expected`; returns what it shows last. */
export async function valueBecomes(browser, selector, expected) {
  const el = await browser.$(selector);
  await el.waitForExist(WAIT);
  let last;
  await browser.waitUntil(async () => (last = await el.getValue()) === expected, WAIT).catch(() => {});
  return last;
}

/** Sets an input's value the way a framework notices (native setter + input/change). */
async function setNative(browser, selector, v) {
  const el = await browser.$(selector);
  await el.waitForExist(WAIT);
  await browser.execute((node, val) => {
    const proto = Object.getPrototypeOf(node);
    Object.getOwnPropertyDescriptor(proto, "value").set.call(node, val);
    node.dispatchEvent(new Event("input", { bubbles: true }));
    node.dispatchEvent(new Event("change", { bubbles: true }));
  }, el, v);
}

async function type(browser, selector, text) {
  const el = await browser.$(selector);
  await el.waitForDisplayed(WAIT);
  await el.setValue(text);
}

/** Texts of visible field errors, as { field: text }. */
export async function fieldErrors(browser) {
  const out = {};
  for (const el of await browser.$$("[data-testid^=error-]")) {
    const text = (await el.getText()).trim();
    if (text) out[(await el.getAttribute("data-testid")).slice(6)] = text;
  }
  return out;
}

export async function completeSetup(browser, { name, start, priorOjl, priorRti }) {
  const form = await browser.$("[data-testid=setup-form]");
  await form.waitForDisplayed(WAIT);
  await type(browser, "#setup-name", name);
  const program = await browser.$("#setup-program");
  const options = await browser.execute(
    (sel) => [...sel.options].map((o) => ({ value: o.value, disabled: o.disabled })),
    program,
  );
  const choice = options.find((o) => o.value && !o.disabled);
  assert.ok(choice, `a program template to choose: ${JSON.stringify(options)}`);
  await program.selectByAttribute("value", choice.value);
  await setNative(browser, "#setup-start", start);
  await type(browser, "#setup-prior-ojl", priorOjl);
  await type(browser, "#setup-prior-rti", priorRti);
  await (await browser.$("[data-testid=setup-submit]")).click();
  await browser.waitUntil(async () => !(await form.isExisting()) || !(await form.isDisplayed()), {
    ...WAIT,
    timeoutMsg: "setup form still shown after submit",
  }).catch(async (err) => {
    throw new Error(`${err.message}; field errors: ${JSON.stringify(await fieldErrors(browser))}`);
  });
}

export async function nav(browser, screen) {
  const button = await browser.$(`[data-testid=nav-${screen}]`);
  await button.waitForClickable(WAIT);
  await button.click();
}

/** The dashboard's OJL minutes; with `expected`, waits until it shows that value. */
export async function ojlTotal(browser, expected) {
  const el = await browser.$("[data-testid=ojl-total]");
  await el.waitForDisplayed(WAIT);
  let last;
  await browser.waitUntil(async () => {
    last = await el.getAttribute("data-minutes");
    return /^\d+$/.test(last ?? "") && (expected === undefined || Number(last) === expected);
  }, { ...WAIT, timeoutMsg: `ojl-total data-minutes is ${last}, expected ${expected ?? "a number"}` });
  return Number(last);
}

export async function entryRows(browser) {
  // One script call reads every row at once: element-by-element reads race with
  // Svelte re-rendering the list and fail with stale element references.
  return browser.execute(() =>
    Array.from(document.querySelectorAll("[data-testid=entry-row]")).map((el) => ({
      id: el.getAttribute("data-id"),
      minutes: Number(el.getAttribute("data-minutes")),
    })),
  );
}

/** Waits until the log list shows the entry `id` (the list loads asynchronously). */
export async function waitForEntry(browser, id) {
  let rows = [];
  await browser.waitUntil(async () => {
    rows = await entryRows(browser);
    return rows.some((r) => r.id === id);
  }, { ...WAIT, timeoutMsg: `entry ${id} not in the log list` }).catch((err) => {
    throw new Error(`${err.message}: rows ${JSON.stringify(rows)}`);
  });
  return rows.find((r) => r.id === id);
}

/**
 * Logs `hours` on the date shown (today) for the first work process: an empty combobox
 * query matches every process and Enter picks the first. Returns the new row: { id, minutes }.
 */
export async function logHours(browser, { hours, note, date }) {
  await (await browser.$("#log-hours")).waitForDisplayed(WAIT);
  // The list follows the date of what was just logged, so collect ids across weeks.
  const before = new Set((await entryRows(browser)).map((r) => r.id));
  if (date) await setNative(browser, "#log-date", date);
  await type(browser, "#log-hours", hours);
  const combo = await browser.$("#log-process");
  await combo.click();
  await browser.keys("Enter");
  if (!(await combo.getValue()).trim()) {
    // Not in the contract, but the ARIA combobox pattern: click the first listed option.
    const option = await browser.$("[role=option]");
    if (await option.isExisting()) await option.click();
  }
  assert.notEqual((await combo.getValue()).trim(), "", "Enter in #log-process picked a work process");
  if (note) await type(browser, "#log-note", note);
  await (await browser.$("[data-testid=log-submit]")).click();
  let added;
  await browser.waitUntil(async () => {
    added = (await entryRows(browser)).find((r) => !before.has(r.id));
    return Boolean(added);
  }, { ...WAIT, timeoutMsg: "no new entry-row after submit" }).catch(async (err) => {
    throw new Error(`${err.message}; field errors: ${JSON.stringify(await fieldErrors(browser))}`);
  });
  return added;
}

/** Moves the Log screen's week list to the week holding `date` (YYYY-MM-DD). */
export async function weekOf(browser, date) {
  const list = await browser.$("[data-testid=week-list]");
  await list.waitForExist(WAIT);
  const d = new Date(`${date}T12:00:00`);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  const pad = (n) => String(n).padStart(2, "0");
  const monday = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  for (let i = 0; i < 60; i++) {
    const shown = await list.getAttribute("data-week-start");
    if (shown === monday) return;
    const button = await browser.$(`[data-testid=${shown && shown > monday ? "week-prev" : "week-next"}]`);
    await button.click();
    await browser.waitUntil(async () => (await list.getAttribute("data-week-start")) !== shown, WAIT).catch(() => {});
  }
  throw new Error(`the week list never showed the week of ${monday}`);
}

/**
 * Submits hours the core must refuse and returns the message shown next to the hours
 * field, checking that no entry row appeared.
 */
export async function refusedHours(browser, hours) {
  const before = (await entryRows(browser)).map((r) => r.id).sort();
  await type(browser, "#log-hours", hours);
  await (await browser.$("[data-testid=log-submit]")).click();
  const error = await browser.$("[data-testid=error-hours]");
  await browser.waitUntil(async () => (await error.isExisting()) && (await error.getText()).trim() !== "", {
    ...WAIT,
    timeoutMsg: `no error next to the hours field for ${JSON.stringify(hours)}`,
  });
  const after = (await entryRows(browser)).map((r) => r.id).sort();
  assert.deepEqual(after, before, `refused hours ${JSON.stringify(hours)} must not add an entry`);
  return (await error.getText()).trim();
}

// ---- employer sync: connect-form (#connect-*), sync-status[data-phase][data-pending], sync-now ----

/** Fills the connect form (Settings, or the setup screen's connect path) and submits it. */
async function submitConnect(browser, { server, code, device }) {
  await (await browser.$("#connect-server")).waitForDisplayed(WAIT);
  await type(browser, "#connect-server", server);
  await type(browser, "#connect-code", code);
  if (device) await type(browser, "#connect-device", device);
  await (await browser.$("[data-testid=connect-submit]")).click();
}

/** Settings → Connect to employer. Throws with the shown errors if the form stays. */
export async function connectInSettings(browser, details) {
  await nav(browser, "settings");
  await submitConnect(browser, details);
  const facts = await browser.$("[data-testid=employer-facts]");
  await facts.waitForDisplayed(WAIT).catch(async (err) => {
    throw new Error(`${err.message}; connect errors: ${JSON.stringify(await connectErrors(browser))}`);
  });
}

/** First run on a spare device: setup → "Connect this device" → the connect form. */
export async function connectFromSetup(browser, details) {
  const link = await browser.$("[data-testid=setup-connect-link]");
  await link.waitForClickable(WAIT);
  await link.click();
  await submitConnect(browser, details);
}

/** Field errors and the general banner of the connect form. */
export async function connectErrors(browser) {
  const out = await fieldErrors(browser);
  const banner = await browser.$("[data-testid=connect-error]");
  if (await banner.isExisting()) out.general = (await banner.getText()).trim();
  return out;
}

/** The header's sync status: { phase, pending }. */
export async function syncState(browser) {
  return browser.execute(() => {
    const el = document.querySelector("[data-testid=sync-status]");
    return el ? { phase: el.getAttribute("data-phase"), pending: Number(el.getAttribute("data-pending")) } : null;
  });
}

/** Waits until the header shows `phase` with nothing pending; returns the state. */
export async function waitForSyncPhase(browser, phase, timeout = 30000) {
  let last;
  await browser.waitUntil(async () => {
    last = await syncState(browser);
    return last?.phase === phase && (phase !== "synced" || last.pending === 0);
  }, { timeout, interval: 200, timeoutMsg: `sync-status never showed ${phase}` }).catch(async (err) => {
    const title = await browser.$("[data-testid=sync-status]").getAttribute("title").catch(() => "");
    throw new Error(`${err.message}: last ${JSON.stringify(last)} (${title})`);
  });
  return last;
}

/**
 * After a local write: waits until the background sync has sent it. The header re-reads
 * the status after every write, so once it has shown "pending" (or a few seconds have
 * passed, by when the re-read has surely landed) a "synced" is about this write too.
 */
export async function waitUntilSent(browser, timeout = 30000) {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline && (await syncState(browser))?.phase !== "pending") {
    await new Promise((r) => setTimeout(r, 100));
  }
  return waitForSyncPhase(browser, "synced", timeout);
}

/** Clicks the header's Sync now and waits for the round to finish. */
export async function syncNow(browser) {
  const button = await browser.$("[data-testid=sync-now]");
  await button.waitForClickable(WAIT);
  await button.click();
  await browser.waitUntil(async () => (await button.getAttribute("aria-busy")) !== "true", {
    timeout: 30000, timeoutMsg: "Sync now still busy",
  });
}
