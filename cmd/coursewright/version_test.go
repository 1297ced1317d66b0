package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionLine(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	for _, tc := range []struct {
		name   string
		info   *debug.BuildInfo
		window bool
		want   string
	}{
		{"go install of a release", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.3.0"}}, true,
			"coursewright v0.3.0 (commit unknown, go1.26.0)"},
		{"go install @latest of a pseudo-version", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20261206043544-871ca0b12345"}}, false,
			"coursewright v0.0.0-20261206043544-871ca0b12345 (commit 871ca0b12345, go1.26.0, no window: built without cgo)"},
		{"a checkout with changes", &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", "0d85a4512345678901234567890123456789abcd", "vcs.modified", "true")}, true,
			"coursewright devel (commit 0d85a4512345, modified, go1.26.1)"},
		{"a clean checkout", &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", "0d85a4512345678901234567890123456789abcd", "vcs.modified", "false")}, true,
			"coursewright devel (commit 0d85a4512345, go1.26.1)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := versionLine(tc.info, tc.window); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
