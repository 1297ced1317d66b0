// Package clocale makes the "C" locale read as English to Fyne.
//
// Fyne picks its language with github.com/jeandeaual/go-locale, which
// knows LANG=C and LANG=POSIX but not their UTF-8 forms: under
// LANG=C.UTF-8 (Debian's and most containers' default) it hands Fyne the
// tag "C", which does not parse, and Fyne logs "Error parsing user locale
// C" every time it looks — the first time in its lang package's init,
// before main runs. The C locale means untranslated, that is English; a
// LANGUAGE of "en" says so in the one variable go-locale reads after the
// locale (gettext ignores LANGUAGE under the C locale, so programs the
// app starts see no difference).
//
// The work is done in init, which runs before Fyne's lang package: by the
// Go specification's initialization order (packages sorted by import
// path, each initialized when its imports are), this package, which
// imports only os, is ready long before fyne.io/fyne/v2/lang, whose own
// imports (golang.org/x/text/language) sort after it. The test checks
// that in a program that imports both.
package clocale

import "os"

func init() {
	if k, v := Fix(os.Getenv); k != "" {
		_ = os.Setenv(k, v)
	}
}

// Fix returns the variable to set, and its value, for the environment
// getenv reads: LANGUAGE=en when the locale in force (LC_ALL, else
// LC_MESSAGES, else LANG) is the C or POSIX locale with an encoding, such
// as C.UTF-8, and LANGUAGE is empty; "" otherwise.
func Fix(getenv func(string) string) (key, value string) {
	if getenv("LANGUAGE") != "" {
		return "", ""
	}
	loc := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = getenv(k); loc != "" {
			break
		}
	}
	for _, c := range []string{"C.", "POSIX."} {
		if len(loc) > len(c) && loc[:len(c)] == c {
			return "LANGUAGE", "en"
		}
	}
	return "", ""
}
