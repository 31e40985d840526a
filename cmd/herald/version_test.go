package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionText(t *testing.T) {
	checkout := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "7422a7d0123456789abcdef"}, {Key: "vcs.time", Value: "2026-12-03T15:44:46Z"}, {Key: "vcs.modified", Value: "true"}}}
	installed := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.3.0"}}
	untagged := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261203154503-7422a7d4eaa1+dirty"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "7422a7d4eaa1ffff"}}}
	for _, c := range []struct {
		name    string
		release string
		info    *debug.BuildInfo
		ok      bool
		want    string
	}{
		{"a build in a checkout", "0.1.0-dev", checkout, true, "herald 0.1.0-dev, commit 7422a7d01234 of 2026-12-03T15:44:46Z, with uncommitted changes, go1.26.8"},
		{"go install ...@v0.3.0", "0.1.0-dev", installed, true, "herald 0.3.0, go1.26.8"},
		{"a release build (-X)", "0.3.0", checkout, true, "herald 0.3.0, commit 7422a7d01234 of 2026-12-03T15:44:46Z, with uncommitted changes, go1.26.8"},
		{"no build info", "0.1.0-dev", nil, false, "herald 0.1.0-dev"},
		{"an untagged commit: a made-up version is no release", "0.1.0-dev", untagged, true, "herald 0.1.0-dev, commit 7422a7d4eaa1, go1.26.8"},
	} {
		if got := versionText(c.release, c.info, c.ok); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
