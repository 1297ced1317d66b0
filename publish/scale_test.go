package publish

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gencourse"
)

// genCourse writes a generated course of modules × perModule pages.
func genCourse(t testing.TB, modules, perModule, words int) *course.Course {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "gen")
	if err := gencourse.Write(dir, gencourse.Options{Pages: modules * perModule, PerModule: perModule, Words: words, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// meanModulePage is the mean size of the module pages of a built site.
func meanModulePage(t testing.TB, out string) float64 {
	var total, n int64
	_ = filepath.WalkDir(filepath.Join(out, course.ModulesDir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" && strings.Count(filepath.ToSlash(strings.TrimPrefix(p, out)), "/") > 3 {
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
				n++
			}
		}
		return nil
	})
	if n == 0 {
		t.Fatal("no module pages built")
	}
	return float64(total) / float64(n)
}

// Issue 12, item 7 (scale): a page's size does not grow with the number
// of modules: the top bar lists the modules around the current one.
func TestPageSizeIndependentOfModuleCount(t *testing.T) {
	few := genCourse(t, 10, 1, 40)
	many := genCourse(t, 400, 1, 40)
	outFew, outMany := filepath.Join(t.TempDir(), "few"), filepath.Join(t.TempDir(), "many")
	build(t, few, outFew, BuildOptions{})
	build(t, many, outMany, BuildOptions{})
	a, b := meanModulePage(t, outFew), meanModulePage(t, outMany)
	t.Logf("mean module page: 10 modules %.0f bytes, 400 modules %.0f bytes", a, b)
	if b > 1.3*a {
		t.Errorf("with 40 times the modules a page is %.1f times as large", b/a)
	}
}

// BenchmarkBuild200x25 builds a course of 200 modules of 25 pages (5,000
// pages) from scratch.
func BenchmarkBuild200x25(b *testing.B) {
	c := genCourse(b, 200, 25, 300)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(b.TempDir(), "site")
		build(b, c, out, BuildOptions{})
	}
}
