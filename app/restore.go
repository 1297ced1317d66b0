package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// offerRestore asks whether to bring back the text a journal kept, after
// a crash or a kill, showing what differs from the files.
func (w *CourseWindow) offerRestore(e journalEntry) {
	diffs := e.differences(w.View.Course())
	if len(diffs) == 0 {
		_ = w.app.journal.remove(w.dir)
		return
	}
	intro := lang.N("Coursewright closed on {{.When}} without saving changes to {{.Count}} pages. Bring them back?",
		len(diffs), map[string]any{"When": e.Written.Local().Format(time.DateTime), "Count": len(diffs)})
	parts := []fyne.CanvasObject{newMessage(intro)}
	for _, d := range diffs {
		parts = append(parts,
			widget.NewLabelWithStyle(d.path, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			diffView(lineDiff(d.disk, d.journal, 40)))
	}
	content := container.NewVScroll(container.NewVBox(parts...))
	content.SetMinSize(fyne.NewSize(560, 320))
	dlg := dialog.NewCustomWithoutButtons(lang.L("Restore unsaved work?"), content, w.Win)
	// Until the author answers, the journal stays as it is: closing the
	// window, quitting or another crash keeps the offer for next time.
	w.offerOpen = true
	w.offered = diffs
	w.acceptRestore = func() {
		w.acceptRestore = nil
		w.offerOpen = false
		dlg.Hide()
		w.jlog.forget() // the text restored is journaled anew
		w.restore(e)
	}
	dlg.SetButtons(buttons(
		button(lang.L("Restore"), true, func() { w.acceptRestore() }),
		button(lang.L("Discard"), false, func() {
			w.acceptRestore = nil
			w.offerOpen = false
			dlg.Hide()
			w.jlog.forget()
			_ = w.app.journal.remove(w.dir)
			w.writeJournal() // anything typed meanwhile
		}),
	))
	dlg.Show()
}

// restore puts the journal's text back into the pages; it stays unsaved
// (and journaled) until the author saves.
func (w *CourseWindow) restore(e journalEntry) {
	bodies := map[string]string{}
	for _, d := range e.differences(w.View.Course()) {
		bodies[d.path] = d.journal
	}
	w.View.SetBodies(bodies)
}

// diffView shows a diff in a fixed-width font.
func diffView(text string) fyne.CanvasObject {
	seg := &widget.TextSegment{Style: widget.RichTextStyleCodeBlock, Text: text}
	rt := widget.NewRichText(seg)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}
