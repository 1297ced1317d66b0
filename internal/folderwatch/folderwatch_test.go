package folderwatch

import (
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coursewright/coursewright/course"
)

const delay = 100 * time.Millisecond

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !ok(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestWatchIsDebouncedAndSkipsWhatIsNotContent(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "preview-out")
	for _, d := range []string{".git", "_site", ".jekyll-cache", ".coursewright", out} {
		if err := os.MkdirAll(filepath.Join(dir, strings.TrimPrefix(d, dir)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var calls atomic.Int32
	w, err := New(dir, delay, []string{out}, func() { calls.Add(1) })
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	// Version control, build output, caches, the app's data, the skipped
	// folder and editors' leftovers never count.
	for _, p := range []string{".git/index", "_site/index.html", ".jekyll-cache/x", ".coursewright/trash/p.md",
		"preview-out/index.html", ".page.md.swp", "page.md~"} {
		write(t, filepath.Join(dir, p), "x")
	}
	time.Sleep(3 * delay)
	if n := calls.Load(); n != 0 {
		t.Fatalf("changes to what is not content were reported %d times", n)
	}

	// A burst of writes is one change, reported after the folder is quiet.
	for i := range 5 {
		write(t, filepath.Join(dir, "page.md"), strings.Repeat("x", i))
		time.Sleep(20 * time.Millisecond)
	}
	// A new folder is watched too.
	if err := os.MkdirAll(filepath.Join(dir, "modules", "new"), 0o755); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the change", func() bool { return calls.Load() > 0 })
	time.Sleep(3 * delay)
	if n := calls.Load(); n != 1 {
		t.Fatalf("a burst of writes was reported %d times", n)
	}
	write(t, filepath.Join(dir, "modules", "new", "x.md"), "x")
	waitFor(t, "a change in a new folder", func() bool { return calls.Load() == 2 })

	// A save through the atomic writer (a hidden temporary file renamed
	// into place) is one change.
	time.Sleep(3 * delay)
	if err := course.WriteFileAtomic(filepath.Join(dir, "modules", "new", "x.md"), []byte("saved"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "an atomic save", func() bool { return calls.Load() == 3 })
	time.Sleep(3 * delay)
	if n := calls.Load(); n != 3 {
		t.Fatalf("an atomic save was reported %d times", n-2)
	}
}

// After Close, no change is reported.
func TestCloseStopsReports(t *testing.T) {
	dir := t.TempDir()
	var calls atomic.Int32
	w, err := New(dir, delay, nil, func() { calls.Add(1) })
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	write(t, filepath.Join(dir, "page.md"), "x")
	time.Sleep(3 * delay)
	if n := calls.Load(); n != 0 {
		t.Fatalf("%d reports after Close", n)
	}
}
