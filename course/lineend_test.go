package course

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Files written on Windows keep their CRLF line endings and byte-order
// marks through edits: only the edited text changes.
func TestCRLFAndBOMSurviveEdits(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	page := filepath.Join(dir, "modules/setup/_posts/2000-01-01-getting-started.md")
	data := filepath.Join(dir, "_data/course.yml")
	for _, f := range []string{page, data} {
		b, _ := os.ReadFile(f)
		crlf := "\xef\xbb\xbf" + strings.ReplaceAll(string(b), "\n", "\r\n")
		if err := os.WriteFile(f, []byte(crlf), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := mustLoad(t, dir)
	if _, err := c.Apply(RenamePage{Module: "setup", Slug: "getting-started", Title: "Start Here"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Apply(AddModule{Title: "Extra"}); err != nil {
		t.Fatal(err)
	}
	c.Module("setup").Pages[0].SetBody(c.Module("setup").Pages[0].Body() + "\nOne more line.\n")
	mustSave(t, c)
	for _, f := range []string{page, data} {
		b, _ := os.ReadFile(f)
		s := string(b)
		if !strings.HasPrefix(s, "\xef\xbb\xbf") {
			t.Errorf("%s lost its byte-order mark", f)
		}
		if strings.Count(s, "\n") != strings.Count(s, "\r\n") {
			t.Errorf("%s has mixed line endings", f)
		}
	}
	again := mustLoad(t, dir)
	if got := again.Module("setup").Pages[0].Title(); got != "Start Here" {
		t.Errorf("title = %q", got)
	}
	if again.Module("extra") == nil {
		t.Error("module not added")
	}
}

// Issue 12, item 9: a course.yml with CR-only line ends (old Mac files)
// keeps them through module add, and the list it holds stays the list.
func TestCROnlyCourseYAMLSurvivesModuleAdd(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	data := filepath.Join(dir, "_data/course.yml")
	src := "title: T\rmodules:\r- setup\r- content\r- customize\r"
	if err := os.WriteFile(data, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	c := mustLoad(t, dir)
	if _, err := c.Apply(AddModule{Title: "New mod"}); err != nil {
		t.Fatal(err)
	}
	mustSave(t, c)
	b, _ := os.ReadFile(data)
	want := "title: T\rmodules:\r- setup\r- content\r- customize\r- new-mod\r"
	if string(b) != want {
		t.Errorf("course.yml after module add:\n%q\nwant\n%q", b, want)
	}
	c = mustLoad(t, dir)
	var slugs []string
	for _, m := range c.Modules {
		if !m.Hidden {
			slugs = append(slugs, m.Slug)
		}
	}
	if strings.Join(slugs, ",") != "setup,content,customize,new-mod" {
		t.Errorf("listed modules %v", slugs)
	}
}
