package publish

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"github.com/yuin/goldmark-emoji/definition"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestJekyllGitHubPages is the differential test's second configuration:
// Jekyll with the plugins GitHub Pages always runs (optional front
// matter, README as index, titles from headings, relative links, default
// layouts, site.github, gist) and those a course may turn on
// (redirect-from, seo-tag, feed, sitemap, mentions), set up as GitHub
// Pages sets them up, against Coursewright, on every corpus course and
// on testdata/ghpages-edge, which exercises each plugin. Besides what
// the first configuration compares, it compares every link's target,
// the title each page gets (the layouts print it) and the layout a page
// without one gets. jemoji has no Debian package: its shortcodes are
// turned into their characters on Jekyll's side from GitHub's list (see
// TestEmojiShortcodes for the table itself).
//
// CI installs Debian's plugin packages (.ci/run); elsewhere the test is
// skipped when they are missing, but never when CI=true.
func TestJekyllGitHubPages(t *testing.T) {
	jekyll, err := exec.LookPath("jekyll")
	if err == nil {
		if _, e := os.Stat("/usr/lib/ruby/vendor_ruby/jekyll-optional-front-matter.rb"); e != nil {
			err = e
		}
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("jekyll or GitHub Pages' plugins are not installed, and CI must run the differential test (see .ci/run)")
		}
		t.Skip("jekyll or GitHub Pages' plugins are not installed (see .ci/run's APT_PKGS)")
	}
	type tcourse struct{ name, dir string }
	var courses []tcourse
	for _, name := range corpusCourses(t) {
		courses = append(courses, tcourse{name, filepath.Join(testcorpus.Dir(t), name)})
	}
	courses = append(courses, tcourse{"ghpages-edge", filepath.Join("testdata", "ghpages-edge")})
	var table []string
	for _, tc := range courses {
		t.Run(tc.name, func(t *testing.T) {
			row := diffCourse(t, jekyll, tc.dir, diffConfig{ghpages: true})
			table = append(table, fmt.Sprintf("%-24s %s", tc.name, row))
		})
	}
	t.Logf("\n%-24s %5s %5s %6s %6s %8s %s\n%s", "course", "pages", "same", "minsim", "jekyll", "cw", "diffs", strings.Join(table, "\n"))
}

// gitHubPagesPlugins are what GitHub Pages runs (its DEFAULT_PLUGINS,
// less the CoffeeScript converter and the paginator, which no course
// uses) and the whitelisted ones courses turn on, Debian's packages of
// each. jemoji is not packaged.
var gitHubPagesPlugins = []string{
	"jekyll-optional-front-matter", "jekyll-readme-index", "jekyll-titles-from-headings", "jekyll-relative-links",
	"jekyll-default-layout", "jekyll-github-metadata", "jekyll-gist",
	"jekyll-redirect-from", "jekyll-seo-tag", "jekyll-feed", "jekyll-sitemap", "jekyll-mentions",
}

// diffRepository is the GitHub repository both sides take site.github
// from: PAGES_REPO_NWO for Jekyll, the origin remote for Coursewright.
const diffRepository = "p2pu/ghpages-edge"

// gitHubPagesConfig is the extra _config.yml and environment of the
// GitHub Pages configuration: its plugins (in safe mode, so whitelisted,
// as GitHub Pages does), gist without the <noscript> fetch (GitHub Pages'
// override), no base URL (Coursewright's links are relative), and the
// repository for jekyll-github-metadata (offline, it asks no API).
func gitHubPagesConfig(env []string) (string, []string) {
	list := "[" + strings.Join(gitHubPagesPlugins, ", ") + "]"
	yml := "theme: null\nremote_theme: null\nmarkdown: kramdown\nplugins: " + list + "\nwhitelist: " + list +
		"\ngist: {noscript: false}\nbaseurl: \"\"\nurl: \"\"\n"
	return yml, append(env, "PAGES_REPO_NWO="+diffRepository, "JEKYLL_GITHUB_TOKEN=", "NO_NETWORK=1")
}

// diffLayouts replace a course's layouts on both sides: jekyll-default-
// layout picks among home, page and post, and each prints its name and
// the page's title around the content.
var diffLayouts = []string{"home", "page", "post", "default"}

// prepareGitHubPages gives the course the layouts above and an origin
// remote on GitHub (what site.github answers from in Coursewright).
func prepareGitHubPages(t *testing.T, src string) {
	layouts := filepath.Join(src, "_layouts")
	if err := os.RemoveAll(layouts); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(layouts, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, l := range diffLayouts {
		text := fmt.Sprintf("<div data-layout=%q data-title=\"{{ page.title | escape }}\">{{ content }}</div>\n", l)
		if err := os.WriteFile(filepath.Join(layouts, l+".html"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(src, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	gitConfig := "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = https://github.com/" + diffRepository + ".git\n"
	if err := os.WriteFile(filepath.Join(src, ".git", "config"), []byte(gitConfig), 0o644); err != nil {
		t.Fatal(err)
	}
}

// gitHubPagesOnly are pages only the plugins make (markdown without front
// matter, README indexes): the plain configuration accepts them.
func gitHubPagesOnly(p string, c *course.Course) bool {
	for _, pg := range c.AllPages() {
		if outFile(pg.URL()) == p {
			return !pg.HasFront()
		}
	}
	return false
}

// gitHubPagesDiffs compares what the plugins decide for one page — the
// redirect it is, its layout, its title, its links — and then removes
// from both sides what Coursewright does differently on purpose
// (gitHubPagesIntended), so the common comparison sees the rest.
func gitHubPagesDiffs(c *course.Course, p string, j, cw *html.Node, cwFile string) []string {
	var diffs []string
	pageURL := urlOfFile(p)
	if target := refreshTarget(j); target != "" {
		raw, _ := os.ReadFile(cwFile)
		doc, _ := html.Parse(strings.NewReader(string(raw)))
		if cwTarget := refreshTarget(doc); normTarget(pageURL, cwTarget) != normTarget(pageURL, target) {
			diffs = append(diffs, fmt.Sprintf("redirect: jekyll to %q, coursewright to %q", target, cwTarget))
		}
		for n := j.FirstChild; n != nil; n = j.FirstChild {
			j.RemoveChild(n)
		}
		return diffs
	}
	if d := layoutDiff(j, cwFile); d != "" {
		diffs = append(diffs, d)
	}
	if d := titleDiff(c, p, j, cwFile); d != "" {
		diffs = append(diffs, d)
	}
	for _, d := range gitHubPagesIntended {
		d.fix(j, cw, "")
	}
	emojiDifference(c, j)
	return diffs
}

// linkTargetDiff compares every link's target, once the intended
// differences are out of the way.
func linkTargetDiff(p string, j, cw *html.Node, jout string) string {
	pageURL := urlOfFile(p)
	jl, cl := linkTargets(j, pageURL, jout), linkTargets(cw, pageURL, "")
	if strings.Join(jl, " ") != strings.Join(cl, " ") {
		return fmt.Sprintf("link targets: only jekyll %q; only coursewright %q", setMinus(jl, cl), setMinus(cl, jl))
	}
	return ""
}

// gitHubPagesIntended are the plugins' effects Coursewright does its
// own way, with the reason.
var gitHubPagesIntended = []intendedDifference{
	{"seo and feed tags", "{% seo %} and {% feed_meta %} write <title>, <meta> and <link> tags for the page's head; Coursewright's theme writes its own in every page's head, so in a page's body the tags produce nothing",
		func(j, _ *html.Node, _ string) {
			eachElement(j, func(n *html.Node) {
				switch n.DataAtom {
				case atom.Title, atom.Meta, atom.Link:
					n.Parent.RemoveChild(n)
				}
			})
		}},
	{"gist", "jekyll-gist writes a <script> from gist.github.com, which the site's Content-Security-Policy does not run (GitHub Pages turns off its <noscript> copy); Coursewright writes a link to the gist instead: each gist's link must stand where Jekyll's script was",
		func(j, cw *html.Node, _ string) {
			var want, got []string
			eachElement(j, func(n *html.Node) {
				if m := gistScriptRE.FindStringSubmatch(attrOf(n, "src")); n.DataAtom == atom.Script && m != nil {
					want = append(want, m[1]+"|"+m[2])
				}
			})
			eachElement(cw, func(n *html.Node) {
				if n.DataAtom == atom.A && hasClassAttr(n, "gist") {
					if m := gistLinkRE.FindStringSubmatch(attrOf(n, "href")); m != nil && strings.Contains(textOf(n), m[1]) {
						file := ""
						if f := gistFileRE.FindStringSubmatch(textOf(n)); f != nil {
							file = f[1]
						}
						got = append(got, m[1]+"|"+file)
						n.Parent.RemoveChild(n)
					}
				}
			})
			if strings.Join(want, " ") != strings.Join(got, " ") {
				// Left in place, the links make the comparison fail.
				cw.AppendChild(&html.Node{Type: html.TextNode, Data: fmt.Sprintf("gists differ: jekyll %v coursewright %v", want, got)})
			}
		}},
}

// emojiDifference: jemoji (not packaged by Debian) turns :shortcodes:
// into images from GitHub's asset host; Coursewright writes the
// characters themselves (the site loads nothing from other hosts). On
// Jekyll's side, a course that lists jemoji has its shortcodes turned
// into GitHub's characters, which Coursewright's page must then have.
func emojiDifference(c *course.Course, j *html.Node) {
	if c.UsesPlugin(course.PluginJemoji) {
		replaceShortcodes(j)
	}
}

var (
	gistScriptRE = regexp.MustCompile(`^https://gist\.github\.com/(.+?)\.js(?:\?file=(.*))?$`)
	gistLinkRE   = regexp.MustCompile(`^https://gist\.github\.com/([^#]+)`)
	gistFileRE   = regexp.MustCompile(`\(([^)]*)\)`)
	shortcodeRE  = regexp.MustCompile(`:([\w+-]+):`)
)

// replaceShortcodes turns :name: into its character, outside code, as
// jemoji does (its filter skips pre, code and tt).
func replaceShortcodes(n *html.Node) {
	gh := definition.Github()
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Pre || n.DataAtom == atom.Code || n.DataAtom == atom.Tt) {
			return
		}
		if n.Type == html.TextNode {
			n.Data = shortcodeRE.ReplaceAllStringFunc(n.Data, func(m string) string {
				if e, ok := gh.Get(m[1 : len(m)-1]); ok && len(e.Unicode) > 0 {
					return string(e.Unicode)
				}
				return m
			})
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
}

// urlOfFile is the address of an output file: a/index.html → /a/.
func urlOfFile(p string) string {
	if p == "index.html" || strings.HasSuffix(p, "/index.html") {
		return "/" + strings.TrimSuffix(p, "index.html")
	}
	return "/" + p
}

// refreshTarget is the address a redirect page's <meta http-equiv=refresh> sends to.
func refreshTarget(doc *html.Node) string {
	target := ""
	eachElement(doc, func(n *html.Node) {
		if n.DataAtom == atom.Meta && strings.EqualFold(attrOf(n, "http-equiv"), "refresh") {
			if _, u, ok := strings.Cut(attrOf(n, "content"), "url="); ok {
				target = strings.TrimSpace(u)
			}
		}
	})
	return target
}

// normTarget makes a link comparable: site-absolute, unescaped, folder
// addresses without index.html; web addresses stay as they are.
func normTarget(pageURL, href string) string {
	if href == "" || strings.HasPrefix(href, "//") || schemeRE.MatchString(href) {
		return href
	}
	frag := ""
	if i := strings.Index(href, "#"); i >= 0 {
		href, frag = href[:i], href[i:]
	}
	if href == "" {
		return frag
	}
	if u, err := url.PathUnescape(href); err == nil {
		href = u
	}
	if !strings.HasPrefix(href, "/") {
		base := pageURL
		if !strings.HasSuffix(base, "/") {
			base = path.Dir(base) + "/"
		}
		slash := strings.HasSuffix(href, "/")
		href = path.Join(base, href)
		if slash {
			href += "/"
		}
	}
	// Coursewright writes a folder's address with its slash, where an
	// author may have left it out (the server adds it).
	href = strings.TrimSuffix(strings.TrimSuffix(href, "index.html"), "/")
	return href + frag
}

// builtFile reports whether a site has something at the address t.
func builtFile(site, t string) bool {
	t, _, _ = strings.Cut(t, "#")
	t, _, _ = strings.Cut(t, "?")
	for _, f := range []string{t, t + "/index.html", t + ".html"} {
		if st, err := os.Stat(filepath.Join(site, filepath.FromSlash(f))); err == nil && !st.IsDir() {
			return true
		}
	}
	return false
}

var markdownFileRE = regexp.MustCompile(`(?i)\.(md|markdown)(#.*)?$`)

var schemeRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// linkTargets are a page's link targets, sorted; jout is Jekyll's site
// for its page, "" for Coursewright's. A link to nothing is "(none)" on
// both sides: Coursewright keeps its text without an address (and check
// reports it); Jekyll's leads to a missing page.
func linkTargets(n *html.Node, pageURL, jout string) []string {
	coursewright := jout == ""
	var out []string
	eachElement(n, func(a *html.Node) {
		if a.DataAtom != atom.A {
			return
		}
		href := attrOf(a, "href")
		switch {
		case coursewright && hasClassAttr(a, "broken-link"):
			out = append(out, "(none)")
		case href == "":
		case !coursewright && !strings.Contains(href, "://") && markdownFileRE.MatchString(href):
			// A link to a markdown file that is not a page: missing, or a
			// README or LICENSE Jekyll copies raw. Coursewright publishes
			// no markdown source (check reports the link).
			out = append(out, "(none)")
		default:
			t := normTarget(pageURL, href)
			if !coursewright && strings.HasPrefix(t, "/") && !builtFile(jout, t) {
				t = "(none)"
			}
			out = append(out, t)
		}
	})
	sort.Strings(out)
	return out
}

// layoutDiff compares the layout Jekyll gave a page (the diff layouts
// print it) with the kind of page Coursewright's theme drew: home for
// home, a module page for post, another page for page.
func layoutDiff(j *html.Node, cwFile string) string {
	layout := ""
	eachElement(j, func(n *html.Node) {
		if layout == "" {
			layout = attrOf(n, "data-layout")
		}
	})
	raw, err := os.ReadFile(cwFile)
	if err != nil || layout == "" || layout == "default" {
		return ""
	}
	kind := ""
	if m := regexp.MustCompile(`<body class="kind-(\w+)`).FindSubmatch(raw); m != nil {
		kind = string(m[1])
	}
	want := map[string]string{"home": "home", "post": "module"}[layout]
	if (want != "" && kind != want) || (layout == "page" && (kind == "home" || kind == "module")) {
		return fmt.Sprintf("layout: jekyll %s, coursewright draws a %s page", layout, kind)
	}
	return ""
}

// titleDiff compares the title Jekyll gave a page that is not a post
// (titles-from-headings gives them theirs) with the one Coursewright's
// page shows.
func titleDiff(c *course.Course, p string, j *html.Node, cwFile string) string {
	jt, has := "", false
	eachElement(j, func(n *html.Node) {
		if !has && attrOf(n, "data-layout") != "" {
			jt, has = strings.TrimSpace(attrOf(n, "data-title")), true
		}
	})
	if !has || jt == "" || p == "index.html" {
		return ""
	}
	for _, pg := range c.AllPages() {
		if outFile(pg.URL()) == p && pg.Date != "" {
			return "" // a post: Jekyll's title from its file name is not the plugin's
		}
	}
	raw, err := os.ReadFile(cwFile)
	if err != nil {
		return ""
	}
	m := regexp.MustCompile(`<title>([^<]*)</title>`).FindSubmatch(raw)
	if m == nil {
		return "no <title> in Coursewright's page"
	}
	cwt := strings.TrimSuffix(html.UnescapeString(string(m[1])), " — "+c.Meta().Title)
	if cwt != jt {
		return fmt.Sprintf("title: jekyll %q, coursewright %q", jt, cwt)
	}
	return ""
}
