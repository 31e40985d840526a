package main

import (
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/heraldhq/herald"
)

// versionText says which Herald this is: the release (herald.Version, set
// by release builds with -ldflags -X, or the module version a `go install
// ...@v1.2.3` build records) and the commit it was built from, as the Go
// toolchain records it in the binary (vcs.revision, vcs.time,
// vcs.modified; absent from builds outside a checkout).
func versionText(release string, info *debug.BuildInfo, ok bool) string {
	var b strings.Builder
	if ok && release == "0.1.0-dev" && tagged(info.Main.Version) {
		release = strings.TrimPrefix(info.Main.Version, "v")
	}
	fmt.Fprintf(&b, "herald %s", release)
	if !ok {
		return b.String()
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		fmt.Fprintf(&b, ", commit %s", rev[:min(12, len(rev))])
		if t := settings["vcs.time"]; t != "" {
			fmt.Fprintf(&b, " of %s", t)
		}
		if settings["vcs.modified"] == "true" {
			b.WriteString(", with uncommitted changes")
		}
	}
	fmt.Fprintf(&b, ", %s", info.GoVersion)
	return b.String()
}

// pseudo matches the versions the toolchain makes up for untagged
// commits (v0.0.0-20261203154503-7422a7d4eaa1, with +dirty when the tree
// has changes): not a release.
var pseudo = regexp.MustCompile(`-(0\.)?[0-9]{14}-[0-9a-f]{12}|\+dirty`)

// tagged reports whether a module version is a release's tag.
func tagged(v string) bool {
	return v != "" && v != "(devel)" && !pseudo.MatchString(v)
}

func printVersion() {
	info, ok := debug.ReadBuildInfo()
	fmt.Println(versionText(herald.Version, info, ok))
}
