package main

import (
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
)

// pseudoCommitRE finds the commit in a pseudo-version
// (v0.0.0-20260101120000-0123456789ab), which is all the commit go install
// module@version records: builds from the module proxy carry no vcs
// settings.
var pseudoCommitRE = regexp.MustCompile(`-(?:0\.)?\d{14}-([0-9a-f]{12})(?:\+incompatible)?$`)

// versionLine is what --version prints: the version, the commit and the
// Go release the binary was built from, as its build info records them
// (go install fills it in; a build from a checkout has the checkout's
// commit), and whether it has the desktop app. info may be nil.
//
//	coursewright v0.3.0 (commit 0123456789ab, go1.26.0)
//	coursewright devel (commit 0123456789ab, modified, go1.26.0, no window: built without cgo)
func versionLine(info *debug.BuildInfo, window bool) string {
	version, commit, goVersion := "devel", "unknown", runtime.Version()
	modified := false
	if info != nil {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			version = v
			if m := pseudoCommitRE.FindStringSubmatch(v); m != nil {
				commit = m[1]
			}
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value[:min(12, len(s.Value))]
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
	}
	details := []string{"commit " + commit}
	if modified {
		details = append(details, "modified")
	}
	details = append(details, goVersion)
	if !window {
		details = append(details, "no window: built without cgo")
	}
	return "coursewright " + version + " (" + strings.Join(details, ", ") + ")"
}
