package publish

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

// TestNoPageLeftOutSilently builds every corpus course and the edge-case
// courses of the differential tests and checks that each page source (.md, .markdown, .html) Jekyll
// would read is on the site — as a page at its address, or copied as it
// is — or is named by a diagnostic of check or build saying why it is
// not (a draft, a secret, a script in it, two pages at one address…).
// Files Jekyll itself never reads (in folders starting with _ or ., or
// excluded in _config.yml) are not pages.
func TestNoPageLeftOutSilently(t *testing.T) {
	dirs := map[string]string{}
	for _, name := range []string{"jekyll-edge", "jekyll-pretty", "ghpages-edge"} {
		dirs[name] = filepath.Join("testdata", name)
	}
	for _, name := range corpusCourses(t) {
		dirs[name] = filepath.Join(testcorpus.Dir(t), name)
	}
	for name, dir := range dirs {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join(t.TempDir(), "src")
			testcorpus.CopyTree(t, dir, src)
			c, err := course.Load(src)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "site")
			res := build(t, c, out, BuildOptions{})
			said := map[string]bool{}
			for _, d := range append(course.Check(c), res.Diagnostics...) {
				said[d.File] = true
			}
			pages, sources := 0, 0
			for _, rel := range pageSources(t, c) {
				sources++
				where := rel // copied as it is
				if p := c.PageByPath(rel); p != nil {
					where = outFile(p.URL())
					pages++
				}
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(where))); err == nil {
					continue
				}
				if !said[rel] {
					t.Errorf("%s is not on the site (looked for %s) and no diagnostic says why", rel, where)
				}
			}
			if sources == 0 || pages == 0 {
				t.Fatalf("found %d page sources, %d pages: is the walk right?", sources, pages)
			}
			t.Logf("%d page sources, %d of them pages", sources, pages)
		})
	}
}

// pageSources lists the course's .md, .markdown and .html files that
// Jekyll reads: not in folders starting with _ or ., not excluded.
func pageSources(t *testing.T, c *course.Course) []string {
	var excludes []string
	if c.Config != nil {
		if n := c.Config.Lookup("exclude"); n != nil {
			for _, it := range n.Content {
				excludes = append(excludes, strings.Trim(it.Value, "/"))
			}
		}
	}
	var out []string
	err := filepath.WalkDir(c.Dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil || full == c.Dir {
			return err
		}
		rel, _ := filepath.Rel(c.Dir, full)
		rel = filepath.ToSlash(rel)
		name := d.Name()
		skip := strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".")
		for _, e := range append(excludes, jekyllExcludes...) {
			skip = skip || rel == e || strings.HasPrefix(rel, e+"/")
		}
		// A module's pages are in its _posts folder: Jekyll reads those.
		if d.IsDir() && name == "_posts" {
			skip = false
		}
		switch {
		case skip && d.IsDir():
			return filepath.SkipDir
		case skip || d.IsDir():
			return nil
		}
		switch strings.ToLower(path.Ext(name)) {
		case ".md", ".markdown", ".html":
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
