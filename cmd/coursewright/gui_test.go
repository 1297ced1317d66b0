//go:build linux && cgo

// These tests start the real app, built with the end-to-end test hook
// (build tag coursewright_testhook), under Xvfb.

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	cwapp "github.com/coursewright/coursewright/app"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

// TestCrashRecoveryRealProcess runs the real app under Xvfb, has it type
// into a page, kills it with SIGKILL once the journal has the text,
// starts it again and restores: every character comes back.
func TestCrashRecoveryRealProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the real app under Xvfb; skipped with -short")
	}
	xvfb := needXvfb(t)
	work := t.TempDir()
	bin := filepath.Join(work, "coursewright")
	build := exec.Command("go", "build", "-tags", "coursewright_testhook", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := testcorpus.Copy(t, "how-to-talk-about-race")
	cfg := filepath.Join(work, "config")
	const typed = "Typed in a real window, then killed: ünïcödé & more."

	// First run: type, wait for the journal, kill.
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	first, out1 := startApp(t, ctx, xvfb, bin, dir, cfg, "type:"+typed)
	journal := ""
	deadline := time.Now().Add(60 * time.Second)
	for journal == "" {
		if time.Now().After(deadline) {
			_ = syscall.Kill(-first.Process.Pid, syscall.SIGKILL)
			t.Fatalf("no journal with the typed text appeared; app output:\n%s", out1.String())
		}
		time.Sleep(100 * time.Millisecond)
		files, _ := filepath.Glob(filepath.Join(cfg, "fyne", "*", "journal", "*.journal"))
		for _, f := range files {
			if pages, err := cwapp.ReadJournalFile(f); err == nil && strings.Contains(pages["index.md"], typed) {
				journal = f
			}
		}
	}
	// SIGKILL leaves the app no chance to save or clean up: a crash. Only
	// the app is killed; xvfb-run then stops its X server as usual.
	app := childNamed(first.Process.Pid, "coursewright")
	if app == 0 {
		_ = syscall.Kill(-first.Process.Pid, syscall.SIGKILL)
		t.Fatal("cannot find the app's process under xvfb-run")
	}
	if err := syscall.Kill(app, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	index := filepath.Join(dir, "index.md")
	if b, _ := os.ReadFile(index); strings.Contains(string(b), typed) {
		t.Fatal("the text was saved before the kill; nothing to recover")
	}

	// Second run: the restore offer is accepted, the course saved.
	second, out2 := startApp(t, ctx, xvfb, bin, dir, cfg, "restore-save-quit")
	if err := second.Wait(); err != nil {
		t.Fatalf("second run: %v\n%s", err, out2.String())
	}
	b, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), typed) {
		t.Fatalf("index.md after restoring does not hold every typed character:\n%s\napp output:\n%s", b[:min(400, len(b))], out2.String())
	}
	if _, err := os.Stat(journal); !os.IsNotExist(err) {
		t.Fatalf("the journal is still there after saving (%v)", err)
	}
}

// TestSigtermJournalsRealProcess stops the real app with SIGTERM right
// after typing, before the journal's pause is over: Fyne's close
// intercept does not run on a signal, so the app must journal on its own.
func TestSigtermJournalsRealProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the real app under Xvfb; skipped with -short")
	}
	xvfb := needXvfb(t)
	work := t.TempDir()
	bin := filepath.Join(work, "coursewright")
	if out, err := exec.Command("go", "build", "-tags", "coursewright_testhook", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// On a loaded machine the first run has been seen to end before the
	// window finished starting; a second run tells a slow start from a
	// journal that is never written (that fails both).
	var last string
	for attempt := 1; attempt <= 2; attempt++ {
		msg := sigtermRun(t, xvfb, bin, filepath.Join(work, fmt.Sprint("config", attempt)))
		if msg == "" {
			return
		}
		t.Logf("attempt %d: %s", attempt, msg)
		last = msg
	}
	t.Fatal(last)
}

// sigtermRun starts the app, types, sends SIGTERM and says what went
// wrong ("" when the journal holds the typed text).
func sigtermRun(t *testing.T, xvfb, bin, cfg string) string {
	dir := testcorpus.Copy(t, "how-to-talk-about-race")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd, out := startApp(t, ctx, xvfb, bin, dir, cfg, "type:Stopped by a signal.")
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(out.String(), "test hook: typed") {
		if time.Now().After(deadline) {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			return "the app did not type; output:\n" + out.String()
		}
		time.Sleep(10 * time.Millisecond)
	}
	app := childNamed(cmd.Process.Pid, "coursewright")
	if app == 0 {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		return "cannot find the app's process under xvfb-run"
	}
	if err := syscall.Kill(app, syscall.SIGTERM); err != nil {
		return err.Error()
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Sprintf("after SIGTERM: %v\n%s", err, out.String())
	}
	files, _ := filepath.Glob(filepath.Join(cfg, "fyne", "*", "journal", "*.journal"))
	if len(files) != 1 {
		return fmt.Sprintf("journal files after SIGTERM: %v; output:\n%s", files, out.String())
	}
	if pages, err := cwapp.ReadJournalFile(files[0]); err != nil || !strings.Contains(pages["index.md"], "Stopped by a signal.") {
		return fmt.Sprintf("the journal lacks the text typed before SIGTERM (%v): %q", err, pages)
	}
	return ""
}

// syncBuffer is a bytes.Buffer safe to read while the app writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// childNamed finds the process with the given command name among the
// descendants of pid (Linux /proc), or returns 0.
func childNamed(pid int, name string) int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	parent := map[int]int{}
	comm := map[int]string{}
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces, so cut at the last ')'.
		s := string(b)
		open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || close < open {
			continue
		}
		var p, pp int
		var state string
		if _, err := fmt.Sscan(s[:open], &p); err != nil {
			continue
		}
		if _, err := fmt.Sscan(s[close+1:], &state, &pp); err != nil {
			continue
		}
		parent[p], comm[p] = pp, s[open+1:close]
	}
	for p, c := range comm {
		if c != name {
			continue
		}
		for a := parent[p]; a > 1; a = parent[a] {
			if a == pid {
				return p
			}
		}
	}
	return 0
}

// startApp runs `coursewright open DIR` on a virtual screen, in a process
// group of its own so that a kill reaches the app and its X server.
func startApp(t *testing.T, ctx context.Context, xvfb, bin, dir, cfg, hook string) (*exec.Cmd, *syncBuffer) {
	cmd := exec.CommandContext(ctx, xvfb, "-a", "-s", "-screen 0 1280x900x24", bin, "open", dir)
	cmd.Env = append(os.Environ(), "TMPDIR="+filepath.Dir(cfg), "XDG_CONFIG_HOME="+cfg, "LANG=en_US.UTF-8", "COURSEWRIGHT_TEST_HOOK="+hook)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, out
}
