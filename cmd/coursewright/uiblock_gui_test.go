//go:build linux && cgo

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/coursewright/coursewright/internal/testcorpus"
)

var uiblockLine = regexp.MustCompile(`test hook: uiblock open=(\d+) tree=(\d+) opencpu=(\d+) treecpu=(\d+) images=(\d+) imagescpu=(\d+)`)

// TestUIThreadNeverBlocksRealWindow opens a course whose home page has
// 50,000 characters of real course text (with some sixty problems to
// list) in the real app under Xvfb, with the ui-watchdog hook: a
// goroutine posts to the UI thread every 10 ms, and the app reports the
// longest gap while the window opened with the long page, while a page
// with a photo was chosen in the course tree, and while the long page
// was chosen in the tree again. Fyne draws each frame on the UI thread,
// so the frames that first show a page count. Issue 11's target
// is 50 ms on a quiet machine (COURSEWRIGHT_UI_BLOCK_LIMIT=50ms holds the
// test to it); by default the limit is 2 s, which a busy 2-core machine
// running other tests meets and the freezes of several seconds this
// replaced did not.
func TestUIThreadNeverBlocksRealWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the real app under Xvfb; skipped with -short")
	}
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("Xvfb is not installed (Debian package xvfb); this test runs the real window")
	}
	if _, err := exec.LookPath("xdotool"); err != nil {
		t.Skip("xdotool is not installed (Debian package xdotool); startXvfb asks it whether the server answers")
	}
	limit := 2 * time.Second
	if s := os.Getenv("COURSEWRIGHT_UI_BLOCK_LIMIT"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatalf("COURSEWRIGHT_UI_BLOCK_LIMIT: %v", err)
		}
		limit = d
	}
	work := t.TempDir()
	bin := filepath.Join(work, "coursewright")
	if out, err := exec.Command("go", "build", "-tags", "coursewright_testhook", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := testcorpus.Copy(t, "how-to-talk-about-race")
	home := "---\nlayout: index\ntitle: Home\n---\n" + testcorpus.PageText(t, 50000)
	if err := os.WriteFile(filepath.Join(dir, "index.md"), []byte(home), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	display := startXvfb(t, ctx)
	cmd := exec.CommandContext(ctx, bin, "open", dir)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "XDG_CONFIG_HOME="+filepath.Join(work, "config"),
		"TMPDIR="+work, "LANG=en_US.UTF-8", "COURSEWRIGHT_TEST_HOOK=ui-watchdog")
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Run(); err != nil {
		t.Fatalf("the app: %v\n%s", err, tail(out.String(), 2000))
	}
	m := uiblockLine.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("the app did not report its UI thread:\n%s", tail(out.String(), 2000))
	}
	open, _ := strconv.Atoi(m[1])
	tree, _ := strconv.Atoi(m[2])
	openCPU, _ := strconv.Atoi(m[3])
	treeCPU, _ := strconv.Atoi(m[4])
	images, _ := strconv.Atoi(m[5])
	imagesCPU, _ := strconv.Atoi(m[6])
	t.Logf("real window, 50K home page: longest UI-thread gap %d ms while the course opened, %d ms choosing a page with a photo in the tree, %d ms choosing the 50K page in the tree again (limit %v); the most CPU the UI thread used between two pings (what the app did, without waiting for a core): %d, %d and %d ms",
		open, images, tree, limit, openCPU, imagesCPU, treeCPU)
	for what, ms := range map[string]int{"opening the course": open, "choosing a page with a photo in the tree": images, "choosing the 50K page in the tree": tree} {
		if time.Duration(ms)*time.Millisecond > limit {
			t.Errorf("%s blocked the UI thread for %d ms (limit %v)", what, ms, limit)
		}
	}
}
