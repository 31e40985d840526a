// The package installs the way its README shows: `npm pack` makes a
// tarball with the built JavaScript and its .d.ts types (the prepack
// script builds them), an empty project installs that tarball (offline:
// the package has no runtime dependency), its TypeScript compiles against
// the installed types, and its code calls a real Herald on loopback.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startHerald } from "./herald.mjs";

const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const tsc = join(pkgDir, "node_modules", "typescript", "bin", "tsc");
const KEY = "hk_typescript_install_test_key_1";
let work, running;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "herald-ts-install-"));
  running = await startHerald(KEY);
});

after(async () => {
  if (running) await running.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

function run(cmd, args, cwd, env = {}) {
  try {
    return execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] }).toString();
  } catch (e) {
    throw new Error(`${cmd} ${args.join(" ")} in ${cwd}: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

test("npm pack, then npm install of the tarball into an empty project, typed and working", async () => {
  // The package's sources in a clean copy, without dist/: what npm pack
  // ships is what its prepack script builds there (and this directory's
  // dist/, which the other tests import, is left alone).
  const copy = join(work, "package");
  mkdirSync(copy);
  for (const f of ["package.json", "package-lock.json", "tsconfig.json", "README.md", "src"]) {
    cpSync(join(pkgDir, f), join(copy, f), { recursive: true });
  }
  symlinkSync(join(pkgDir, "node_modules"), join(copy, "node_modules"));
  const packs = join(work, "packs");
  mkdirSync(packs);
  // The prepack script's own output comes first; npm's JSON answer last.
  const out = run("npm", ["pack", "--json", "--pack-destination", packs], copy);
  const packed = JSON.parse(out.slice(out.search(/^\[/m)));
  const files = packed[0].files.map((f) => f.path).sort();
  for (const want of ["dist/index.js", "dist/index.d.ts", "dist/schema.d.ts", "package.json", "README.md"]) {
    assert.ok(files.includes(want), `the tarball lacks ${want}: it holds ${files.join(", ")}`);
  }
  assert.ok(!files.some((f) => f.startsWith("src/") || f.startsWith("test/")), `the tarball holds sources or tests: ${files.join(", ")}`);
  const tarball = join(packs, readdirSync(packs).find((f) => f.endsWith(".tgz")));

  const app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true, type: "module" }));
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], app);

  // The installed types are the API's: a known field type-checks, an
  // unknown one does not (@ts-expect-error fails the build if the types
  // were lost and everything were `any`).
  writeFileSync(join(app, "main.ts"), `
import { Client, verify, VerificationError, type Tenant, type EndpointWithSecret } from "@heraldhq/herald-client";

const herald = new Client(process.argv[2], process.argv[3]);
const tenant: Tenant = await herald.createTenant("installed", "Installed Inc.");
const again: Tenant = await herald.getTenant(tenant.id);
const name: string = again.name;
// @ts-expect-error: a tenant has no such field
again.no_such_field;
// Type-checked, never called:
async function typed(ep: EndpointWithSecret): Promise<string | undefined> {
  // @ts-expect-error: ordering is "fifo" or "none"
  await herald.createEndpoint("installed", { url: "http://127.0.0.1:1/x", ordering: "lifo" });
  return ep.secret;
}
void typed;
try { verify("whsec_AAAA", {}, "{}"); } catch (e) { if (!(e instanceof VerificationError)) throw e; }
console.log(JSON.stringify({ id: again.id, name }));
`);
  writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
    compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: false,
      lib: ["ES2022", "DOM"], types: [], outDir: "out" },
    files: ["main.ts", "node.d.ts"],
  }));
  // main.ts reads process.argv: the one Node global it needs, declared
  // here so that the project needs nothing from the registry.
  writeFileSync(join(app, "node.d.ts"), "declare const process: { argv: string[] };\n");
  run(process.execPath, [tsc, "-p", "."], app);
  const printed = run(process.execPath, ["out/main.js", running.url, KEY], app);
  assert.deepEqual(JSON.parse(printed), { id: "installed", name: "Installed Inc." });
});
