package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// AutosaveDelay is how long after the last change pages are saved when
// saving automatically is on (the default): typing on postpones it.
// Saving a page never makes a version; versions stay the author's
// explicit "Save version".
const AutosaveDelay = 2 * time.Second

// prefAutosave turns saving automatically on or off.
const prefAutosave = "autosave"

// autosaveOn is the preference, on unless the author turned it off.
func (d *App) autosaveOn() bool {
	return d.fyne.Preferences().BoolWithFallback(prefAutosave, true)
}

// scheduleAutosave (re)starts the wait after a change, on the UI thread.
func (w *CourseWindow) scheduleAutosave() {
	if !w.app.autosaveOn() {
		return
	}
	if w.autosaveTimer != nil {
		w.autosaveTimer.Stop()
	}
	w.autosaveTimer = time.AfterFunc(AutosaveDelay, func() { fyne.Do(w.autosave) })
}

// autosave saves once typing has stopped, unless a question about the
// course is open (the restore offer, another program's change): those
// decide first.
func (w *CourseWindow) autosave() {
	if w.closed || w.offerOpen || w.asking || !w.app.autosaveOn() {
		return
	}
	if w.View.Modified() {
		w.Save()
	}
}

// autosaveItem is the File menu's switch for saving automatically.
func (w *CourseWindow) autosaveItem() *fyne.MenuItem {
	it := fyne.NewMenuItem(lang.L("Save automatically"), nil)
	it.Checked = w.app.autosaveOn()
	it.Action = func() {
		on := !w.app.autosaveOn()
		w.app.fyne.Preferences().SetBool(prefAutosave, on)
		it.Checked = on
		if menu := w.Win.MainMenu(); menu != nil {
			menu.Refresh()
		}
		if on {
			w.scheduleAutosave()
		}
	}
	return it
}
