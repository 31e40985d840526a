package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	changelog := flag.String("changelog", "CHANGELOG.md", "the changelog whose Unreleased part declares breaking changes")
	flag.Parse()
	if err := run(os.Stdin, os.Stdout, *changelog); err != nil {
		fmt.Fprintln(os.Stderr, "api-contract:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer, changelogPath string) error {
	var changes []Change
	if err := json.NewDecoder(in).Decode(&changes); err != nil {
		return fmt.Errorf("reading oasdiff's JSON: %w", err)
	}
	text, err := os.ReadFile(changelogPath)
	if err != nil {
		return err
	}
	decls, err := Declarations(string(text))
	if err != nil {
		return err
	}
	breaking, warnings := 0, 0
	for _, c := range changes {
		if c.Level >= levelError {
			breaking++
		} else if c.Level == levelError-1 {
			warnings++
			fmt.Fprintf(out, "warning (review, not refused): %s %s [%s] %s\n", c.Operation, c.Path, c.ID, c.Text)
		}
	}
	for _, d := range Unused(changes, decls) {
		fmt.Fprintf(out, "note: CHANGELOG.md declares `%s` `%s %s`, which oasdiff does not find (spent, or mistyped?)\n", d.ID, d.Operation, d.Path)
	}
	missing := Undeclared(changes, decls)
	for _, c := range missing {
		fmt.Fprintf(out, "undeclared breaking change: %s %s [%s] %s\n", c.Operation, c.Path, c.ID, c.Text)
	}
	if len(missing) > 0 {
		seen := map[Declaration]bool{}
		fmt.Fprintf(out, "\n%d of %d breaking changes against api/openapi.baseline.yaml are not declared. Either undo them (/v1 only grows), or declare each in CHANGELOG.md under \"## Unreleased\" → \"### Breaking\":\n\n", len(missing), breaking)
		for _, c := range missing {
			d := Declaration{ID: c.ID, Operation: c.Operation, Path: c.Path}
			if !seen[d] {
				seen[d] = true
				fmt.Fprintf(out, "- `%s` `%s %s`: why, and what a client does instead\n", c.ID, c.Operation, c.Path)
			}
		}
		return fmt.Errorf("%d undeclared breaking changes", len(missing))
	}
	fmt.Fprintf(out, "api-contract: %d breaking changes against the baseline, all declared; %d warnings\n", breaking, warnings)
	return nil
}
