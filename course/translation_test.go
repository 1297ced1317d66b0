package course

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// fakeSource is a source course as a map: commit → path → text; "" is the
// newest commit.
type fakeSource map[string]map[string]string

func (f fakeSource) SourceFile(path, commit string) ([]byte, bool, error) {
	s, ok := f[commit][path]
	return []byte(s), ok, nil
}

func (f fakeSource) SourcePages() ([]string, error) {
	var out []string
	for p := range f[""] {
		if strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, nil
}

func TestTranslationOf(t *testing.T) {
	dir := t.TempDir()
	writeCourse(t, dir, map[string]string{
		"_data/course.yml":                 "title: T\nmodules: [m]\n",
		"modules/m/_posts/2000-01-01-a.md": "---\ntitle: A\nlayout: x\n---\nHello.\n",
		"about.md":                         "No front matter.\n",
	})
	c := mustLoad(t, dir)
	for _, p := range []string{"modules/m/_posts/2000-01-01-a.md", "about.md"} {
		if _, err := c.Apply(SetTranslationOf{Page: p, Of: TranslationOf{Path: p, Commit: "abc1234"}}); err != nil {
			t.Fatal(err)
		}
	}
	mustSave(t, c)
	a, _ := os.ReadFile(filepath.Join(dir, "modules/m/_posts/2000-01-01-a.md"))
	want := "---\ntitle: A\nlayout: x\ntranslation_of:\n  path: modules/m/_posts/2000-01-01-a.md\n  commit: abc1234\n---\nHello.\n"
	if string(a) != want {
		t.Errorf("page:\n%s\nwant:\n%s", a, want)
	}
	c = mustLoad(t, dir)
	tr, ok := c.PageByPath("about.md").TranslationOf()
	if !ok || tr.Path != "about.md" || tr.Commit != "abc1234" {
		t.Errorf("about.md: %+v %v", tr, ok)
	}
	// Undo takes the key away again, leaving the file as it was.
	p := c.PageByPath("modules/m/_posts/2000-01-01-a.md")
	undo, err := c.Apply(SetTranslationOf{Page: p.Path, Of: TranslationOf{Path: "x.md", Commit: "def"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Apply(undo); err != nil {
		t.Fatal(err)
	}
	if p.Modified() {
		t.Errorf("undo left the page changed:\n%s", p.Bytes())
	}

	// Marking a page as a translation does not change what it says.
	orig, _ := ParsePage("a.md", []byte("---\ntitle: A\nlayout: x\n---\nHello.\n"))
	if !SameContent(orig, p) {
		t.Error("SameContent: translation_of counted as a change")
	}
	other, _ := ParsePage("a.md", []byte("---\ntitle: B\nlayout: x\n---\nHello.\n"))
	if SameContent(other, p) {
		t.Error("SameContent: a new title not seen")
	}
}

func writeCourse(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		abs := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckTranslations(t *testing.T) {
	const (
		a = "modules/m/_posts/2000-01-01-a.md"
		b = "modules/m/_posts/2000-01-02-b.md"
		c = "modules/m/_posts/2000-01-03-c.md"
		d = "modules/m/_posts/2000-01-04-d.md"
	)
	src := fakeSource{
		"v1": {a: "---\ntitle: A\n---\nHello.\n", b: "---\ntitle: B\n---\nBye.\n", c: "---\ntitle: C\n---\nSee.\n"},
		"": {a: "---\ntitle: A\n---\nHello, world.\n", b: "---\ntitle: B\n---\nBye.\n",
			d: "---\ntitle: D\n---\nNew.\n"},
	}
	dir := t.TempDir()
	tr := func(p, body string) string {
		return "---\ntitle: X\ntranslation_of:\n  path: " + p + "\n  commit: v1\n---\n" + body
	}
	writeCourse(t, dir, map[string]string{
		"_data/course.yml": "title: T\nlanguage: de\nmodules: [m]\n",
		a:                  tr(a, "Hallo.\n"), // translated; its source changed since
		b:                  tr(b, "Bye.\n"),   // not translated yet
		c:                  tr(c, "Siehe.\n"), // its source page is gone
	})
	course := mustLoad(t, dir)
	byFile := map[string][]string{}
	for _, dg := range CheckWith(course, CheckOptions{Translations: src}) {
		byFile[dg.File] = append(byFile[dg.File], dg.Message)
	}
	has := func(file, s string) bool {
		for _, m := range byFile[file] {
			if strings.Contains(m, s) {
				return true
			}
		}
		return false
	}
	if !has(a, "outdated translation") || has(a, "untranslated") {
		t.Errorf("%s: %v", a, byFile[a])
	}
	if !has(b, "untranslated") || has(b, "outdated") {
		t.Errorf("%s: %v", b, byFile[b])
	}
	if !has(c, "removed from the source") {
		t.Errorf("%s: %v", c, byFile[c])
	}
	if !has(DataFile, d) {
		t.Errorf("the new source page is not listed: %v", byFile[DataFile])
	}
	// The line is translation_of's.
	for _, dg := range CheckWith(course, CheckOptions{Translations: src}) {
		if dg.File == a && dg.Line != 3 {
			t.Errorf("line %d", dg.Line)
		}
	}
	// Without the source, nothing is said about translations.
	for _, dg := range Check(course) {
		if strings.Contains(dg.Message, "translat") {
			t.Errorf("plain Check: %v", dg)
		}
	}
}
