package repo

import (
	"bufio"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coursewright/coursewright/internal/gittest"
)

const crashDirEnv = "COURSEWRIGHT_TEST_CRASH_DIR"

// TestCrashChild is not a test: TestCrashDuringSaveVersion runs the test
// binary again with crashDirEnv set, and this saves a version there while
// the parent kills it.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("helper process for TestCrashDuringSaveVersion")
	}
	ready := os.NewFile(3, "ready")
	r, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(ready, "ready")
	start := time.Now()
	_, _, err = r.SaveVersion(context.Background(), SaveOptions{Message: "saved by the child"})
	if err != nil && !errors.Is(err, ErrNothingToSave) {
		t.Fatal(err)
	}
	fmt.Fprintf(ready, "done %d\n", time.Since(start).Microseconds())
}

// TestCrashDuringSaveVersion kills a process that is saving a version
// (SIGKILL, at random moments from microseconds to milliseconds into the
// save) 50 times over, on a course of a few hundred files. After every kill
// the repository must pass git fsck --full and the course's files must be
// byte-for-byte what they were; at the end a save must work.
func TestCrashDuringSaveVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 50 processes; skipped with -short")
	}
	isolate(t)
	gittest.NeedGit(t)
	dir := t.TempDir()
	makeCourse(t, dir, 300)
	r := newRepo(t, dir)
	save(t, r, "v1")
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))

	pages, err := filepath.Glob(filepath.Join(dir, "modules", "*", "_posts", "*.md"))
	if err != nil || len(pages) == 0 {
		t.Fatal("no pages", err)
	}
	edit := func(round int) {
		for i := 0; i < 40; i++ {
			p := pages[rng.Intn(len(pages))]
			if _, err := os.Stat(p); err != nil {
				continue
			}
			must(t, os.WriteFile(p, []byte(fmt.Sprintf("---\ntitle: edit %d.%d\n---\n%s", round, i, strings.Repeat("more text\n", rng.Intn(400)))), 0o644))
		}
		for i := 0; i < 5; i++ {
			writeFiles(t, dir, map[string]string{fmt.Sprintf("modules/m%d/_posts/2021-02-01-new-%d-%d.md", i%4, round, i): fmt.Sprintf("new page %d %d\n", round, i)})
		}
		victim := pages[rng.Intn(len(pages))]
		os.Remove(victim)
	}

	committed, locksLeft := 0, 0
	var maxDelay time.Duration
	for round := 0; round < 50; round++ {
		if round%5 == 0 {
			// An undisturbed save now and then tells how long a save takes
			// with the changes of five rounds, to spread the kills over
			// it (killed saves leave their changes for the next one).
			edit(-round)
			full := runCrashChild(t, dir, -1)
			if full <= 0 {
				t.Fatal("the measuring run did not finish")
			}
			maxDelay = full * 3 / 2
			t.Logf("an undisturbed save takes %v; the next kills land between 1µs and %v after a save starts", full, maxDelay)
		}
		edit(round)
		before := snapshot(t, dir)
		headBefore := strings.TrimSpace(gittest.Git(t, dir, "rev-parse", "HEAD"))
		// Half the kills log-uniform (as many in the first 10µs as in the
		// last decade of milliseconds: the lock and the first objects),
		// half uniform over the save (the commit, the ref, the index).
		var delay time.Duration
		if round%2 == 0 {
			delay = time.Duration(math.Exp(rng.Float64()*math.Log(float64(maxDelay/time.Microsecond)))) * time.Microsecond
		} else {
			delay = time.Duration(rng.Int63n(int64(maxDelay)))
		}
		runCrashChild(t, dir, delay)

		fsck(t, dir)
		if after := snapshot(t, dir); !sameSnapshot(before, after) {
			t.Fatalf("round %d: the course's files changed when the save was killed after %v", round, delay)
		}
		// The index must still be readable by git.
		gittest.Git(t, dir, "status", "--porcelain")
		if strings.TrimSpace(gittest.Git(t, dir, "rev-parse", "HEAD")) != headBefore {
			committed++
		}
		if _, err := os.Stat(filepath.Join(dir, ".git", "index.lock")); err == nil {
			locksLeft++
		}
	}
	t.Logf("50 kills: %d after the version was recorded, %d before; %d left index.lock behind", committed, 50-committed, locksLeft)

	// A lock left by the last kill belongs to a dead process: the next
	// save breaks it and says so.
	writeFiles(t, dir, map[string]string{"index.md": "after the storm\n"})
	_, rep, err := r.SaveVersion(context.Background(), SaveOptions{Message: "final"})
	if err != nil {
		t.Fatalf("the save after 50 kills failed: %v", err)
	}
	if len(rep.Notes) > 0 {
		t.Logf("note: %s", rep.Notes[0])
	}
	if st := gittest.Git(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("git status after the final save:\n%s", st)
	}
	fsck(t, dir)
}

// runCrashChild saves a version in a child process and SIGKILLs it delay
// after it starts saving (delay < 0: let it finish). It returns how long
// the save took when it finished.
func runCrashChild(t *testing.T, dir string, delay time.Duration) time.Duration {
	t.Helper()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir)
	cmd.ExtraFiles = []*os.File{pw}
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	lines := bufio.NewReader(pr)
	if l, err := lines.ReadString('\n'); err != nil || l != "ready\n" {
		cmd.Wait()
		t.Fatalf("the child did not start saving (%q, %v):\n%s", l, err, out.String())
	}
	if delay >= 0 {
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		return 0
	}
	l, _ := lines.ReadString('\n')
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v\n%s", err, out.String())
	}
	var us int64
	fmt.Sscanf(l, "done %d", &us)
	return time.Duration(us) * time.Microsecond
}

// snapshot hashes every file of the course folder outside .git.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	m := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m[p] = sha256.Sum256(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameSnapshot(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
