package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
)

// A page's redirect_from addresses get a page that leads to it; an
// address another page uses is left to that page, with a warning.
func TestRedirectFrom(t *testing.T) {
	c := sampleCourse(t)
	p := c.Module("checking-claims").Pages[0]
	if err := p.SetFrontValue("redirect_from", []string{"/modules/old-name/first/", "/old.html", "/"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(c.Dir)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	res := build(t, c, out, BuildOptions{})
	for _, f := range []string{"modules/old-name/first/index.html", "old.html"} {
		doc := readSite(t, out, f)
		if !strings.Contains(doc, `http-equiv="refresh"`) || !strings.Contains(doc, p.Slug+"/index.html") {
			t.Errorf("%s is not a redirect to %s:\n%s", f, p.URL(), doc)
		}
	}
	if home := readSite(t, out, "index.html"); strings.Contains(home, `http-equiv="refresh"`) {
		t.Error("the home page was replaced by a redirect")
	}
	warned := false
	for _, d := range res.Diagnostics {
		warned = warned || d.Code == CodeRedirectFromTaken
	}
	if !warned {
		t.Error("no warning for a redirect_from address the home page uses")
	}
	if _, err := os.Stat(filepath.Join(out, "old.html")); err != nil {
		t.Error(err)
	}
}

// A page renamed, moved or whose module is renamed in Coursewright keeps
// its old address working: the edit records it in redirect_from and the
// build writes a redirect page there that leads to the new address.
func TestMovedPagesRedirect(t *testing.T) {
	tests := []struct {
		name  string
		edits func(c *course.Course) []course.Edit
	}{
		{"page file renamed", func(c *course.Course) []course.Edit {
			m := c.Module("checking-claims")
			return []course.Edit{course.ReslugPage{Module: m.Slug, Slug: m.Pages[0].Slug, New: "a-new-name"}}
		}},
		{"page renamed, then moved to another module", func(c *course.Course) []course.Edit {
			m := c.Module("checking-claims")
			return []course.Edit{
				course.ReslugPage{Module: m.Slug, Slug: m.Pages[0].Slug, New: "claims-check-in"},
				course.MovePage{Module: m.Slug, Slug: "claims-check-in", To: c.Modules[0].Slug},
			}
		}},
		{"module folder renamed", func(c *course.Course) []course.Edit {
			return []course.Edit{course.ReslugModule{Slug: "checking-claims", New: "claims"}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sampleCourse(t)
			p := c.Module("checking-claims").Pages[0]
			oldURL := p.URL()
			for _, e := range tt.edits(c) {
				if _, err := c.Apply(e); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := c.Save(); err != nil {
				t.Fatal(err)
			}
			c, err := course.Load(c.Dir)
			if err != nil {
				t.Fatal(err)
			}
			var moved *course.Page
			for _, q := range c.AllPages() {
				for _, from := range q.RedirectFrom() {
					if from == oldURL {
						moved = q
					}
				}
			}
			if moved == nil {
				t.Fatalf("no page lists its old address %s in redirect_from", oldURL)
			}
			if moved.URL() == oldURL {
				t.Fatalf("the edit kept the address %s", oldURL)
			}
			out := filepath.Join(t.TempDir(), "site")
			res := build(t, c, out, BuildOptions{})
			for _, d := range res.Diagnostics {
				if d.Code == CodeRedirectFromTaken {
					t.Errorf("unexpected: %s", d)
				}
			}
			doc := readSite(t, out, outFile(oldURL))
			// The redirect leads, relatively, to the new page's folder.
			newRel := relURL(oldURL, moved.URL())
			if !strings.Contains(doc, `http-equiv="refresh"`) || !strings.Contains(doc, newRel) {
				t.Errorf("%s is not a redirect to %s (%s):\n%s", outFile(oldURL), moved.URL(), newRel, doc)
			}
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(outFile(moved.URL())))); err != nil {
				t.Errorf("the page is not at its new address: %v", err)
			}
		})
	}
}
