package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The README is a front page: it starts with the two commands that work
// on a fresh checkout (the demo and the tests), and CI runs that same
// test command, so that what the README promises is what CI proves.
func TestReadmeStartsWithItsTwoCommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(readme), "\n")
	var first []string // the lines of the first code block
	for i, l := range lines {
		if strings.HasPrefix(l, "```") {
			for _, c := range lines[i+1:] {
				if strings.HasPrefix(c, "```") {
					break
				}
				first = append(first, c)
			}
			break
		}
		if strings.HasPrefix(l, "## ") || (l != "" && !strings.HasPrefix(l, "# ")) {
			t.Fatalf("README line %d comes before its two commands: %q", i+1, l)
		}
	}
	command := func(l string) string { return strings.TrimSpace(strings.SplitN(l, "#", 2)[0]) }
	if len(first) != 2 || command(first[0]) != "go run ./cmd/herald demo" || command(first[1]) != "go test -race -count=1 ./..." {
		t.Fatalf("the README's first block is %q, want the demo and the test command", first)
	}
	ci, err := os.ReadFile("../../.ci/run")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(command(first[1])) + `$`).Match(ci) {
		t.Errorf(".ci/run does not run the README's test command %q on a line of its own", command(first[1]))
	}
}

// Every relative link in the README and in docs/ names a file that is
// there, and a link to a heading names a heading of that file, so that
// moving reference material out of the README loses no reader.
func TestDocLinksResolve(t *testing.T) {
	files, err := filepath.Glob("../../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../../README.md")
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllStringSubmatch(string(text), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			path, fragment, _ := strings.Cut(target, "#")
			file := f
			if path != "" {
				file = filepath.Join(filepath.Dir(f), path)
				if _, err := os.Stat(file); err != nil {
					t.Errorf("%s links to %s, which is not there", rel(f), target)
					continue
				}
			}
			if fragment != "" && strings.HasSuffix(file, ".md") && !hasHeading(t, file, fragment) {
				t.Errorf("%s links to %s: %s has no heading #%s", rel(f), target, rel(file), fragment)
			}
		}
	}
}

func rel(f string) string { return strings.TrimPrefix(filepath.ToSlash(f), "../../") }

// hasHeading says whether a Markdown file has a heading whose anchor, as
// GitHub makes them (lower case, punctuation dropped, spaces as hyphens),
// is fragment.
func hasHeading(t *testing.T, file, fragment string) bool {
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	inCode := false
	for _, l := range strings.Split(string(text), "\n") {
		if strings.HasPrefix(l, "```") {
			inCode = !inCode
		}
		if inCode || !strings.HasPrefix(l, "#") {
			continue
		}
		title := strings.TrimSpace(strings.TrimLeft(l, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(title) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
				b.WriteRune(r)
			}
		}
		if b.String() == fragment {
			return true
		}
	}
	return false
}
