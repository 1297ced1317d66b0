package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

// Issue 12, item 14: an .html file without front matter and an .svg that
// can run script are left out of the site with a warning naming the file
// and line; harmless ones are copied.
func TestActiveHTMLAndSVGLeftOut(t *testing.T) {
	dir := testcorpus.Copy(t, "course-in-a-box")
	files := map[string]string{
		"img/evil.svg":        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<circle r=\"5\"/>\n<script>alert(document.domain)</script>\n</svg>\n",
		"img/handler.svg":     "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect/></svg>",
		"img/foreign.svg":     "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><iframe src=\"x\"></iframe></foreignObject></svg>",
		"img/anim.svg":        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a><animate attributeName=\"href\" values=\"java&#x09;script:alert(1)\"/><text>x</text></a></svg>",
		"img/link.svg":        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
		"demo/page.html":      "<!doctype html>\n<html><body>\n<p>hi</p>\n<img src=x onerror=alert(1)>\n</body></html>\n",
		"demo/script.html":    "<html><body><script>fetch('/')</script></body></html>",
		"demo/refresh.htm":    "<meta http-equiv=\"Refresh\" content=\"0;url=javascript:alert(1)\">",
		"img/clean.svg":       "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"https://p2pu.org\"><circle r=\"5\"/></a></svg>",
		"demo/handout.html":   "<!doctype html><html><body><h1>Handout</h1><a href=\"https://p2pu.org\">P2PU</a></body></html>",
		"img/compressed.svgz": "\x1f\x8b\x08",
	}
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	res := build(t, c, out, BuildOptions{})
	warned := map[string]course.Diagnostic{}
	for _, d := range res.Diagnostics {
		if strings.HasPrefix(d.Message, "left out of the site") {
			warned[d.File] = d
		}
	}
	for p := range files {
		_, err := os.Stat(filepath.Join(out, filepath.FromSlash(p)))
		copied := err == nil
		clean := strings.Contains(p, "clean") || strings.Contains(p, "handout")
		if copied != clean {
			t.Errorf("%s: copied=%v", p, copied)
		}
		if _, ok := warned[p]; ok == clean {
			t.Errorf("%s: warned=%v", p, ok)
		}
	}
	if d := warned["img/evil.svg"]; d.Line != 3 || !strings.Contains(d.Message, "<script>") {
		t.Errorf("evil.svg: %+v", d)
	}
	if d := warned["demo/page.html"]; d.Line != 4 || !strings.Contains(d.Message, "onerror") {
		t.Errorf("page.html: %+v", d)
	}
}
