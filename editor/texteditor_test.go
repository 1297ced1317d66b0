package editor

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/editor/textview"
	"github.com/coursewright/coursewright/internal/uitest"
)

// newTestEditor shows a page editor's text view with text in a test window.
func newTestEditor(t *testing.T, text string) (*textview.View, fyne.Window) {
	t.Helper()
	uitest.NewApp(t)
	ed := textview.New()
	w := test.NewTempWindow(t, ed)
	w.Resize(fyne.NewSize(800, 600))
	ed.SetText(text)
	return ed, w
}

func TestSelectAcrossUnicode(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	v, _ := openView(t, dir, &fakePrompt{t: t})
	ed := v.Page.Text
	ed.SetText("Ünïcödé wörds ärë hére.\n")
	at := strings.Index(ed.Text(), "wörds")
	ed.Select(at, at+len("wörds"))
	if s, e := ed.Selection(); ed.Text()[s:e] != "wörds" {
		t.Fatalf("selected %q", ed.Text()[s:e])
	}
	v.Page.Format(FormatItalic)
	if !strings.Contains(ed.Text(), "_wörds_") {
		t.Fatalf("italic: %q", ed.Text())
	}
	ed.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyB, Modifier: fyne.KeyModifierShortcutDefault})
	if !strings.Contains(ed.Text(), "_**wörds**_") {
		t.Fatalf("Ctrl+B: %q", ed.Text())
	}
}

func TestFindAndReplace(t *testing.T) {
	text := pageText(6000) + "\nThe end: learners, LEARNERS.\n"
	ed, _ := newTestEditor(t, text)
	f := newFindBar(ed)
	f.Open(true)
	f.Query.SetText("learners")
	if f.status.Text == "" || f.status.Text == "0 matches" {
		t.Fatalf("count: %q", f.status.Text)
	}
	want := len(matches(text, "learners", false))
	ed.Select(0, 0)
	f.Next()
	s, e := ed.Selection()
	if strings.ToLower(ed.Text()[s:e]) != "learners" {
		t.Fatalf("Next selected %q", ed.Text()[s:e])
	}
	// Replace the selected match: one step, and the next is selected.
	f.With.SetText("participants")
	f.ReplaceOne()
	if strings.Count(ed.Text(), "participants") != 1 {
		t.Fatal("replace one")
	}
	// Replace the rest as one undo step.
	if n := f.ReplaceAll(); n != want-1 {
		t.Fatalf("replace all replaced %d, want %d", n, want-1)
	}
	if len(matches(ed.Text(), "learners", false)) != 0 {
		t.Fatal("matches left after replace all")
	}
	ed.Undo()
	if got := len(matches(ed.Text(), "learners", false)); got != want-1 {
		t.Fatalf("undo of replace all left %d matches, want %d", got, want-1)
	}
}

// The problems of a page are listed beside it, and choosing one puts the
// cursor on its line.
func TestProblemsLeadToTheirLine(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	v, _ := openView(t, dir, &fakePrompt{t: t})
	p := v.Course().Module("privilege").Page("checkin")
	v.OpenPage(p)
	v.Page.Text.Select(0, 0)
	test.Type(v.Page.Text, "Line one.\n\n[broken](/modules/nowhere/)\n\n")
	settle(t, v)
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	settle(t, v)
	var found = -1
	for i, d := range v.Page.Problems() {
		if d.Line == 3 {
			found = i
		}
	}
	if found < 0 {
		t.Fatalf("no problem listed on line 3: %+v", v.Page.Problems())
	}
	v.Page.problems.Select(found)
	if got, want := v.Page.Text.CursorOffset(), len("Line one.\n\n"); got != want {
		t.Fatalf("choosing the problem put the cursor at %d, want %d", got, want)
	}
}

func TestWordCountAndReadingTime(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	v, _ := openView(t, dir, &fakePrompt{t: t})
	v.Page.Text.SetText(strings.Repeat("word ", 450))
	v.Page.updateStatus()
	if got := v.Page.Status.Text; got != "450 words · about 3 min to read" {
		t.Fatalf("status %q", got)
	}
}

// Hiding, renaming and deleting from the tree are course edits that
// save, show in the tree and undo.
func TestTreeActions(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	p := &fakePrompt{t: t, answers: []string{"Bias, Implicitly"}}
	v, _ := openView(t, dir, p)
	v.Tree.Select(moduleNode(v.Course().Module("implicit-bias")))

	v.ToggleHidden()
	if label, dim := v.Tree.label(moduleNode(v.Course().Module("implicit-bias"))); label != "Implicit Bias (not in the menu)" || !dim {
		t.Fatalf("a hidden module shows as %q (dimmed %v)", label, dim)
	}
	if yml := readFile(t, dir, "_data/course.yml"); strings.Contains(yml, "slug: implicit-bias") {
		t.Fatal("hiding did not take the module off course.yml's list")
	}
	v.UndoStructure()
	if yml := readFile(t, dir, "_data/course.yml"); !strings.Contains(yml, "slug: implicit-bias") {
		t.Fatal("undo did not list the module again")
	}

	v.RenameSelected()
	if yml := readFile(t, dir, "_data/course.yml"); !strings.Contains(yml, "title: Bias, Implicitly") {
		t.Fatalf("rename: %s", yml)
	}

	v.Tree.Select(moduleNode(v.Course().Module("privilege")))
	v.MoveSelected(-1)
	if v.Course().Modules[1].Slug != "privilege" {
		t.Fatalf("Move up: modules are %s, %s, %s", v.Course().Modules[0].Slug, v.Course().Modules[1].Slug, v.Course().Modules[2].Slug)
	}

	v.Tree.Select(pageNode(v.Course().Module("privilege").Page("activity")))
	v.DeleteSelected()
	if exists(dir, "modules/privilege/_posts/2000-01-03-activity.md") {
		t.Fatal("delete left the file")
	}
	v.UndoStructure()
	if !exists(dir, "modules/privilege/_posts/2000-01-03-activity.md") {
		t.Fatal("undo did not bring the page back")
	}
	if len(p.errs) > 0 {
		t.Fatalf("errors: %v", p.errs)
	}

	// Alt+Down typed while writing a page moves that page.
	v.Tree.Select(pageNode(v.Course().Module("microaggressions").Page("checkin")))
	v.Page.Text.TypedShortcut(alt(fyne.KeyDown))
	if got := pageSlugs(t, dir, "microaggressions"); !strings.HasPrefix(got, "read&watch checkin") {
		t.Fatalf("Alt+Down in the editor: the module reads %q", got)
	}

	// An unpublished page is marked.
	pg := v.Course().Module("privilege").Page("activity")
	if err := pg.SetFront("published", "false"); err != nil {
		t.Fatal(err)
	}
	if label, dim := v.Tree.label(pageNode(pg)); !strings.HasSuffix(label, "(not published)") || !dim {
		t.Fatalf("unpublished page shows as %q", label)
	}
}
