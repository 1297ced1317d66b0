package editor

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/repo"
)

// TestHistoryPanel saves two versions, compares the page with the first
// and restores it from there as a new version.
func TestHistoryPanel(t *testing.T) {
	test.NewTempApp(t)
	t.Setenv("GIT_AUTHOR_NAME", "Ana Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "ana@example.org")
	t.Setenv("GIT_COMMITTER_NAME", "Ana Author")
	t.Setenv("GIT_COMMITTER_EMAIL", "ana@example.org")
	dir := corpusCourse(t, "course-in-a-box")
	r, err := repo.Open(dir, repo.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	p := &fakePrompt{t: t}
	v, _ := openView(t, dir, p)
	h := NewHistoryPanel(v, r)
	test.NewTempWindow(t, h.Content)
	page := v.Page.Page()
	first := readFile(t, dir, page.Path)

	test.Type(h.Message, "First version")
	test.Tap(h.SaveBtn)
	if len(h.History()) != 1 || h.History()[0].Message != "First version" || h.Status.Text != "Saved a new version." {
		t.Fatalf("after the first save: %+v, %q, errors %v", h.History(), h.Status.Text, p.errs)
	}

	v.Page.Text.SetText(v.Page.Text.Text() + "\nA second thought.\n")
	test.Type(h.Message, "Second thoughts")
	test.Tap(h.SaveBtn)
	hist := h.History()
	if len(hist) != 2 || hist[0].Message != "Second thoughts" {
		t.Fatalf("after the second save: %+v", hist)
	}
	if line := VersionLine(hist[0]); !strings.Contains(line, "Ana Author") || !strings.Contains(line, "1 file") || !strings.Contains(line, "Second thoughts") {
		t.Fatalf("version line %q", line)
	}

	// Compare with the first version, then restore the page from it.
	h.Versions.Select(1)
	if !strings.Contains(h.Diff.Text, "+ A second thought.") || h.RestoreBtn.Disabled() {
		t.Fatalf("diff %q (errors %v)", h.Diff.Text, p.errs)
	}
	if !strings.Contains(h.Changed.Text, "Changed in this version: ") || !strings.Contains(h.Changed.Text, page.Path) {
		t.Fatalf("changed files of the first version: %q", h.Changed.Text)
	}
	if h.Old.Text != first {
		t.Fatal("the old side is not the first version")
	}
	test.Tap(h.RestoreBtn)
	if got := readFile(t, dir, page.Path); got != first {
		t.Fatalf("restored page:\n%s", got)
	}
	if strings.Contains(v.Page.Text.Text(), "A second thought.") {
		t.Fatal("the editor still shows the later text")
	}
	if n := len(h.History()); n != 3 {
		t.Fatalf("history has %d versions after restoring, want 3", n)
	}
	if !strings.HasPrefix(h.History()[0].Message, "Restored "+page.Path) {
		t.Fatalf("restore version message %q", h.History()[0].Message)
	}
	if len(p.errs) > 0 {
		t.Fatalf("errors shown: %v", p.errs)
	}
}

func TestLineDiff(t *testing.T) {
	got := LineDiff("a\nb\nc", "a\nc\nd")
	if want := "- b\n+ d"; got != want {
		t.Fatalf("LineDiff = %q, want %q", got, want)
	}
}

// TestHistoryRestoreModuleAndCourse restores a module, then the whole
// course, each as a new version.
func TestHistoryRestoreModuleAndCourse(t *testing.T) {
	test.NewTempApp(t)
	t.Setenv("GIT_AUTHOR_NAME", "Ana Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "ana@example.org")
	dir := corpusCourse(t, "course-in-a-box")
	r, err := repo.Open(dir, repo.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	p := &fakePrompt{t: t}
	v, _ := openView(t, dir, p)
	h := NewHistoryPanel(v, r)
	test.NewTempWindow(t, h.Content)
	test.Tap(h.SaveBtn)

	page := v.Course().Module("setup").Pages[0]
	v.OpenPage(page)
	first := readFile(t, dir, page.Path)
	firstIndex := readFile(t, dir, "index.md")
	v.Page.Text.SetText(v.Page.Text.Text() + "\nLater.\n")
	v.OpenPage(v.Course().Home)
	v.Page.Text.SetText(v.Page.Text.Text() + "\nLater home.\n")
	test.Type(h.Message, "Later")
	test.Tap(h.SaveBtn)

	v.OpenPage(v.Course().Module("setup").Pages[0])
	h.Versions.Select(1)
	if h.RestoreModuleBtn.Disabled() {
		t.Fatal("restore module is disabled on a module page")
	}
	test.Tap(h.RestoreModuleBtn)
	if got := readFile(t, dir, page.Path); got != first {
		t.Fatalf("module page after restoring the module:\n%s", got)
	}
	if got := readFile(t, dir, "index.md"); !strings.Contains(got, "Later home.") {
		t.Fatal("restoring the module changed the home page")
	}
	if n := len(h.History()); n != 3 {
		t.Fatalf("%d versions after restoring the module", n)
	}
	h.Versions.Select(2) // the first version
	test.Tap(h.RestoreAllBtn)
	if got := readFile(t, dir, "index.md"); got != firstIndex {
		t.Fatalf("home after restoring the course:\n%s", got)
	}
	if n := len(h.History()); n != 4 || !strings.Contains(h.Status.Text, "whole course") {
		t.Fatalf("%d versions, status %q", n, h.Status.Text)
	}
	if len(p.errs) > 0 {
		t.Fatalf("errors shown: %v", p.errs)
	}
}
