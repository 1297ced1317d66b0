package main

import (
	"os"
	"os/exec"
	"testing"
)

// needXvfb returns xvfb-run's path. Without it a real-window test is
// skipped on a developer's machine, but fails under CI (CI set), where
// .ci/run installs it: a real-window test must never pass by not running.
func needXvfb(t *testing.T) string {
	t.Helper()
	xvfb, err := exec.LookPath("xvfb-run")
	if err != nil {
		const why = "xvfb-run is not installed (Debian package xvfb); this test needs an X server to start the real app"
		if os.Getenv("CI") != "" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	return xvfb
}
