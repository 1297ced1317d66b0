package course_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
)

// Issue 12, item 12: a module entry that is not one safe folder name is an
// error for check, is never looked for outside modules/, and no edit
// accepts it.
func TestModuleEntriesMustBeOneFolder(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "a", "b", "c")
	victim := filepath.Join(root, "victim")
	for _, d := range []string{filepath.Join(dir, "modules", "setup"), filepath.Join(dir, "_data"), victim} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(victim, "keep.txt"), []byte("keep\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	yml := "title: T\nmodules: [\"setup\", \"../../../victim\", \"a/b\", \"..\", \".hidden\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "_data", "course.yml"), []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, d := range course.Check(c) {
		if d.Severity == course.SeverityError && d.File == course.DataFile && d.Line == 2 {
			errs = append(errs, d.Message)
		}
	}
	for _, bad := range []string{"../../../victim", "a/b", "..", ".hidden"} {
		found := false
		for _, e := range errs {
			found = found || strings.Contains(e, `"`+bad+`"`)
		}
		if !found {
			t.Errorf("check says nothing about %q: %v", bad, errs)
		}
		if m := c.Module(bad); m == nil || !m.Missing {
			t.Errorf("module %q loaded as if present: %+v", bad, m)
		}
		for _, e := range []course.Edit{course.RenameModule{Slug: bad, Title: "X"}, course.HideModule{Slug: bad},
			course.RemoveModule{Slug: bad}, course.ReslugModule{Slug: bad, New: "fine"}} {
			if _, err := e.Apply(c); !errors.Is(err, course.ErrBadSlug) {
				t.Errorf("%s: %v, want ErrBadSlug", e, err)
			}
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "_data", "course.yml")); string(b) != yml {
		t.Errorf("course.yml changed:\n%s", b)
	}
	if _, err := os.Stat(filepath.Join(victim, "keep.txt")); err != nil {
		t.Errorf("the folder outside the course was touched: %v", err)
	}
}
