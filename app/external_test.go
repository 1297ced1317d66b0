package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const theirs = "---\nlayout: index\n---\nRewritten in another editor.\n"

func TestExternalChangeWithoutLocalEdits(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	if w.View.Page.Page().Path != "index.md" {
		t.Fatalf("the home page is not open: %s", w.View.Page.Page().Path)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.md"), []byte(theirs), 0o644); err != nil {
		t.Fatal(err)
	}
	externalChange(t, w)
	if top := w.Win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("asked although nothing was unsaved:\n%s", dialogText(w.Win))
	}
	if got := w.View.Page.Text.Text(); got != "Rewritten in another editor.\n" {
		t.Fatalf("the editor shows %q", got)
	}
}

// TestExternalChangeMergesOtherParagraphs: the author has unsaved words
// at the top of the page when the folder watch reports that another
// program changed its last paragraph. As when saving, both changes are
// kept without a question, the author is told, and nothing is written
// until the author's save.
func TestExternalChangeMergesOtherParagraphs(t *testing.T) {
	d, _ := newTestApp(t)
	crashesBeforeAutosave(d)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	file := filepath.Join(dir, "index.md")
	orig := read(t, file)
	typeIn(w, "Mine at the top. ")
	waitTaken(t, w)
	other := strings.Replace(orig, "takes effort and intention.", "takes effort, intention and friends.", 1)
	if other == orig {
		t.Fatal("the test page changed: no last paragraph to edit")
	}
	if err := os.WriteFile(file, []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	externalChange(t, w) // what the folder watch calls
	if w.Win.Canvas().Overlays().Top() != nil {
		t.Fatalf("asked although the two changes are in different paragraphs:\n%s", dialogText(w.Win))
	}
	text := w.View.Page.Text.Text()
	if !strings.HasPrefix(text, "Mine at the top. How to Talk") || !strings.Contains(text, "intention and friends.") {
		t.Fatalf("the editor does not hold both changes:\n%.80q … %.80q", text, text[max(0, len(text)-80):])
	}
	if !strings.Contains(w.Notices(), "Both changes are kept") {
		t.Fatalf("the merge was not told; notices: %q", w.Notices())
	}
	if read(t, file) != other {
		t.Fatal("the file was written before the author saved")
	}
	if !w.Save() {
		t.Fatal("save failed")
	}
	if got := read(t, file); !strings.Contains(got, "Mine at the top. How to Talk") || !strings.Contains(got, "intention and friends.") {
		t.Fatalf("saved without one side's change:\n%s", got)
	}
}

// TestExternalChangeSameParagraphChoosesPerChange: the author changed the
// first and the last paragraph, another program the first one too. The
// folder watch's question shows only the first paragraph, both versions
// in readable text; the last paragraph is merged without asking. The
// highlighted button with the choice untouched keeps both versions (it
// loses nothing); each other choice does what the dialog says.
func TestExternalChangeSameParagraphChoosesPerChange(t *testing.T) {
	for _, choice := range []string{"", "Keep both", "Keep mine", "Use theirs"} {
		name := choice
		if name == "" {
			name = "default"
		}
		t.Run(name, func(t *testing.T) {
			d, _ := newTestApp(t)
			crashesBeforeAutosave(d)
			dir := corpusCourse(t, "how-to-talk-about-race")
			w, _ := d.OpenCourse(dir)
			file := filepath.Join(dir, "index.md")
			orig := read(t, file)
			typeIn(w, "Mine. ")
			ed := w.View.Page.Text
			ed.Select(len(ed.Text())-1, len(ed.Text())-1)
			test.Type(ed, " Mine at the end too.")
			waitTaken(t, w)
			other := strings.Replace(orig, "How to Talk about Race is a free", "Theirs: How to Talk about Race is a free", 1)
			if err := os.WriteFile(file, []byte(other), 0o644); err != nil {
				t.Fatal(err)
			}
			externalChange(t, w)
			shown := dialogText(w.Win)
			if !strings.Contains(shown, "Yours (not saved)") || !strings.Contains(shown, "On disk now") ||
				!strings.Contains(shown, "Keep both: your version and the other program's stay in the page") {
				t.Fatalf("no side-by-side question saying what each choice does:\n%s", shown)
			}
			checkReadable(t, w, "Mine. How to Talk", "Theirs: How to Talk")
			radios := radioGroups(w)
			if len(radios) != 1 {
				t.Fatalf("%d choices, want one (the end of the page did not conflict)", len(radios))
			}
			if radios[0].Selected != "Keep both" {
				t.Fatalf("the choice starts on %q, want Keep both", radios[0].Selected)
			}
			if b := primaryButton(w); b == nil || b.Text != "Apply my choices" {
				t.Fatalf("the highlighted button is %v, want Apply my choices", b)
			}
			if read(t, file) != other {
				t.Fatal("the other program's file was overwritten")
			}
			if choice != "" {
				radios[0].SetSelected(choice)
			}
			test.Tap(primaryButton(w))
			text := w.View.Page.Text.Text()
			hasMine, hasTheirs := strings.Contains(text, "Mine. How to Talk"), strings.Contains(text, "Theirs: How to Talk")
			switch choice {
			case "", "Keep both":
				if !hasMine || !hasTheirs || strings.Index(text, "Mine. How") > strings.Index(text, "Theirs: How") {
					t.Fatalf("both versions were not kept, mine first:\n%.400s", text)
				}
			case "Keep mine":
				if !hasMine || hasTheirs {
					t.Fatalf("mine was not kept alone:\n%.300s", text)
				}
			case "Use theirs":
				if hasMine || !hasTheirs {
					t.Fatalf("theirs was not taken:\n%.300s", text)
				}
			}
			if !strings.HasSuffix(text, "Mine at the end too.\n") && !strings.Contains(text, "Mine at the end too.") {
				t.Fatal("the change to the last paragraph, which did not conflict, was lost")
			}
			// The same version on disk is not asked about twice.
			externalChange(t, w)
			if w.Win.Canvas().Overlays().Top() != nil {
				t.Fatal("asked again about a version already decided on")
			}
			if read(t, file) != other {
				t.Fatal("the other program's file was overwritten before saving")
			}
			if !w.Save() {
				t.Fatal("save failed")
			}
			if got := read(t, file); !strings.Contains(got, strings.SplitN(text, "\n", 2)[0]) || !strings.Contains(got, "Mine at the end too.") {
				t.Fatalf("saved %q", got[:min(300, len(got))])
			}
		})
	}
}

// TestExternalChangeDecideLater: "Decide later" changes nothing; saving
// then asks again instead of writing over the other program's version.
func TestExternalChangeDecideLater(t *testing.T) {
	d, _ := newTestApp(t)
	crashesBeforeAutosave(d)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	file := filepath.Join(dir, "index.md")
	typeIn(w, "My unsaved words. ")
	waitTaken(t, w)
	before := w.View.Page.Text.Text()
	if err := os.WriteFile(file, []byte(theirs), 0o644); err != nil {
		t.Fatal(err)
	}
	externalChange(t, w)
	if b := primaryButton(w); b == nil || b.Text == "Keep mine" {
		t.Fatalf("the highlighted button is %v", b)
	}
	test.Tap(findButton(w.Win, "Decide later"))
	if w.View.Page.Text.Text() != before {
		t.Fatal("deciding later changed the editor's text")
	}
	if w.Save() {
		t.Fatal("saved over the other program's version the author has not decided about")
	}
	if read(t, file) != theirs {
		t.Fatal("the other program's file was overwritten")
	}
	if !strings.Contains(dialogText(w.Win), "Yours (not saved)") {
		t.Fatal("saving did not ask again")
	}
}

// radioGroups are the choice groups in the window's top dialog.
func radioGroups(w *CourseWindow) []*widget.RadioGroup {
	var out []*widget.RadioGroup
	for _, o := range objects(w.Win.Canvas().Overlays().Top()) {
		if r, ok := o.(*widget.RadioGroup); ok {
			out = append(out, r)
		}
	}
	return out
}

// primaryButton is the highlighted (default) button of the top dialog.
func primaryButton(w *CourseWindow) *widget.Button {
	for _, o := range objects(w.Win.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Importance == widget.HighImportance && b.Visible() {
			return b
		}
	}
	return nil
}

// checkReadable fails unless each text is shown in the top dialog in
// normal text: not in a disabled (greyed) widget, and in rich text of the
// foreground colour.
func checkReadable(t *testing.T, w *CourseWindow, texts ...string) {
	t.Helper()
	all := objects(w.Win.Canvas().Overlays().Top())
	for _, s := range texts {
		found := false
		for _, o := range all {
			switch x := o.(type) {
			case *widget.Entry:
				if strings.Contains(x.Text, s) && x.Disabled() {
					t.Fatalf("%q is shown in a disabled, greyed entry", s)
				}
			case *widget.RichText:
				if !strings.Contains(x.String(), s) {
					continue
				}
				for _, seg := range x.Segments {
					if ts, ok := seg.(*widget.TextSegment); ok && ts.Style.ColorName != "" && ts.Style.ColorName != theme.ColorNameForeground {
						t.Fatalf("%q is shown in colour %q", s, ts.Style.ColorName)
					}
				}
				found = true
			}
		}
		if !found {
			t.Fatalf("%q is not shown as readable text", s)
		}
	}
}

// externalChange is what the folder watch calls, waited for: the folder
// is read again in the background, and what it found is shown on the UI
// thread.
func externalChange(t *testing.T, w *CourseWindow) {
	t.Helper()
	w.ExternalChange()
	waitFor(t, 30*time.Second, "the course folder read again", func() bool { return !w.reloading })
}
