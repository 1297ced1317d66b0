package editor

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
)

// dragRow drags the tree row of node id by rows rows and lets it go.
func dragRow(v *CourseView, id string, rows float32) {
	r := newTreeRow(v.Tree)
	r.id = id
	r.Resize(fyne.NewSize(200, 36))
	h := r.rowHeight()
	// Several small moves, as a pointer makes them.
	for i := 0; i < 4; i++ {
		r.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(0, rows*h/4)})
	}
	r.DragEnd()
}

// Dragging a page or a module in the tree moves it where it is dropped,
// with the same edits (and files on disk) as the keyboard.
func TestTreeDragAndDrop(t *testing.T) {
	dir := corpusCourse(t, "how-to-talk-about-race")
	v, _ := openView(t, dir, &fakePrompt{})
	priv := v.Course().Module("privilege")
	refl := priv.Page("reflection")

	// The last page of a module, dropped three rows up, on its first page.
	dragRow(v, pageNode(refl), -3)
	if priv.Pages[0] != refl {
		t.Fatalf("page order after the drag: %s first", priv.Pages[0].Slug)
	}
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(refl.Path))); err != nil {
		t.Errorf("moved page not on disk at %s", refl.Path)
	}

	// A page dropped on a module that has a page of the same name stays
	// where it was (every module here has a check-in).
	check := priv.Page("checkin")
	vis := v.Tree.visible()
	dragRow(v, pageNode(check), float32(indexOf(vis, moduleNode(v.Course().Module("managing-discussions")))-indexOf(vis, pageNode(check))))
	if priv.Page("checkin") != check {
		t.Error("a page moved onto a module with a page of the same name")
	}

	// A module dropped on the first module's row becomes first.
	dragRow(v, moduleNode(v.Course().Module("systems-of-disproportionality")), float32(-(indexOf(v.Tree.visible(), moduleNode(v.Course().Module("systems-of-disproportionality"))) - indexOf(v.Tree.visible(), moduleNode(v.Course().Module("implicit-bias"))))))
	if v.Course().Modules[0].Slug != "systems-of-disproportionality" {
		t.Errorf("first module after the drag: %s", v.Course().Modules[0].Slug)
	}
	// Undo puts it back, as for any structure edit.
	v.Undo()
	if v.Course().Modules[0].Slug != "implicit-bias" {
		t.Errorf("first module after undo: %s", v.Course().Modules[0].Slug)
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// A page dragged onto another module's row moves into that module.
func TestTreeDragPageToModule(t *testing.T) {
	dir := corpusCourse(t, "course-in-a-box")
	v, _ := openView(t, dir, &fakePrompt{})
	lic := v.Course().Module("customize").Page("licensing")
	vis := v.Tree.visible()
	dragRow(v, pageNode(lic), float32(indexOf(vis, moduleNode(v.Course().Module("setup")))-indexOf(vis, pageNode(lic))))
	if v.Course().Module("setup").Pages[0] != lic || v.Course().Module("customize").Page("licensing") != nil {
		t.Fatalf("licensing not moved to the top of setup")
	}
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	if !exists(dir, lic.Path) || exists(dir, "modules/customize/_posts/2000-01-06-licensing.md") {
		t.Errorf("files on disk do not follow the move (now %s)", lic.Path)
	}
}
