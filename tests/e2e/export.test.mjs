// The real-window end-to-end test of the Export screen: the release app on a logbook
// seeded by the real `jlog` (a profile, then two months of demo data), exporting the
// signed JSON bundle, the PDF summary and the CSV through the UI and GTK's native save
// dialog (answered with real key presses, lib/savedialog.mjs), then checking the files
// with the real tools: `jlog verify` on the bundle and on a copy with one byte of a
// record changed, `pdftotext` on the PDF, a CSV parser on the CSV. The figures are
// compared with what the dashboard and the Export screen showed.
//
// Screenshots (tests/e2e/.artifacts/export-*.png) include the filled-in save dialogs,
// taken from the X screen since WebDriver sees only the webview.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { appPath, artifactsDir, freshHome } from "./lib/driver.mjs";
import { saveAs } from "./lib/savedialog.mjs";
import { appSession } from "./lib/session.mjs";
import * as ui from "./lib/ui.mjs";
import { parseCsv } from "./lib/csv.mjs";

const NAME = "Ana Núñez";
const WAIT = { timeout: 20000 };
// The dialog titles the Export screen asks for (ui/src/screens/export/export.ts).
const TITLES = {
  json: "Export Signed bundle (JSON)",
  pdf: "Export PDF summary",
  csv: "Export CSV spreadsheet",
  xapi: "Export xAPI statements",
};

let home;
let outDir;
const app = appSession({ tag: "export" });

/** The release `jlog` beside the release app, or $JOURNEYLOG_JLOG. */
function jlogPath() {
  const bin = process.env.JOURNEYLOG_JLOG ?? join(dirname(appPath()), "jlog");
  assert.ok(existsSync(bin), `jlog not found at ${bin}: cargo build --release -p journeylog-cli`);
  return bin;
}

/** Runs the real jlog; returns { status, stdout, stderr }. */
function jlog(...args) {
  const run = spawnSync(jlogPath(), args, { encoding: "utf8", timeout: 60000 });
  if (run.error) throw run.error;
  return run;
}

function jlogOk(...args) {
  const run = jlog(...args);
  assert.equal(run.status, 0, `jlog ${args.join(" ")}\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

before(() => {
  mkdirSync(artifactsDir, { recursive: true });
  for (const f of readdirSync(artifactsDir)) {
    if (/^(export-|failed-export-)/.test(f)) rmSync(join(artifactsDir, f), { force: true });
  }
  home = freshHome("journeylog-e2e-export-");
  outDir = join(home.root, "exports");
  mkdirSync(outDir);
});

after(async () => {
  await app.stop();
  if (home) rmSync(home.root, { recursive: true, force: true });
});

/** The dashboard's hours per work process: { code: { minutes, text } }. */
async function dashboardProcesses(browser) {
  await browser.$("[data-testid=wp-row]").waitForDisplayed(WAIT);
  return browser.execute(() =>
    Object.fromEntries(Array.from(document.querySelectorAll("[data-testid=wp-row]")).map((el) => [
      el.getAttribute("data-code"),
      { minutes: Number(el.getAttribute("data-minutes")), text: el.querySelector(".hours b")?.textContent.trim() ?? "" },
    ])));
}

/** What the Export screen shows after an export: { format, files, entries, hash }. */
async function shownResult(browser, format, path) {
  const result = await browser.$(`[data-testid=export-result][data-format=${format}]`);
  let shown;
  await browser.waitUntil(async () => {
    shown = await browser.execute(() => {
      const el = document.querySelector("[data-testid=export-result]");
      if (!el) return null;
      return {
        format: el.getAttribute("data-format"),
        files: Array.from(el.querySelectorAll("[data-testid=export-file]")).map((f) => f.getAttribute("data-path")),
        entries: Number(el.querySelector("[data-testid=export-entries]")?.textContent.replace(/,/g, "")),
        hash: el.querySelector("[data-testid=export-hash]")?.textContent.trim() ?? "",
      };
    });
    return shown?.format === format && shown.files[0] === path;
  }, { ...WAIT, timeoutMsg: `no ${format} result for ${path}` }).catch(async (err) => {
    const error = await browser.$("[data-testid=export-error]");
    const banner = (await error.isExisting()) ? await error.getText() : "";
    throw new Error(`${err.message}: shown ${JSON.stringify(shown)} ${banner}`);
  });
  await result.waitForDisplayed(WAIT);
  return shown;
}

/** Picks `format` on the Export screen, clicks Export…, answers the save dialog with `path`. */
async function exportThroughUi(browser, format, path) {
  const radio = await browser.$(`[data-testid=export-format-${format}]`);
  await radio.waitForExist(WAIT);
  await (await radio.parentElement()).click(); // the format's card, as a person clicks it
  await browser.waitUntil(async () => radio.isSelected(), { ...WAIT, timeoutMsg: `${format} not selected` });
  await (await browser.$("[data-testid=export-submit]")).click();
  await saveAs(TITLES[format], path, { screenshot: join(artifactsDir, `export-dialog-${format}.png`) });
  const shown = await shownResult(browser, format, path);
  assert.ok(existsSync(path), `${path} written`);
  await ui.screenshot(browser, join(artifactsDir, `export-${format}.png`));
  return shown;
}

/** The verify report's line for a work process: "  WP1      0:00 signed of    70:00 logged ...". */
function verifyLine(stdout, code) {
  return stdout.split("\n").find((l) => l.trimStart().startsWith(`${code} `)) ?? "";
}

test("exports the signed bundle, the PDF, the CSV and xAPI through the window and the native save dialog", async () => {
  const db = join(home.data, "journeylog.sqlite3");
  const paths = {
    json: join(outDir, "ana-bundle.json"),
    pdf: join(outDir, "ana-summary.pdf"),
    csv: join(outDir, "ana-entries.csv"),
    xapi: join(outDir, "ana-xapi.json"),
  };
  let wp;
  let entries;
  const shown = {};

  await app.step("seed", async () => {
    jlogOk("--db", db, "init", "--name", NAME, "--program", "mra-phase-1", "--start", "2026-09-01", "--prior-ojl-hours", "40");
    jlogOk("--db", db, "demo", "--months", "2");
    entries = JSON.parse(jlogOk("--db", db, "list", "--json"));
    assert.ok(entries.length > 20, `demo entries: ${entries.length}`);
  });

  const browser = await app.open("export", home);
  await app.step("dashboard", async () => {
    wp = await dashboardProcesses(browser);
    assert.ok(Object.values(wp).some((w) => w.minutes > 0), `hours on the dashboard: ${JSON.stringify(wp)}`);
    await ui.screenshot(browser, join(artifactsDir, "export-0-dashboard.png"));
    await ui.nav(browser, "export");
    await (await browser.$("[data-testid=export-submit]")).waitForClickable(WAIT);
  });

  await app.step("bundle", async () => {
    shown.json = await exportThroughUi(browser, "json", paths.json);
    const bundle = JSON.parse(readFileSync(paths.json, "utf8"));
    assert.match(shown.json.hash, /^[0-9a-f]{64}$/, "the screen shows the bundle hash");
    assert.equal(shown.json.hash, bundle.bundle_hash, "the hash on screen is the file's bundle_hash");
    assert.equal(bundle.records.length, entries.length, "every entry is a record of the bundle");
    assert.equal(shown.json.entries, entries.length, "the screen counts every entry");
    assert.equal(bundle.apprentice.name, NAME);

    const run = jlog("verify", paths.json);
    assert.equal(run.status, 0, `jlog verify on the exported bundle\n${run.stdout}${run.stderr}`);
    assert.match(run.stdout, new RegExp(`bundle hash ${bundle.bundle_hash}`));
    assert.match(run.stdout, /Verified: every record and sign-off in this bundle checks out/);
    for (const [code, { minutes }] of Object.entries(wp)) {
      const line = verifyLine(run.stdout, code);
      const logged = `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")} logged`;
      assert.ok(line.includes(logged), `verify says ${code} has ${logged}: ${JSON.stringify(line)}`);
    }
  });

  await app.step("tampered-bundle", async () => {
    // One byte of one record: the last digit of its minutes, in a copy of the file.
    const text = readFileSync(paths.json, "utf8");
    const record = JSON.parse(text).records.find((r) => r.kind === "ojl");
    const at = text.indexOf('"minutes": ', text.indexOf(`"id": "${record.id}"`)) + '"minutes": '.length;
    const end = at + String(record.content.minutes).length - 1;
    assert.equal(text.slice(at, end + 1), String(record.content.minutes), "found the record's minutes");
    const digit = text[end] === "9" ? "8" : String(Number(text[end]) + 1);
    const tampered = join(outDir, "ana-bundle-tampered.json");
    writeFileSync(tampered, text.slice(0, end) + digit + text.slice(end + 1));
    assert.equal(readFileSync(tampered).length, readFileSync(paths.json).length, "same length: one byte changed");
    const run = jlog("verify", tampered);
    assert.equal(run.status, 1, `jlog verify on the tampered copy\n${run.stdout}${run.stderr}`);
    const failures = run.stdout.split("NOT VERIFIED")[1] ?? "";
    assert.ok(failures.includes(`record ${record.id}`), `the failures name record ${record.id}\n${run.stdout}`);
    // The original is untouched and still verifies.
    copyFileSync(paths.json, join(outDir, "ana-bundle-again.json"));
    assert.equal(jlog("verify", join(outDir, "ana-bundle-again.json")).status, 0);
  });

  await app.step("pdf", async () => {
    shown.pdf = await exportThroughUi(browser, "pdf", paths.pdf);
    assert.equal(readFileSync(paths.pdf).subarray(0, 5).toString("latin1"), "%PDF-");
    assert.equal(shown.pdf.hash, shown.json.hash, "the PDF quotes the hash of the same records' bundle");
    const text = spawnSync("pdftotext", ["-layout", paths.pdf, "-"], { encoding: "utf8" });
    assert.equal(text.status, 0, text.stderr);
    assert.ok(text.stdout.includes(NAME), `the PDF names ${NAME}`);
    assert.ok(text.stdout.includes(`Bundle SHA-256: ${shown.json.hash}`), "the footer quotes the bundle hash");
    // Each work process row of the PDF ("WP1  Safety…  Approved  Pending  Logged  …")
    // carries the logged total the dashboard shows.
    for (const [code, { minutes, text: onDashboard }] of Object.entries(wp)) {
      if (minutes === 0) continue;
      const row = text.stdout.split("\n").find((l) => l.trimStart().startsWith(`${code} `)) ?? "";
      const cells = row.replace(/,/g, "").split(/\s+/);
      assert.ok(cells.includes(onDashboard), `the PDF's ${code} row has the dashboard's ${onDashboard}: ${JSON.stringify(row)}`);
    }
  });

  await app.step("csv", async () => {
    shown.csv = await exportThroughUi(browser, "csv", paths.csv);
    assert.equal(shown.csv.files.length, 2, `the entries and the summary: ${JSON.stringify(shown.csv.files)}`);
    assert.ok(existsSync(shown.csv.files[1]), `${shown.csv.files[1]} written`);
    const [header, ...rows] = parseCsv(readFileSync(paths.csv, "utf8"));
    assert.equal(rows.length, entries.length, "one CSV row per entry");
    assert.equal(rows.length, shown.csv.entries, "as many rows as the screen says");
    const col = (name) => header.indexOf(name);
    assert.deepEqual(new Set(rows.map((r) => r[col("id")])), new Set(entries.map((e) => e.id)), "the same ids");
    const perCode = {};
    for (const r of rows.filter((r) => r[col("kind")] === "ojl")) {
      perCode[r[col("code")]] = (perCode[r[col("code")]] ?? 0) + Number(r[col("minutes")]);
    }
    for (const [code, { minutes }] of Object.entries(wp)) {
      assert.equal(perCode[code] ?? 0, minutes, `the CSV's ${code} minutes add up to the dashboard's`);
    }
  });

  await app.step("xapi", async () => {
    shown.xapi = await exportThroughUi(browser, "xapi", paths.xapi);
    const statements = JSON.parse(readFileSync(paths.xapi, "utf8"));
    assert.ok(Array.isArray(statements), "one JSON array of statements");
    const ids = new Set(statements.map((st) => st.id));
    assert.equal(ids.size, statements.length, "no statement id twice");
    // docs/xapi.md: every entry but a draft (which may still change) is a statement
    // whose id is the entry's own.
    const drafts = entries.filter((e) => e.status === "draft");
    assert.ok(drafts.length > 0 && drafts.length < entries.length, `the demo has drafts and more: ${drafts.length}`);
    for (const e of entries) {
      assert.equal(ids.has(e.id), e.status !== "draft", `entry ${e.id} (${e.status}) as a statement`);
    }
    for (const st of statements) {
      assert.ok(st.actor?.account?.name && st.verb?.id && st.object?.id && st.timestamp, `whole: ${JSON.stringify(st)}`);
      assert.equal(st.actor.name, NAME);
    }
    // The CLI makes the same statements from the same logbook.
    const fromCli = join(outDir, "ana-xapi-cli.json");
    jlogOk("--db", db, "export", "--format", "xapi", "--out", fromCli);
    const cliIds = JSON.parse(readFileSync(fromCli, "utf8")).map((st) => st.id);
    assert.deepEqual(new Set(cliIds), ids, "the app and jlog export the same statement ids");
  });

  await app.step("close", app.close);
});
