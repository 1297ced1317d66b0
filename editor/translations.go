package editor

import (
	"embed"

	"fyne.io/fyne/v2/lang"

	// Before Fyne's lang package reads the locale: LANG=C.UTF-8 reads as
	// English, not as the unparsable tag "C" (see the package).
	_ "github.com/coursewright/coursewright/internal/clocale"
)

// translations holds the interface strings in English, Spanish, German
// and French, keyed by the English text that lang.L is called with.
//
//go:embed translations/*.json
var translations embed.FS

// RegisterTranslations adds the editor's and the app's translations to
// Fyne's and picks the language closest to the system locale (LANGUAGE,
// LC_ALL, LC_MESSAGES, LANG); English is the fallback.
func RegisterTranslations() error {
	return lang.AddTranslationsFS(translations, "translations")
}
