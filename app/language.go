package app

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/coursewright/coursewright/editor"
)

// How the interface language reaches the words on screen.
//
// Our own code that chooses words by language gets the language as a
// value, never from the environment: interfaceLanguage below is handed to
// each CourseView (ViewOptions.Language, CourseView.SetLanguage), whose
// editor.Wording its panels, forms and preview use — a diagnostic's words
// and hint, the problem lists, the publish check summary and notice,
// self-check syntax problems, a drafted facilitator guide's text and
// headings, the preview's own labels (a tip's, a question's) — and
// wording() is what the app's error words (editor.UserError) get.
//
// One os.Setenv("LANGUAGE") remains, in applyLanguage, for Fyne's own
// strings and the lang.L labels of the widgets. Fyne 2.7.1's lang package
// cannot be told a language: AddTranslationsFS ends in updateLocalizer,
// which asks github.com/jeandeaual/go-locale's GetLocales for the user's
// languages, and go-locale reads LANGUAGE, LC_ALL, LC_MESSAGES and LANG
// from the environment (on Linux; the platform's settings elsewhere);
// setupLang, which takes a language, is unexported. Fyne's dialogs
// ("Cancel", "Open", "Save", the file dialog) and the ~670 lang.L labels
// of the editor and the app are translated by that localizer, so the
// environment is the only lever: set LANGUAGE, then register the
// translations again. The app's child processes (git, the browser)
// inherit it, which is harmless: LANGUAGE only picks message catalogues.
// internal/clocale stays too: it makes LANG=C.UTF-8 read as English to
// Fyne's lang package, whose init reads the locale before main runs.

// prefLanguage is the interface language the author chose; "" follows the
// system locale.
const prefLanguage = "language"

// languages are the interface languages offered, by code.
func languages() [][2]string {
	return [][2]string{{"", lang.L("System language")}, {"en", "English"}, {"es", "Español"}, {"de", "Deutsch"}, {"fr", "Français"}}
}

// noteSystemLanguage records the system's language before applyLanguage
// changes the environment: LANGUAGE to restore, and the locale that is
// the interface language when the author chose none.
func (d *App) noteSystemLanguage() {
	d.systemLanguage, d.systemLanguageSet = os.LookupEnv("LANGUAGE")
	d.systemLocale = string(lang.SystemLocale())
}

// interfaceLanguage is the interface language, as a value for our own
// words: the author's choice, else the system's (en, es, de or fr; see
// editor.InterfaceLanguage).
func (d *App) interfaceLanguage() string {
	if l := d.fyne.Preferences().String(prefLanguage); l != "" {
		return editor.InterfaceLanguage(l)
	}
	return editor.InterfaceLanguage(d.systemLocale)
}

// wording is the interface language's words, for what the app says
// outside a course window (errors of the start screen, say).
func (d *App) wording() editor.Wording { return editor.WordingIn(d.interfaceLanguage()) }

// applyLanguage registers the translations for the chosen language. Fyne
// picks the language from the locale environment (LANGUAGE first), so a
// choice is put there; "" restores what the system set. This is for
// Fyne's localizer only (see the top of this file).
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

// setLanguage switches the interface language: menus and each open
// course's problems change at once, other windows and panels as they are
// opened again.
func (d *App) setLanguage(code string) {
	d.fyne.Preferences().SetString(prefLanguage, code)
	d.applyLanguage()
	l := d.interfaceLanguage()
	for _, w := range d.windows {
		w.Win.SetMainMenu(w.menu())
		if w.View != nil {
			w.View.SetLanguage(l)
		}
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
