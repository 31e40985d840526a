// What the tests share: the herald binary (HERALD_BINARY, or built here
// with `go build` from this checkout when it is unset) and a Herald
// started on loopback with a temporary store. Not a test file itself
// (npm test runs test/*.test.mjs).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout's root: clients/typescript/test/../../.. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

let built;

/**
 * The herald binary to run: HERALD_BINARY when set, else one built now
 * into a temporary directory with `go build ./cmd/herald` (Go on the PATH
 * is then needed, and a missing one fails the test, naming what to set).
 */
export function heraldBinary() {
  if (process.env.HERALD_BINARY) return process.env.HERALD_BINARY;
  if (built) return built;
  const dir = mkdtempSync(join(tmpdir(), "herald-bin-"));
  const out = join(dir, "herald");
  try {
    execFileSync("go", ["build", "-o", out, "./cmd/herald"], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    throw new Error(`HERALD_BINARY is not set and \`go build ./cmd/herald\` failed in ${repoRoot}: ${e.message}\n${e.stderr ?? ""}`);
  }
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return (built = out);
}

/**
 * Starts `herald serve` on 127.0.0.1 with a temporary store and the given
 * admin key, allowed to deliver to loopback over plain HTTP; resolves once
 * /readyz answers 200, with its base URL and a stop function.
 */
export async function startHerald(key) {
  const dir = mkdtempSync(join(tmpdir(), "herald-ts-"));
  const proc = spawn(heraldBinary(), ["serve", "--listen", "127.0.0.1:0", "--data-dir", dir, "--admin-key", key,
    "--allow-cidr", "127.0.0.0/8", "--allow-http"], { stdio: ["ignore", "pipe", "pipe"] });
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((resolve) => proc.once("exit", resolve));
      proc.kill("SIGKILL"); // only the process this helper started
      await exited; // before its data directory goes
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const addr = await new Promise((resolve, reject) => {
      let log = "";
      const timer = setTimeout(() => reject(new Error("herald did not start:\n" + log)), 20000);
      proc.once("exit", (code) => { clearTimeout(timer); reject(new Error(`herald exited (${code}):\n${log}`)); });
      const read = (chunk) => {
        log += chunk;
        const m = /msg="herald is serving".* listen=(\S+)/.exec(log);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      };
      proc.stdout.on("data", read);
      proc.stderr.on("data", read);
    });
    const url = `http://${addr}`;
    for (const deadline = Date.now() + 20000; ;) {
      try { if ((await fetch(`${url}/readyz`)).ok) break; } catch { /* not yet */ }
      if (Date.now() > deadline) throw new Error("herald was not ready");
      await new Promise((r) => setTimeout(r, 20));
    }
    return { url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
