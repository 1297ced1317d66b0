package course

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// Check validates a loaded course the way an author needs it: what would
// break the published site or confuse its readers, located at a file,
// line and column and worded without Jekyll or YAML jargon. It returns
// the problems Load recorded together with its own findings, sorted by
// file, line and column. Check only reads: it never changes the Course
// or the folder, so the GUI can run it after every edit.
func Check(c *Course) []Diagnostic { return CheckWith(c, CheckOptions{}) }

// CheckWith is Check with the checks that need more than the course
// folder: a translation's source, and whether the course is about to be
// published.
func CheckWith(c *Course, opts CheckOptions) []Diagnostic {
	ds, _ := CheckWithContext(context.Background(), c, opts)
	return ds
}

// CheckContext is Check that stops when ctx is done, between pages (each
// page's check reads its links' targets and images), returning ctx.Err()
// and no diagnostics: the app's Cancel, and a check overtaken by a later
// one, take effect within a page even on a course of thousands.
func CheckContext(ctx context.Context, c *Course) ([]Diagnostic, error) {
	return CheckWithContext(ctx, c, CheckOptions{})
}

// CheckWithContext is CheckWith that stops when ctx is done, as
// CheckContext does.
func CheckWithContext(ctx context.Context, c *Course, opts CheckOptions) ([]Diagnostic, error) {
	ck := &checker{c: c, dirs: map[string]*checkDir{}}
	ck.out = append(ck.out, c.Problems...)
	steps := []func(){ck.indexPages, ck.checkData, ck.checkConfig, ck.checkPlugins, ck.checkModules, ck.checkStylesheets}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		step()
	}
	for _, p := range c.AllPages() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ck.checkPage(p)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ck.out = append(ck.out, GuideDiagnostics(c)...)
	ck.out = append(ck.out, opts.extraDiagnostics(c)...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(ck.out, func(i, j int) bool {
		a, b := ck.out[i], ck.out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return ck.out, nil
}

// checker holds what one Check call learns about the course; it lives
// only for that call, so a later Check sees the folder afresh.
type checker struct {
	c   *Course
	out []Diagnostic

	urls  map[string]*Page     // checkURLKey(page URL) → page
	posts map[string][]*Page   // "YYYY-MM-DD-slug" → module pages with that name
	dirs  map[string]*checkDir // folders read, by slash path
}

func (ck *checker) add(code Code, file string, line, col int, sev Severity, msg, hint string, args ...string) {
	ck.out = append(ck.out, Diagnostic{File: file, Line: line, Col: col, Severity: sev, Code: code, Args: argMap(args), Message: msg, Hint: hint})
}

// checkURLKey makes the form under which a site path is compared with page
// URLs. Jekyll lower-cases the module part of a URL (categories) and web
// servers serve /x/ for /x and /x/index.html, so links differing only in
// those ways reach the same page.
func checkURLKey(u string) string {
	u = strings.ToLower(u)
	if strings.HasSuffix(u, "/index.html") {
		u = strings.TrimSuffix(u, "index.html")
	}
	return strings.TrimRight(u, "/")
}

func (ck *checker) indexPages() {
	ck.urls = map[string]*Page{}
	ck.posts = map[string][]*Page{}
	for _, p := range ck.c.AllPages() {
		urls := []string{p.URL()}
		// A permalink in the front matter moves the page; one with
		// :placeholders is left to Jekyll.
		if p.front != nil {
			if pl := p.front.String("permalink"); pl != "" && !strings.Contains(pl, ":") {
				urls = append(urls, "/"+strings.TrimPrefix(pl, "/"))
			}
		}
		for _, u := range urls {
			if k := checkURLKey(u); ck.urls[k] == nil {
				ck.urls[k] = p
			}
		}
		if p.Date != "" {
			name := p.Date + "-" + p.Slug
			ck.posts[name] = append(ck.posts[name], p)
		}
	}
}

// checkData looks at _data/course.yml: that it exists, and that the
// license and language Coursewright adds to it are usable.
func (ck *checker) checkData() {
	c := ck.c
	if c.Data == nil {
		// An invalid or refused file has been reported by Load already;
		// only a missing one is news.
		if c.dataOrig == nil && !exists(c.Dir, DataFile) {
			ck.add(CodeNoCourseData, DataFile, 0, 0, SeverityWarning,
				"the course has no "+DataFile+" file, so the site shows no course title and no list of modules",
				"create it with the course title and the list of modules")
		}
		return
	}
	if n := c.Data.Lookup("license"); n != nil && !(n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		line, col := n.Line, n.Column
		if n.Kind != yaml.ScalarNode {
			ck.add(CodeLicenseNotOne, DataFile, line, col, SeverityError, "the license must be one license name, such as CC-BY-SA-4.0",
				"choose one license for the course")
		} else if !ValidLicenseID(n.Value) {
			ck.add(CodeLicenseUnknown, DataFile, line, col, SeverityError, fmt.Sprintf("%q is not a license Coursewright knows", n.Value),
				"use a license id such as CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0, or choose one in the course settings", "Value", n.Value)
		}
	}
	if n := c.Data.Lookup("language"); n != nil && n.Kind == yaml.ScalarNode && n.Value != "" {
		if _, err := language.Parse(n.Value); err != nil {
			line, col := n.Line, n.Column
			ck.add(CodeLanguageUnknown, DataFile, line, col, SeverityWarning, fmt.Sprintf("%q is not a language code", n.Value),
				"use a code such as en, es, fr or pt-BR", "Value", n.Value)
		}
	}
}

// checkConfig checks that the banner images the course names are in
// the course: the theme shows them on every page. The banner image may
// be set by the older template's jumbotron_background_image.
func (ck *checker) checkConfig() {
	var settings []Setting
	var values []string
	if v, at := ck.c.BannerImage(); v != "" {
		settings, values = append(settings, at), append(values, v)
	}
	if ck.c.Config != nil {
		for _, key := range []string{"jumbotron_mask", "jumbotron_icon"} {
			n := ck.c.Config.Lookup(key)
			if n == nil || n.Kind != yaml.ScalarNode || n.Value == "" || n.Tag == "!!null" {
				continue
			}
			settings, values = append(settings, Setting{Key: key, File: ConfigFile, Line: n.Line}), append(values, n.Value)
		}
	}
	for i, at := range settings {
		val := values[i]
		site, ok := ResolveLink("/", val)
		if !ok {
			continue // a web address or Liquid: nothing to look for here
		}
		if problem := ck.checkFile(strings.Trim(site, "/"), true); problem != "" {
			col := 0
			if n := ck.settingNode(at); n != nil {
				col = n.Column
			}
			ck.add(CodeBannerImage, at.File, at.Line, col, SeverityWarning,
				fmt.Sprintf("the banner image %q (%s) %s", val, at.Key, problem),
				"add the image to the img folder, or choose another banner image", "Image", val, "Setting", at.Key)
		}
	}
}

// settingNode is the value node of a setting.
func (ck *checker) settingNode(at Setting) *yaml.Node {
	d := ck.c.Config
	if at.File == DataFile {
		d = ck.c.Data
	}
	if d == nil {
		return nil
	}
	return d.Lookup(at.Key)
}

// checkModules reports the module list's problems and pages that would
// overwrite each other on the site.
func (ck *checker) checkModules() {
	c := ck.c
	var items []*yaml.Node
	if c.Data != nil {
		switch n := c.Data.Lookup("modules"); {
		case n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null"):
		case n.Kind == yaml.SequenceNode:
			items = n.Content
		default:
			// The theme loops over this list to build the top bar.
			ck.add(CodeModulesNotList, DataFile, n.Line, n.Column, SeverityError, "the modules must be written as a list",
				`write them as modules: ["first-module", "second-module"], or one "- name" per line`)
		}
	}
	// listedModules returns one entry per list item, so its index matches
	// items.
	listed := c.listedModules()
	first := map[string]int{}
	for i, lm := range listed {
		if i >= len(items) {
			break
		}
		line, col := items[i].Line, items[i].Column
		if lm.slug == "" {
			ck.add(CodeModuleEntryEmpty, DataFile, line, col, SeverityError, "this entry of the module list names no module folder",
				"give it a slug (the folder name under modules/) or remove it")
			continue
		}
		if why := moduleEntryProblem(lm.slug); why != "" {
			ck.add(CodeModuleEntryInvalid, DataFile, line, col, SeverityError, fmt.Sprintf("the module entry %q %s", lm.slug, why),
				"a module entry is the name of one folder inside modules/, such as setup", "Module", lm.slug)
			continue
		}
		if j, dup := first[lm.slug]; dup {
			where := fmt.Sprintf("first on line %d", items[j].Line)
			if items[j].Line == line {
				where = "also earlier on this line"
			}
			ck.add(CodeModuleListedTwice, DataFile, line, col, SeverityError,
				fmt.Sprintf("module %q is listed twice (%s)", lm.slug, where),
				"remove one of the two entries", "Module", lm.slug, "FirstLine", strconv.Itoa(items[j].Line))
			continue
		}
		first[lm.slug] = i
		if m := c.Module(lm.slug); m != nil && m.Missing {
			ck.add(CodeModuleFolderMissing, DataFile, line, col, SeverityError,
				fmt.Sprintf("module %q is listed but there is no folder modules/%s", lm.slug, lm.slug),
				"create the module, fix the name to match its folder, or remove it from the list", "Module", lm.slug)
		}
	}

	for _, m := range c.Modules {
		if m.Hidden && c.Data != nil {
			ck.add(CodeModuleNotListed, ModulesDir+"/"+m.Slug, 0, 0, SeverityInfo,
				fmt.Sprintf("module %q is not in the menu because %s does not list it; its pages are still published, as Jekyll publishes them", m.Slug, DataFile),
				"add it to the module list to show it in the menu; to keep a page off the site, set published: false in it", "Module", m.Slug)
		}
		// Jekyll publishes a page at /modules/<m>/<slug>/ whatever its
		// date, so two files with one slug write the same address and
		// one of them is lost.
		seen := map[string]*Page{}
		for _, p := range m.Pages {
			if prev := seen[p.Slug]; prev != nil {
				ck.add(CodePageSameAddress, p.Path, 0, 0, SeverityError,
					fmt.Sprintf("this page has the same name (%q) as %s; both would be published at %s and one would replace the other", p.Slug, prev.Path, p.URL()),
					"rename one of the two pages", "Other", prev.Path, "Address", p.URL())
				continue
			}
			seen[p.Slug] = p
		}
	}
}

// pageKind tells Check which rules apply to a page.
func (ck *checker) pageKind(p *Page) fileKind {
	c := ck.c
	switch {
	case p.Date != "":
		return kindModulePage
	case p == c.Home:
		return kindHome
	case p == c.guideIndex:
		return kindGuideIndex
	}
	for _, g := range c.Guides {
		if g.Page == p {
			return kindGuide
		}
	}
	for _, s := range c.Pages {
		if s == p {
			return kindSingle
		}
	}
	return -1 // other markdown: checked for links only
}

// checkFrontValid reports whether the page's front matter parsed; Load has
// reported one that did not, and its keys are then unknown.
func checkFrontValid(p *Page) bool {
	if p.front == nil || p.front.root != nil || strings.TrimSpace(string(p.front.src)) == "" {
		return true
	}
	_, err := ParseDoc(p.front.src)
	return err == nil
}

// checkFrontLine is the file line of a front matter value: the front matter
// starts on line 2, after the opening ---.
func checkFrontLine(n *yaml.Node) int { return n.Line + 1 }

func (ck *checker) checkPage(p *Page) {
	kind := ck.pageKind(p)
	if checkFrontValid(p) {
		ck.checkTitle(p, kind)
		if !p.Published() {
			line := 1
			if n := p.front.Lookup("published"); n != nil {
				line = checkFrontLine(n)
			}
			ck.add(CodePageUnpublished, p.Path, line, 0, SeverityInfo, "this page is not published (published: false): it will not appear on the site",
				"remove the published line when the page is ready")
		}
	}
	ck.checkLinks(p)
	ck.checkSelfChecks(p)
}

func (ck *checker) checkTitle(p *Page, kind fileKind) {
	var sev Severity
	switch kind {
	case kindModulePage:
		// A module page with no front matter at all is a plain markdown
		// file Jekyll (GitHub Pages) still publishes, titled from its file
		// name; real courses have such pages, so it is a warning. A front
		// matter without a title is an authoring slip: an error.
		sev = SeverityError
		if !p.HasFront() {
			sev = SeverityWarning
		}
	case kindSingle, kindGuide, kindGuideIndex:
		sev = SeverityWarning
	default:
		return // the home page and other files need no title
	}
	if strings.TrimSpace(p.Title()) != "" {
		return
	}
	line := 1
	msg := "this page has no title"
	if p.front != nil {
		if n := p.front.Lookup("title"); n != nil {
			line = checkFrontLine(n)
			msg = "this page's title is empty"
		}
	}
	// Jekyll makes up a title from the file name for module pages
	// ("2000-01-01-index.md" becomes "Index"), not for other pages.
	effect := "the site shows it without a title"
	if kind == kindModulePage {
		effect = "the module's page list shows a title made from its file name instead"
	}
	ck.add(CodePageUntitled, p.Path, line, 0, sev, msg+"; "+effect, "give the page a title")
}

// checkBodyLines maps byte offsets of a page body to lines and columns of the
// file, whose first lines hold the front matter.
type checkBodyLines struct {
	body   string
	starts []int // byte offset of each body line
	offset int   // file lines before the body
}

func newCheckBodyLines(p *Page) *checkBodyLines {
	body := p.Body()
	bl := &checkBodyLines{body: body, starts: []int{0}}
	for i := 0; i < len(body); i++ {
		if body[i] == '\n' {
			bl.starts = append(bl.starts, i+1)
		}
	}
	// The body is the tail of the file; line endings are normalised
	// (CRLF → LF) but never added or removed, so the lines before it are
	// the file's newlines less the body's.
	bl.offset = bytes.Count(p.Bytes(), []byte("\n")) - (len(bl.starts) - 1)
	if bl.offset < 0 {
		bl.offset = 0
	}
	return bl
}

// pos converts a body byte offset to a 1-based file line and a column
// counted in characters, as an editor shows it.
func (bl *checkBodyLines) pos(off int) (line, col int) {
	i := sort.Search(len(bl.starts), func(i int) bool { return bl.starts[i] > off }) - 1
	return bl.offset + i + 1, utf8.RuneCountInString(bl.body[bl.starts[i]:off]) + 1
}

// Liquid forms a link target takes in real courses besides
// {{ site.baseurl }}: a quoted path through the relative_url or
// absolute_url filter.
var checkLiquidURLRE = regexp.MustCompile(`^\{\{-?\s*(?:"([^"]*)"|'([^']*)')\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}(.*)$`)

// checkUnLiquid rewrites {{ "/x" | relative_url }}rest into /xrest so it can
// be resolved; other targets are returned unchanged.
func checkUnLiquid(t string) string {
	m := checkLiquidURLRE.FindStringSubmatch(t)
	if m == nil {
		return t
	}
	lit := m[1] + m[2]
	if schemeRE.MatchString(lit) || strings.HasPrefix(lit, "//") {
		return lit + m[3]
	}
	return "/" + strings.TrimPrefix(lit, "/") + m[3]
}

// checkFullTarget extends a markdown link target that ExtractLinks cut at a
// space: kramdown, which Course-in-a-Box uses, takes everything up to the
// closing parenthesis, so "(../processor architecture/index)" is one
// link. A quoted text after the space is a link title, not part of it.
func checkFullTarget(body string, r LinkRef) string {
	if r.Kind != LinkMarkdown || r.End >= len(body) || (body[r.End] != ' ' && body[r.End] != '\t') {
		return r.Target
	}
	rest := body[r.End:]
	end := strings.IndexAny(rest, ")\n")
	if end < 0 || rest[end] != ')' {
		return r.Target
	}
	tail := strings.TrimSpace(rest[:end])
	if tail == "" || strings.ContainsAny(tail[:1], `"'(`) {
		return r.Target
	}
	return r.Target + rest[:end]
}

// checkExtractLinks is ExtractLinks run paragraph by paragraph, and only
// on paragraphs with a sign of a link: ExtractLinks' patterns read a
// 5,000-page course at a few tens of MB/s, and most paragraphs are plain
// prose. No link crosses a blank line, so the result is the same, with
// offsets into the whole body.
func checkExtractLinks(body string) []LinkRef {
	var out []LinkRef
	for start := 0; start < len(body); {
		end := len(body)
		if i := strings.Index(body[start:], "\n\n"); i >= 0 {
			end = start + i + 1
		}
		block := body[start:end]
		if strings.Contains(block, "](") || strings.Contains(block, "]:") || strings.Contains(block, "post_url") ||
			(strings.IndexByte(block, '<') >= 0 && strings.IndexByte(block, '=') >= 0) {
			for _, r := range ExtractLinks(block) {
				r.Start += start
				r.End += start
				out = append(out, r)
			}
		}
		start = end
	}
	return out
}

// checkIsImage tells from its name whether a linked file is an image, so
// a plain link to one is reported as a missing image.
func checkIsImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".bmp", ".avif", ".tif", ".tiff":
		return true
	}
	return false
}

func (ck *checker) checkLinks(p *Page) {
	body := p.Body()
	refs := checkExtractLinks(body)
	if len(refs) == 0 {
		return
	}
	skip := checkSkipRanges(body)
	var bl *checkBodyLines
	at := func(off int) (int, int) {
		if bl == nil {
			bl = newCheckBodyLines(p)
		}
		return bl.pos(off)
	}
	for _, r := range refs {
		if inBodyRanges(skip, r.Start) {
			continue
		}
		if r.Image && !r.HasAlt {
			start := r.Start
			opener := "<"
			if r.Kind == LinkMarkdown {
				opener = "!["
			}
			if i := strings.LastIndex(body[:r.Start], opener); i >= 0 {
				start = i
			}
			line, col := at(start)
			ck.add(CodeImageNoAlt, p.Path, line, col, SeverityWarning, "this image has no description (alt text) for readers who cannot see it",
				"describe the image in a few words: ![description](…) in markdown, alt=\"…\" in HTML")
		}
		if r.Kind == LinkPostURL {
			ck.checkPostURL(p, r, at)
			continue
		}
		target := checkUnLiquid(checkFullTarget(body, r))
		site, ok := ResolveLink(p.URL(), target)
		if !ok {
			continue
		}
		if r.Kind == LinkMarkdown {
			// GitHub Pages' relative links: a path to a file of the
			// course, from the page's folder, is that page's address.
			file, _, _ := strings.Cut(target, "#")
			if s, found := ck.c.RelativeLinkTarget(p, file); found {
				site = s
			}
		}
		image := r.Image || checkIsImage(site)
		problem := ck.checkSitePath(p, target, site, image)
		if problem == "" {
			continue
		}
		line, col := at(r.Start)
		code, noun, hint := CodeLinkBroken, "link", "fix the link, or add the page or file it points to"
		if image {
			code, noun, hint = CodeImageMissing, "image", "add the image to the course, usually to the img folder, or correct its name in the link"
		}
		ck.add(code, p.Path, line, col, SeverityWarning, fmt.Sprintf("the %s %q %s", noun, r.Target, problem), hint, "Target", r.Target)
	}
}

// checkPostURL checks a {% post_url name %} tag. Jekyll stops the whole
// site build when the named page does not exist, so that is an error.
func (ck *checker) checkPostURL(p *Page, r LinkRef, at func(int) (int, int)) {
	arg := r.Target
	if strings.Contains(arg, "{{") {
		return // a Liquid variable: known only when Jekyll runs
	}
	dir, name := path.Split(strings.TrimPrefix(arg, "/"))
	line, col := at(r.Start)
	var published []*Page
	for _, q := range ck.posts[name] {
		if q.Published() {
			published = append(published, q)
		}
	}
	if len(published) == 0 {
		msg := fmt.Sprintf("{%% post_url %s %%} names no page of the course, so the site will not build", arg)
		if len(ck.posts[name]) > 0 {
			msg = fmt.Sprintf("{%% post_url %s %%} names a page that is not published, so the site will not build", arg)
		}
		hint := "use the page's file name without .md, e.g. {% post_url 2000-01-01-intro %}"
		if !postNameRE.MatchString(name + ".md") {
			hint = "the name must be a page's file name without .md, such as 2000-01-01-intro"
		}
		ck.add(CodePostURLMissing, p.Path, line, col, SeverityError, msg, hint, "Name", arg)
		return
	}
	if dir == "" {
		return
	}
	// With a folder, Jekyll looks in that module first and, failing
	// that, falls back to any page of that name with a deprecation
	// warning; the link may then lead to another module's page.
	want := strings.TrimSuffix(strings.Trim(dir, "/"), "/_posts")
	for _, q := range published {
		if strings.EqualFold(path.Dir(path.Dir(q.Path)), want) {
			return
		}
	}
	ck.add(CodePostURLWrongFolder, p.Path, line, col, SeverityWarning,
		fmt.Sprintf("{%% post_url %s %%}: the page %s is in %s, not in %s", arg, name, path.Dir(path.Dir(published[0].Path)), want),
		"fix the folder part of the name, or leave it out", "Name", name, "Folder", path.Dir(path.Dir(published[0].Path)), "Wanted", want)
}

// checkSitePath tells what is wrong with a link to the site path site
// written as target on page p, or "" when it leads somewhere.
func (ck *checker) checkSitePath(p *Page, target, site string, image bool) string {
	if q := ck.urls[checkURLKey(site)]; q != nil {
		if !q.Published() {
			return "leads to " + q.Path + ", which is not published"
		}
		return ""
	}
	rel := strings.Trim(site, "/")
	if rel == "" {
		// No index.md was loaded; the theme may still provide index.html.
		if d := ck.list(""); d.exact["index.html"] != nil || d.exact["index.md"] != nil {
			return ""
		}
		return "leads to the home page, but the course has no index.md"
	}
	problem := ck.checkFile(rel, image)
	if problem == "" {
		return ""
	}
	// GitHub Pages' jekyll-relative-links turns a relative link to a .md
	// file into the page's address, resolving it from the folder of the
	// file that holds the link rather than from the page's URL.
	if bare := strings.SplitN(strings.SplitN(target, "#", 2)[0], "?", 2)[0]; isMarkdown(bare) && !strings.HasPrefix(bare, "/") && !strings.HasPrefix(bare, "{") {
		if u, err := url.PathUnescape(bare); err == nil {
			if alt := path.Join(path.Dir(p.Path), u); filepath.IsLocal(filepath.FromSlash(alt)) {
				if ck.checkFile(alt, false) == "" {
					return ""
				}
			}
		}
	}
	return problem
}

// checkFile looks for rel (a clean slash path inside the course) in the
// course folder with the exact spelling the published site needs, since
// GitHub Pages tells capital letters apart even where the author's
// computer does not. It never follows a link out of the course.
func (ck *checker) checkFile(rel string, image bool) string {
	missing := "leads nowhere: the course has no page or file at /" + rel
	if image {
		missing = "is missing: there is no file " + rel + " in the course"
	}
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return missing
	}
	parts := strings.Split(rel, "/")
	dir := ""
	var actual []string
	caseDiffers := false
	var last fs.DirEntry
	for _, part := range parts {
		d := ck.list(dir)
		e := d.exact[part]
		if e == nil {
			if e = d.folded[strings.ToLower(part)]; e == nil {
				return missing
			}
			caseDiffers = true
		}
		actual = append(actual, e.Name())
		dir = path.Join(dir, e.Name())
		if e.Type()&fs.ModeSymlink != 0 && !IsInside(ck.c.Dir, filepath.Join(ck.c.Dir, filepath.FromSlash(dir))) {
			return "leads to " + dir + ", which is a link to something outside the course"
		}
		last = e
	}
	found := strings.Join(actual, "/")
	if caseDiffers {
		return "does not match the capital letters of " + found + "; the published site treats them as different"
	}
	for _, part := range actual {
		if (strings.HasPrefix(part, "_") || strings.HasPrefix(part, ".")) && !isMarkdown(found) {
			return "leads to " + found + ", which Jekyll does not publish (names starting with _ or . are left out)"
		}
	}
	isDir := last.IsDir()
	if last.Type()&fs.ModeSymlink != 0 {
		st, err := os.Stat(filepath.Join(ck.c.Dir, filepath.FromSlash(found)))
		if err != nil {
			return "leads to " + found + ", which is a link to something that no longer exists"
		}
		isDir = st.IsDir()
	}
	if !isDir {
		return ""
	}
	d := ck.list(found)
	for _, index := range []string{"index.html", "index.htm", "index.md", "index.markdown"} {
		if d.exact[index] != nil {
			return ""
		}
	}
	return "leads to the folder " + found + ", which has no page of its own"
}

// checkDir is a folder's entries by exact name and by lower-case name,
// so a course with thousands of images and links is checked in one read
// of each folder.
type checkDir struct {
	exact, folded map[string]fs.DirEntry
}

// list reads a folder of the course once per Check. A folder reached
// through a link out of the course reads as empty.
func (ck *checker) list(rel string) *checkDir {
	if d, ok := ck.dirs[rel]; ok {
		return d
	}
	d := &checkDir{exact: map[string]fs.DirEntry{}, folded: map[string]fs.DirEntry{}}
	full := filepath.Join(ck.c.Dir, filepath.FromSlash(rel))
	if rel == "" || IsInside(ck.c.Dir, full) {
		es, _ := os.ReadDir(full)
		for _, e := range es {
			d.exact[e.Name()] = e
			if k := strings.ToLower(e.Name()); d.folded[k] == nil {
				d.folded[k] = e
			}
		}
	}
	ck.dirs[rel] = d
	return d
}

// bodyRange is a byte range [start, end) of a page body.
type bodyRange struct{ start, end int }

func inBodyRanges(rs []bodyRange, off int) bool {
	i := sort.Search(len(rs), func(i int) bool { return rs[i].end > off })
	return i < len(rs) && rs[i].start <= off
}

var (
	// Liquid blocks whose content is not rendered as links: comments are
	// dropped, raw and highlight show code as written. One pattern each,
	// since RE2 cannot match an end tag to its own opening tag.
	checkCommentBlockRE   = regexp.MustCompile(`(?s)\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}`)
	checkRawBlockRE       = regexp.MustCompile(`(?s)\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}`)
	checkHighlightBlockRE = regexp.MustCompile(`(?s)\{%-?\s*highlight\b.*?%\}.*?\{%-?\s*endhighlight\s*-?%\}`)
	checkHTMLCommentRE    = regexp.MustCompile(`(?s)<!--.*?-->`)
)

// checkSkipRanges lists the parts of a markdown body whose links the reader
// never sees as links: fenced code blocks, inline code spans, HTML
// comments and Liquid comment/raw/highlight blocks. Course-in-a-Box's own
// guide shows example links inside code, which must not be reported.
func checkSkipRanges(body string) []bodyRange {
	var rs []bodyRange
	// Fenced code blocks, line by line.
	fenceChar, fenceLen, fenceStart := byte(0), 0, 0
	for off := 0; off < len(body); {
		end := strings.IndexByte(body[off:], '\n')
		next := len(body)
		if end >= 0 {
			next = off + end + 1
		}
		line := body[off:next]
		t := strings.TrimLeft(line, " ")
		indent := len(line) - len(t)
		if indent <= 3 && len(t) >= 3 && (t[0] == '`' || t[0] == '~') {
			n := 0
			for n < len(t) && t[n] == t[0] {
				n++
			}
			switch {
			case fenceChar == 0 && n >= 3 && !(t[0] == '`' && strings.ContainsRune(t[n:], '`')):
				fenceChar, fenceLen, fenceStart = t[0], n, off
			case fenceChar == t[0] && n >= fenceLen && strings.TrimSpace(t[n:]) == "":
				rs = append(rs, bodyRange{fenceStart, next})
				fenceChar = 0
			}
		}
		off = next
	}
	if fenceChar != 0 {
		rs = append(rs, bodyRange{fenceStart, len(body)}) // an unclosed fence runs to the end
	}
	fences := rs

	// Inline code spans outside fences: a run of n backticks up to the
	// next run of exactly n, within one paragraph. Only backticks are
	// visited, so a long page costs a few byte searches.
	f := 0 // the first fence not yet passed
	for i := 0; i < len(body); {
		j := strings.IndexByte(body[i:], '`')
		if j < 0 {
			break
		}
		i += j
		for f < len(fences) && fences[f].end <= i {
			f++
		}
		if f < len(fences) && fences[f].start <= i {
			i = fences[f].end
			continue
		}
		limit := len(body)
		if f < len(fences) {
			limit = fences[f].start
		}
		n := 0
		for i+n < limit && body[i+n] == '`' {
			n++
		}
		closeAt := -1
		for k := i + n; k < limit; {
			next := strings.IndexAny(body[k:limit], "`\n")
			if next < 0 {
				break
			}
			k += next
			if body[k] == '\n' {
				if checkBlankLineAt(body, k+1) {
					break
				}
				k++
				continue
			}
			m := 0
			for k+m < limit && body[k+m] == '`' {
				m++
			}
			if m == n {
				closeAt = k + m
				break
			}
			k += m
		}
		if closeAt < 0 {
			i += n
			continue
		}
		rs = append(rs, bodyRange{i, closeAt})
		i = closeAt
	}

	for _, re := range []struct {
		marker string
		re     *regexp.Regexp
	}{{"<!--", checkHTMLCommentRE}, {"comment", checkCommentBlockRE}, {"raw", checkRawBlockRE}, {"highlight", checkHighlightBlockRE}} {
		if !strings.Contains(body, re.marker) {
			continue
		}
		for _, m := range re.re.FindAllStringIndex(body, -1) {
			rs = append(rs, bodyRange{m[0], m[1]})
		}
	}
	return mergeBodyRanges(rs)
}

// checkBlankLineAt reports whether the line starting at off holds only spaces.
func checkBlankLineAt(s string, off int) bool {
	for ; off < len(s) && s[off] != '\n'; off++ {
		if s[off] != ' ' && s[off] != '\t' {
			return false
		}
	}
	return true
}

// mergeBodyRanges sorts spans and joins overlapping ones, so inBodyRanges can
// search them.
func mergeBodyRanges(rs []bodyRange) []bodyRange {
	sort.Slice(rs, func(i, j int) bool { return rs[i].start < rs[j].start })
	var out []bodyRange
	for _, r := range rs {
		if n := len(out); n > 0 && r.start <= out[n-1].end {
			if r.end > out[n-1].end {
				out[n-1].end = r.end
			}
			continue
		}
		out = append(out, r)
	}
	return out
}
