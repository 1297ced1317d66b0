package publish

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/course"
	"gopkg.in/yaml.v3"
)

// link is one entry of a navigation list.
type link struct {
	Title string
	URL   string // site path, e.g. /modules/setup/getting-started/
	Draft bool   // shown only because the build includes drafts
}

// navModule is a module as the site shows it: in the top bar, on the home
// page and in the sidebar of its pages.
type navModule struct {
	Slug  string
	Title string
	URL   string // its first page
	Draft bool   // a hidden module, built with drafts
	Pages []link

	pages   []*course.Page
	hash    string // of what its sidebar shows
	offMenu bool   // a module course.yml does not list: built, but not in the menu or search
}

type pageKind int

const (
	kindHome pageKind = iota
	kindModule
	kindSingle
	kindGuideIndex
	kindGuide
	kindRedirect
	kindAttributions
)

var kindNames = [...]string{"home", "module", "page", "guide-index", "guide", "redirect", "attributions"}

func (k pageKind) String() string { return kindNames[k] }

// sitePage is one HTML page of the site.
type sitePage struct {
	kind   pageKind
	page   *course.Page // nil for pages Coursewright makes (module redirects, a guide index without index.md)
	url    string       // site path
	out    string       // output file, slash path relative to the site folder
	title  string
	draft  bool
	module *navModule
	index  int // position in module.Pages
	guide  *course.Guide
	// movedTo is where a redirect from a page's old address leads.
	movedTo *link
}

// meeting is a facilitator-guide meeting in the guide's navigation.
type meeting struct {
	link
	Number  int
	Minutes int // planned length, or the agenda's total
	guide   *course.Guide
}

// staticFile is a file of the course copied into the site as it is.
type staticFile struct {
	rel  string // course-relative slash path = site-relative output path
	full string
}

// site is everything a build publishes, worked out from the course before
// anything is rendered: which pages exist where, what their navigation
// shows, and which files are copied.
type site struct {
	c      *course.Course
	meta   course.Meta
	drafts bool

	modules  []*navModule
	singles  []link
	guideURL string
	meetings []*meeting
	pages    []*sitePage
	files    []staticFile
	fileSet  map[string]bool
	visible  map[*course.Page]*sitePage

	diags []course.Diagnostic

	t               *themeText           // the theme's wording, in the course's language
	credits         []course.Credit      // img/credits.yml
	changes         *adapt.ChangeSummary // what an adaptation changed; nil when unknown
	attributionsURL string               // the attributions page, when the site has one
}

const (
	guideURL  = "/" + course.GuideDir + "/"
	guideFile = course.GuideDir + "/" + course.HomeFile
)

func (s *site) warn(code course.Code, file string, line int, msg, hint string, args ...string) {
	s.diags = append(s.diags, course.Diagnostic{File: file, Line: line, Severity: course.SeverityWarning, Code: code, Args: course.DiagnosticArgs(args...), Message: msg, Hint: hint})
}

// newSite plans the site of c. outRel, the output folder's path when it
// is inside the course, is left out of the files copied.
func newSite(c *course.Course, drafts bool, outRel string) *site {
	s := &site{c: c, meta: c.Meta(), drafts: drafts, fileSet: map[string]bool{}, visible: map[*course.Page]*sitePage{}}
	s.t = textFor(s.meta.Language)
	taken := map[string]*sitePage{}
	add := func(sp *sitePage) bool {
		if sp.page != nil && s.leaveOutSecretPage(sp.page) {
			return false
		}
		if prev := taken[sp.out]; prev != nil {
			file := ""
			if sp.page != nil {
				file = sp.page.Path
			}
			prevName := prev.url
			if prev.page != nil {
				prevName = prev.page.Path
			}
			s.warn(course.CodePageAddressTaken, file, 0, fmt.Sprintf("this page would be published at %s, where %s already is; it is left out", sp.url, prevName),
				"rename one of the two files", "Address", sp.url, "Other", prevName)
			return false
		}
		taken[sp.out] = sp
		s.pages = append(s.pages, sp)
		if sp.page != nil {
			s.visible[sp.page] = sp
		}
		return true
	}
	shown := func(p *course.Page) bool { return drafts || p.Published() }

	// Home page: always built; index.md supplies its content.
	home := &sitePage{kind: kindHome, page: c.Home, url: "/", out: "index.html", title: s.meta.Title}
	if c.Home != nil && !shown(c.Home) {
		home.page = nil
	}
	add(home)

	// Modules: listed ones in order, then hidden ones when drafts.
	for _, m := range c.Modules {
		if m.Missing {
			continue
		}
		// A module course.yml does not list is still built, as Jekyll
		// builds it and courses link to it, but it is not in the menu
		// or in search; a draft build shows it in the menu, marked.
		offMenu := m.Hidden && !drafts
		nm := &navModule{Slug: m.Slug, Title: m.Title, Draft: m.Hidden && drafts, offMenu: offMenu}
		if nm.Title == "" {
			nm.Title = humanize(m.Slug)
		}
		for _, p := range m.Pages {
			if !shown(p) {
				continue
			}
			sp := &sitePage{kind: kindModule, page: p, url: p.URL(), title: pageTitle(p), draft: (m.Hidden && drafts) || !p.Published(), module: nm}
			sp.out = outFile(sp.url)
			sp.index = len(nm.Pages)
			if !add(sp) {
				continue
			}
			nm.Pages = append(nm.Pages, link{Title: sp.title, URL: sp.url, Draft: sp.draft})
			nm.pages = append(nm.pages, p)
		}
		if len(nm.Pages) == 0 {
			continue
		}
		nm.URL = nm.Pages[0].URL
		h := newHasher()
		for _, l := range nm.Pages {
			h.link(l)
		}
		nm.hash = h.sum()
		if offMenu {
			continue
		}
		s.modules = append(s.modules, nm)
		// /modules/<m>/ leads to the first page.
		murl := "/" + course.ModulesDir + "/" + strings.ToLower(m.Slug) + "/" // where Jekyll puts its pages
		add(&sitePage{kind: kindRedirect, url: murl, out: outFile(murl), title: nm.Title, module: nm})
	}

	// Single pages at the root, then any other markdown the course holds.
	known := map[*course.Page]bool{}
	if c.Home != nil {
		known[c.Home] = true
	}
	for _, m := range c.Modules {
		for _, p := range m.Pages {
			known[p] = true
		}
	}
	for _, g := range c.Guides {
		known[g.Page] = true
	}
	guideIndex := c.PageByPath(guideFile)
	if guideIndex != nil {
		known[guideIndex] = true
	}
	singles := append([]*course.Page(nil), c.Pages...)
	for _, p := range c.AllPages() {
		if !known[p] && !slices.Contains(c.Pages, p) {
			singles = append(singles, p)
		}
	}
	for _, p := range singles {
		if !shown(p) {
			continue
		}
		sp := &sitePage{kind: kindSingle, page: p, url: p.URL(), title: pageTitle(p), draft: !p.Published()}
		sp.out = outFile(sp.url)
		if add(sp) && slices.Contains(c.Pages, p) {
			s.singles = append(s.singles, link{Title: sp.title, URL: sp.url, Draft: sp.draft})
		}
	}

	// Facilitator guide.
	for _, g := range c.Guides {
		if !shown(g.Page) {
			continue
		}
		title := pageTitle(g.Page)
		if g.Page.Title() == "" && g.Meeting > 0 {
			title = fmt.Sprintf(s.t.MeetingN, g.Meeting)
		}
		sp := &sitePage{kind: kindGuide, page: g.Page, url: g.Page.URL(), title: title, draft: !g.Page.Published(), guide: g}
		sp.out = outFile(sp.url)
		if !add(sp) {
			continue
		}
		minutes := g.Minutes
		if minutes == 0 {
			minutes = g.AgendaMinutes()
		}
		s.meetings = append(s.meetings, &meeting{link: link{Title: title, URL: sp.url, Draft: sp.draft}, Number: g.Meeting, Minutes: minutes, guide: g})
	}
	if len(s.meetings) > 0 || (guideIndex != nil && shown(guideIndex)) {
		sp := &sitePage{kind: kindGuideIndex, url: guideURL, out: outFile(guideURL), title: s.t.Facilitator}
		if guideIndex != nil && shown(guideIndex) {
			sp.page = guideIndex
			sp.draft = !guideIndex.Published()
			if t := guideIndex.Title(); t != "" {
				sp.title = t
			}
		}
		if add(sp) {
			s.guideURL = guideURL
		}
	}

	s.planRedirects(add, taken)
	s.planAttributions(add, taken)
	s.collectFiles(outRel, taken)
	return s
}

// pageTitle is the page's title, or one made from its file name.
func pageTitle(p *course.Page) string {
	if t := p.SiteTitle(); t != "" {
		return t // its own, or its first heading's (titles-from-headings)
	}
	return humanize(p.Slug)
}

// humanize makes a display title from a file or folder name:
// "what-is-ai" → "What is ai".
func humanize(slug string) string {
	s := strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(slug))
	if s == "" {
		return slug
	}
	r, size := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[size:]
}

// outFile is the file that serves a site path: /a/b/ → a/b/index.html.
func outFile(url string) string {
	rel := strings.TrimPrefix(url, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	// Jekyll adds the output extension to an address without it
	// (permalink /:categories/:title makes /modules/m/p, written p.html).
	if !strings.HasSuffix(rel, ".html") && path.Ext(rel) == "" {
		rel += ".html"
	}
	return rel
}

// jekyllExcludes are left out of every Jekyll site, whatever _config.yml says.
var jekyllExcludes = []string{"Gemfile", "Gemfile.lock", "node_modules", "vendor/bundle", "vendor/cache", "vendor/gems", "vendor/ruby"}

// collectFiles lists the course's files that Jekyll would publish as they
// are: everything but markdown, Jekyll's own folders (_x), hidden files
// (.x), excluded paths, theme templates (HTML with front matter) and the
// output folder. Links out of the course are skipped. Files at paths the
// site's own outputs use are left out with a warning.
func (s *site) collectFiles(outRel string, taken map[string]*sitePage) {
	root := s.c.Dir
	excludes := append([]string(nil), jekyllExcludes...)
	if s.c.Config != nil {
		if n := s.c.Config.Lookup("exclude"); n != nil && n.Kind == yaml.SequenceNode {
			for _, it := range n.Content {
				if it.Kind == yaml.ScalarNode && it.Value != "" {
					excludes = append(excludes, strings.Trim(it.Value, "/"))
				}
			}
		}
	}
	excluded := func(rel string) bool {
		for _, e := range excludes {
			if rel == e || strings.HasPrefix(rel, e+"/") {
				return true
			}
			if ok, _ := path.Match(e, rel); ok {
				return true
			}
		}
		return false
	}
	reserved := themeOutputs()
	pages := map[string]bool{}
	for _, p := range s.c.AllPages() {
		pages[p.Path] = true
	}
	for f := range findabilityFiles {
		reserved[f] = true
	}
	_ = filepath.WalkDir(root, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable parts are left out; Load reports what it needs
		}
		if full == root {
			return nil
		}
		name := d.Name()
		rel, _ := filepath.Rel(root, full)
		rel = filepath.ToSlash(rel)
		if outRel != "" && rel == outRel {
			return filepath.SkipDir
		}
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") || excluded(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(full)
			if err != nil || !st.Mode().IsRegular() || !course.IsInside(root, full) {
				return nil // Load reports links that leave the course
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		lower := strings.ToLower(name)
		if strings.HasSuffix(lower, ".md") || strings.HasSuffix(lower, ".markdown") {
			if pages[rel] || hasFrontMatter(full) {
				return nil // a page of the course (or a draft, or one left out with a warning)
			}
			// Markdown that is no page (LICENSE.md, CONTRIBUTING.md
			// without front matter): Jekyll copies it as it is.
		}
		if (strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm")) && hasFrontMatter(full) {
			return nil // a Jekyll page of the old theme; the site has its own
		}
		if course.IsThemeStylesheet(rel, full) {
			return nil // the old theme's Sass; check says so (course.CodeStylesheetsLeftOut)
		}
		if s.leaveOutSecret(rel) || s.leaveOutActiveMarkup(rel, full) {
			return nil
		}
		if taken[rel] != nil || reserved[rel] || rel == searchIndexFile || rel == manifestFile {
			s.warn(course.CodeFileShadowsPage, rel, 0, "this file has the same path as a page of the built site; it is not copied",
				"rename or move the file")
			return nil
		}
		s.files = append(s.files, staticFile{rel: rel, full: full})
		s.fileSet[rel] = true
		return nil
	})
}

// hasFrontMatter reports whether a file starts with a "---" line.
func hasFrontMatter(full string) bool {
	f, err := os.Open(full)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 8)
	n, _ := f.Read(buf)
	b := strings.TrimPrefix(string(buf[:n]), "\ufeff")
	return strings.HasPrefix(b, "---\n") || strings.HasPrefix(b, "---\r")
}

// translates reports whether the course is a language version of the
// course it is based on: its pages say what they translate, or its
// language differs from the original's.
func (s *site) translates() bool {
	b := s.meta.BasedOn
	if b == nil {
		return false
	}
	if b.Language != "" && s.meta.Language != "" && b.Language != s.meta.Language {
		return true
	}
	for _, p := range s.c.AllPages() {
		if _, ok := p.TranslationOf(); ok {
			return true
		}
	}
	return false
}
