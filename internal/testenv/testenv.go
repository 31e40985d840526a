// Package testenv says whether the tests run in CI and what a test does
// when a service it needs is missing: outside CI it skips, saying which
// test cannot run here and why; in CI it fails, so that a missing
// PostgreSQL, browser or toolchain can never turn into a green run that
// tested less.
package testenv

import (
	"os"
	"strings"
	"testing"
)

// IsCI reads the value of the CI environment variable: "true" or "1" in
// any case (CI providers set one or the other), with surrounding spaces
// ignored. Anything else, including unset, is not CI.
func IsCI(value string) bool {
	switch strings.ToLower(strings.TrimSpace(value)) {
	case "true", "1":
		return true
	}
	return false
}

// CI reports whether this process runs in CI (the CI environment
// variable, as IsCI reads it). .ci/run sets CI=true itself.
func CI() bool { return IsCI(os.Getenv("CI")) }

// Missing is called by a test that cannot run because what it needs is
// not here: in CI the test fails; elsewhere it is skipped with a message
// that names the test, what it needs and how to provide it, so that a
// skip is never silent about what went untested.
func Missing(tb testing.TB, need, why string) {
	tb.Helper()
	if CI() {
		tb.Fatalf("%s needs %s, which CI must provide: %s", tb.Name(), need, why)
	}
	tb.Skipf("%s cannot run outside CI without %s (it fails instead under CI=true): %s", tb.Name(), need, why)
}
