package adapt

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/repo"
	"gopkg.in/yaml.v3"
)

// Creative Commons licenses ask whoever shares an adaptation to indicate
// that it was changed, and most adapters never do. Changes works it out
// from the difference between the course now and the version it adapted.

// ModuleChange is a module added to or removed from the adaptation.
type ModuleChange struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	Pages int    `json:"pages"`
}

// PageChange is a page added, removed or edited.
type PageChange struct {
	Path  string `json:"path"`
	Title string `json:"title"`
}

// ChangeSummary says how an adaptation differs from the course it adapts.
type ChangeSummary struct {
	Base           string         `json:"base"` // the source version compared with
	ModulesAdded   []ModuleChange `json:"modules_added,omitempty"`
	ModulesRemoved []ModuleChange `json:"modules_removed,omitempty"`
	// Pages outside the modules added or removed, and pages edited
	// anywhere.
	PagesAdded   []PageChange `json:"pages_added,omitempty"`
	PagesRemoved []PageChange `json:"pages_removed,omitempty"`
	PagesEdited  []PageChange `json:"pages_edited,omitempty"`
	// TitleFrom is the source's title when the adaptation has another.
	TitleFrom string `json:"title_from,omitempty"`
	// LanguageFrom and LanguageTo are set for a language version.
	LanguageFrom string `json:"language_from,omitempty"`
	LanguageTo   string `json:"language_to,omitempty"`
	// Translated counts the pages marked as translations.
	Translated int `json:"translated,omitempty"`
}

// Empty reports whether nothing was changed.
func (ch *ChangeSummary) Empty() bool {
	return len(ch.ModulesAdded)+len(ch.ModulesRemoved)+len(ch.PagesAdded)+len(ch.PagesRemoved)+len(ch.PagesEdited) == 0 &&
		ch.TitleFrom == "" && ch.LanguageTo == ""
}

// Summary says the changes in one English sentence, e.g. "Added the module
// “Local resources” (2 pages); edited 3 pages; removed 1 page." The site
// words them in the course's language itself (publish).
func (ch *ChangeSummary) Summary() string {
	var parts []string
	if ch.LanguageTo != "" {
		parts = append(parts, "translated into "+ch.LanguageTo)
	}
	if ch.TitleFrom != "" {
		parts = append(parts, fmt.Sprintf("renamed from “%s”", ch.TitleFrom))
	}
	for _, m := range ch.ModulesAdded {
		parts = append(parts, fmt.Sprintf("added the module “%s” (%s)", m.Title, plural(m.Pages, "page")))
	}
	for _, m := range ch.ModulesRemoved {
		parts = append(parts, fmt.Sprintf("removed the module “%s”", m.Title))
	}
	if n := len(ch.PagesAdded); n > 0 {
		parts = append(parts, "added "+plural(n, "page"))
	}
	if n := len(ch.PagesEdited); n > 0 {
		parts = append(parts, "edited "+plural(n, "page"))
	}
	if n := len(ch.PagesRemoved); n > 0 {
		parts = append(parts, "removed "+plural(n, "page"))
	}
	if len(parts) == 0 {
		return "No changes yet."
	}
	s := strings.Join(parts, "; ") + "."
	return strings.ToUpper(s[:1]) + s[1:]
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Changes works out what the adaptation in dir changed in the course it
// adapts: modules and pages added, removed and edited, compared with
// based_on.commit (and, for pages taken from the source later, the
// version they were taken from).
func Changes(ctx context.Context, dir string) (*ChangeSummary, error) {
	c, err := course.Load(dir)
	if err != nil {
		return nil, err
	}
	return CourseChanges(ctx, c)
}

// CourseChanges is Changes for a course already loaded, counting unsaved
// edits too.
func CourseChanges(ctx context.Context, c *course.Course) (*ChangeSummary, error) {
	b, err := basisOf(c)
	if err != nil {
		return nil, err
	}
	sets, err := b.fileSets()
	if err != nil {
		return nil, err
	}
	ch := &ChangeSummary{Base: b.commit}

	// The source's pages and modules, from its files.
	basePages := map[string]bool{}
	baseModules := map[string]int{}
	for _, p := range b.basePaths(sets) {
		if !isPagePath(p) {
			continue
		}
		basePages[p] = true
		if m := moduleOf(p); m != "" {
			baseModules[m]++
		}
	}
	// The adaptation's, from the course in memory.
	now := map[string]*course.Page{}
	for _, p := range c.AllPages() {
		if isPagePath(p.Path) {
			now[p.Path] = p
		}
	}
	nowModules := map[string]*course.Module{}
	for _, m := range c.Modules {
		if !m.Missing && len(m.Pages) > 0 {
			nowModules[m.Slug] = m
		}
	}
	var baseData []byte
	if data, err := b.r.ReadAt(b.commit, course.DataFile); err == nil {
		baseData = data
	}
	baseTitles := moduleTitles(baseData)

	for slug, m := range nowModules {
		if baseModules[slug] == 0 {
			ch.ModulesAdded = append(ch.ModulesAdded, ModuleChange{Slug: slug, Title: moduleTitle(m.Title, slug), Pages: len(m.Pages)})
		}
	}
	for slug, n := range baseModules {
		if nowModules[slug] == nil {
			ch.ModulesRemoved = append(ch.ModulesRemoved, ModuleChange{Slug: slug, Title: moduleTitle(baseTitles[slug], slug), Pages: n})
		}
	}
	for p, pg := range now {
		if m := moduleOf(p); m != "" && baseModules[m] == 0 {
			continue // counted with its module
		}
		if !basePages[p] {
			ch.PagesAdded = append(ch.PagesAdded, PageChange{Path: p, Title: pageTitle(pg.Title(), p)})
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if repo.BlobHash(pg.Bytes()) == b.baseHash(sets, p) {
			continue
		}
		old, err := b.r.ReadAt(b.baseOf(p), p)
		if err != nil {
			return nil, err
		}
		if op, _ := course.ParsePage(p, old); op != nil && course.SameContent(op, pg) {
			continue // only marked as a translation
		}
		ch.PagesEdited = append(ch.PagesEdited, PageChange{Path: p, Title: pageTitle(pg.Title(), p)})
	}
	for p := range basePages {
		if m := moduleOf(p); m != "" && nowModules[m] == nil {
			continue
		}
		if now[p] == nil {
			title := ""
			if old, err := b.r.ReadAt(b.baseOf(p), p); err == nil {
				if op, _ := course.ParsePage(p, old); op != nil {
					title = op.Title()
				}
			}
			ch.PagesRemoved = append(ch.PagesRemoved, PageChange{Path: p, Title: pageTitle(title, p)})
		}
	}

	// Title and language.
	meta := c.Meta()
	var baseMeta struct {
		Title    string `yaml:"title"`
		Language string `yaml:"language"`
	}
	_ = yaml.Unmarshal(baseData, &baseMeta)
	if t := strings.TrimSpace(baseMeta.Title); t != "" && t != strings.TrimSpace(meta.Title) {
		ch.TitleFrom = t
	}
	if meta.Language != "" && !sameLanguage(meta.Language, baseMeta.Language) {
		ch.LanguageFrom, ch.LanguageTo = baseMeta.Language, meta.Language
		if ch.LanguageFrom == "" {
			ch.LanguageFrom = "en"
		}
		for _, pg := range now {
			if _, ok := pg.TranslationOf(); ok {
				ch.Translated++
			}
		}
	}

	sortModules(ch.ModulesAdded)
	sortModules(ch.ModulesRemoved)
	for _, l := range [][]PageChange{ch.PagesAdded, ch.PagesRemoved, ch.PagesEdited} {
		sort.Slice(l, func(i, j int) bool { return l[i].Path < l[j].Path })
	}
	return ch, nil
}

func sortModules(ms []ModuleChange) {
	sort.Slice(ms, func(i, j int) bool { return ms[i].Slug < ms[j].Slug })
}

// isPagePath reports whether a course path is a page a reader sees: a
// module page, a facilitator guide page or a page at the top (not the
// repository's README or license).
func isPagePath(p string) bool {
	lower := strings.ToLower(p)
	if !strings.HasSuffix(lower, ".md") && !strings.HasSuffix(lower, ".markdown") {
		return false
	}
	parts := strings.Split(p, "/")
	switch {
	case len(parts) == 1:
		base := strings.ToLower(parts[0])
		for _, skip := range []string{"readme", "license", "licence", "changelog", "contributing", "code_of_conduct"} {
			if strings.HasPrefix(base, skip) {
				return false
			}
		}
		return !strings.HasPrefix(base, "_") && !strings.HasPrefix(base, ".")
	case len(parts) == 2 && parts[0] == course.GuideDir:
		return true
	case len(parts) == 4 && parts[0] == course.ModulesDir && parts[2] == "_posts":
		return true
	}
	return false
}

// moduleOf is the module folder of a module page path, or "".
func moduleOf(p string) string {
	parts := strings.Split(p, "/")
	if len(parts) == 4 && parts[0] == course.ModulesDir && parts[2] == "_posts" {
		return parts[1]
	}
	return ""
}

// moduleTitles reads the module titles of a course.yml: only the
// {title, slug} form has any.
func moduleTitles(data []byte) map[string]string {
	var d struct {
		Modules []yaml.Node `yaml:"modules"`
	}
	out := map[string]string{}
	if yaml.Unmarshal(data, &d) != nil {
		return out
	}
	for _, n := range d.Modules {
		var m struct{ Title, Slug string }
		if n.Kind == yaml.MappingNode && n.Decode(&m) == nil && m.Slug != "" {
			out[m.Slug] = m.Title
		}
	}
	return out
}

func moduleTitle(title, slug string) string {
	if strings.TrimSpace(title) != "" {
		return title
	}
	return humanTitle(slug)
}

// pageTitle is a page's title, or one made from its file name.
func pageTitle(title, p string) string {
	if t := strings.TrimSpace(title); t != "" {
		return t
	}
	base := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if len(base) > 11 && base[4] == '-' && base[7] == '-' && base[10] == '-' {
		base = base[11:]
	}
	return humanTitle(base)
}
