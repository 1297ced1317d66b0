package repo

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A site file rewritten with the same size and time as before is still
// seen as changed when its time is not older than the cache (racily
// clean), and a file changed normally gets a new blob.
func TestSiteCacheSeesChanges(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 4)
	r := newRepo(t, dir)
	save(t, r, "course")
	ctx := context.Background()
	site := filepath.Join(t.TempDir(), "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(site, "index.html")
	write := func(s string) {
		if err := os.WriteFile(page, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("<p>one</p>")
	if _, _, err := r.CommitTree(ctx, "gh-pages", site, "one"); err != nil {
		t.Fatal(err)
	}
	// Same size, same modification time, different bytes.
	st, _ := os.Stat(page)
	write("<p>two</p>")
	if err := os.Chtimes(page, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	_, changed, err := r.CommitTree(ctx, "gh-pages", site, "two")
	if err != nil {
		t.Fatal(err)
	}
	if !changed {
		t.Error("a racily clean change was missed")
	}
	// Now the cache is older than the file: an unchanged file is a hit,
	// a changed one is read again.
	time.Sleep(10 * time.Millisecond)
	if _, changed, _ := r.CommitTree(ctx, "gh-pages", site, "same"); changed {
		t.Error("an unchanged site made a commit")
	}
	write("<p>three, longer</p>")
	if _, changed, _ := r.CommitTree(ctx, "gh-pages", site, "three"); !changed {
		t.Error("a changed file was missed")
	}
}
