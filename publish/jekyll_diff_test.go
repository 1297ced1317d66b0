package publish

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestJekyllDifferential builds every corpus course, and the edge-case
// course testdata/jekyll-edge (every kramdown and Jekyll rule Coursewright
// follows), with real Jekyll — plain kramdown, no theme, a layout that is
// only {{ content }} — and with Coursewright, and compares them page by
// page: the same addresses, the same main-content words (similarity ≥
// 0.99), the same numbers of headings, list items, definition terms and
// descriptions, abbreviations, tables, images and links, the same element
// ids. What Coursewright changes on purpose is listed once, in
// intendedDifferences, with the reason; anything else fails.
//
// CI installs Debian's jekyll (4.3.1); elsewhere the test is skipped when
// jekyll is missing, but never when CI=true.
func TestJekyllDifferential(t *testing.T) {
	jekyll, err := exec.LookPath("jekyll")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("jekyll is not installed, and CI must run the differential test (apt-get install jekyll)")
		}
		t.Skip("jekyll is not installed (apt-get install jekyll)")
	}
	type course struct{ name, dir string }
	var courses []course
	for _, name := range corpusCourses(t) {
		courses = append(courses, course{name, filepath.Join(testcorpus.Dir(t), name)})
	}
	courses = append(courses, course{"jekyll-edge", filepath.Join("testdata", "jekyll-edge")})
	// Jekyll's "pretty" permalink style, and posts' own permalinks and
	// categories.
	courses = append(courses, course{"jekyll-pretty", filepath.Join("testdata", "jekyll-pretty")})
	var table []string
	for _, tc := range courses {
		t.Run(tc.name, func(t *testing.T) {
			row := diffCourse(t, jekyll, tc.dir, plainJekyll)
			table = append(table, fmt.Sprintf("%-24s %s", tc.name, row))
		})
	}
	t.Logf("\n%-24s %5s %5s %6s %6s %8s %s\n%s", "course", "pages", "same", "minsim", "jekyll", "cw", "diffs", strings.Join(table, "\n"))
	var accepted []string
	for _, d := range intendedDifferences {
		accepted = append(accepted, d.name)
	}
	for _, d := range intendedFileDifferences {
		accepted = append(accepted, d.name)
	}
	t.Logf("intended differences: %s", strings.Join(accepted, "; "))
}

// intendedDifference is a way Coursewright's page differs from Jekyll's on
// purpose; fix rewrites the Jekyll side (or both) to what Coursewright
// makes, so that the comparison sees only unintended differences.
type intendedDifference struct {
	name, reason string
	fix          func(j, cw *html.Node, title string)
}

// intendedDifferences are every difference the test accepts.
var intendedDifferences = []intendedDifference{
	{"page title", "the theme shows the page's title as its h1: a heading at the start of the content that repeats the title becomes that h1, and a page without one gets it",
		func(j, cw *html.Node, title string) {
			dropLeadingTitle(j, title)
			if h := firstElement(cw); h != nil && h.DataAtom == atom.H1 {
				h.Parent.RemoveChild(h)
			}
		}},
	{"bare addresses", "web and email addresses written as plain text become links (GitHub's autolink extension; kramdown leaves them as text): such links, and <…> autolinks on both sides, count as their text",
		func(j, cw *html.Node, _ string) {
			for _, root := range []*html.Node{j, cw} {
				eachElement(root, func(n *html.Node) {
					if n.DataAtom != atom.A {
						return
					}
					text, href := strings.TrimSpace(textOf(n)), attrOf(n, "href")
					if href == text || href == "mailto:"+text || href == "http://"+text {
						n.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: text}, n)
						n.Parent.RemoveChild(n)
					}
				})
			}
		}},
	{"video links", "a paragraph that is only a YouTube or Vimeo link becomes an accessible player (figure, iframe, link to the video's page)",
		func(j, cw *html.Node, _ string) {
			eachElement(j, func(n *html.Node) {
				if n.DataAtom == atom.P && isVideoParagraph(n) {
					n.Parent.RemoveChild(n)
				}
			})
			eachElement(cw, func(n *html.Node) {
				if hasClassAttr(n, "video") {
					n.Parent.RemoveChild(n)
				}
			})
		}},
	{"sanitiser", "scripts, forms, objects and iframes from hosts outside the allowlist are removed from course pages (check reports each)",
		func(j, _ *html.Node, _ string) {
			eachElement(j, func(n *html.Node) {
				switch n.DataAtom {
				case atom.Script, atom.Form, atom.Object, atom.Embed, atom.Noscript:
					n.Parent.RemoveChild(n)
				}
			})
		}},
	{"missing images", "an image whose file does not exist is shown as its alt text (check reports it) instead of a broken image",
		func(j, cw *html.Node, _ string) {
			missing := 0
			eachElement(cw, func(n *html.Node) {
				if hasClassAttr(n, "missing-image") {
					missing++
				}
			})
			if missing == 0 {
				return
			}
			// Count-only: the alt text is the same words kramdown leaves
			// out of the text, so add them back on Jekyll's side.
			eachElement(j, func(n *html.Node) {
				if n.DataAtom == atom.Img && missing > 0 && imgMissingIn(cw, attrOf(n, "alt")) {
					n.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: attrOf(n, "alt")}, n)
					n.Parent.RemoveChild(n)
					missing--
				}
			})
		}},
}

// intendedFileDifferences are the files other than pages that one build
// writes and the other does not, on purpose (compared by diffStylesheets).
var intendedFileDifferences = []struct{ name, reason string }{
	{"Sass stylesheets", "a .scss/.sass file with front matter is the old theme's stylesheet, which Jekyll compiles into .css (and a .map); Coursewright's theme has its own styles, so it is left out, and check says so once (course.CodeStylesheetsLeftOut). Without front matter both copy it as it is"},
}

// diffStylesheets compares the stylesheets (.css, .scss, .sass and their
// maps) the two builds write outside the theme's own assets/: the same
// files, but for intendedFileDifferences.
func diffStylesheets(t *testing.T, jout, cwout string, c *course.Course) []string {
	j, cw := stylesheetFiles(t, jout), stylesheetFiles(t, cwout)
	for _, rel := range c.ThemeStylesheets() {
		css := strings.TrimSuffix(rel, filepath.Ext(rel)) + ".css"
		if !j[css] {
			return []string{"Jekyll did not compile " + rel + " into " + css + ": is the Sass stylesheet rule still right?"}
		}
		delete(j, css)
		delete(j, css+".map")
	}
	var diffs []string
	for _, p := range sortedKeys(j) {
		if !cw[p] {
			diffs = append(diffs, "only Jekyll publishes "+p)
		}
	}
	for _, p := range sortedKeys(cw) {
		if !j[p] {
			diffs = append(diffs, "only Coursewright publishes "+p)
		}
	}
	return diffs
}

func stylesheetFiles(t *testing.T, dir string) map[string]bool {
	out := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() && rel == themeAssetDir {
			return filepath.SkipDir
		}
		switch strings.ToLower(filepath.Ext(strings.TrimSuffix(rel, ".map"))) {
		case ".css", ".scss", ".sass":
			if !d.IsDir() {
				out[rel] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pageStats is what the comparison looks at in one page's main content.
type pageStats struct {
	words  []string
	counts map[string]int
	ids    []string
	what   map[string][]string // per counted tag, its href/src or text, to show what differs
}

var countedTags = []string{"h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "abbr", "table", "img", "a"}

func statsOf(n *html.Node) pageStats {
	s := pageStats{counts: map[string]int{}, what: map[string][]string{}}
	var text strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data)
			text.WriteByte(' ')
		case html.ElementNode:
			if n.DataAtom == atom.Style || n.DataAtom == atom.Script {
				return
			}
			for _, tag := range countedTags {
				if n.Data == tag {
					s.counts[tag]++
					w := attrOf(n, "href") + attrOf(n, "src")
					if w == "" {
						w = strings.Join(wordsOf(textOf(n)), " ")
					}
					s.what[tag] = append(s.what[tag], w)
				}
			}
			if id := attrOf(n, "id"); id != "" {
				s.ids = append(s.ids, id)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	s.words = wordsOf(text.String())
	sort.Strings(s.ids)
	return s
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

// wordsOf splits text into words; typographic quotes and dashes are not
// words, so kramdown's smart quotes and goldmark's straight ones agree.
func wordsOf(s string) []string { return wordRE.FindAllString(strings.ToLower(s), -1) }

// similarity is 2·LCS/(len a + len b) of two word sequences.
func similarity(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return 2 * float64(prev[len(b)]) / float64(len(a)+len(b))
}

// diffConfig is one way of building a course with Jekyll: plain Jekyll,
// or Jekyll with GitHub Pages' plugins (jekyll_ghpages_test.go).
type diffConfig struct {
	ghpages bool
}

var plainJekyll = diffConfig{}

// diffCourse builds one course both ways and reports the differences.
func diffCourse(t *testing.T, jekyll, dir string, cfg diffConfig) string {
	src := filepath.Join(t.TempDir(), "src")
	testcorpus.CopyTree(t, dir, src)
	stubMissingIncludes(t, src)
	if cfg.ghpages {
		prepareGitHubPages(t, src)
	}
	jsrc := filepath.Join(t.TempDir(), "jsrc")
	testcorpus.CopyTree(t, src, jsrc)
	// Plain kramdown: no theme, no plugins, no layouts (a page whose
	// layout is missing is its content alone).
	diffYAML := "theme: null\nremote_theme: null\nplugins: []\nmarkdown: kramdown\n"
	env := []string{"JEKYLL_ENV=production", "LANG=C.UTF-8"}
	if cfg.ghpages {
		// GitHub Pages' plugins, and layouts that show which one a page
		// got and its title (prepareGitHubPages).
		diffYAML, env = gitHubPagesConfig(env)
	} else if err := os.RemoveAll(filepath.Join(jsrc, "_layouts")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(jsrc, "_diff.yml"), []byte(diffYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	jout := filepath.Join(t.TempDir(), "jekyll")
	start := time.Now()
	cmd := exec.Command(jekyll, "build", "--safe", "--quiet", "-s", jsrc, "-d", jout, "--config", filepath.Join(jsrc, "_config.yml")+","+filepath.Join(jsrc, "_diff.yml"))
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("jekyll build: %v\n%s", err, out)
	}
	jtime := time.Since(start)

	c, err := course.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	cwout := filepath.Join(t.TempDir(), "cw")
	start = time.Now()
	build(t, c, cwout, BuildOptions{})
	cwtime := time.Since(start)

	jpages, cwpages := htmlFiles(t, jout), htmlFiles(t, cwout)
	titles := pageTitles(c)
	var diffs []string
	for p := range jpages {
		if !cwpages[p] {
			diffs = append(diffs, "only Jekyll publishes "+p)
		}
	}
	for p := range cwpages {
		if !jpages[p] && !coursewrightOnly(p, c) && (cfg.ghpages || !gitHubPagesOnly(p, c)) {
			diffs = append(diffs, "only Coursewright publishes "+p)
		}
	}
	same, minSim := 0, 1.0
	for _, p := range sortedKeys(jpages) {
		if !cwpages[p] {
			continue
		}
		j := contentOf(t, filepath.Join(jout, p), false)
		cw := contentOf(t, filepath.Join(cwout, p), true)
		if cw == nil {
			diffs = append(diffs, p+": no main content in Coursewright's page")
			continue
		}
		var pd []string
		if cfg.ghpages {
			pd = gitHubPagesDiffs(c, p, j, cw, filepath.Join(cwout, p))
		}
		for _, d := range intendedDifferences {
			d.fix(j, cw, titles[p])
		}
		if cfg.ghpages {
			if d := linkTargetDiff(p, j, cw, jout); d != "" {
				pd = append(pd, d)
			}
		}
		js, cs := statsOf(j), statsOf(cw)
		sim := similarity(js.words, cs.words)
		minSim = min(minSim, sim)
		if sim < 0.99 {
			pd = append(pd, fmt.Sprintf("text similarity %.3f (%d words vs %d): %s", sim, len(js.words), len(cs.words), firstWordDiff(js.words, cs.words)))
		}
		for _, tag := range countedTags {
			if js.counts[tag] != cs.counts[tag] {
				pd = append(pd, fmt.Sprintf("%s: %d vs %d (only jekyll: %q; only coursewright: %q)", tag, js.counts[tag], cs.counts[tag],
					setMinus(js.what[tag], cs.what[tag]), setMinus(cs.what[tag], js.what[tag])))
			}
		}
		if a, b := strings.Join(js.ids, " "), strings.Join(cs.ids, " "); a != b {
			pd = append(pd, fmt.Sprintf("ids: only jekyll %q; only coursewright %q", setMinus(js.ids, cs.ids), setMinus(cs.ids, js.ids)))
		}
		if len(pd) == 0 {
			same++
			continue
		}
		diffs = append(diffs, p+": "+strings.Join(pd, "; "))
	}
	diffs = append(diffs, diffStylesheets(t, jout, cwout, c)...)
	for _, d := range diffs {
		t.Error(d)
	}
	return fmt.Sprintf("%5d %5d %6.3f %5.1fs %7.1fs %d", len(jpages), same, minSim, jtime.Seconds(), cwtime.Seconds(), len(diffs))
}

// coursewrightOnly are pages only Coursewright's site has, on purpose: the
// redirect from a module's folder address to its first page, the
// attributions page, the facilitator guide's index, the not-found page.
func coursewrightOnly(p string, c *course.Course) bool {
	switch {
	case p == "404.html", strings.HasPrefix(p, "attributions/"), p == course.GuideDir+"/index.html":
		return true
	}
	for _, m := range c.Modules {
		if p == course.ModulesDir+"/"+strings.ToLower(m.Slug)+"/index.html" {
			return true
		}
	}
	return false
}

// stubMissingIncludes gives both builds the same empty file for every
// include a page names that the course lacks (theme includes such as
// video.html): Jekyll stops at a missing include, Coursewright shows a
// placeholder; neither is what the comparison is about.
func stubMissingIncludes(t *testing.T, dir string) {
	re := regexp.MustCompile(`\{%-?\s*include\s+([\w./-]+)`)
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown") || strings.HasSuffix(p, ".html")) {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			inc := filepath.Join(dir, "_includes", filepath.FromSlash(m[1]))
			if _, err := os.Stat(inc); err != nil {
				_ = os.MkdirAll(filepath.Dir(inc), 0o755)
				if err := os.WriteFile(inc, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		return nil
	})
}

func htmlFiles(t *testing.T, dir string) map[string]bool {
	out := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The theme's own files are not pages of the course.
	for p := range out {
		if strings.HasPrefix(p, "assets/") {
			delete(out, p)
		}
	}
	return out
}

// pageTitles maps each page's output file to its title.
func pageTitles(c *course.Course) map[string]string {
	m := map[string]string{}
	for _, p := range c.AllPages() {
		m[outFile(p.URL())] = p.SiteTitle()
	}
	return m
}

// contentOf is the main content of a built page: Jekyll's whole output
// (the layout is only {{ content }}), Coursewright's article.
func contentOf(t *testing.T, file string, coursewright bool) *html.Node {
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if !coursewright {
		return doc
	}
	var found *html.Node
	eachElement(doc, func(n *html.Node) {
		if found == nil && (n.DataAtom == atom.Article && hasClassAttr(n, "content") || hasClassAttr(n, "home-content")) {
			found = n
		}
	})
	if found == nil && strings.Contains(string(b), `http-equiv="refresh"`) {
		return &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	}
	return found
}

func eachElement(n *html.Node, f func(*html.Node)) {
	var all []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			all = append(all, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	for _, e := range all {
		if e.Parent != nil || e == n {
			f(e)
		}
	}
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClassAttr(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attrOf(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// firstElement is the first element inside n that has no element before
// it other than its ancestors.
func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return nil
		}
	}
	return nil
}

// dropLeadingTitle removes a heading at the start of Jekyll's content
// when the theme's rule (leadingTitle) takes it as the page's title.
func dropLeadingTitle(doc *html.Node, title string) {
	var body *html.Node
	eachElement(doc, func(n *html.Node) {
		if body == nil && n.DataAtom == atom.Body {
			body = n
		}
	})
	if body == nil {
		return
	}
	h := firstElement(body)
	if h != nil && attrOf(h, "data-layout") != "" {
		// The GitHub Pages configuration's layout around the content.
		body, h = h, firstElement(h)
	}
	if h == nil {
		return
	}
	var b strings.Builder
	_ = html.Render(&b, h)
	if _, level, _ := leadingTitle(b.String(), title); level > 0 {
		body.RemoveChild(h)
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

var videoLinkRE = regexp.MustCompile(`^https?://(?:www\.|m\.)?(?:youtube\.com/watch\?|youtu\.be/|vimeo\.com/\d)`)

// isVideoParagraph reports a paragraph that is nothing but one video link.
func isVideoParagraph(p *html.Node) bool {
	var a *html.Node
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.Type == html.ElementNode && c.DataAtom == atom.A && a == nil:
			a = c
		default:
			return false
		}
	}
	return a != nil && videoLinkRE.MatchString(attrOf(a, "href"))
}

func imgMissingIn(cw *html.Node, alt string) bool {
	found := false
	eachElement(cw, func(n *html.Node) {
		if hasClassAttr(n, "missing-image") && strings.TrimSpace(textOf(n)) == strings.TrimSpace(alt) {
			found = true
		}
	})
	return found
}

// firstWordDiff shows where two word sequences first part.
func firstWordDiff(a, b []string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	ctx := func(s []string) string {
		return strings.Join(s[max(0, i-3):min(len(s), i+8)], " ")
	}
	return fmt.Sprintf("jekyll %q / coursewright %q", ctx(a), ctx(b))
}

// setMinus is what a holds more often than b, at most five.
func setMinus(a, b []string) []string {
	n := map[string]int{}
	for _, x := range b {
		n[x]++
	}
	var out []string
	for _, x := range a {
		if n[x] > 0 {
			n[x]--
			continue
		}
		if len(out) < 5 {
			out = append(out, x)
		}
	}
	return out
}
