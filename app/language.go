package app

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/coursewright/coursewright/editor"
)

// prefLanguage is the interface language the author chose; "" follows the
// system locale.
const prefLanguage = "language"

// languages are the interface languages offered, by code.
func languages() [][2]string {
	return [][2]string{{"", lang.L("System language")}, {"en", "English"}, {"es", "Español"}, {"de", "Deutsch"}, {"fr", "Français"}}
}

// applyLanguage registers the translations for the chosen language. Fyne
// picks the language from the locale environment (LANGUAGE first), so a
// choice is put there; "" restores what the system set.
func (d *App) applyLanguage() {
	switch l := d.fyne.Preferences().String(prefLanguage); {
	case l != "":
		_ = os.Setenv("LANGUAGE", l)
	case d.systemLanguageSet:
		_ = os.Setenv("LANGUAGE", d.systemLanguage)
	default:
		_ = os.Unsetenv("LANGUAGE")
	}
	if err := editor.RegisterTranslations(); err != nil {
		fyne.LogError("loading the translations", err)
	}
}

// setLanguage switches the interface language: menus change at once,
// windows and panels as they are opened again.
func (d *App) setLanguage(code string) {
	d.fyne.Preferences().SetString(prefLanguage, code)
	d.applyLanguage()
	for _, w := range d.windows {
		w.Win.SetMainMenu(w.menu())
	}
}

// languageMenu lists the languages, the current one checked.
func (d *App) languageMenu() *fyne.Menu {
	cur := d.fyne.Preferences().String(prefLanguage)
	var items []*fyne.MenuItem
	for _, l := range languages() {
		code := l[0]
		it := fyne.NewMenuItem(l[1], func() { d.setLanguage(code) })
		it.Checked = code == cur
		items = append(items, it)
	}
	return fyne.NewMenu(lang.L("Language"), items...)
}
