package render

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output of testdata/cases")

// TestCases renders each testdata/cases/*.txtar file's input.md as the
// page modules/intro/_posts/2000-01-02-next.md of the fixture course and
// compares the HTML and the diagnostics with the file's other sections.
// go test ./render -run TestCases -update rewrites them.
func TestCases(t *testing.T) {
	c, err := course.Load("testdata/course")
	if err != nil {
		t.Fatal(err)
	}
	page := c.Module("intro").Page("next")
	r := New(Options{})
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string]string{}
			for _, fl := range ar.Files {
				sections[fl.Name] = string(fl.Data)
			}
			in, ok := sections["input.md"]
			if !ok {
				t.Fatal("no input.md section")
			}
			out := r.Render(Input{Course: c, Page: page, Source: in, File: "input.md", Line: 1})
			var diags strings.Builder
			for _, d := range out.Diagnostics {
				diags.WriteString(d.String() + "\n")
			}
			got := map[string]string{"output.html": out.HTML, "diagnostics": diags.String()}
			if *update {
				ar.Files = []txtar.File{{Name: "input.md", Data: []byte(in)}}
				for _, name := range []string{"output.html", "diagnostics"} {
					ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(got[name])})
				}
				if err := os.WriteFile(f, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"output.html", "diagnostics"} {
				if got[name] != sections[name] {
					t.Errorf("%s:\n--- got\n%s\n--- want\n%s", name, got[name], sections[name])
				}
			}
		})
	}
}

// With Relative, internal links come out as the built site needs them,
// the same as RelativizeLinks makes of the site-absolute ones.
func TestRenderRelativeLinks(t *testing.T) {
	c, err := course.Load("testdata/course")
	if err != nil {
		t.Fatal(err)
	}
	page := c.Module("intro").Page("next")
	src := "[a](../welcome/) [b]({{ site.baseurl }}/about/) ![c](/img/pic.png) [d](https://example.org/) [e](#top)"
	r := New(Options{})
	abs := r.Render(Input{Course: c, Page: page, Source: src})
	rel := r.Render(Input{Course: c, Page: page, Source: src, Relative: true})
	want := `<p><a href="../welcome/index.html">a</a> <a href="../../../about/index.html">b</a> <img src="../../../img/pic.png" alt="c"> <a href="https://example.org/">d</a> <a href="#top">e</a></p>`
	if strings.TrimSpace(rel.HTML) != want {
		t.Errorf("relative:\n%s\nwant\n%s", rel.HTML, want)
	}
	if got := RelativizeLinks(abs.HTML, page.URL()); got != rel.HTML {
		t.Errorf("Relative and RelativizeLinks differ:\n%s\n%s", rel.HTML, got)
	}
}
