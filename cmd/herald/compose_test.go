package main

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/peterbourgon/ff/v4"
	"go.yaml.in/yaml/v4"
)

// serveFlags lists the long names of `herald serve`'s flags.
func serveFlags(t *testing.T) []string {
	t.Helper()
	var names []string
	cmd := serveCommand(ff.NewFlagSet("herald"))
	if err := cmd.Flags.WalkFlags(func(f ff.Flag) error {
		if long, ok := f.GetLongName(); ok {
			names = append(names, long)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return names
}

// compose.yaml names only what `herald serve` takes: every HERALD_
// variable of a Herald service is a flag's (HERALD_DATA_DIR for
// --data-dir, as ff reads the environment), and so is every flag of its
// command. No container runs here; this is what can be checked without.
func TestComposeMatchesServe(t *testing.T) {
	raw, err := os.ReadFile("../../compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Services map[string]struct {
			Build       any               `yaml:"build"`
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	flags := serveFlags(t)
	nodes := 0
	for name, svc := range doc.Services {
		if svc.Build == nil {
			continue
		}
		nodes++
		if len(svc.Command) == 0 || svc.Command[0] != "serve" {
			t.Errorf("%s: command %v, want serve", name, svc.Command)
		}
		for _, arg := range svc.Command[1:] {
			if f, ok := strings.CutPrefix(arg, "--"); ok && !slices.Contains(flags, strings.SplitN(f, "=", 2)[0]) {
				t.Errorf("%s: herald serve has no flag %s", name, arg)
			}
		}
		for env := range svc.Environment {
			f, ok := strings.CutPrefix(env, "HERALD_")
			if !ok {
				continue
			}
			if f = strings.ToLower(strings.ReplaceAll(f, "_", "-")); !slices.Contains(flags, f) {
				t.Errorf("%s: %s names no flag of herald serve (--%s)", name, env, f)
			}
		}
		for _, need := range []string{"HERALD_DATABASE_URL", "HERALD_ENCRYPTION_KEY", "HERALD_ADMIN_KEY"} {
			if _, ok := svc.Environment[need]; !ok {
				t.Errorf("%s: no %s", name, need)
			}
		}
	}
	if nodes != 2 {
		t.Errorf("compose.yaml runs %d Herald nodes, want 2 sharing PostgreSQL", nodes)
	}
	// The Dockerfile's environment names flags too.
	df, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, word := range strings.Fields(string(df)) {
		if k, _, ok := strings.Cut(word, "="); ok && strings.HasPrefix(k, "HERALD_") && k != "HERALD_VERSION" {
			if f := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(k, "HERALD_"), "_", "-")); !slices.Contains(flags, f) {
				t.Errorf("Dockerfile: %s names no flag of herald serve", k)
			}
		}
	}
}

// scripts/build, the Dockerfile's build step, makes a static binary that
// says its version and, in a git checkout, its commit.
func TestBuildScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	out := t.TempDir() + "/herald"
	if b, err := exec.Command("sh", "../../scripts/build", out).CombinedOutput(); err != nil {
		t.Fatalf("scripts/build: %v\n%s", err, b)
	}
	got, err := exec.Command(out, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(got), "herald ") {
		t.Fatalf("herald version = %q", got)
	}
	if err := exec.Command("git", "rev-parse", "--git-dir").Run(); err == nil && !strings.Contains(string(got), "commit ") {
		t.Fatalf("herald version = %q in a git checkout, want its commit", got)
	}
	if help, err := exec.Command(out, "--help").Output(); err != nil || !strings.Contains(string(help), "serve") {
		t.Fatalf("herald --help: %v, stdout %q; want the help on stdout and exit 0", err, help)
	}
	if b, err := exec.Command(out, "nosuch").CombinedOutput(); err == nil || !strings.Contains(string(b), `unknown command "nosuch"`) ||
		strings.Contains(string(b), "herald: herald:") {
		t.Fatalf("herald nosuch: %v %q; want an error naming the unknown command, with one herald: prefix", err, b)
	}
}
