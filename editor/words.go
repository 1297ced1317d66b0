package editor

import (
	"encoding/json"
	"strings"
	"text/template"
)

// interfaceLanguages are the languages the app speaks, English first.
var interfaceLanguages = []string{"en", "es", "de", "fr"}

// InterfaceLanguage is the interface language for a language code or a
// locale ("es", "de-DE", "fr_FR.UTF-8", "pt-BR"): one of en, es, de and
// fr, English for any other.
func InterfaceLanguage(locale string) string {
	base := strings.ToLower(strings.TrimSpace(locale))
	if i := strings.IndexAny(base, "-_.:@"); i >= 0 {
		base = base[:i]
	}
	for _, l := range interfaceLanguages {
		if base == l {
			return l
		}
	}
	return "en"
}

// Wording is the app's words in one interface language: what our own code
// says (diagnostics, drafted guides, the publish notice) is looked up here,
// in a language the app hands down (App → CourseView → panels), never read
// from the process environment. Fyne's lang.L, which the widgets' labels
// use, follows the environment instead (see app/language.go). The zero
// Wording speaks English.
type Wording struct {
	lang string
	tr   map[string]string // key → text; nil for English (the keys' fallbacks)
}

// WordingIn is the wording of the interface language for locale (see
// InterfaceLanguage).
func WordingIn(locale string) Wording {
	w := Wording{lang: InterfaceLanguage(locale)}
	if w.lang == "en" {
		return w
	}
	b, err := translations.ReadFile("translations/" + w.lang + ".json")
	if err != nil {
		return Wording{lang: "en"} // embedded: cannot happen
	}
	var all map[string]any
	if json.Unmarshal(b, &all) != nil {
		return Wording{lang: "en"} // TestTranslationsComplete parses every file
	}
	w.tr = make(map[string]string, len(all))
	for k, v := range all {
		if s, ok := v.(string); ok {
			w.tr[k] = s
		}
	}
	return w
}

// Language is the code of the words' language: en, es, de or fr.
func (w Wording) Language() string {
	if w.lang == "" {
		return "en"
	}
	return w.lang
}

// X is the text of key in the words' language, or english when the
// translation lacks it, with its placeholders ({{.Target}}) filled from
// args: the same templates lang.X fills.
func (w Wording) X(key, english string, args ...map[string]any) string {
	return w.text(key, english, args)
}

// L is lang.L in the words' language: the English text is the key.
func (w Wording) L(english string, args ...map[string]any) string {
	return w.text(english, english, args)
}

func (w Wording) text(key, english string, args []map[string]any) string {
	s, ok := w.tr[key]
	if !ok || strings.TrimSpace(s) == "" {
		s = english
	}
	if len(args) == 0 || !strings.Contains(s, "{{") {
		return s
	}
	t, err := template.New(key).Parse(s)
	if err != nil {
		return s
	}
	var b strings.Builder
	if t.Execute(&b, args[0]) != nil {
		return s
	}
	return b.String()
}
