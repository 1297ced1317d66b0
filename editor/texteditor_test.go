package editor

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// newTestEditor shows a TextEditor with text in a test window.
func newTestEditor(t *testing.T, text string) (*TextEditor, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	ed := NewTextEditor()
	w := test.NewTempWindow(t, ed)
	w.Resize(fyne.NewSize(800, 600))
	ed.SetText(text)
	return ed, w
}

func key(name fyne.KeyName) *fyne.KeyEvent { return &fyne.KeyEvent{Name: name} }

// The blocks behave as one document: arrows cross them, Backspace at a
// block's start joins it to the one before, and undo sees one text.
func TestBlocksActAsOneDocument(t *testing.T) {
	text := pageText(8000)
	ed, w := newTestEditor(t, text)
	if ed.Blocks() < 3 {
		t.Fatalf("only %d blocks", ed.Blocks())
	}
	if ed.Text() != text {
		t.Fatal("the editor does not give back the text it was given")
	}
	// Each block is exactly as tall as its text: no block scrolls inside.
	for _, b := range ed.blocks {
		if b.MinSize().Height < 100 && len(b.Text) > 500 {
			t.Fatalf("block of %d bytes is only %v tall", len(b.Text), b.MinSize().Height)
		}
	}

	// Right at the end of block 0 enters block 1 at its start.
	end0 := len(ed.blocks[0].Text)
	ed.Select(end0, end0)
	ed.Active().TypedKey(key(fyne.KeyRight))
	if ed.active != 1 || ed.Cursor() != end0+1 {
		t.Fatalf("after Right: block %d, cursor %d (want block 1, %d)", ed.active, ed.Cursor(), end0+1)
	}
	if w.Canvas().Focused() != ed.blocks[1] {
		t.Fatal("the focus did not follow the cursor")
	}
	// Left goes back.
	ed.Active().TypedKey(key(fyne.KeyLeft))
	if ed.active != 0 || ed.Cursor() != end0 {
		t.Fatalf("after Left: block %d, cursor %d", ed.active, ed.Cursor())
	}
	// Up from the first row of block 1 lands in block 0; Down from the
	// last row of block 0 lands in block 1.
	ed.Select(end0+1, end0+1)
	ed.Active().TypedKey(key(fyne.KeyUp))
	if ed.active != 0 {
		t.Fatalf("Up stayed in block %d", ed.active)
	}
	ed.Active().TypedKey(key(fyne.KeyDown))
	if ed.active != 1 {
		t.Fatalf("Down from the last row went to block %d", ed.active)
	}

	// Backspace at the start of block 1 joins it to block 0.
	n := ed.Blocks()
	ed.Select(end0+1, end0+1)
	ed.Active().TypedKey(key(fyne.KeyBackspace))
	want := text[:end0] + text[end0+1:]
	if ed.Text() != want {
		t.Fatal("Backspace across blocks did not remove the line break")
	}
	if ed.Blocks() > n {
		t.Fatalf("%d blocks after joining (was %d)", ed.Blocks(), n)
	}
	if ed.Cursor() != end0 {
		t.Fatalf("cursor at %d after joining, want %d", ed.Cursor(), end0)
	}
	// Typing continues where the cursor is; undo takes back both steps.
	test.Type(ed.Active(), "XY")
	if got := ed.Text(); got[end0:end0+2] != "XY" {
		t.Fatalf("typed at %q", got[end0-5:end0+5])
	}
	ed.Undo()
	ed.Undo()
	if ed.Text() != text {
		t.Fatal("two undos do not restore the text")
	}
	ed.Redo()
	if ed.Text() != want {
		t.Fatal("redo does not join again")
	}
}

func TestSelectAcrossUnicode(t *testing.T) {
	ed, _ := newTestEditor(t, "Ünïcödé wörds ärë hére.\n")
	at := strings.Index(ed.Text(), "wörds")
	ed.Select(at, at+len("wörds"))
	if s, e := ed.Selection(); ed.Text()[s:e] != "wörds" {
		t.Fatalf("selected %q", ed.Text()[s:e])
	}
	ed.Format(FormatItalic)
	if !strings.Contains(ed.Text(), "_wörds_") {
		t.Fatalf("italic: %q", ed.Text())
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
	// Replace the rest, in every block, as one undo step.
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
	test.NewTempApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	v, _ := openView(t, dir, &fakePrompt{t: t})
	p := v.C.Module("privilege").Page("checkin")
	v.OpenPage(p)
	v.Page.Text.Select(0, 0)
	test.Type(v.Page.Text.Active(), "Line one.\n\n[broken](/modules/nowhere/)\n\n")
	v.Settle()
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
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
	if got, want := v.Page.Text.Cursor(), len("Line one.\n\n"); got != want {
		t.Fatalf("choosing the problem put the cursor at %d, want %d", got, want)
	}
}

func TestWordCountAndReadingTime(t *testing.T) {
	test.NewTempApp(t)
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
	test.NewTempApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	p := &fakePrompt{t: t, answers: []string{"Bias, Implicitly"}}
	v, _ := openView(t, dir, p)
	v.Tree.Select(moduleNode(v.C.Module("implicit-bias")))

	v.ToggleHidden()
	if label, dim := v.Tree.label(moduleNode(v.C.Module("implicit-bias"))); label != "Implicit Bias (hidden)" || !dim {
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

	v.Tree.Select(moduleNode(v.C.Module("privilege")))
	v.MoveSelected(-1)
	if v.C.Modules[1].Slug != "privilege" {
		t.Fatalf("Move up: modules are %s, %s, %s", v.C.Modules[0].Slug, v.C.Modules[1].Slug, v.C.Modules[2].Slug)
	}

	v.Tree.Select(pageNode(v.C.Module("privilege").Page("activity")))
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
	v.Tree.Select(pageNode(v.C.Module("microaggressions").Page("checkin")))
	v.Page.Text.Active().(fyne.Shortcutable).TypedShortcut(alt(fyne.KeyDown))
	if got := pageSlugs(t, dir, "microaggressions"); !strings.HasPrefix(got, "read&watch checkin") {
		t.Fatalf("Alt+Down in the editor: the module reads %q", got)
	}

	// An unpublished page is marked.
	pg := v.C.Module("privilege").Page("activity")
	if err := pg.SetFront("published", "false"); err != nil {
		t.Fatal(err)
	}
	if label, dim := v.Tree.label(pageNode(pg)); !strings.HasSuffix(label, "(unpublished)") || !dim {
		t.Fatalf("unpublished page shows as %q", label)
	}
}
