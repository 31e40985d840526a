package main

import (
	"os"
	"os/exec"
	"testing"

	"github.com/heraldhq/herald/internal/testenv"
)

// The Python client's tests (clients/python/tests) run against this
// build of Herald: they start it, make a tenant, an endpoint, events, a
// batch, a job with a callback, deliveries and a retry, a portal session,
// and verify every webhook with the client's helper.
func TestPythonClient(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		testenv.Missing(t, "python3", "the Python client's tests run on it")
	}
	cmd := exec.Command(python, "-m", "unittest", "discover", "-v", "-s", "../../clients/python/tests")
	cmd.Env = append(os.Environ(), "HERALD_BINARY="+heraldBinary(t))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the Python client's tests failed: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

// The TypeScript client's tests (clients/typescript/test) run against
// this build of Herald, and its types are those the OpenAPI document
// generates now: a change to api/openapi.yaml without `npm run generate`
// fails here.
func TestTypeScriptClient(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := "../../clients/typescript"
	if _, err := os.Stat(dir + "/node_modules/.bin/openapi-typescript"); err != nil {
		testenv.Missing(t, "clients/typescript/node_modules", "run npm ci there, as .ci/run does")
	}
	fresh := t.TempDir() + "/schema.d.ts"
	gen := exec.Command(dir+"/node_modules/.bin/openapi-typescript", "../../api/openapi.yaml", "-o", fresh)
	gen.Dir = dir
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("openapi-typescript: %v\n%s", err, out)
	}
	want, err := os.ReadFile(fresh)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile(dir + "/src/schema.d.ts")
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(have) {
		t.Fatal("clients/typescript/src/schema.d.ts is not what api/openapi.yaml generates: run npm run generate in clients/typescript")
	}
	cmd := exec.Command("npm", "test")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HERALD_BINARY="+heraldBinary(t))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the TypeScript client's tests failed: %v\n%s", err, out)
	}
}
