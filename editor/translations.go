package editor

import (
	"embed"
	"encoding/json"
	"strings"

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

// TranslationStrings returns the interface strings of one language (the
// lang.L key → the text shown) that show as written: plural forms and
// texts with values in them are left out. The screen review compares
// shown text against them (internal/screencheck.EnglishStrings).
func TranslationStrings(code string) (map[string]string, error) {
	b, err := translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		return nil, err
	}
	var all map[string]any
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for k, v := range all {
		if s, ok := v.(string); ok && !strings.Contains(s, "{{") {
			out[k] = s
		}
	}
	return out, nil
}
