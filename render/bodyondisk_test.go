package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

// A page whose text stays on disk (course.KeepBodiesOnDisk) renders from
// its file; when the file went away meanwhile, the page gets an error
// naming it instead of rendering empty without a word.
func TestRenderBodyOnDiskGone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "course")
	testcorpus.CopyTree(t, filepath.Join(testcorpus.Dir(t), "course-in-a-box"), dir)
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	c.KeepBodiesOnDisk()
	var p *course.Page
	for _, m := range c.Modules {
		if len(m.Pages) > 0 {
			p = m.Pages[0]
			break
		}
	}
	if p == nil {
		t.Fatal("no module page")
	}
	r := New(Options{})
	if out := r.Render(Input{Course: c, Page: p}); len(out.HTML) < 100 || hasError(out.Diagnostics) {
		t.Fatalf("%s from disk: %d bytes of HTML, %v", p.Path, len(out.HTML), out.Diagnostics)
	}
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p.Path))); err != nil {
		t.Fatal(err)
	}
	out := r.Render(Input{Course: c, Page: p})
	var found bool
	for _, d := range out.Diagnostics {
		if d.Severity == course.SeverityError && d.File == p.Path && strings.Contains(d.Message, "cannot read file") {
			found = true
		}
	}
	if !found {
		t.Errorf("%s is gone: diagnostics %v", p.Path, out.Diagnostics)
	}
}

func hasError(ds []course.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == course.SeverityError {
			return true
		}
	}
	return false
}
