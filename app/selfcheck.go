package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/coursewright/coursewright/editor"
)

// showSelfCheck shows the self-check form over the course window: the
// form scrolls inside the dialog, whose buttons stay in view, so it fits
// a small laptop's window (900×650) as well as a large one.
func (w *CourseWindow) showSelfCheck(f *editor.SelfCheckForm) {
	d := dialog.NewCustomWithoutButtons(f.Title, f.Content, w.Win)
	f.OnClose = d.Hide
	size := w.Win.Canvas().Size()
	d.Resize(fyne.NewSize(min(760, size.Width-40), min(640, size.Height-40)))
	d.Show()
	w.Win.Canvas().Focus(f.Prompt)
}

// selfCheckItem is Insert → Self-check…, which says "Edit self-check…"
// while the cursor is in a question.
func (w *CourseWindow) selfCheckItem() *fyne.MenuItem {
	v := w.View
	it := item(v.SelfCheckLabel(), shortcut(editor.SelfCheckKey, true), v.SelfCheck)
	v.OnInSelfCheck = func(bool) {
		it.Label = v.SelfCheckLabel()
		if m := w.Win.MainMenu(); m != nil {
			m.Refresh()
		}
	}
	return it
}
