package course

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Adding a page before .markdown pages re-dates them but keeps each
// file's extension: Jekyll reads both, and a renamed extension is a
// needless change in the author's history.
func TestAddPageKeepsMarkdownExtension(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	posts := filepath.Join(dir, "modules", "setup", "_posts")
	entries, err := os.ReadDir(posts)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		old := filepath.Join(posts, e.Name())
		if err := os.Rename(old, strings.TrimSuffix(old, ".md")+".markdown"); err != nil {
			t.Fatal(err)
		}
	}
	c := mustLoad(t, dir)
	if _, err := c.Apply(AddPage{Module: "setup", Title: "First things", Pos: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	entries, _ = os.ReadDir(posts)
	md := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") {
			md++
		}
	}
	if md != 1 || len(entries) < 3 {
		t.Errorf("want only the new page as .md, got %d .md of %d files", md, len(entries))
	}
}
