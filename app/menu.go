package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
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
		fyne.NewMenu(lang.L("File"),
			item(lang.L("New course…"), shortcut(fyne.KeyN, false), func() { w.app.showNewCourse(w.Win) }),
			item(lang.L("Open folder…"), shortcut(fyne.KeyO, false), func() { w.app.showOpenFolder(w.Win) }),
			fyne.NewMenuItemSeparator(),
			item(lang.L("Save"), shortcut(fyne.KeyS, false), func() { w.Save() }),
			w.autosaveItem(),
			item(lang.L("Export…"), shortcut(fyne.KeyE, true), func() { w.showExport() }),
			item(lang.L("Close"), shortcut(fyne.KeyW, false), w.askClose),
			quitItem(w.app),
		),
		fyne.NewMenu(lang.L("Edit"),
			item(lang.L("Undo"), &fyne.ShortcutUndo{}, v.Undo),
			item(lang.L("Redo"), shortcut(fyne.KeyZ, true), v.Redo),
			fyne.NewMenuItemSeparator(),
			item(lang.L("Find"), shortcut(fyne.KeyF, false), func() { v.Page.Find.Open(false) }),
			item(lang.L("Replace"), shortcut(fyne.KeyH, false), func() { v.Page.Find.Open(true) }),
		),
		fyne.NewMenu(lang.L("Insert"),
			item(lang.L("Image…"), nil, v.InsertImageDialog),
			item(lang.L("Video…"), nil, v.AskInsertVideo),
			w.selfCheckItem(),
		),
		fyne.NewMenu(lang.L("Course"),
			item(lang.L("Settings…"), nil, func() { w.showSettings() }),
			item(lang.L("Facilitator guide…"), nil, func() { w.showGuide() }),
			item(lang.L("Images…"), nil, func() { w.showAssets() }),
			item(lang.L("History…"), nil, func() { w.showHistory() }),
			fyne.NewMenuItemSeparator(),
			item(lang.L("Publish…"), nil, func() { w.showPublish() }),
		),
		fyne.NewMenu(lang.L("View"),
			item(lang.L("Preview in browser"), shortcut(fyne.KeyP, true), v.OpenInBrowser),
			languageItem(w.app),
		),
	)
}

// languageItem opens the language choices.
func languageItem(d *App) *fyne.MenuItem {
	it := fyne.NewMenuItem(lang.L("Language"), nil)
	it.ChildMenu = d.languageMenu()
	return it
}

// quitItem replaces Fyne's own Quit, which would skip the close
// questions: each window with unsaved work asks, and the app ends with
// its last window.
func quitItem(d *App) *fyne.MenuItem {
	it := item(lang.L("Quit"), shortcut(fyne.KeyQ, false), d.quit)
	it.IsQuit = true
	return it
}
