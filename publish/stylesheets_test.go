package publish

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

// TestThemeStylesheetsLeftOut: the edge course's Sass stylesheet with
// front matter (Liquid inside) is not copied into the site; one without
// front matter is, as Jekyll copies it; check says so once.
func TestThemeStylesheetsLeftOut(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	testcorpus.CopyTree(t, filepath.Join("testdata", "jekyll-edge"), src)
	c, err := course.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	build(t, c, out, BuildOptions{})
	if _, err := os.Stat(filepath.Join(out, "css", "main.scss")); err == nil {
		t.Error("css/main.scss, the old theme's Sass with Liquid in it, was copied into the site")
	}
	if _, err := os.Stat(filepath.Join(out, "css", "plain.scss")); err != nil {
		t.Errorf("css/plain.scss (no front matter) is not in the site: %v", err)
	}
	n := 0
	for _, d := range course.Check(c) {
		if d.Code == course.CodeStylesheetsLeftOut {
			n++
			if d.File != "css/main.scss" {
				t.Errorf("the diagnostic names %s", d.File)
			}
		}
	}
	if n != 1 {
		t.Errorf("check said %d times that the stylesheet is left out, want once", n)
	}
}
