package render

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var fenceRE = regexp.MustCompile("(?s)```.*?```")

var iframeSrcRE = regexp.MustCompile(`(?i)<iframe[^>]*\bsrc="([^"]*)"`)

// Every page of every corpus course renders with no Liquid or script
// reaching learners, and the iframes kept are exactly the allowlisted ones.
func TestCorpusPagesRenderSafely(t *testing.T) {
	r := New(Options{})
	hosts := newHostList(nil)
	for _, name := range testcorpus.Courses {
		c, err := course.Load(filepath.Join(testcorpus.Dir(t), name))
		if err != nil {
			t.Fatal(err)
		}
		site := NewSite(c, false)
		for _, p := range c.AllPages() {
			out := r.Render(Input{Course: c, Page: p, Site: site})
			for _, bad := range []string{"{%", "{{", "<script"} {
				if strings.Contains(out.HTML, bad) && !inCode(out.HTML, bad) {
					t.Errorf("%s/%s: %q reaches the output", name, p.Path, bad)
				}
			}
			for _, m := range iframeSrcRE.FindAllStringSubmatch(out.HTML, -1) {
				if !hosts.allows(html.UnescapeString(m[1])) {
					t.Errorf("%s/%s: iframe %s kept", name, p.Path, m[1])
				}
			}
			// Every iframe in the source whose host is allowed is kept.
			want := 0
			for _, m := range iframeSrcRE.FindAllStringSubmatch(fenceRE.ReplaceAllString(p.Body(), ""), -1) {
				if hosts.allows(m[1]) && !strings.Contains(p.Body(), "<!--"+m[0]) {
					want++
				}
			}
			if got := len(iframeSrcRE.FindAllString(out.HTML, -1)); got < want {
				t.Errorf("%s/%s: %d allowed iframes in the source, %d kept", name, p.Path, want, got)
			}
		}
	}
}

// inCode reports whether every occurrence of s is inside <code> or <pre>,
// where a page shows Liquid as an example (the course-in-a-box guide does).
func inCode(doc, s string) bool {
	z := html.NewTokenizer(strings.NewReader(doc))
	depth := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return true
		case html.StartTagToken:
			if a, _ := z.TagName(); atom.Lookup(a) == atom.Code || atom.Lookup(a) == atom.Pre {
				depth++
			}
		case html.EndTagToken:
			if a, _ := z.TagName(); atom.Lookup(a) == atom.Code || atom.Lookup(a) == atom.Pre {
				depth--
			}
		case html.TextToken:
			if depth == 0 && strings.Contains(string(z.Text()), s) {
				return false
			}
		}
	}
}
