package publish

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/course"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// The theme speaks the course's language: every word the site shows
// around the authors' own (navigation, the facilitator guide's tables,
// the license and attribution sentences, the attributions page) comes
// from one of these tables, chosen by the base of the course's language
// tag; languages without a table get English.

// themeText is the theme's wording in one language.
type themeText struct {
	Lang string // the table's language

	SkipToContent   string
	Done            string // a ticked task-list checkbox, for screen readers
	NotDone         string // an unticked one
	Modules         string
	Hidden          string
	Draft           string
	NotPublished    string
	SearchCourse    string
	Search          string
	MorePages       string
	Facilitator     string
	MadeWith        string
	Languages       string
	PagesOf         string // %s: the module's title
	PrevNext        string
	Previous        string
	Next            string
	NextModule      string
	AboutCourse     string
	WhoFor          string
	Time            string
	YouWillBeAble   string
	Meetings        string
	Meeting         string
	Plan            string
	Minutes         string
	Total           string
	Agenda          string
	Activity        string
	CoursePage      string
	AsPlanned       string
	Planned         string
	ModuleStartsAt  string
	PageMovedTo     string // a redirect_from page: where the page is now
	Attributions    string
	BasedOn         string
	ChangesMade     string
	Media           string
	Image           string
	Title           string
	Author          string
	Authors         string
	Source          string
	License         string
	VersionAdapted  string
	ThisCourse      string
	NoMedia         string
	MeetingN        string // %d: the meeting's number
	MeetingsOf      string // %d meetings of %d minutes
	MeetingsCount   string // %d meetings
	LicenseBy       string // %[1]s title, %[2]s authors, %[3]s license link
	LicenseThis     string // %[1]s license link
	NoLicenseYet    string
	Copyright       string // %s: authors
	AdaptedFrom     string // %[1]s the original, %[2]s " by authors" or "", %[3]s ", used under LICENSE" or ""
	ByAuthors       string // %s: authors
	UsedUnder       string // %s: license link
	ChangesLine     string // %s: the summary
	ChangesGeneric  string
	And             string
	TranslatedInto  string // %s: language name
	RenamedFrom     string // %s: old title
	AddedModule     string // %[1]s title, %[2]s pages
	RemovedModule   string // %s: title
	AddedPages      string // %s: count
	EditedPages     string
	RemovedPages    string
	PageOne         string // "1 page"
	PageMany        string // "%d pages"
	NoChangesYet    string
	CreditUnderSite string // "under this course's license"
	Quote           string // %s in the language's quotation marks
	ModuleAnswers   string // the answers of self-check questions, at a module's end (exports) or a meeting's (guide)
	SelfCheckOf     string // %s: a page's title; its questions as an LMS quiz
	QuestionN       string // %d: a question's number on its page
	HintLabel       string // before a question's hint in an LMS's feedback
}

var textEN = themeText{
	Lang: "en", SkipToContent: "Skip to content", Done: "Done", NotDone: "To do", Modules: "Modules", Hidden: "hidden", Draft: "draft", NotPublished: "not published",
	SearchCourse: "Search this course", Search: "Search", MorePages: "More pages", Facilitator: "Facilitator guide",
	MadeWith: "Made with Coursewright.", Languages: "Languages", PagesOf: "Pages of %s", PrevNext: "Previous and next", Previous: "Previous", Next: "Next",
	NextModule: "Next module", AboutCourse: "About this course", WhoFor: "Who it is for", Time: "Time", YouWillBeAble: "You will be able to",
	Meetings: "Meetings", Meeting: "Meeting", Plan: "Plan", Minutes: "Minutes", Total: "Total", Agenda: "Agenda", Activity: "Activity",
	CoursePage: "Course page", AsPlanned: "as planned", Planned: "planned: %d", ModuleStartsAt: "This module starts at", PageMovedTo: "This page is now at",
	Attributions: "Attributions", BasedOn: "Based on", ChangesMade: "Changes made", Media: "Images and media", Image: "Image",
	Title: "Title", Author: "Author", Authors: "Authors", Source: "Source", License: "License", VersionAdapted: "Version adapted",
	ThisCourse: "This course", NoMedia: "No images are credited.",
	MeetingN: "Meeting %d", MeetingsOf: "%d meetings of %d minutes", MeetingsCount: "%d meetings",
	LicenseBy: "“%[1]s” by %[2]s is licensed under %[3]s.", LicenseThis: "This course is licensed under %[1]s.",
	NoLicenseYet: "No open license has been chosen for this course yet.", Copyright: "© %s.",
	AdaptedFrom: "This course is adapted from %[1]s%[2]s%[3]s.", ByAuthors: " by %s", UsedUnder: ", used under %s",
	ChangesLine: "Changes: %s", ChangesGeneric: "Changes were made for this version.", And: "and",
	TranslatedInto: "translated into %s", RenamedFrom: "renamed from “%s”", AddedModule: "added the module “%[1]s” (%[2]s)",
	RemovedModule: "removed the module “%s”", AddedPages: "added %s", EditedPages: "edited %s", RemovedPages: "removed %s",
	PageOne: "1 page", PageMany: "%d pages", NoChangesYet: "no changes yet", CreditUnderSite: "this course’s license", Quote: "“%s”",
	ModuleAnswers: "Answers", SelfCheckOf: "Self-check: %s", QuestionN: "Question %d", HintLabel: "Hint:",
}

var textES = themeText{
	Lang: "es", SkipToContent: "Saltar al contenido", Done: "Hecho", NotDone: "Pendiente", Modules: "Módulos", Hidden: "oculto", Draft: "borrador", NotPublished: "no publicado",
	SearchCourse: "Buscar en este curso", Search: "Buscar", MorePages: "Más páginas", Facilitator: "Guía para facilitadores",
	MadeWith: "Hecho con Coursewright.", Languages: "Idiomas", PagesOf: "Páginas de %s", PrevNext: "Anterior y siguiente", Previous: "Anterior", Next: "Siguiente",
	NextModule: "Módulo siguiente", AboutCourse: "Sobre este curso", WhoFor: "Para quién es", Time: "Tiempo", YouWillBeAble: "Podrás",
	Meetings: "Encuentros", Meeting: "Encuentro", Plan: "Plan", Minutes: "Minutos", Total: "Total", Agenda: "Agenda", Activity: "Actividad",
	CoursePage: "Página del curso", AsPlanned: "según lo previsto", Planned: "previsto: %d", ModuleStartsAt: "Este módulo empieza en", PageMovedTo: "Esta página está ahora en",
	Attributions: "Atribuciones", BasedOn: "Basado en", ChangesMade: "Cambios realizados", Media: "Imágenes y medios", Image: "Imagen",
	Title: "Título", Author: "Autoría", Authors: "Autores", Source: "Fuente", License: "Licencia", VersionAdapted: "Versión adaptada",
	ThisCourse: "Este curso", NoMedia: "No hay imágenes con atribución.",
	MeetingN: "Encuentro %d", MeetingsOf: "%d encuentros de %d minutos", MeetingsCount: "%d encuentros",
	LicenseBy: "«%[1]s», de %[2]s, está bajo la licencia %[3]s.", LicenseThis: "Este curso está bajo la licencia %[1]s.",
	NoLicenseYet: "Aún no se ha elegido una licencia abierta para este curso.", Copyright: "© %s.",
	AdaptedFrom: "Este curso es una adaptación de %[1]s%[2]s%[3]s.", ByAuthors: ", de %s", UsedUnder: ", usado bajo %s",
	ChangesLine: "Cambios: %s", ChangesGeneric: "Esta versión incluye cambios.", And: "y",
	TranslatedInto: "traducido al %s", RenamedFrom: "antes titulado «%s»", AddedModule: "se añadió el módulo «%[1]s» (%[2]s)",
	RemovedModule: "se quitó el módulo «%s»", AddedPages: "añadido: %s", EditedPages: "editado: %s", RemovedPages: "quitado: %s",
	PageOne: "1 página", PageMany: "%d páginas", NoChangesYet: "todavía sin cambios", CreditUnderSite: "la licencia de este curso", Quote: "«%s»",
	ModuleAnswers: "Respuestas", SelfCheckOf: "Autoevaluación: %s", QuestionN: "Pregunta %d", HintLabel: "Pista:",
}

var textDE = themeText{
	Lang: "de", SkipToContent: "Zum Inhalt springen", Done: "Erledigt", NotDone: "Offen", Modules: "Module", Hidden: "verborgen", Draft: "Entwurf", NotPublished: "nicht veröffentlicht",
	SearchCourse: "Diesen Kurs durchsuchen", Search: "Suchen", MorePages: "Weitere Seiten", Facilitator: "Leitfaden für Moderierende",
	MadeWith: "Erstellt mit Coursewright.", Languages: "Sprachen", PagesOf: "Seiten von %s", PrevNext: "Zurück und weiter", Previous: "Zurück", Next: "Weiter",
	NextModule: "Nächstes Modul", AboutCourse: "Über diesen Kurs", WhoFor: "Für wen", Time: "Zeit", YouWillBeAble: "Danach können Sie",
	Meetings: "Treffen", Meeting: "Treffen", Plan: "Plan", Minutes: "Minuten", Total: "Gesamt", Agenda: "Ablauf", Activity: "Aktivität",
	CoursePage: "Kursseite", AsPlanned: "wie geplant", Planned: "geplant: %d", ModuleStartsAt: "Dieses Modul beginnt mit", PageMovedTo: "Diese Seite ist jetzt unter",
	Attributions: "Quellenangaben", BasedOn: "Grundlage", ChangesMade: "Vorgenommene Änderungen", Media: "Bilder und Medien", Image: "Bild",
	Title: "Titel", Author: "Urheber", Authors: "Urheber", Source: "Quelle", License: "Lizenz", VersionAdapted: "Bearbeitete Version",
	ThisCourse: "Dieser Kurs", NoMedia: "Für keine Bilder sind Quellen angegeben.",
	MeetingN: "Treffen %d", MeetingsOf: "%d Treffen zu je %d Minuten", MeetingsCount: "%d Treffen",
	LicenseBy: "„%[1]s“ von %[2]s steht unter der Lizenz %[3]s.", LicenseThis: "Dieser Kurs steht unter der Lizenz %[1]s.",
	NoLicenseYet: "Für diesen Kurs wurde noch keine offene Lizenz gewählt.", Copyright: "© %s.",
	AdaptedFrom: "Dieser Kurs ist eine Bearbeitung von %[1]s%[2]s%[3]s.", ByAuthors: " von %s", UsedUnder: ", verwendet unter %s",
	ChangesLine: "Änderungen: %s", ChangesGeneric: "Für diese Fassung wurden Änderungen vorgenommen.", And: "und",
	TranslatedInto: "Übersetzung in die Sprache %s", RenamedFrom: "früherer Titel „%s“", AddedModule: "Modul „%[1]s“ hinzugefügt (%[2]s)",
	RemovedModule: "Modul „%s“ entfernt", AddedPages: "hinzugefügt: %s", EditedPages: "bearbeitet: %s", RemovedPages: "entfernt: %s",
	PageOne: "1 Seite", PageMany: "%d Seiten", NoChangesYet: "noch keine Änderungen", CreditUnderSite: "die Lizenz dieses Kurses", Quote: "„%s“",
	ModuleAnswers: "Antworten", SelfCheckOf: "Selbsttest: %s", QuestionN: "Frage %d", HintLabel: "Tipp:",
}

var textFR = themeText{
	Lang: "fr", SkipToContent: "Aller au contenu", Done: "Fait", NotDone: "À faire", Modules: "Modules", Hidden: "masqué", Draft: "brouillon", NotPublished: "non publié",
	SearchCourse: "Rechercher dans ce cours", Search: "Rechercher", MorePages: "Autres pages", Facilitator: "Guide d’animation",
	MadeWith: "Réalisé avec Coursewright.", Languages: "Langues", PagesOf: "Pages de %s", PrevNext: "Précédent et suivant", Previous: "Précédent", Next: "Suivant",
	NextModule: "Module suivant", AboutCourse: "À propos de ce cours", WhoFor: "Pour qui", Time: "Durée", YouWillBeAble: "Vous saurez",
	Meetings: "Séances", Meeting: "Séance", Plan: "Programme", Minutes: "Minutes", Total: "Total", Agenda: "Déroulé", Activity: "Activité",
	CoursePage: "Page du cours", AsPlanned: "comme prévu", Planned: "prévu : %d", ModuleStartsAt: "Ce module commence par", PageMovedTo: "Cette page se trouve maintenant à",
	Attributions: "Crédits", BasedOn: "D’après", ChangesMade: "Modifications apportées", Media: "Images et médias", Image: "Image",
	Title: "Titre", Author: "Auteur", Authors: "Auteurs", Source: "Source", License: "Licence", VersionAdapted: "Version adaptée",
	ThisCourse: "Ce cours", NoMedia: "Aucune image n’est créditée.",
	MeetingN: "Séance %d", MeetingsOf: "%d séances de %d minutes", MeetingsCount: "%d séances",
	LicenseBy: "« %[1]s » de %[2]s est mis à disposition selon les termes de la licence %[3]s.", LicenseThis: "Ce cours est mis à disposition selon les termes de la licence %[1]s.",
	NoLicenseYet: "Aucune licence libre n’a encore été choisie pour ce cours.", Copyright: "© %s.",
	AdaptedFrom: "Ce cours est une adaptation de %[1]s%[2]s%[3]s.", ByAuthors: " de %s", UsedUnder: ", utilisé selon les termes de la licence %s",
	ChangesLine: "Modifications : %s", ChangesGeneric: "Cette version a été modifiée.", And: "et",
	TranslatedInto: "traduit en %s", RenamedFrom: "anciennement « %s »", AddedModule: "ajout du module « %[1]s » (%[2]s)",
	RemovedModule: "retrait du module « %s »", AddedPages: "ajout : %s", EditedPages: "modification : %s", RemovedPages: "retrait : %s",
	PageOne: "1 page", PageMany: "%d pages", NoChangesYet: "pas encore de modifications", CreditUnderSite: "la licence de ce cours", Quote: "« %s »",
	ModuleAnswers: "Réponses", SelfCheckOf: "Auto-évaluation : %s", QuestionN: "Question %d", HintLabel: "Indice :",
}

// themeTexts are the theme's languages, by base language.
var themeTexts = map[string]*themeText{"en": &textEN, "es": &textES, "de": &textDE, "fr": &textFR}

// textFor picks the wording for a language tag.
func textFor(lang string) *themeText {
	if tag, err := language.Parse(lang); err == nil {
		base, _ := tag.Base()
		if t := themeTexts[base.String()]; t != nil {
			return t
		}
	}
	return &textEN
}

// ThemeLanguages lists the languages the site theme is written in.
func ThemeLanguages() []string { return []string{"de", "en", "es", "fr"} }

// joinNames lists names as the language writes them: "A, B and C".
func (t *themeText) joinNames(names []string) string {
	var ns []string
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			ns = append(ns, n)
		}
	}
	switch len(ns) {
	case 0:
		return ""
	case 1:
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " " + t.And + " " + ns[len(ns)-1]
}

// pages counts pages in words.
func (t *themeText) pages(n int) string {
	if n == 1 {
		return t.PageOne
	}
	return fmt.Sprintf(t.PageMany, n)
}

// licenseLink is a license as an HTML link (rel="license" for the
// course's own).
func licenseLink(l *course.LicenseInfo, rel bool, label string) string {
	if label == "" {
		label = l.ID
	}
	if l.URL == "" {
		return html.EscapeString(label)
	}
	r := ""
	if rel {
		r = `rel="license" `
	}
	return `<a ` + r + `href="` + html.EscapeString(l.URL) + `">` + html.EscapeString(label) + `</a>`
}

// licenseSentence is the footer's statement of the course's license.
func (t *themeText) licenseSentence(v *siteView) template.HTML {
	if v.License == nil {
		s := t.NoLicenseYet
		if v.AuthorsText != "" {
			s = fmt.Sprintf(t.Copyright, v.AuthorsText) + " " + s
		}
		return template.HTML(html.EscapeString(s))
	}
	link := licenseLink(v.License, true, v.License.Name) + " (" + html.EscapeString(v.License.ID) + ")"
	if v.AuthorsText != "" {
		return template.HTML(fmt.Sprintf(esc(t.LicenseBy), html.EscapeString(v.Title), html.EscapeString(v.AuthorsText), link))
	}
	return template.HTML(fmt.Sprintf(esc(t.LicenseThis), link))
}

// attributionSentence credits the adapted course (TASL) in one sentence.
func (t *themeText) attributionSentence(a *attribution) template.HTML {
	title := html.EscapeString(fmt.Sprintf(t.Quote, a.Title))
	if a.URL != "" {
		title = `<a href="` + html.EscapeString(a.URL) + `">` + title + `</a>`
	}
	by := ""
	if a.Authors != "" {
		by = fmt.Sprintf(esc(t.ByAuthors), html.EscapeString(a.Authors))
	}
	under := ""
	if a.License != nil {
		under = fmt.Sprintf(esc(t.UsedUnder), licenseLink(a.License, false, a.License.ID))
	}
	return template.HTML(fmt.Sprintf(esc(t.AdaptedFrom), title, by, under))
}

// esc escapes a format string's text (not its verbs) for HTML.
func esc(format string) string { return html.EscapeString(format) }

// changeLines words an adaptation's changes, one line each; with titles,
// the lines about pages name them (up to six).
func (t *themeText) changeLines(ch *adapt.ChangeSummary, titles bool) []string {
	if ch == nil {
		return nil
	}
	var out []string
	if ch.LanguageTo != "" {
		out = append(out, fmt.Sprintf(t.TranslatedInto, languageName(ch.LanguageTo, t.Lang)))
	}
	if ch.TitleFrom != "" {
		out = append(out, fmt.Sprintf(t.RenamedFrom, ch.TitleFrom))
	}
	for _, m := range ch.ModulesAdded {
		out = append(out, fmt.Sprintf(t.AddedModule, m.Title, t.pages(m.Pages)))
	}
	for _, m := range ch.ModulesRemoved {
		out = append(out, fmt.Sprintf(t.RemovedModule, m.Title))
	}
	for _, x := range []struct {
		format string
		pages  []adapt.PageChange
	}{{t.AddedPages, ch.PagesAdded}, {t.EditedPages, ch.PagesEdited}, {t.RemovedPages, ch.PagesRemoved}} {
		if len(x.pages) == 0 {
			continue
		}
		line := fmt.Sprintf(x.format, t.pages(len(x.pages)))
		if titles && len(x.pages) <= 6 {
			var ts []string
			for _, p := range x.pages {
				ts = append(ts, p.Title)
			}
			line += " (" + strings.Join(ts, ", ") + ")"
		}
		out = append(out, line)
	}
	return out
}

// changesSummary is the changes in one line for the footer; the titles
// of the pages are left to the attributions page.
func (t *themeText) changesSummary(ch *adapt.ChangeSummary) string {
	lines := t.changeLines(ch, false)
	if len(lines) == 0 {
		if ch != nil && ch.Empty() {
			return fmt.Sprintf(t.ChangesLine, t.NoChangesYet) + "."
		}
		return t.ChangesGeneric
	}
	return fmt.Sprintf(t.ChangesLine, strings.Join(lines, "; ")) + "."
}

// languageName names a language in another: "Deutsch" for de in de,
// "German" for de in en.
func languageName(tag, in string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	inTag, err := language.Parse(in)
	if err != nil {
		inTag = language.English
	}
	if n := display.Languages(inTag).Name(t); n != "" {
		return n
	}
	return tag
}

// languageVersion is one entry of the language switcher.
type languageVersion struct {
	Tag, Name string
	URL       string // the other version's site root; "" for this one
}

// languageVersions are the course's language versions for the switcher:
// this one, the course it translates (when based_on points at a site a
// host serves), and those listed under `translations` in course.yml.
// Each is named in its own language. Nil when there is only this one.
func languageVersions(m course.Meta, courseLang string, translates bool) []languageVersion {
	var out []languageVersion
	seen := map[string]bool{}
	add := func(tag, url string) {
		t, err := language.Parse(tag)
		if err != nil || seen[t.String()] {
			return
		}
		seen[t.String()] = true
		name := display.Self.Name(t)
		if name == "" {
			name = t.String()
		}
		if url != "" && !strings.HasSuffix(url, "/") {
			url += "/"
		}
		out = append(out, languageVersion{Tag: t.String(), Name: name, URL: url})
	}
	if courseLang == "" {
		courseLang = "en"
	}
	add(courseLang, "")
	if b := m.BasedOn; translates && b != nil {
		if site := SiteURL(b.URL, ""); site != "" {
			add(b.Language, site)
		}
	}
	for _, v := range m.Translations {
		if strings.HasPrefix(v.URL, "https://") || strings.HasPrefix(v.URL, "http://") {
			add(v.Language, v.URL)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
