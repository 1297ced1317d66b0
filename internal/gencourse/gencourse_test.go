package gencourse_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gencourse"
)

// The same options write the same bytes; another seed writes other pages.
func TestWriteIsDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := gencourse.Write(dir, gencourse.DefaultOptions(20)); err != nil {
			t.Fatal(err)
		}
	}
	o := gencourse.DefaultOptions(20)
	o.Seed = 2
	if err := gencourse.Write(c, o); err != nil {
		t.Fatal(err)
	}
	fa, fb, fc := files(t, a), files(t, b), files(t, c)
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	differ := 0
	for name, content := range fa {
		if !bytes.Equal(content, fb[name]) {
			t.Errorf("%s differs between two runs with the same options", name)
		}
		if !bytes.Equal(content, fc[name]) {
			differ++
		}
	}
	if differ < 20 {
		t.Errorf("another seed changed only %d files", differ)
	}
}

// A generated course loads as a course, with the shape real courses have.
func TestWriteMakesARealCourse(t *testing.T) {
	dir := t.TempDir()
	if err := gencourse.Write(dir, gencourse.DefaultOptions(20)); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, m := range c.Modules {
		pages += len(m.Pages)
	}
	if len(c.Modules) != 3 || pages != 20 {
		t.Fatalf("%d modules, %d module pages; want 3 and 20", len(c.Modules), pages)
	}
	if d := course.Check(c); len(d) != 0 {
		for _, x := range d {
			t.Errorf("check: %v", x)
		}
	}
	var all strings.Builder
	for _, p := range c.AllPages() {
		all.WriteString(p.Body())
	}
	for _, want := range []string{"# Page 1 of module 0001", "## Part 1:", "\n* ", "| Step | Minutes | Notes |",
		"> Facilitator tip: ", "]({{site.baseurl}}/modules/module-", "![diagram", "```python",
		"_Suggested timing: ", `src="https://www.youtube.com/embed/vid00000"`} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no page has %q", want)
		}
	}
	if words := len(strings.Fields(c.Modules[0].Pages[0].Body())); words < 1500 || words > 2500 {
		t.Errorf("the first page has %d words; want about 1500 of prose", words)
	}
}

func TestWriteRefusesNoPages(t *testing.T) {
	if err := gencourse.Write(t.TempDir(), gencourse.Options{}); err == nil {
		t.Fatal("no error for a course of no pages")
	}
}

func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
