package editor

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/uitest"
)

// TestScriptedSession works on a copy of a real course the way an author
// would, checking the files on disk after every step.
func TestScriptedSession(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	p := &fakePrompt{t: t, answers: []string{"Closing Circle", "Wrap up"}}
	v, _ := openView(t, dir, p)

	// Add a module after the selected one (the home page is selected:
	// the module goes last).
	v.AddModule()
	if !exists(dir, "modules/closing-circle/_posts/2000-01-01-overview.md") {
		t.Fatal("add module: no first page on disk")
	}
	if yml := readFile(t, dir, "_data/course.yml"); !strings.Contains(yml, "Closing Circle") {
		t.Fatalf("add module: course.yml does not list it:\n%s", yml)
	}
	if v.selectedModule() == nil || v.selectedModule().Slug != "closing-circle" {
		t.Fatalf("add module: the new module is not selected (%q)", v.selected)
	}

	// Add a page to it; the new page opens in the editor.
	v.AddPage()
	const pagePath = "modules/closing-circle/_posts/2000-01-02-wrap-up.md"
	if !exists(dir, pagePath) {
		t.Fatalf("add page: %s missing", pagePath)
	}
	if v.Page.Page() == nil || v.Page.Page().Path != pagePath {
		t.Fatalf("add page: the editor shows %v", v.Page.Page())
	}

	// Type, then save with Ctrl+S typed in the editor.
	block := v.Page.Text
	test.Type(block, "Thank your learners")
	block.TypedShortcut(ctrl(fyne.KeyS))
	if got := readFile(t, dir, pagePath); !strings.Contains(got, "Thank your learners") || !strings.HasPrefix(got, "---\ntitle: Wrap up\n---\n") {
		t.Fatalf("typing and saving: the file is\n%s", got)
	}

	// Select "learners" and make it bold from the toolbar.
	text := v.Page.Text.Text()
	at := strings.Index(text, "learners")
	v.Page.Text.Select(at, at+len("learners"))
	if s, e := v.Page.Text.Selection(); s != at || e != at+len("learners") {
		t.Fatalf("selection is [%d,%d), want [%d,%d)", s, e, at, at+8)
	}
	test.Tap(v.Page.Toolbar[FormatBold])
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, dir, pagePath); !strings.Contains(got, "Thank your **learners**") {
		t.Fatalf("bold: the file is\n%s", got)
	}

	// Text undo, typed in the editor, takes the bold back off.
	v.Page.Text.TypedShortcut(&fyne.ShortcutUndo{})
	if got := v.Page.Text.Text(); strings.Contains(got, "**") || !strings.Contains(got, "Thank your learners") {
		t.Fatalf("text undo: %q", got)
	}
	v.Page.Text.TypedShortcut(&fyne.ShortcutRedo{})
	if got := v.Page.Text.Text(); !strings.Contains(got, "**learners**") {
		t.Fatalf("text redo: %q", got)
	}

	// Reorder by keyboard: select the first page of Implicit Bias in the
	// tree and press Alt+Down. The dates in the file names order the
	// pages; the model renames as few files as it can.
	c := v.Course()
	checkin := c.Module("implicit-bias").Page("checkin")
	v.Tree.Select(pageNode(checkin))
	if v.Page.Page() != checkin {
		t.Fatal("selecting a page in the tree does not open it")
	}
	v.Tree.TypedShortcut(alt(fyne.KeyDown))
	moved := []string{"modules/implicit-bias/_posts/1999-12-31-read&watch.md"}
	orig := []string{"modules/implicit-bias/_posts/2000-01-02-read&watch.md"}
	assertFiles(t, dir, moved, orig)
	if pages := pageSlugs(t, dir, "implicit-bias"); pages != "read&watch checkin activity reflection" {
		t.Fatalf("after Alt+Down the module reads %q", pages)
	}
	if v.selected != pageNode(checkin) {
		t.Fatalf("the moved page is no longer selected: %q", v.selected)
	}

	// Undo and redo the move from the tree (Ctrl+Z, Ctrl+Shift+Z).
	v.Tree.TypedShortcut(&fyne.ShortcutUndo{})
	assertFiles(t, dir, orig, moved)
	if pages := pageSlugs(t, dir, "implicit-bias"); pages != "checkin read&watch activity reflection" {
		t.Fatalf("after undo the module reads %q", pages)
	}
	v.Tree.TypedShortcut(ctrlShift(fyne.KeyZ))
	assertFiles(t, dir, moved, orig)
	if pages := pageSlugs(t, dir, "implicit-bias"); pages != "read&watch checkin activity reflection" {
		t.Fatalf("after redo the module reads %q", pages)
	}

	// Everything is saved; a fresh load sees the session's work.
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	if v.Modified() {
		t.Fatal("modified after save")
	}
	fresh, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := fresh.Module("closing-circle")
	if m == nil || len(m.Pages) != 2 || m.Pages[1].Title() != "Wrap up" || !strings.Contains(m.Pages[1].Body(), "**learners**") {
		t.Fatalf("reloaded course: module %+v", m)
	}
	if len(p.errs) > 0 {
		t.Fatalf("errors shown: %v", p.errs)
	}
}

func assertFiles(t *testing.T, dir string, present, absent []string) {
	t.Helper()
	for _, f := range present {
		if !exists(dir, f) {
			t.Errorf("%s is missing", f)
		}
	}
	for _, f := range absent {
		if exists(dir, f) {
			t.Errorf("%s should be gone", f)
		}
	}
}

func pageSlugs(t *testing.T, dir, module string) string {
	t.Helper()
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, p := range c.Module(module).Pages {
		s = append(s, p.Slug)
	}
	return strings.Join(s, " ")
}
