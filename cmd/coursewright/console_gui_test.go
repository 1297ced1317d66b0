//go:build linux && cgo

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	cwapp "github.com/coursewright/coursewright/app"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

// TestConsoleQuietRealProcess starts the real app under Xvfb twice on
// one configuration, in a home folder without standard user folders
// (no ~/Videos, no user-dirs.dirs), opening the Open folder dialog each
// time: the console has no report of missing favourite folders ("VIDEOS
// folder") and no "Preferences load error", also on the start after
// the preferences file was left cut short (as by a run stopped while
// Fyne wrote it in place): the app restores its last good copy.
func TestConsoleQuietRealProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the real app twice")
	}
	xvfb := needXvfb(t)
	work := t.TempDir()
	bin := filepath.Join(work, "coursewright")
	if out, err := exec.Command("go", "build", "-tags", "coursewright_testhook", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	home := filepath.Join(work, "home")
	cfg := filepath.Join(home, ".config")
	if err := os.MkdirAll(cfg, 0o700); err != nil {
		t.Fatal(err)
	}
	dir := testcorpus.Copy(t, "course-in-a-box")
	prefs := filepath.Join(cfg, "fyne", cwapp.ID, "preferences.json")
	if err := os.MkdirAll(filepath.Dir(prefs), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(prefs, []byte(`{"recent":["`+dir+`"]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for run := 1; run <= 2; run++ {
		if run == 2 {
			if err := os.WriteFile(prefs, nil, 0o600); err != nil { // cut short
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		cmd := exec.CommandContext(ctx, xvfb, "-a", "-s", "-screen 0 1280x900x24", bin, "open", dir)
		cmd.Env = append(os.Environ(), "HOME="+home, "TMPDIR="+work, "XDG_CONFIG_HOME="+cfg, "LANG=en_US.UTF-8", "COURSEWRIGHT_TEST_HOOK=open-folder")
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		out, err := cmd.CombinedOutput()
		cancel()
		got := string(out)
		if err != nil || !strings.Contains(got, "test hook: folder dialog shown") {
			t.Fatalf("run %d: %v\n%s", run, err, got)
		}
		for _, bad := range []string{"favorite locations", "VIDEOS", "Preferences load error"} {
			if strings.Contains(got, bad) {
				t.Errorf("run %d: the console says %q:\n%s", run, bad, got)
			}
		}
		if run == 2 && !strings.Contains(got, "restored its last good copy") {
			t.Errorf("run 2: the cut-short preferences were not restored:\n%s", got)
		}
		if data, err := os.ReadFile(prefs); err != nil || !strings.Contains(string(data), dir) {
			t.Errorf("run %d: the preferences do not hold the course as recent: %q (%v)", run, data, err)
		}
	}
}
