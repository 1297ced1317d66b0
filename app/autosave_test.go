package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coursewright/coursewright/editor"
)

// TestUnsavedMarksAndAutosave: typing puts a dot in the window title and
// on the page in the tree; AutosaveDelay after typing stops the page is
// saved and the dots go.
func TestUnsavedMarksAndAutosave(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	if strings.HasPrefix(w.Win.Title(), editor.UnsavedMark) {
		t.Fatalf("an unchanged course is marked unsaved: %q", w.Win.Title())
	}
	p := w.View.Page.Page()
	typeIn(w, "Saved without asking. ")
	typed := time.Now()
	waitFor(t, time.Second, "the unsaved marks", func() bool {
		text, _ := w.View.Tree.Label(p)
		return strings.HasPrefix(w.Win.Title(), editor.UnsavedMark) && strings.HasPrefix(text, editor.UnsavedMark)
	})
	file := filepath.Join(dir, p.Path)
	if strings.Contains(read(t, file), "Saved without asking.") {
		t.Fatal("saved at once, not after typing stopped")
	}
	waitFor(t, AutosaveDelay+2*time.Second, "the autosave", func() bool {
		return strings.Contains(read(t, file), "Saved without asking.")
	})
	if took := time.Since(typed); took < AutosaveDelay {
		t.Fatalf("saved %v after typing, before typing had stopped for %v", took, AutosaveDelay)
	}
	waitFor(t, time.Second, "the marks to go", func() bool {
		text, _ := w.View.Tree.Label(p)
		return !strings.HasPrefix(w.Win.Title(), editor.UnsavedMark) && !strings.HasPrefix(text, editor.UnsavedMark)
	})
}

// TestAutosaveOff: with the preference off, nothing is saved until the
// author saves; the File menu's switch turns it off and on.
func TestAutosaveOff(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	toggle := w.Win.MainMenu().Items[0].Items
	found := false
	for _, it := range toggle {
		if it.Label == "Save automatically" {
			if !it.Checked {
				t.Fatal("saving automatically is not on by default")
			}
			it.Action()
			found = true
		}
	}
	if !found {
		t.Fatal("the File menu has no Save automatically")
	}
	if d.autosaveOn() {
		t.Fatal("the menu did not turn autosave off")
	}
	p := w.View.Page.Page()
	typeIn(w, "Only saved by hand. ")
	idle(AutosaveDelay + 500*time.Millisecond)
	file := filepath.Join(dir, p.Path)
	if strings.Contains(read(t, file), "Only saved by hand.") {
		t.Fatal("saved although saving automatically is off")
	}
}
