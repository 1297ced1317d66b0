package repo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coursewright/coursewright/internal/gittest"
)

// TestLockHeldByGit: while git holds .git/index.lock (its content is an
// index being written), a save waits its turn: ErrLocked, nothing changed.
// A lock that stays for longer than StaleLockAge is abandoned and broken,
// with a note.
func TestLockHeldByGit(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 3)
	var logs []string
	r, err := Open(dir, Options{Logf: func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) }})
	must(t, err)
	first := save(t, r, "v1")

	lock := filepath.Join(dir, ".git", "index.lock")
	must(t, os.WriteFile(lock, []byte("DIRC\x00\x00\x00\x02"), 0o644))
	writeFiles(t, dir, map[string]string{"index.md": "changed\n"})
	_, _, err = r.SaveVersion(context.Background(), SaveOptions{Message: "v2"})
	mustIs(t, err, ErrLocked)
	if head := strings.TrimSpace(gittest.Git(t, dir, "rev-parse", "HEAD")); head != first {
		t.Fatalf("HEAD moved while git held the lock")
	}
	if _, err := os.Stat(lock); err != nil {
		t.Fatalf("git's lock was removed: %v", err)
	}

	old := time.Now().Add(-2 * DefaultStaleLockAge)
	must(t, os.Chtimes(lock, old, old))
	_, rep, err := r.SaveVersion(context.Background(), SaveOptions{Message: "v2"})
	if err != nil {
		t.Fatalf("a stale lock was not broken: %v", err)
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "index.lock") {
		t.Errorf("no note about the broken lock: %v", rep.Notes)
	}
	if len(logs) == 0 {
		t.Error("the broken lock was not logged")
	}
	if _, err := os.Stat(lock); err == nil {
		t.Error("the lock file is still there after the save")
	}
	fsck(t, dir)
}

// TestLockOfDeadCoursewright: a lock whose owner (a Coursewright process
// on this machine) is gone is broken at once, with the branch lock it
// left.
func TestLockOfDeadCoursewright(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 3)
	r := newRepo(t, dir)
	save(t, r, "v1")

	dead := exec.Command("true")
	must(t, dead.Run())
	host, _ := os.Hostname()
	lock := filepath.Join(dir, ".git", "index.lock")
	must(t, os.WriteFile(lock, []byte(fmt.Sprintf("%s pid=%d host=%s\n", lockOwnerTag, dead.Process.Pid, host)), 0o644))
	refLock := filepath.Join(dir, ".git", "refs", "heads", "main.lock")
	must(t, os.WriteFile(refLock, nil, 0o644))

	writeFiles(t, dir, map[string]string{"index.md": "changed\n"})
	_, rep, err := r.SaveVersion(context.Background(), SaveOptions{Message: "v2"})
	if err != nil {
		t.Fatalf("a dead process's lock was not broken: %v", err)
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "no longer running") {
		t.Errorf("notes: %v", rep.Notes)
	}
	fsck(t, dir)

	// A live owner (this test process) is respected.
	must(t, os.WriteFile(lock, []byte(fmt.Sprintf("%s pid=%d host=%s\n", lockOwnerTag, os.Getpid(), host)), 0o644))
	writeFiles(t, dir, map[string]string{"index.md": "again\n"})
	_, _, err = r.SaveVersion(context.Background(), SaveOptions{Message: "v3"})
	mustIs(t, err, ErrLocked)
	os.Remove(lock)
}

// TestConcurrentSavesAndGit: two Coursewright repos on one folder and the
// git CLI commit at the same time. Each save either succeeds or says the
// course is locked; the repository is never corrupt and ends with every
// change saved.
func TestConcurrentSavesAndGit(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 20)
	a := newRepo(t, dir)
	save(t, a, "v1")
	b := newRepo(t, dir)

	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	count := func(k string) { mu.Lock(); counts[k]++; mu.Unlock() }
	saver := func(r *Repo, name string) {
		defer wg.Done()
		for i := 0; i < 15; i++ {
			writeFiles(t, dir, map[string]string{name + ".md": fmt.Sprintf("%s %d\n", name, i)})
			_, _, err := r.SaveVersion(context.Background(), SaveOptions{Message: fmt.Sprintf("%s %d", name, i)})
			switch {
			case err == nil:
				count("saved")
			case errors.Is(err, ErrLocked):
				count("locked") // also: git moved the branch between our read and write
			case errors.Is(err, ErrNothingToSave):
				count("nothing")
			default:
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	wg.Add(3)
	go saver(a, "alpha")
	go saver(b, "beta")
	go func() {
		defer wg.Done()
		for i := 0; i < 15; i++ {
			_, errOut, err := gittest.RunGit(t, dir, nil, "commit", "-q", "--allow-empty", "-m", fmt.Sprintf("git %d", i))
			if err != nil {
				// git refuses safely when a save moved the branch
				// between its read and its write ("cannot lock ref").
				if !strings.Contains(errOut, ".lock") && !strings.Contains(errOut, "cannot lock ref") {
					t.Errorf("git commit: %v %s", err, errOut)
				}
				count("git-locked")
				continue
			}
			count("git")
		}
	}()
	wg.Wait()
	t.Logf("outcomes: %v", counts)
	fsck(t, dir)
	for {
		_, _, err := a.SaveVersion(context.Background(), SaveOptions{Message: "final"})
		if err == nil || errors.Is(err, ErrNothingToSave) {
			break
		}
		t.Fatalf("final save: %v", err)
	}
	if st := gittest.Git(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("unsaved after the final save:\n%s", st)
	}
	fsck(t, dir)
}
