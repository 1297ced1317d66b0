package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
)

// TestThemeLanguages: the theme's words follow the course's language, and
// so does the lang attribute; a language without a table gets English
// words under its own lang.
func TestThemeLanguages(t *testing.T) {
	tests := []struct {
		lang, htmlLang string
		want           []string // on the home page and on a module page
	}{
		{"en", "en", []string{"Skip to content", ">Modules<", "is licensed under", "Made with Coursewright.", ">Next<", "Facilitator guide"}},
		{"de", "de", []string{"Zum Inhalt springen", ">Module<", "steht unter der Lizenz", "Erstellt mit Coursewright.", ">Weiter<", ">Zurück<", "Leitfaden für Moderierende", "Diesen Kurs durchsuchen"}},
		{"de-AT", "de-AT", []string{"Zum Inhalt springen", ">Weiter<"}},
		{"es", "es", []string{"Saltar al contenido", ">Módulos<", "está bajo la licencia", ">Siguiente<", "Guía para facilitadores"}},
		{"fr", "fr", []string{"Aller au contenu", ">Modules<", "selon les termes de la licence", ">Suivant<", ">Précédent<", "Guide d’animation"}},
		{"ja", "ja", []string{"Skip to content", ">Next<"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			c := setData(t, sampleCourse(t), "language", tt.lang)
			out := filepath.Join(t.TempDir(), "site")
			build(t, c, out, BuildOptions{})
			home := readSite(t, out, "index.html")
			page := readSite(t, out, "modules/who-made-this/read-and-watch/index.html")
			both := home + page
			if !strings.Contains(home, `<html lang="`+tt.htmlLang+`">`) || !strings.Contains(page, `<html lang="`+tt.htmlLang+`">`) {
				t.Errorf("lang is not %s", tt.htmlLang)
			}
			for _, s := range tt.want {
				if !strings.Contains(both, s) {
					t.Errorf("no %q", s)
				}
			}
			if tt.lang == "de" {
				for _, s := range []string{"Skip to content", ">Next<", "is licensed under"} {
					if strings.Contains(both, s) {
						t.Errorf("English left in a German site: %q", s)
					}
				}
				guide := readSite(t, out, "facilitator-guide/index.html")
				if !strings.Contains(guide, "<caption>Treffen</caption>") || !strings.Contains(guide, "Treffen 1") && !strings.Contains(guide, "Meeting 1") {
					t.Errorf("guide index not in German")
				}
			}
		})
	}
}

// TestAttributionsPage: an adaptation's site credits the original (TASL)
// and the images in img/credits.yml, on a page the footer links to.
func TestAttributionsPage(t *testing.T) {
	c := setData(t, sampleCourse(t),
		"based_on.title", "Civic Online Reasoning",
		"based_on.url", "https://example.org/cor",
		"based_on.authors", "Ana Pérez, Bo Li",
		"based_on.license", "CC-BY-4.0",
	)
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	credits := "magnifier.png:\n  title: A magnifier\n  author: Jane Doe\n  source: https://example.org/magnifier\n  license: CC0-1.0\n" +
		"who-made-this.png:\n  author: The course team\n  license: course\n" +
		"gone.png:\n  author: Nobody\n  source: a book\n  license: all rights reserved\n"
	if err := os.WriteFile(filepath.Join(c.Dir, course.CreditsFile), []byte(credits), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(c.Dir)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	build(t, c, out, BuildOptions{})
	page := readSite(t, out, "attributions/index.html")
	for _, s := range []string{
		"<h1>Attributions</h1>",
		`<a href="https://example.org/cor">Civic Online Reasoning</a>`,
		"Ana Pérez and Bo Li",
		`<a href="https://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution 4.0 International</a>`,
		"Changes were made for this version.", // no based_on.commit: the changes are not known
		`<a href="../img/magnifier.png">magnifier.png</a><br>A magnifier`,
		"Jane Doe", `<a href="https://example.org/magnifier">`, `https://creativecommons.org/publicdomain/zero/1.0/`,
		"The course team", "CC-BY-SA-4.0</a> (this course’s license)",
		"gone.png", "a book", "all rights reserved",
		`<a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">`,
	} {
		if !strings.Contains(page, s) {
			t.Errorf("attributions page lacks %q", s)
		}
	}
	// Every page links to it from the footer.
	for _, f := range []string{"index.html", "modules/checking-claims/check-in/index.html"} {
		if doc := readSite(t, out, f); !strings.Contains(doc, `class="attributions-link"`) || !strings.Contains(doc, "attributions/index.html") {
			t.Errorf("%s: no link to the attributions page", f)
		}
	}
	// JSON-LD carries the credit, as text too.
	ld := homeJSONLD(t, readSite(t, out, "index.html"))
	based, _ := ld["isBasedOn"].([]any)
	if len(based) != 1 {
		t.Fatalf("isBasedOn = %v", ld["isBasedOn"])
	}
	if ct, _ := based[0].(map[string]any)["creditText"].(string); !strings.Contains(ct, "Civic Online Reasoning") || !strings.Contains(ct, "CC-BY-4.0") {
		t.Errorf("creditText %q", ct)
	}
	// A change to the credits rebuilds the page.
	credits = strings.Replace(credits, "Jane Doe", "Jane Roe", 1)
	if err := os.WriteFile(filepath.Join(c.Dir, course.CreditsFile), []byte(credits), 0o644); err != nil {
		t.Fatal(err)
	}
	c, _ = course.Load(c.Dir)
	build(t, c, out, BuildOptions{})
	if !strings.Contains(readSite(t, out, "attributions/index.html"), "Jane Roe") {
		t.Error("the attributions page was not rebuilt")
	}
	htmlValidate(t, "htmlvalidate-theme.json", out)
}

// TestNoAttributionsPage: a course of one's own with no credited images
// has no attributions page; an author's own page at that address wins.
func TestNoAttributionsPage(t *testing.T) {
	c := sampleCourse(t)
	out := filepath.Join(t.TempDir(), "site")
	build(t, c, out, BuildOptions{})
	if _, err := os.Stat(filepath.Join(out, "attributions", "index.html")); err == nil {
		t.Error("an attributions page with nothing on it")
	}
	if strings.Contains(readSite(t, out, "index.html"), "attributions-link") {
		t.Error("a link to no page")
	}
}

// A course listing its other language versions, and a translation of a
// course on a known host, show a language switcher linking to the same
// page in each version, named in its own language.
func TestLanguageSwitcher(t *testing.T) {
	c := corpusCourse(t, "course-in-a-box")
	for _, e := range []course.Edit{
		course.SetMeta{Key: "language", Value: "de"},
		course.SetMeta{Key: "based_on.title", Value: "Course-in-a-Box"},
		course.SetMeta{Key: "based_on.url", Value: "https://github.com/p2pu/course-in-a-box"},
		course.SetMeta{Key: "based_on.language", Value: "en"},
	} {
		if _, err := c.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Data.SetValue([]course.LanguageVersion{{Language: "es", URL: "https://example.org/caja"}}, "translations"); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	build(t, c, out, BuildOptions{})
	b, err := os.ReadFile(filepath.Join(out, "modules", "setup", "getting-started", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{
		`<nav class="languages" aria-label="Sprachen">`,
		`<span aria-current="true" lang="de">Deutsch</span>`,
		`<a href="https://p2pu.github.io/course-in-a-box/modules/setup/getting-started/" hreflang="en" lang="en">English</a>`,
		`<a href="https://example.org/caja/modules/setup/getting-started/" hreflang="es" lang="es">español</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	htmlValidate(t, "htmlvalidate-content.json", out)
	// A course with one language has no switcher.
	plain := t.TempDir()
	build(t, corpusCourse(t, "we-are-ai"), plain, BuildOptions{})
	if b, _ := os.ReadFile(filepath.Join(plain, "index.html")); strings.Contains(string(b), `class="languages"`) {
		t.Error("a single-language course shows a switcher")
	}
}
