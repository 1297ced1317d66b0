package repo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/gittest"
)

func TestHistoryAndDiff(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 4)
	r := newRepo(t, dir)
	ctx := context.Background()
	v1 := save(t, r, "First version")
	writeFiles(t, dir, map[string]string{"index.md": "Welcome, v2.\n", "about.md": "About.\n"})
	v2 := save(t, r, "Second version\n\nWith a body.")

	hist, err := r.History(ctx, 0)
	must(t, err)
	if len(hist) != 2 || hist[0].Hash != v2 || hist[1].Hash != v1 {
		t.Fatalf("history: %+v", hist)
	}
	if hist[0].Message != "Second version\n\nWith a body." {
		t.Errorf("message %q", hist[0].Message)
	}
	if !equalLists(hist[0].Changed, []string{"about.md", "index.md"}) {
		t.Errorf("v2 changed %v", hist[0].Changed)
	}
	if len(hist[1].Changed) != 8 || len(hist[1].Parents) != 0 || hist[0].Parents[0] != v1 {
		t.Errorf("v1: %+v", hist[1])
	}
	if hist[0].When.IsZero() || hist[0].Author.Name == "" {
		t.Errorf("v2 author/time: %+v", hist[0])
	}
	if lim, _ := r.History(ctx, 1); len(lim) != 1 {
		t.Errorf("History(1) returned %d", len(lim))
	}

	writeFiles(t, dir, map[string]string{"index.md": "Unsaved edit.\n"})
	oldText, newText, err := r.Diff(ctx, v1, "index.md")
	must(t, err)
	if !strings.Contains(oldText, "Welcome.") || newText != "Unsaved edit.\n" {
		t.Errorf("Diff(v1, index.md) = %q, %q", oldText, newText)
	}
	oldText, newText, err = r.Diff(ctx, v1[:7], "about.md")
	must(t, err)
	if oldText != "" || newText != "About.\n" {
		t.Errorf("Diff(short v1, about.md) = %q, %q", oldText, newText)
	}
	if _, _, err := r.Diff(ctx, "HEAD", "nowhere.md"); !errors.Is(err, ErrNotInHistory) {
		t.Errorf("a file in neither: %v", err)
	}
	if _, _, err := r.Diff(ctx, "no-such-version", "index.md"); !errors.Is(err, ErrNotInHistory) {
		t.Errorf("an unknown version: %v", err)
	}
}

// TestRestore: a page brought back from the first version is a new
// version; later work on other files is kept; nothing is reset.
func TestRestore(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 4)
	r := newRepo(t, dir)
	ctx := context.Background()
	page := "modules/m1/_posts/2020-01-02-page-001.md"
	v1 := save(t, r, "v1")
	v1Page := readFile(t, filepath.Join(dir, page))

	writeFiles(t, dir, map[string]string{page: "rewritten in v2\n", "index.md": "home v2\n"})
	save(t, r, "v2")
	writeFiles(t, dir, map[string]string{"about.md": "later work\n"})
	v3 := save(t, r, "v3")

	h, err := r.Restore(ctx, v1, page)
	must(t, err)
	if got := readFile(t, filepath.Join(dir, page)); got != v1Page {
		t.Errorf("restored page = %q, want v1's %q", got, v1Page)
	}
	if got := readFile(t, filepath.Join(dir, "index.md")); got != "home v2\n" {
		t.Errorf("index.md (not restored) = %q, want v2's", got)
	}
	if got := readFile(t, filepath.Join(dir, "about.md")); got != "later work\n" {
		t.Errorf("about.md (later work) = %q", got)
	}
	hist, _ := r.History(ctx, 0)
	if len(hist) != 4 || hist[0].Hash != h || hist[1].Hash != v3 {
		t.Fatalf("history after restore: %d versions, head %s", len(hist), hist[0].Hash)
	}
	if !equalLists(hist[0].Changed, []string{page}) || !strings.Contains(hist[0].Message, "Restored "+page) {
		t.Errorf("restore version: %+v", hist[0])
	}
	if st := gittest.Git(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("git status after restore:\n%s", st)
	}
	if got := gittest.Git(t, dir, "show", "HEAD:"+page); got != v1Page {
		t.Errorf("committed page = %q", got)
	}
	if _, err := r.Restore(ctx, v1, page); !errors.Is(err, ErrNothingToSave) {
		t.Errorf("restoring again: %v, want ErrNothingToSave", err)
	}

	// Unsaved edits to a restored file are saved first, never lost.
	writeFiles(t, dir, map[string]string{"index.md": "unsaved edit\n"})
	_, err = r.Restore(ctx, v1, "index.md")
	must(t, err)
	hist, _ = r.History(ctx, 0)
	if !strings.HasPrefix(hist[1].Message, "Unsaved changes, saved before restoring") {
		t.Fatalf("no auto-save before the restore: %q", hist[1].Message)
	}
	if got := gittest.Git(t, dir, "show", hist[1].Hash+":index.md"); got != "unsaved edit\n" {
		t.Errorf("auto-saved index.md = %q", got)
	}

	// The whole course: files added later leave the folder (they stay in
	// the history), every v1 file is back.
	_, err = r.Restore(ctx, v1)
	must(t, err)
	if _, err := os.Stat(filepath.Join(dir, "about.md")); !os.IsNotExist(err) {
		t.Errorf("about.md (added after v1) still in the folder: %v", err)
	}
	if got, want := lsTree(t, dir, "HEAD"), lsTree(t, dir, v1); !equalLists(got, want) {
		t.Errorf("files after a full restore %v, want %v", got, want)
	}
	if st := gittest.Git(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("git status after the full restore:\n%s", st)
	}
	fsck(t, dir)
}

// HistoryPage reads the history a page at a time and says whether older
// versions follow; a cancelled context stops it.
func TestHistoryPage(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 2)
	r := newRepo(t, dir)
	ctx := context.Background()
	var saved []string
	for i := 1; i <= 3; i++ {
		writeFiles(t, dir, map[string]string{"index.md": strings.Repeat("Welcome.\n", i)})
		saved = append(saved, save(t, r, "Version"))
	}
	page, more, err := r.HistoryPage(ctx, 0, 2)
	must(t, err)
	if len(page) != 2 || !more || page[0].Hash != saved[2] || page[1].Hash != saved[1] {
		t.Fatalf("first page: %d versions, more %v", len(page), more)
	}
	if len(page[0].Changed) != 1 || page[0].Changed[0] != "index.md" {
		t.Errorf("changed files of the newest: %v", page[0].Changed)
	}
	page, more, err = r.HistoryPage(ctx, 2, 2)
	must(t, err)
	if len(page) != 1 || more || page[0].Hash != saved[0] {
		t.Fatalf("second page: %d versions, more %v", len(page), more)
	}
	if page, more, err = r.HistoryPage(ctx, 3, 2); err != nil || len(page) != 0 || more {
		t.Fatalf("past the end: %d versions, more %v, %v", len(page), more, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := r.HistoryPage(cancelled, 0, 2); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled read: %v", err)
	}
}
