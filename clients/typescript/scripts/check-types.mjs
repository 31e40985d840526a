// Fails when src/schema.d.ts is not what api/openapi.yaml generates now,
// so that the client's types never drift from the API's one document:
// after a change to api/openapi.yaml, run `npm run generate` and commit
// the result.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const generator = join(pkgDir, "node_modules", "openapi-typescript", "bin", "cli.js");
const dir = mkdtempSync(join(tmpdir(), "herald-schema-"));
try {
  const fresh = join(dir, "schema.d.ts");
  execFileSync(process.execPath, [generator, "../../api/openapi.yaml", "-o", fresh], { cwd: pkgDir, stdio: ["ignore", "ignore", "inherit"] });
  if (readFileSync(fresh, "utf8") !== readFileSync(join(pkgDir, "src", "schema.d.ts"), "utf8")) {
    console.error("clients/typescript/src/schema.d.ts is not what api/openapi.yaml generates: run `npm run generate` in clients/typescript and commit it");
    process.exitCode = 1;
  } else {
    console.log("src/schema.d.ts is what api/openapi.yaml generates");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
