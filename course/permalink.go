package course

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode"
)

// Page addresses follow Jekyll's URL rules exactly (lib/jekyll/url.rb,
// drops/url_drop.rb, page.rb, utils.rb — the same in Jekyll 3.10, which
// GitHub Pages runs, and 4.3), so a course built by Coursewright keeps
// every address its Jekyll site had. This is the one place that knows
// them: build, links, redirects, exports and the app all ask Page.URL.
//
// Addresses are returned unescaped, as Jekyll writes them to disk
// (/modules/week 1/check-in/); EscapePath makes the href form.

// CourseInABoxPermalink is the permalink Course-in-a-Box's _config.yml sets.
const CourseInABoxPermalink = "/:categories/:title/"

// permalinkStyles are Jekyll's named permalink styles.
var permalinkStyles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

// Permalink is the course's permalink setting as Jekyll reads it: the
// `permalink` of _config.yml, Jekyll's default ("date") when the file
// does not set one, Course-in-a-Box's when there is no _config.yml.
func (c *Course) Permalink() string {
	if c == nil || c.Config == nil {
		return CourseInABoxPermalink
	}
	if s := strings.TrimSpace(c.Config.String("permalink")); s != "" {
		return s
	}
	return "date"
}

// permalinkTemplate expands a named style.
func permalinkTemplate(style string) string {
	if t, ok := permalinkStyles[style]; ok {
		return t
	}
	return style
}

var (
	prettySlugRE  = regexp.MustCompile(`[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+`)
	defaultSlugRE = regexp.MustCompile(`[^\p{M}\p{L}\p{Nd}]+`)
	placeholderRE = regexp.MustCompile(`:([a-z_]+)`)
)

// JekyllSlugify is Jekyll's Utils.slugify in its "pretty" (pretty=true) or
// "default" mode; cased keeps the letters' case.
func JekyllSlugify(s string, pretty, cased bool) string {
	re := defaultSlugRE
	if pretty {
		re = prettySlugRE
	}
	s = re.ReplaceAllString(s, "-")
	s = strings.TrimSuffix(strings.TrimPrefix(s, "-"), "-")
	if !cased {
		s = strings.ToLower(s)
	}
	return s
}

// PostURL is the address of a post (a module page): file is its slash
// path in the course (modules/<m>/_posts/2020-01-01-slug.md), date its
// YYYY-MM-DD, slug the front matter's `slug` or the file name's, and
// categories those of its front matter (`category`/`categories`).
func PostURL(style, file, date, slug string, categories []string) string {
	// The folders above _posts are categories, then the front matter's;
	// Jekyll lower-cases them and drops repeats.
	var cats []string
	seen := map[string]bool{}
	dir := path.Dir(file)
	if i := strings.LastIndex(dir, "/_posts"); i >= 0 || dir == "_posts" {
		if i < 0 {
			i = 0
		}
		dir = dir[:i]
	}
	var all []string
	if dir != "" && dir != "." && !strings.HasPrefix(dir, "_posts") {
		all = strings.Split(dir, "/")
	}
	all = append(all, categories...)
	for _, cat := range all {
		if cat = strings.ToLower(cat); cat != "" && !seen[cat] {
			seen[cat] = true
			cats = append(cats, cat)
		}
	}
	y, m, d := date, "", ""
	if len(date) == 10 {
		y, m, d = date[:4], date[5:7], date[8:10]
	}
	vals := map[string]string{
		"categories": strings.Join(cats, "/"),
		"title":      JekyllSlugify(slug, true, true),
		"slug":       JekyllSlugify(slug, false, false),
		"name":       JekyllSlugify(strings.TrimSuffix(path.Base(file), path.Ext(file)), false, false),
		"year":       y, "month": m, "day": d,
		"i_month": strings.TrimLeft(m, "0"), "i_day": strings.TrimLeft(d, "0"),
		"short_year": suffix(y, 2),
		"output_ext": ".html",
		"path":       strings.TrimSuffix(file, path.Ext(file)),
	}
	return sanitizeURL(fillTemplate(permalinkTemplate(style), vals))
}

func suffix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[len(s)-n:]
}

// PageURL is the address of a page that is not a post: file is its slash
// path in the course. An index page is its folder; others follow the
// ending of the site's permalink style ("/about/" or "/about.html").
func PageURL(style, file string) string {
	dir, base := path.Split(file)
	ext := path.Ext(base)
	base = strings.TrimSuffix(base, ext)
	outExt := ".html"
	switch strings.ToLower(ext) {
	case ".md", ".markdown", ".mkd", ".mkdn", ".mdown", ".html", ".htm":
	default:
		outExt = ext
	}
	var tmpl string
	switch {
	case outExt != ".html":
		tmpl = "/" + dir + "/" + base + outExt
	case base == "index":
		tmpl = "/" + dir + "/"
	default:
		tmpl = "/" + dir + "/" + base
		t := permalinkTemplate(style)
		if style == "pretty" || strings.HasSuffix(t, "/") {
			tmpl += "/"
		} else if strings.HasSuffix(t, ":output_ext") {
			tmpl += ".html"
		}
	}
	return sanitizeURL(tmpl)
}

// fillTemplate replaces a permalink's :placeholders; unknown ones stay.
func fillTemplate(t string, vals map[string]string) string {
	return placeholderRE.ReplaceAllStringFunc(t, func(m string) string {
		name := m[1:]
		for _, k := range []string{name, strings.TrimSuffix(name, "_")} {
			if v, ok := vals[k]; ok {
				rest := name[len(k):]
				return v + rest
			}
		}
		return m
	})
}

// sanitizeURL is Jekyll's URL#sanitize_url: a leading slash, ".." and
// "./" removed, slashes squeezed.
func sanitizeURL(s string) string {
	s = "/" + s
	s = strings.ReplaceAll(s, "..", "/")
	s = strings.ReplaceAll(s, "./", "")
	for strings.Contains(s, "//") {
		s = strings.ReplaceAll(s, "//", "/")
	}
	return s
}

// EscapePath percent-encodes an address for use in a link, as Jekyll's
// URL.escape_path does: letters, digits and the characters a URL path
// allows stay, everything else (spaces, non-ASCII letters) is encoded.
func EscapePath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c < 0x80 && (unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)) || strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// URL is the page's site address by Jekyll's rules for its course's
// permalink, e.g. /modules/setup/getting-started/. A `permalink` in the
// page's front matter wins, as in Jekyll.
func (p *Page) URL() string {
	if p.readmeIndex && p.front == nil {
		return readmeFolderURL(p.Path)
	}
	style := CourseInABoxPermalink
	if p.course != nil {
		style = p.course.Permalink()
	}
	if p.front != nil {
		if pl := strings.TrimSpace(p.front.String("permalink")); pl != "" {
			return p.ownPermalink(pl)
		}
	}
	if p.Date != "" {
		slug := p.Slug
		var cats []string
		if p.front != nil {
			if s := p.front.String("slug"); s != "" {
				slug = s
			}
			cats = p.frontCategories()
		}
		return PostURL(style, p.Path, p.Date, slug, cats)
	}
	return PageURL(style, p.Path)
}

// ownPermalink is the address a page's own `permalink:` gives it.
func (p *Page) ownPermalink(pl string) string {
	if !strings.Contains(pl, ":") {
		return sanitizeURL(pl)
	}
	if p.Date != "" {
		slug := p.Slug
		if s := p.front.String("slug"); s != "" {
			slug = s
		}
		return PostURL(pl, p.Path, p.Date, slug, p.frontCategories())
	}
	dir, base := path.Split(p.Path)
	return sanitizeURL(fillTemplate(pl, map[string]string{
		"path": dir, "basename": strings.TrimSuffix(base, path.Ext(base)), "output_ext": ".html",
	}))
}

// frontCategories are the `category` and `categories` of the front
// matter (a list, or words separated by spaces).
func (p *Page) frontCategories() []string {
	var out []string
	for _, key := range []string{"categories", "category"} {
		n := p.front.Lookup(key)
		if n == nil {
			continue
		}
		if len(n.Content) > 0 {
			for _, it := range n.Content {
				out = append(out, it.Value)
			}
			continue
		}
		if key == "categories" {
			out = append(out, strings.Fields(n.Value)...)
		} else {
			out = append(out, n.Value)
		}
	}
	return out
}
