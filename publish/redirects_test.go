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
