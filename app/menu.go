package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

func shortcut(key fyne.KeyName, shift bool) fyne.Shortcut {
	mod := fyne.KeyModifierShortcutDefault
	if shift {
		mod |= fyne.KeyModifierShift
	}
	return &desktop.CustomShortcut{KeyName: key, Modifier: mod}
}

func item(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	it.Shortcut = sc
	return it
}

// addShortcuts adds the window's shortcuts that no menu item has, for
// when no widget has the focus.
func (w *CourseWindow) addShortcuts() {
	c := w.Win.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) { w.View.MoveSelected(-1) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) { w.View.MoveSelected(1) })
}

// menu is the course window's menu bar. Its shortcuts win over the
// focused widget's, so Undo and Redo ask the view where the author is.
func (w *CourseWindow) menu() *fyne.MainMenu {
	v := w.View
	return fyne.NewMainMenu(
		fyne.NewMenu("File",
			item("New course…", shortcut(fyne.KeyN, false), func() { w.app.showNewCourse(w.Win) }),
			item("Open folder…", shortcut(fyne.KeyO, false), func() { w.app.showOpenFolder(w.Win) }),
			fyne.NewMenuItemSeparator(),
			item("Save", shortcut(fyne.KeyS, false), func() { w.Save() }),
			item("Close", shortcut(fyne.KeyW, false), w.askClose),
			quitItem(w.app),
		),
		fyne.NewMenu("Edit",
			item("Undo", &fyne.ShortcutUndo{}, v.Undo),
			item("Redo", shortcut(fyne.KeyZ, true), v.Redo),
			fyne.NewMenuItemSeparator(),
			item("Find", shortcut(fyne.KeyF, false), func() { v.Page.Find.Open(false) }),
			item("Replace", shortcut(fyne.KeyH, false), func() { v.Page.Find.Open(true) }),
		),
		fyne.NewMenu("View",
			item("Preview in browser", shortcut(fyne.KeyP, true), v.OpenInBrowser),
		),
	)
}

// quitItem replaces Fyne's own Quit, which would skip the close
// questions: each window with unsaved work asks, and the app ends with
// its last window.
func quitItem(d *App) *fyne.MenuItem {
	it := item("Quit", shortcut(fyne.KeyQ, false), d.quit)
	it.IsQuit = true
	return it
}
