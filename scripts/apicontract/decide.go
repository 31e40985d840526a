// Command apicontract reads oasdiff's breaking changes (oasdiff breaking
// -f json) on standard input and fails when one of the errors (changes a
// client written against the baseline would break on) is not declared in
// the Breaking section of CHANGELOG.md's Unreleased part. scripts/api-contract
// runs it; docs/api.md ("Versioning") says what a declaration looks like
// and why.
package main

import (
	"fmt"
	"regexp"
	"strings"
)

// Change is one of oasdiff's findings, as its JSON output names them.
type Change struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Level     int    `json:"level"` // 3: error (breaking), 2: warning, 1: info
	Operation string `json:"operation"`
	Path      string `json:"path"`
}

// levelError is oasdiff's level of a change that breaks a client written
// against the baseline.
const levelError = 3

// Declaration is one line of the Breaking section: a rule id of oasdiff
// and the operation it applies to.
type Declaration struct {
	ID, Operation, Path string
}

// declarationLine is "- `rule-id` `METHOD /path`", then anything (the
// reason, for the people who read the changelog).
var declarationLine = regexp.MustCompile("^\\s*[-*]\\s+`([a-z0-9-]+)`\\s+`([A-Z]+)\\s+(/[^`\\s]*)`")

// Declarations returns the declarations of changelog's Unreleased part:
// the list items under a heading that says Breaking, up to the next
// heading of its level or above, within the part that starts at the
// "## Unreleased" heading and ends at the next level-2 heading. A line of
// that section that is a list item but not a declaration is an error, so
// that a typo never declares nothing in silence.
func Declarations(changelog string) ([]Declaration, error) {
	var out []Declaration
	inUnreleased, breakingLevel := false, 0
	for n, line := range strings.Split(changelog, "\n") {
		if level := headingLevel(line); level > 0 {
			title := strings.TrimSpace(strings.TrimLeft(line, "#"))
			switch {
			case level <= 2:
				inUnreleased = level == 2 && strings.HasPrefix(title, "Unreleased")
				breakingLevel = 0
			case breakingLevel > 0 && level <= breakingLevel:
				breakingLevel = 0
			}
			if inUnreleased && level > 2 && breakingLevel == 0 && strings.HasPrefix(title, "Breaking") {
				breakingLevel = level
			}
			continue
		}
		if !inUnreleased || breakingLevel == 0 {
			continue
		}
		trimmed := strings.TrimSpace(line)
		if !strings.HasPrefix(trimmed, "- ") && !strings.HasPrefix(trimmed, "* ") {
			continue
		}
		m := declarationLine.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("CHANGELOG.md line %d: a Breaking item must start \"- `rule-id` `METHOD /path`\", as oasdiff names the change; got %q", n+1, trimmed)
		}
		out = append(out, Declaration{ID: m[1], Operation: m[2], Path: m[3]})
	}
	return out, nil
}

func headingLevel(line string) int {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n == 0 || n == len(line) || line[n] != ' ' {
		return 0
	}
	return n
}

// Undeclared returns the breaking changes (level error) that no
// declaration names by rule id, method and path.
func Undeclared(changes []Change, decls []Declaration) []Change {
	declared := make(map[Declaration]bool, len(decls))
	for _, d := range decls {
		declared[d] = true
	}
	var out []Change
	for _, c := range changes {
		if c.Level >= levelError && !declared[Declaration{ID: c.ID, Operation: c.Operation, Path: c.Path}] {
			out = append(out, c)
		}
	}
	return out
}

// Unused returns the declarations that name no breaking change: spent
// (the baseline moved on) or mistyped, worth a look but not refused.
func Unused(changes []Change, decls []Declaration) []Declaration {
	found := make(map[Declaration]bool, len(changes))
	for _, c := range changes {
		if c.Level >= levelError {
			found[Declaration{ID: c.ID, Operation: c.Operation, Path: c.Path}] = true
		}
	}
	var out []Declaration
	for _, d := range decls {
		if !found[d] {
			out = append(out, d)
		}
	}
	return out
}
