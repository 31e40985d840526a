package main

import (
	"os"
	"os/exec"
	"testing"
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
		if os.Getenv("CI") == "true" {
			t.Fatal("python3 is required in CI for the Python client's tests")
		}
		t.Skip("no python3")
	}
	cmd := exec.Command(python, "-m", "unittest", "discover", "-v", "-s", "../../clients/python/tests")
	cmd.Env = append(os.Environ(), "HERALD_BINARY="+heraldBinary(t))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the Python client's tests failed: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
