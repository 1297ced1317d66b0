package course

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Course-in-a-Box courses are built by GitHub Pages: Jekyll plus plugins
// it always runs (optional front matter, README as index, titles from
// headings, relative links, default layouts, site.github, gist) and a
// few a course may turn on in _config.yml. This file has the rules of
// those plugins that belong to the course model, read in each plugin's
// own code (the gems GitHub Pages pins, as Debian packages them):
// which files are pages, which README is an index, a page's title from
// its heading, where a link to a markdown file leads, which plugins a
// course asks for.

// CodePluginNotRun: _config.yml asks for a Jekyll plugin Coursewright
// does not run. Args: Plugin.
const CodePluginNotRun Code = "plugin-not-run"

// Plugins Coursewright runs when a course lists them, besides those
// GitHub Pages always runs (listing one of those is harmless).
const (
	PluginJemoji   = "jemoji"
	PluginMentions = "jekyll-mentions"
)

// pluginsRun are the plugins Coursewright does the work of: GitHub
// Pages' always-on ones, and the ones a course may turn on whose effect
// Coursewright has (the theme's own SEO tags, feed and sitemap stand for
// jekyll-seo-tag, jekyll-feed and jekyll-sitemap; {% seo %} and
// {% feed_meta %} in a page produce nothing).
var pluginsRun = map[string]bool{
	"jekyll-optional-front-matter": true, "jekyll-readme-index": true, "jekyll-titles-from-headings": true,
	"jekyll-relative-links": true, "jekyll-default-layout": true, "jekyll-github-metadata": true, "jekyll-gist": true,
	"jekyll-redirect-from": true, "jekyll-seo-tag": true, "jekyll-feed": true, "jekyll-sitemap": true,
	PluginJemoji: true, PluginMentions: true,
	// Jekyll 3's CoffeeScript converter and paginator are always on in
	// GitHub Pages too; courses have neither .coffee files nor paginated
	// post lists, so there is nothing to do.
	"jekyll-coffeescript": true, "jekyll-paginate": true,
}

// pluginEntry is one plugin a course's _config.yml names.
type pluginEntry struct {
	name      string
	line, col int
}

// configPlugins are the plugins _config.yml lists under plugins: or under
// gems: (Jekyll 2's name, which GitHub Pages still reads), in order.
func (c *Course) configPlugins() []pluginEntry {
	if c == nil || c.Config == nil {
		return nil
	}
	var out []pluginEntry
	for _, key := range []string{"plugins", "gems"} {
		n := c.Config.Lookup(key)
		if n == nil {
			continue
		}
		items := n.Content
		if n.Kind == yaml.ScalarNode {
			items = []*yaml.Node{n}
		}
		for _, it := range items {
			if it.Kind == yaml.ScalarNode && strings.TrimSpace(it.Value) != "" && it.Tag != "!!null" {
				out = append(out, pluginEntry{name: strings.TrimSpace(it.Value), line: it.Line, col: it.Column})
			}
		}
	}
	return out
}

// UsesPlugin reports whether _config.yml turns on the plugin name (under
// plugins: or gems:), as GitHub Pages reads it.
func (c *Course) UsesPlugin(name string) bool {
	for _, p := range c.configPlugins() {
		if p.name == name {
			return true
		}
	}
	return false
}

// checkPlugins names, once each, every plugin the course asks for that
// Coursewright does not run: on GitHub Pages it changes the site, here
// its effects are missing.
func (ck *checker) checkPlugins() {
	seen := map[string]bool{}
	for _, p := range ck.c.configPlugins() {
		if pluginsRun[p.name] || seen[p.name] {
			continue
		}
		seen[p.name] = true
		ck.add(CodePluginNotRun, ConfigFile, p.line, p.col, SeverityWarning,
			fmt.Sprintf("this course asks for the plugin %s, which Coursewright does not run: its effects will be missing", p.name),
			"check the pages that rely on it, or remove it from plugins in _config.yml", "Plugin", p.name)
	}
}

// optionalFrontMatterSkips are the file names (without extension, any
// case) jekyll-optional-front-matter leaves as plain files when they have
// no front matter: a repository's README, licence and contribution notes.
var optionalFrontMatterSkips = []string{"README", "LICENSE", "LICENCE", "COPYING", "CODE_OF_CONDUCT", "CONTRIBUTING", "ISSUE_TEMPLATE", "PULL_REQUEST_TEMPLATE"}

// optionalFrontMatterPage reports whether a markdown file without front
// matter is a page on GitHub Pages (jekyll-optional-front-matter): every
// one but those named like a repository's own notes, unless _config.yml's
// include names them (its whitelist).
func (c *Course) optionalFrontMatterPage(rel string) bool {
	base := path.Base(rel)
	stem := strings.ToUpper(strings.TrimSuffix(base, path.Ext(base)))
	for _, s := range optionalFrontMatterSkips {
		if stem == s {
			return c.configIncludes(rel)
		}
	}
	return true
}

// configIncludes reports whether _config.yml's include list names rel or
// one of its folders.
func (c *Course) configIncludes(rel string) bool {
	if c.Config == nil {
		return false
	}
	n := c.Config.Lookup("include")
	if n == nil || n.Kind != yaml.SequenceNode {
		return false
	}
	for _, it := range n.Content {
		v := strings.Trim(it.Value, "/")
		if v == "" {
			continue
		}
		if ok, _ := path.Match(v, rel); ok || rel == v || strings.HasPrefix(rel, v+"/") || path.Base(rel) == v {
			return true
		}
	}
	return false
}

// isReadme reports a README file with a markdown extension, any case.
func isReadme(rel string) bool {
	base := strings.ToLower(path.Base(rel))
	return base == "readme.md" || base == "readme.markdown"
}

// readmeIndexes picks, among the README files without front matter, those
// jekyll-readme-index makes their folder's index: a folder with no page
// at its address and no file index.html, .htm, .xhtml or .xml (any case).
// indexed holds those folders' addresses, lower-cased.
func (c *Course) readmeIndexes(readmes []string, indexed map[string]bool) map[string]bool {
	out := map[string]bool{}
	if c.pluginDisabled("readme_index") {
		return out
	}
	for _, rel := range readmes {
		if !indexed[strings.ToLower(readmeFolderURL(rel))] {
			out[rel] = true
		}
	}
	return out
}

// frontMatterOptional reports whether markdown files without front matter
// are pages: jekyll-optional-front-matter is on unless _config.yml turns
// it off or sets require_front_matter.
func (c *Course) frontMatterOptional() bool {
	if c.pluginDisabled("optional_front_matter") {
		return false
	}
	return c.Config == nil || c.Config.String("require_front_matter") != "true"
}

// staticIndexRE is the file names that are a folder's index for
// jekyll-readme-index (its INDEX_REGEX after the folder).
var staticIndexRE = regexp.MustCompile(`(?i)^index\.(html?|xhtml|xml)$`)

// readmeFolderURL is the address a README index takes: its folder's.
func readmeFolderURL(rel string) string {
	dir := path.Dir(rel)
	if dir == "." {
		return "/"
	}
	return "/" + dir + "/"
}

// pluginDisabled reports `<key>: {enabled: false}` in _config.yml, the
// switch each of GitHub Pages' always-on plugins reads.
func (c *Course) pluginDisabled(key string) bool {
	if c == nil || c.Config == nil {
		return false
	}
	n := c.Config.Lookup(key, "enabled")
	return n != nil && n.Value == "false"
}

// PluginOption is a value under a plugin's key in _config.yml
// (titles_from_headings: {strip_title: true}), "" when unset.
func (c *Course) PluginOption(key, option string) string {
	if c == nil || c.Config == nil {
		return ""
	}
	return c.Config.String(key, option)
}

// titleHeadingRE is jekyll-titles-from-headings' TITLE_REGEX: the page
// must start (after white space) with an ATX heading of level 1 to 3 or a
// setext heading; deeper headings and headings further down give none.
var titleHeadingRE = regexp.MustCompile(`^\s*(?:#{1,3}\s+(.*)|(.*)\r?\n[-=]+[ \t]*)(?:\n|$)`)

var (
	titleLinkRE     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	titleTagRE      = regexp.MustCompile(`<[^>]*>`)
	titleFootnoteRE = regexp.MustCompile(`\[\^[^\]]*\]`)
	titleEmphRE     = regexp.MustCompile("(\\*{1,3}|_{1,3}|`+|~~)([^*_`~]+?)(\\*{1,3}|_{1,3}|`+|~~)")
)

// HeadingTitle is the title jekyll-titles-from-headings gives a page
// whose front matter has none: the text of the heading it starts with,
// markup stripped (markdownify, strip_html, normalize_whitespace, then
// footnote marks removed). GitHub Pages does this for pages, not for
// module pages (posts, whose title comes from the file name), and not
// when _config.yml sets titles_from_headings: {enabled: false}.
func (p *Page) HeadingTitle() string {
	if p.Date != "" || p.IsHTMLPage() || (p.course != nil && p.course.pluginDisabled("titles_from_headings")) {
		return ""
	}
	if p.src != nil {
		return p.src.heading
	}
	m := titleHeadingRE.FindStringSubmatch(p.body)
	if m == nil {
		return ""
	}
	return stripTitleMarkup(m[1] + m[2]) // one of the two matched
}

// stripTitleMarkup turns a heading's markdown into its plain words.
func stripTitleMarkup(s string) string {
	s = titleLinkRE.ReplaceAllString(s, "$1")
	for i := 0; i < 3; i++ {
		s = titleEmphRE.ReplaceAllString(s, "$2")
	}
	s = titleTagRE.ReplaceAllString(s, "")
	s = strings.Join(strings.Fields(s), " ")
	s = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(s)
	return titleFootnoteRE.ReplaceAllString(s, "")
}

// SiteTitle is the title the site shows for the page on GitHub Pages:
// its front matter's, or the heading it starts with when that is a page
// the titles plugin gives one to ("" when neither).
func (p *Page) SiteTitle() string {
	if t := strings.TrimSpace(p.Title()); t != "" {
		return t
	}
	return p.HeadingTitle()
}

// StripsTitle reports whether the heading that gave the page its title is
// removed from its content (titles_from_headings: strip_title, or the
// page's own strip_title).
func (p *Page) StripsTitle() bool {
	if p.front != nil {
		if n := p.front.Lookup("strip_title"); n != nil {
			return n.Value == "true"
		}
	}
	return p.course != nil && p.course.PluginOption("titles_from_headings", "strip_title") == "true"
}

// BodyWithoutTitle is the body with the heading HeadingTitle took the
// title from removed, as strip_title does.
func (p *Page) BodyWithoutTitle() string {
	body := p.Body()
	if p.Title() != "" || p.HeadingTitle() == "" {
		return body
	}
	loc := titleHeadingRE.FindStringIndex(body)
	if loc == nil { // the file changed since the course was read
		return body
	}
	return strings.TrimSpace(body[loc[1]:])
}

// DefaultLayout is the layout jekyll-default-layout gives a markdown page
// whose front matter names none: "home" for the home page, "post" for a
// module page, "page" for any other, each when the course's _layouts has
// it, else "default" (Coursewright's theme draws every page either way;
// the name is what {{ page.layout }} says). "" when the page names its own
// layout or is HTML.
func (p *Page) DefaultLayout() string {
	if p.IsHTMLPage() || (p.front != nil && p.front.Lookup("layout") != nil) {
		return ""
	}
	want := "page"
	switch {
	case p.URL() == "/":
		want = "home"
	case p.Date != "":
		want = "post"
	}
	if p.course == nil || p.course.hasLayout(want) {
		return want
	}
	return "default"
}

// hasLayout reports whether the course has _layouts/<name>.html.
func (c *Course) hasLayout(name string) bool {
	_, err := os.Stat(filepath.Join(c.Dir, "_layouts", name+".html"))
	return err == nil
}

// RelativeLinkTarget is where jekyll-relative-links sends a link written
// in a page (not a module page: GitHub Pages leaves posts' links alone):
// a path to a file of the course, from the page's own folder (or from the
// course root when it starts with /), becomes that page's address or that
// file's path. ok is false for any other link, which stays as written.
// target is the link without its #fragment.
func (c *Course) RelativeLinkTarget(p *Page, target string) (site string, ok bool) {
	if c == nil || p == nil || p.Date != "" || p.IsHTMLPage() || c.pluginDisabled("relative_links") {
		return "", false
	}
	if target == "" || strings.HasPrefix(target, "#") || schemeRE.MatchString(target) || strings.HasPrefix(target, "//") {
		return "", false
	}
	rel := unescapeCGI(target)
	if strings.HasPrefix(rel, "/") {
		rel = strings.TrimPrefix(rel, "/")
	} else {
		rel = path.Join(path.Dir(p.Path), rel)
	}
	rel = path.Clean(rel)
	if rel == "." || strings.HasPrefix(rel, "../") || rel == ".." {
		return "", false
	}
	if q := c.PageByPath(rel); q != nil {
		if !q.Published() {
			return "", false
		}
		return q.URL(), true
	}
	// A file Jekyll copies as it is (not in a _ or . folder).
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, "_") || strings.HasPrefix(part, ".") {
			return "", false
		}
	}
	full, err := SafeJoin(c.Dir, rel)
	if err != nil {
		return "", false
	}
	if st, err := os.Stat(full); err != nil || st.IsDir() {
		return "", false
	}
	return "/" + filepath.ToSlash(rel), true
}

// unescapeCGI is Ruby's CGI.unescape: %XX and + as a space.
func unescapeCGI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b.WriteByte(' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
