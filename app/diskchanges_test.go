package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/editor"
)

// TestSaveMergesAnotherProgramsChange: the author types at the top of a
// page while another program changes its last paragraph. Saving must
// keep both, and say so.
func TestSaveMergesAnotherProgramsChange(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	file := filepath.Join(dir, "index.md")
	orig := read(t, file)
	typeIn(w, "Mine at the top. ")
	waitTaken(t, w)
	theirs := strings.Replace(orig, "takes effort and intention.", "takes effort, intention and friends.", 1)
	if theirs == orig {
		t.Fatal("the test page changed: no last paragraph to edit")
	}
	if err := os.WriteFile(file, []byte(theirs), 0o644); err != nil {
		t.Fatal(err)
	}
	w.Save()
	got := read(t, file)
	if !strings.Contains(got, "Mine at the top. How to Talk") || !strings.Contains(got, "takes effort, intention and friends.") {
		t.Fatalf("after saving, the file lost one side's change:\n%s", got)
	}
	if !strings.Contains(w.Notices(), "Both changes are kept") {
		t.Fatalf("the merge was not told; notices: %q", w.Notices())
	}
	if w.View.Modified() {
		t.Fatal("the merged page is still unsaved")
	}
	if !strings.Contains(w.View.Page.Text.Text(), "intention and friends") {
		t.Fatal("the editor does not show the other program's change")
	}
}

// TestSaveAsksWhenBothChangedTheSameParagraph: both sides changed the
// first paragraph; the author sees both and takes the other program's.
func TestSaveAsksWhenBothChangedTheSameParagraph(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	file := filepath.Join(dir, "index.md")
	orig := read(t, file)
	typeIn(w, "Mine. ")
	w.View.Page.Text.Select(len(w.View.Page.Text.Text())-1, len(w.View.Page.Text.Text())-1)
	test.Type(w.View.Page.Text, " Mine at the end too.")
	waitTaken(t, w)
	theirs := strings.Replace(orig, "How to Talk about Race is a free", "Theirs: How to Talk about Race is a free", 1)
	if err := os.WriteFile(file, []byte(theirs), 0o644); err != nil {
		t.Fatal(err)
	}
	if w.Save() {
		t.Fatal("saved over another program's change to the same paragraph")
	}
	if got := read(t, file); got != theirs {
		t.Fatal("the other program's file was overwritten")
	}
	text := dialogText(w.Win)
	if !strings.Contains(text, "Yours (not saved)") || !strings.Contains(text, "On disk now") {
		t.Fatalf("no side-by-side question:\n%s", text)
	}
	var radios []*widget.RadioGroup
	for _, o := range objects(w.Win.Canvas().Overlays().Top()) {
		if r, ok := o.(*widget.RadioGroup); ok {
			radios = append(radios, r)
		}
	}
	if len(radios) != 1 {
		t.Fatalf("%d choices, want one (the end of the page did not conflict)", len(radios))
	}
	if radios[0].Selected != "Keep both" {
		t.Fatalf("the choice starts on %q, want Keep both (the highlighted button must lose nothing)", radios[0].Selected)
	}
	checkReadable(t, w, "Mine. How to Talk", "Theirs: How to Talk")
	radios[0].SetSelected("Use theirs")
	test.Tap(findButton(w.Win, "Save my choices"))
	got := read(t, file)
	if !strings.Contains(got, "Theirs: How to Talk") || strings.Contains(got, "Mine. ") || !strings.Contains(got, "Mine at the end too.") {
		t.Fatalf("after choosing theirs for the first paragraph:\n%s", got)
	}
}

// TestDeletedOutsideShowsANotice: the open page's file is deleted by
// another program while it has unsaved changes. Neither the folder
// watch nor Save may bring it back silently; the notice offers both ways.
func TestDeletedOutsideShowsANotice(t *testing.T) {
	for _, answer := range []string{"Keep my version", "Close it"} {
		t.Run(answer, func(t *testing.T) {
			d, _ := newTestApp(t)
			dir := corpusCourse(t, "how-to-talk-about-race")
			w, _ := d.OpenCourse(dir)
			p := w.View.Course().Module("privilege").Page("checkin")
			w.View.OpenPage(p)
			file := filepath.Join(dir, filepath.FromSlash(p.Path))
			typeIn(w, "Unsaved words. ")
			waitTaken(t, w)
			if err := os.Remove(file); err != nil {
				t.Fatal(err)
			}
			externalChange(t, w) // what the folder watch calls
			if !strings.Contains(w.Notices(), "This page was deleted outside Coursewright") {
				t.Fatalf("no notice after the page's file was deleted; notices: %q", w.Notices())
			}
			w.Save()
			if _, err := os.Stat(file); !os.IsNotExist(err) {
				t.Fatal("saving re-created the deleted page before the author answered")
			}
			if strings.Count(w.Notices(), "deleted outside") != 1 {
				t.Fatalf("notices: %q", w.Notices())
			}
			test.Tap(findButton(w.Win, answer))
			_, err := os.Stat(file)
			switch answer {
			case "Keep my version":
				if err != nil || !strings.Contains(read(t, file), "Unsaved words. ") {
					t.Fatalf("the kept version was not saved (%v)", err)
				}
			case "Close it":
				if !os.IsNotExist(err) {
					t.Fatal("closing the page re-created its file")
				}
				if w.View.Course().PageByPath(p.Path) != nil || w.View.Page.Page() == p {
					t.Fatal("the deleted page is still open")
				}
			}
			if strings.Contains(w.Notices(), "deleted outside") {
				t.Fatal("the notice stayed after the answer")
			}
		})
	}
}

// waitTaken waits for the journal to take the text typed (the window
// title shows it is unsaved): its timer then stays quiet while the test
// plays the other program.
func waitTaken(t *testing.T, w *CourseWindow) {
	t.Helper()
	waitFor(t, 2*time.Second, "the journal to take the text", func() bool {
		return strings.HasPrefix(w.Win.Title(), editor.UnsavedMark)
	})
	idle(20 * time.Millisecond)
}

// TestJoinChoices: each choice over a real three-way merge; keeping both
// puts the author's paragraph first and loses no word of either side.
func TestJoinChoices(t *testing.T) {
	base := "Intro.\n\nMiddle.\n\nEnd.\n"
	mine := "Intro.\n\nMy middle.\n\nEnd, mine.\n"
	other := "Intro.\n\nTheir middle.\n\nEnd.\n"
	chunks := course.Merge3(base, mine, other)
	if n := course.Conflicts(chunks); n != 1 {
		t.Fatalf("%d conflicts, want 1", n)
	}
	for _, c := range []struct {
		choice mergeChoice
		want   string
	}{
		{keepBoth, "Intro.\n\nMy middle.\n\nTheir middle.\n\nEnd, mine.\n"},
		{keepMine, mine},
		{useTheirs, "Intro.\n\nTheir middle.\n\nEnd, mine.\n"},
	} {
		if got := joinChoices(chunks, []mergeChoice{c.choice}); got != c.want {
			t.Errorf("choice %d: %q, want %q", c.choice, got, c.want)
		}
	}
	for _, c := range []struct{ mine, theirs, want string }{
		{"", "B", "B"},
		{"A", "", "A"},
		{"A", "A", "A"},
		{"\n\nA", "B\n", "\n\nA\n\nB\n"},
	} {
		if got := bothVersions(c.mine, c.theirs); got != c.want {
			t.Errorf("bothVersions(%q, %q) = %q, want %q", c.mine, c.theirs, got, c.want)
		}
	}
}
