// A real employer server for the sync end-to-end test: `journeylog-server serve` on a
// free loopback port with its own SQLite file, and its admin CLI (`--json`) to create the
// employer, the program, the apprentice and enrollment codes.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { repoRoot } from "./driver.mjs";

/** Absolute path of the server binary: $JOURNEYLOG_SERVER_BIN, else <cargo target dir>/debug/journeylog-server. */
export function serverPath() {
  const targetDir = process.env.CARGO_TARGET_DIR ? resolve(repoRoot, process.env.CARGO_TARGET_DIR) : join(repoRoot, "target");
  const bin = resolve(process.env.JOURNEYLOG_SERVER_BIN ?? join(targetDir, "debug/journeylog-server"));
  if (!existsSync(bin)) {
    throw new Error(`journeylog-server not found at ${bin}: run \`cargo build -p journeylog-server\` (or set JOURNEYLOG_SERVER_BIN)`);
  }
  return bin;
}

/**
 * Runs `journeylog-server admin --db <db> --json <args...>` and returns its JSON report.
 * A failure throws with the server's own message.
 */
export function admin(db, ...args) {
  const bin = serverPath();
  let out;
  try {
    out = execFileSync(bin, ["admin", "--db", db, "--json", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    throw new Error(`journeylog-server admin ${args.join(" ")} failed (${err.status}): ${String(err.stderr ?? "").trim() || err.message}`);
  }
  try {
    return JSON.parse(out);
  } catch {
    throw new Error(`journeylog-server admin ${args.join(" ")} printed no JSON: ${out}`);
  }
}

/**
 * Starts `journeylog-server serve --db <db> --listen 127.0.0.1:0` and waits for its
 * `listening on http://ADDR` line. Returns { url, log, stop() }; stop() never throws.
 */
export async function startServer(db, { timeoutMs = 15000 } = {}) {
  const bin = serverPath();
  const child = spawn(bin, ["serve", "--db", db, "--listen", "127.0.0.1:0"], {
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = [];
  child.stderr.on("data", (d) => log.push(String(d)));
  const exited = new Promise((ok) => child.once("exit", (code, signal) => ok({ code, signal })));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };

  const url = await new Promise((ok, fail) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(new Error(`journeylog-server printed no "listening on" line within ${timeoutMs} ms`)), timeoutMs);
    lines.on("line", (line) => {
      log.push(`${line}\n`);
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.once("error", (err) => {
      clearTimeout(timer);
      fail(err);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`journeylog-server exited (${code ?? signal}) before listening:\n${log.join("").slice(-2000)}`));
    });
  }).catch(async (err) => {
    await stop();
    throw err;
  });

  return { url, log, stop };
}
