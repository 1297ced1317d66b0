package editor

import (
	"fmt"
	"io/fs"
	"os/exec"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/coursewright/coursewright/internal/uitest"
	"github.com/coursewright/coursewright/repo"
)

// TestHistoryPanel saves two versions, compares the page with the first
// and restores it from there as a new version.
func TestHistoryPanel(t *testing.T) {
	uitest.NewApp(t)
	t.Setenv("GIT_AUTHOR_NAME", "Ana Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "ana@example.org")
	t.Setenv("GIT_COMMITTER_NAME", "Ana Author")
	t.Setenv("GIT_COMMITTER_EMAIL", "ana@example.org")
	dir := corpusCourse(t, "course-in-a-box")
	if _, err := repo.Open(dir, repo.Options{Create: true}); err != nil {
		t.Fatal(err)
	}
	p := &fakePrompt{t: t}
	v, _ := openView(t, dir, p)
	h := NewHistoryPanel(v)
	test.NewTempWindow(t, h.Content)
	waitHistory(t, h)
	page := v.Page.Page()
	first := readFile(t, dir, page.Path)
	if !strings.HasPrefix(h.Changed.Text, "No version saved yet.") {
		t.Fatalf("an empty history says %q", h.Changed.Text)
	}

	test.Type(h.Message, "First version")
	test.Tap(h.SaveBtn)
	waitHistory(t, h)
	if len(h.History()) != 1 || h.History()[0].Message != "First version" || h.Status.Text != "Saved a new version." {
		t.Fatalf("after the first save: %+v, %q, errors %v", h.History(), h.Status.Text, p.errs)
	}

	v.Page.Text.SetText(v.Page.Text.Text() + "\nA second thought.\n")
	test.Type(h.Message, "Second thoughts")
	test.Tap(h.SaveBtn)
	waitHistory(t, h)
	hist := h.History()
	if len(hist) != 2 || hist[0].Message != "Second thoughts" {
		t.Fatalf("after the second save: %+v", hist)
	}
	if line := VersionLine(hist[0]); !strings.Contains(line, "Ana Author") || !strings.Contains(line, "1 file") || !strings.Contains(line, "Second thoughts") {
		t.Fatalf("version line %q", line)
	}

	if !strings.HasPrefix(h.Changed.Text, "Choose a version in the list") {
		t.Fatalf("with nothing chosen the panel says %q", h.Changed.Text)
	}

	// Compare with the first version, then restore the page from it.
	h.Versions.Select(1)
	waitHistory(t, h)
	if !strings.Contains(h.Diff.Text, "+ A second thought.") || h.RestoreBtn.Disabled() {
		t.Fatalf("diff %q (errors %v)", h.Diff.Text, p.errs)
	}
	// What the first version changed: module pages by their titles under
	// their module's, the home page under "Other pages", the course's
	// settings under "Other files"; no paths of pages.
	m := v.Course().Modules[0]
	mp := m.Pages[0]
	changed := h.Changed.Text
	mod, pg := strings.Index(changed, "\n"+m.Title+"\n"), strings.Index(changed, "\n  • "+mp.Title()+"\n")
	home, other := strings.Index(changed, "\nOther pages\n  • Home\n"), strings.Index(changed, "\nOther files\n")
	if !strings.HasPrefix(changed, "Changed in this version:") || mod < 0 || pg < mod || home < pg || other < home ||
		!strings.Contains(changed[other:], "  • _data/course.yml") || strings.Contains(changed, mp.Path) {
		t.Fatalf("changed in the first version:\n%s", changed)
	}
	if !strings.HasPrefix(h.Diff.Text, "First version: this page was created.") {
		t.Fatalf("the first version is not called so: %q", h.Diff.Text)
	}
	if h.Old.Text != first {
		t.Fatal("the old side is not the first version")
	}
	test.Tap(h.RestoreBtn)
	waitHistory(t, h)
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
	uitest.NewApp(t)
	t.Setenv("GIT_AUTHOR_NAME", "Ana Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "ana@example.org")
	dir := corpusCourse(t, "course-in-a-box")
	if _, err := repo.Open(dir, repo.Options{Create: true}); err != nil {
		t.Fatal(err)
	}
	p := &fakePrompt{t: t}
	v, _ := openView(t, dir, p)
	h := NewHistoryPanel(v)
	test.NewTempWindow(t, h.Content)
	waitHistory(t, h)
	test.Tap(h.SaveBtn)
	waitHistory(t, h)

	page := v.Course().Module("setup").Pages[0]
	v.OpenPage(page)
	first := readFile(t, dir, page.Path)
	firstIndex := readFile(t, dir, "index.md")
	v.Page.Text.SetText(v.Page.Text.Text() + "\nLater.\n")
	v.OpenPage(v.Course().Home)
	v.Page.Text.SetText(v.Page.Text.Text() + "\nLater home.\n")
	test.Type(h.Message, "Later")
	test.Tap(h.SaveBtn)
	waitHistory(t, h)

	v.OpenPage(v.Course().Module("setup").Pages[0])
	h.Versions.Select(1)
	waitHistory(t, h)
	if h.RestoreModuleBtn.Disabled() {
		t.Fatal("restore module is disabled on a module page")
	}
	test.Tap(h.RestoreModuleBtn)
	waitHistory(t, h)
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
	waitHistory(t, h)
	test.Tap(h.RestoreAllBtn)
	waitHistory(t, h)
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

// waitHistory lets the UI thread run until the panel's git work is done.
func waitHistory(t *testing.T, h *HistoryPanel) {
	t.Helper()
	uitest.WaitFor(t, 30*time.Second, "the history panel's git work", func() bool { return !h.Busy() })
}

// longHistory makes dir a repository whose main branch has n versions,
// "Version 1" (oldest) to "Version n", written by git fast-import in one
// go.
func longHistory(t *testing.T, dir string, n int) {
	t.Helper()
	gittest.Git(t, dir, "init", "-q", "-b", "main")
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "commit refs/heads/main\ncommitter Ana Author <ana@example.org> %d +0000\ndata <<EOM\nVersion %d\nEOM\n", 1700000000+60*i, i)
		fmt.Fprintf(&b, "M 100644 inline notes.md\ndata <<EOM\nnote %d\nEOM\n\n", i)
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(b.String())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git fast-import: %v\n%s", err, out)
	}
}

// A long history is read a page at a time in the background: the newest
// 50 versions, 50 more with Load more, then the rest; a read cancelled
// before it is shown changes nothing.
func TestHistoryPanelReadsAPageAtATime(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "course-in-a-box")
	longHistory(t, dir, 120)
	v, _ := openView(t, dir, &fakePrompt{t: t})
	h := NewHistoryPanel(v)
	test.NewTempWindow(t, h.Content)
	if !h.Busy() || h.Progress.Hidden || h.CancelBtn.Hidden || h.CancelBtn.Disabled() {
		t.Fatal("reading the history shows no progress or no way to cancel")
	}
	waitHistory(t, h)
	if n := len(h.History()); n != HistoryPageSize || h.History()[0].Message != "Version 120" || h.MoreBtn.Hidden {
		t.Fatalf("first page: %d versions, newest %q, Load more shown: %v (status %q)", n, h.History()[0].Message, !h.MoreBtn.Hidden, h.Status.Text)
	}
	if !h.Progress.Hidden || !h.CancelBtn.Hidden || h.Activity.Visible() {
		t.Fatal("the progress or the Cancel button stays after the history is read (a Cancel with nothing to cancel)")
	}

	test.Tap(h.MoreBtn)
	waitHistory(t, h)
	if n := len(h.History()); n != 100 || h.History()[99].Message != "Version 21" {
		t.Fatalf("after Load more: %d versions, last %q", n, h.History()[len(h.History())-1].Message)
	}

	// Cancelled before its result reaches the UI thread: nothing changes.
	test.Tap(h.MoreBtn)
	test.Tap(h.CancelBtn)
	waitHistory(t, h)
	if n := len(h.History()); n != 100 || h.Status.Text != "Cancelled." {
		t.Fatalf("after a cancelled Load more: %d versions, status %q", n, h.Status.Text)
	}

	test.Tap(h.MoreBtn)
	waitHistory(t, h)
	if n := len(h.History()); n != 120 || h.History()[119].Message != "Version 1" || !h.MoreBtn.Hidden {
		t.Fatalf("the whole history: %d versions, Load more shown: %v", n, !h.MoreBtn.Hidden)
	}
}

// A failure the history panel reports is said in words, not as the Go
// error chain.
func TestHistoryPanelReportsInWords(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "course-in-a-box")
	p := &fakePrompt{t: t}
	v, _ := openView(t, dir, p)
	h := NewHistoryPanel(v)
	waitHistory(t, h)
	h.report(fmt.Errorf("save version: %w", &fs.PathError{Op: "open", Path: "/no/such/.git/index", Err: fs.ErrPermission}))
	if strings.Contains(h.Status.Text, "/no/such") || strings.Contains(h.Status.Text, "save version:") || h.Status.Text == "" {
		t.Fatalf("the panel says %q", h.Status.Text)
	}
	if len(p.errs) != 1 || strings.Contains(p.errs[0].Error(), "/no/such") {
		t.Fatalf("the dialog says %v", p.errs)
	}
}

// A version that changed a whole large course names the first 40 pages
// and files and counts the rest: thousands of lines would take the UI
// thread seconds to lay out when the version is chosen.
func TestChangedWordsNamesTheFirstFortyAndCountsTheRest(t *testing.T) {
	var paths []string
	for i := range 3000 {
		paths = append(paths, fmt.Sprintf("notes/file-%04d.md", i))
	}
	got := ChangedWords(nil, paths)
	if n := strings.Count(got, "\n  • "); n != 40 {
		t.Fatalf("%d files named, want 40:\n%.300s", n, got)
	}
	if !strings.HasSuffix(got, "\n\n… and 2960 more.") || !strings.Contains(got, "file-0039.md") || strings.Contains(got, "file-0040.md") {
		t.Fatalf("the rest is not counted after the first 40:\n…%s", got[max(0, len(got)-200):])
	}
	if got := ChangedWords(nil, paths[:3]); strings.Contains(got, "more") || strings.Count(got, "\n  • ") != 3 {
		t.Fatalf("three files:\n%s", got)
	}
}
