package course

import (
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// addCorpusSeeds adds every file of the corpus matching pattern as a seed,
// so the seeds run as ordinary tests on real input.
func addCorpusSeeds(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join(corpusDir(f), pattern))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
}

// FuzzParsePage: any file parses without panicking, an unedited page gives
// back its exact bytes, and setting the title keeps the body and reads back.
func FuzzParsePage(f *testing.F) {
	addCorpusSeeds(f, "*/modules/*/_posts/*.md")
	addCorpusSeeds(f, "*/*.md")
	for _, s := range []string{"", "---\n", "---\n---\n", "---\ntitle: x\n...\nbody", "\xef\xbb\xbf---\r\ntitle: a\r\n---\r\nb\r\n",
		"---\ntitle: [unclosed\n---\n", "---\n- a\n---\n", "no front matter\n---\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		p, err := parsePage("modules/m/_posts/2000-01-01-x.md", raw)
		if string(p.Bytes()) != raw {
			t.Fatalf("unedited page changed")
		}
		if err != nil || (p.front != nil && p.front.root == nil && len(p.front.src) > 0) {
			return
		}
		body := p.Body()
		if err := p.SetFront("title", "Fuzzed: title"); err != nil {
			return // a front matter that is a list, not a mapping
		}
		q, err := parsePage(p.Path, string(p.Bytes()))
		if err != nil {
			t.Fatalf("after SetFront the page no longer parses: %v\n%q", err, p.Bytes())
		}
		if q.Title() != "Fuzzed: title" || q.Body() != body {
			t.Fatalf("title %q / body changed after SetFront:\n%q\n%q", q.Title(), body, q.Body())
		}
	})
}

// FuzzCourseYAML: any course.yml parses or fails with an error (never a
// panic); when it parses, adding and removing a module leaves it as it was.
func FuzzCourseYAML(f *testing.F) {
	addCorpusSeeds(f, "*/_data/course.yml")
	for _, s := range []string{"modules: []\n", "modules:\n- a\n", "title: x\nmodules: [a, 'b', \"c\"]\n", "modules: [{title: A, slug: a}]\n", "modules: x\n", ": :\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, err := ParseDoc([]byte(src))
		if err != nil {
			return
		}
		seq := d.Lookup("modules")
		if seq == nil || seq.Kind != yaml.SequenceNode || len(seq.Content) == 0 {
			return
		}
		text, err := d.FormatSeqItem(&yaml.Node{Kind: yaml.ScalarNode, Value: "fuzz-module"}, "modules")
		if err != nil {
			return
		}
		if err := d.SeqInsertText(len(seq.Content), text, "modules"); err != nil {
			if string(d.Bytes()) != src {
				t.Fatalf("a refused insert changed the file:\n%q\n%q", src, d.Bytes())
			}
			return
		}
		if _, err := d.SeqRemove(len(d.Lookup("modules").Content)-1, "modules"); err != nil {
			t.Fatalf("remove after insert failed: %v", err)
		}
		if string(d.Bytes()) != src {
			t.Fatalf("insert+remove changed the file:\n%q\n%q", src, d.Bytes())
		}
	})
}
