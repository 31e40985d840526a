package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldhq/herald/internal/testenv"
)

// The Python client installs the way its README says, `pip install
// ./clients/python`, into a new virtual environment and with no package
// index (--no-index: the package has no dependency and its build backend
// is in its tree), and its tests (clients/python/tests) run there against
// this build of Herald: they start it, make a tenant, an endpoint, events,
// a batch, a job with a callback, deliveries and a retry, a portal
// session, verify every webhook with the client's helper, and check the
// client's paths and fields against api/openapi.yaml.
func TestPythonClient(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		testenv.Missing(t, "python3", "the Python client's tests run on it")
	}
	// --system-site-packages: the tests' own need, PyYAML (to read
	// api/openapi.yaml), comes from python3's environment; the client
	// itself is installed into this one (checked below).
	venv := filepath.Join(t.TempDir(), "venv")
	if out, err := exec.Command(python, "-m", "venv", "--system-site-packages", venv).CombinedOutput(); err != nil {
		testenv.Missing(t, "python3's venv module", fmt.Sprintf("the client is installed into a new virtual environment: %v\n%s", err, out))
	}
	source, err := filepath.Abs("../../clients/python")
	if err != nil {
		t.Fatal(err)
	}
	vpython := filepath.Join(venv, "bin", "python")
	if out, err := exec.Command(vpython, "-m", "pip", "install", "--no-index", "--disable-pip-version-check", source).CombinedOutput(); err != nil {
		t.Fatalf("pip install ./clients/python: %v\n%s", err, out)
	}
	// The tests import the installed package, not the sources: they run
	// from a directory that holds neither.
	work := t.TempDir()
	where := exec.Command(vpython, "-c", "import herald_client; print(herald_client.__file__)")
	where.Dir = work
	out, err := where.CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), venv) {
		t.Fatalf("herald_client is not imported from the virtual environment %s: %v\n%s", venv, err, out)
	}
	cmd := exec.Command(vpython, "-m", "unittest", "discover", "-v", "-s", filepath.Join(source, "tests"))
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "HERALD_BINARY="+heraldBinary(t))
	out, err = cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the Python client's tests failed: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

// The TypeScript client's tests (clients/typescript/test), as `npm test`
// runs them: its types must be those api/openapi.yaml generates now (a
// change to the document without `npm run generate` fails), the methods'
// filters and bodies name only the document's fields, the package
// `npm pack` makes installs into an empty project and type-checks and
// runs there, and the client calls this build of Herald.
func TestTypeScriptClient(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := "../../clients/typescript"
	if _, err := exec.LookPath("npm"); err != nil {
		testenv.Missing(t, "npm (Node.js 20)", "the TypeScript client is built and tested with it")
	}
	if _, err := os.Stat(dir + "/node_modules/.bin/openapi-typescript"); err != nil {
		testenv.Missing(t, "clients/typescript/node_modules", "run npm ci there, as .ci/run does")
	}
	cmd := exec.Command("npm", "test")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HERALD_BINARY="+heraldBinary(t))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the TypeScript client's tests failed: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
