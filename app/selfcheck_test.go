package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/editor"
)

// Insert → Self-check… has a shortcut of its own, says "Edit
// self-check…" while the cursor is in a question, and opens the form in
// a dialog that fits a 900×650 window: the fields scroll, the buttons
// stay in view; OK writes the question into the page and closes it.
func TestSelfCheckMenuOpensForm(t *testing.T) {
	d, _ := newTestApp(t)
	w, err := d.OpenCourse(corpusCourse(t, "course-in-a-box"))
	if err != nil {
		t.Fatal(err)
	}
	w.Win.Resize(fyne.NewSize(900, 650))
	var it *fyne.MenuItem
	seen := map[string]string{}
	for _, m := range w.Win.MainMenu().Items {
		for _, x := range m.Items {
			if m.Label == "Insert" && x.Label == "Self-check…" {
				it = x
			}
			if sc, ok := x.Shortcut.(fyne.KeyboardShortcut); ok {
				name := sc.ShortcutName()
				if other, dup := seen[name]; dup {
					t.Errorf("%s and %s share the shortcut %s", other, x.Label, name)
				}
				seen[name] = x.Label
			}
		}
	}
	if it == nil {
		t.Fatal("no Insert/Self-check… menu item")
	}
	if sc, ok := it.Shortcut.(fyne.KeyboardShortcut); !ok || sc.Key() != editor.SelfCheckKey || sc.Mod() != fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift {
		t.Errorf("the item's shortcut is %#v", it.Shortcut)
	}

	v := w.View
	v.OpenPage(v.Course().Modules[0].Pages[0])
	const page = "Intro.\n\n<!-- self-check -->\nTrue?\n\n<details markdown=\"1\">\n<summary>Answer</summary>\n\nAnswer: true\n\n</details>\n<!-- /self-check -->\n"
	v.Page.Text.SetText(page)
	v.Page.Text.Select(strings.Index(page, "True?"), strings.Index(page, "True?"))
	if it.Label != "Edit self-check…" {
		t.Errorf("in a question the item says %q", it.Label)
	}
	v.Page.Text.Select(0, 0)
	if it.Label != "Self-check…" {
		t.Errorf("outside questions the item says %q", it.Label)
	}

	it.Action()
	top := w.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	ok := findButton(w.Win, "OK")
	if ok == nil {
		t.Fatal("no OK button")
	}
	size := w.Win.Canvas().Size()
	for _, o := range objects(top) {
		e, isEntry := o.(*widget.Entry)
		if o != ok && !(isEntry && e.PlaceHolder == "What do you want to ask?") {
			continue
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		if pos.X < 0 || pos.Y < 0 || pos.X+o.Size().Width > size.Width || pos.Y+o.Size().Height > size.Height || o.Size().Width < o.MinSize().Width {
			t.Errorf("%T at %v size %v is not whole in the %v window", o, pos, o.Size(), size)
		}
	}
	if !ok.Disabled() {
		t.Error("OK enabled on an empty form")
	}
	var form *editor.SelfCheckForm
	v.OnSelfCheckForm = func(f *editor.SelfCheckForm) { form = f; w.showSelfCheck(f) }
	top.Hide()
	it.Action()
	form.Kind.SetSelectedIndex(2)
	form.Prompt.SetText("Circles meet weekly.")
	form.TrueFalse.SetSelected("True")
	test.Tap(form.OK)
	if got := v.Page.Text.Text(); !strings.HasPrefix(got, "<!-- self-check -->\nCircles meet weekly.\n") || !strings.Contains(got, "Answer: true") {
		t.Errorf("the page reads\n%s", got)
	}
	if o := w.Win.Canvas().Overlays().Top(); o != nil && o.Visible() {
		t.Error("the dialog is still open after OK")
	}
}
