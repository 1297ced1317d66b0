package publish

import (
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/coursewright/coursewright/assets"
	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/templates"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// buildFormat is part of every page's input hash: bump it when Build
// changes what it writes for the same input, so sites built by an older
// Coursewright are rebuilt.
const buildFormat = "coursewright-site/1"

// themeAssetDir is where the theme's static files go in the site.
const themeAssetDir = "assets"

// theme is the parsed site theme.
type theme struct {
	tmpl    *template.Template
	assets  []themeAsset
	version string
}

type themeAsset struct {
	out  string // path in the site
	data []byte
}

// loadTheme parses the embedded templates and reads the embedded assets.
// Its version hashes both, so a new theme rebuilds every page.
func loadTheme() (*theme, error) {
	h := newHasher().str(buildFormat)
	tfs := templates.Site()
	names, err := fs.Glob(tfs, "*.html")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	t := template.New("site").Option("missingkey=error")
	for _, name := range names {
		data, err := fs.ReadFile(tfs, name)
		if err != nil {
			return nil, fmt.Errorf("site theme: %w", err)
		}
		h.str(name).bytes(data)
		if _, err := t.New(name).Parse(string(data)); err != nil {
			return nil, fmt.Errorf("site theme: %w", err)
		}
	}
	th := &theme{tmpl: t}
	err = fs.WalkDir(assets.Site(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(assets.Site(), p)
		if err != nil {
			return err
		}
		h.str(p).bytes(data)
		th.assets = append(th.assets, themeAsset{out: themeAssetDir + "/" + p, data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("site theme: %w", err)
	}
	th.version = h.sum()
	return th, nil
}

// themeOutputs lists the site paths the theme's assets take.
func themeOutputs() map[string]bool {
	out := map[string]bool{}
	_ = fs.WalkDir(assets.Site(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out[themeAssetDir+"/"+p] = true
		}
		return nil
	})
	return out
}

// siteView is what every page shows of the course as a whole. It is built
// once per build and only read by the page workers.
type siteView struct {
	Title       string
	Lang        string
	RTL         bool
	CSP         string
	InlineCSS   template.CSS
	InlineNav   bool // the modules fit in one line on some screens
	Favicon     string
	Modules     []*navModule
	Singles     []link
	GuideURL    string
	License     *course.LicenseInfo
	AuthorsText string
	Attribution *attribution
	Jumbotron   jumbotron

	// The theme's words in the course's language, and the sentences of
	// the footer made with them.
	T               *themeText
	LicenseHTML     template.HTML
	AttributionHTML template.HTML
	ChangesHTML     template.HTML
	AttributionsURL string
	// Languages are the course's language versions, for the switcher.
	Languages []languageVersion
}

// attribution credits the course this one adapts (TASL: title, author,
// source, license).
type attribution struct {
	Title   string
	URL     string
	Authors string
	License *course.LicenseInfo
}

type jumbotron struct {
	Icon string // site path of the icon, or ""
	css  string // the banner's background images, for the home page
}

// pageData is what a page template gets.
type pageData struct {
	Site            *siteView
	Kind            string
	URL             string // site path of the page
	Root            string // relative path from the page to the site root
	Title           string
	DocTitle        string
	Summary         string
	Draft           bool
	ContentHasTitle bool
	TitleID         string // id of the title, taken from the heading it replaces
	Content         template.HTML
	Description     template.HTML // the course description (home page)
	PageCSS         template.CSS
	JSONLD          template.JS
	ModuleSlug      string
	NavModules      []*navModule // the modules the top bar lists (see navWindow)
	MoreModules     bool         // the top bar lists only some: it links to the home page's full list
	Topbar          template.HTML
	Module          *navModule
	Prev            *link
	Next            *link
	NextModule      *link
	Guide           *guideView
	Facts           *facts
	RedirectRel     string
	Moved           bool // a redirect from a page's old address (redirect_from)
	Attributions    *attributionsView
	RelPath         string     // the page's path without the leading slash, for links into other language versions
	Share           *shareTags // link previews (Open Graph, Twitter card); nil for redirects
}

type guideView struct {
	Meetings     []*meeting
	TotalMinutes int
	Agenda       *agendaView
	// Answers are those of the questions on the agenda's pages
	// (guide_answers.go).
	Answers []guideAnswers
}

type agendaView struct {
	Items   []agendaRow
	Total   int
	Planned int
}

type agendaRow struct {
	Activity string
	Minutes  int
	Link     *link
	Ref      string
}

// facts are the course's learning-circle details shown on the home page.
type facts struct {
	Audience string
	Schedule string
	Outcomes []string
}

// defaultBrand is the banner colour of a course that sets none (or an
// unreadable one): a dark blue with 7:1 contrast to white text.
const defaultBrand = "#1f5f8b"

// defaultIframeHosts are the embed hosts the CSP's frame-src allows,
// matching the renderer's default allowlist; iframe_hosts in
// _data/course.yml adds to both.
var defaultIframeHosts = []string{
	"youtube.com", "youtube-nocookie.com", "player.vimeo.com", "kaltura.com",
	"docs.google.com", "drive.google.com", "archive.org", "commons.wikimedia.org", "h5p.org", "h5p.com",
}

var hostRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)

// iframeHosts reads iframe_hosts from _data/course.yml: a list, or one
// string with hosts separated by commas or spaces.
func iframeHosts(c *course.Course) (hosts []string, line int) {
	if c.Data == nil {
		return nil, 0
	}
	n := c.Data.Lookup("iframe_hosts")
	if n == nil {
		return nil, 0
	}
	var raw []string
	switch n.Kind {
	case yaml.ScalarNode:
		raw = strings.FieldsFunc(n.Value, func(r rune) bool { return r == ',' || r == ' ' })
	case yaml.SequenceNode:
		for _, it := range n.Content {
			if it.Kind == yaml.ScalarNode {
				raw = append(raw, it.Value)
			}
		}
	}
	for _, h := range raw {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			hosts = append(hosts, h)
		}
	}
	return hosts, n.Line
}

// csp builds the Content-Security-Policy of every page: the site's own
// files, images from anywhere over https, embeds from the allowed hosts
// only, no plugins, and inline styles (course pages carry <style> blocks)
// but no inline scripts.
func (s *site) csp(extra []string, line int) string {
	set := map[string]bool{}
	for _, h := range defaultIframeHosts {
		set[h] = true
	}
	for _, h := range extra {
		h = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(h, "https://"), "http://"), "www.")
		h = strings.TrimSuffix(h, "/")
		if !hostRE.MatchString(h) {
			s.warn(course.CodeIframeHostInvalid, course.DataFile, line, fmt.Sprintf("iframe_hosts: %q is not a host name; it is ignored", h),
				"write host names only, e.g. media.example.org", "Host", h)
			continue
		}
		set[h] = true
	}
	hosts := make([]string, 0, len(set))
	for h := range set {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	var frames strings.Builder
	for _, h := range hosts {
		// youtube.com also serves from www.youtube.com; player.vimeo.com
		// is already the host embeds use.
		if strings.Count(h, ".") == 1 {
			fmt.Fprintf(&frames, " https://%s https://*.%s", h, h)
		} else {
			fmt.Fprintf(&frames, " https://%s", h)
		}
	}
	return "default-src 'self'; img-src 'self' data: https:; media-src 'self' https:; frame-src" + frames.String() +
		"; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
}

// newSiteView works out what every page shows of the course.
func (s *site) newSiteView(extraHosts []string, hostsLine int) *siteView {
	m := s.meta
	v := &siteView{
		Title:    strings.TrimSpace(m.Title),
		Modules:  s.modules,
		Singles:  s.singles,
		GuideURL: s.guideURL,
	}
	if v.Title == "" {
		v.Title = humanize(baseName(s.c.Dir))
	}
	v.Lang, v.RTL = s.language()
	v.CSP = s.csp(extraHosts, hostsLine)
	if m.License != "" {
		if info, ok := course.LookupLicense(m.License); ok {
			v.License = &info
		} else {
			s.warn(course.CodeSiteLicenseUnknown, course.DataFile, s.dataLine("license"), fmt.Sprintf("license %q is not an SPDX license id; the site shows no license", m.License),
				"choose a license, e.g. CC-BY-SA-4.0", "License", m.License)
		}
	}
	v.T = s.t
	v.AuthorsText = s.t.joinNames(m.Authors)
	if b := m.BasedOn; b != nil && (b.Title != "" || b.URL != "") {
		a := &attribution{Title: b.Title, URL: b.URL, Authors: s.t.joinNames(b.Authors)}
		if a.Title == "" {
			a.Title = b.URL
		}
		if !strings.HasPrefix(a.URL, "https://") && !strings.HasPrefix(a.URL, "http://") {
			a.URL = ""
		}
		if b.License != "" {
			if info, ok := course.LookupLicense(b.License); ok {
				a.License = &info
			} else {
				a.License = &course.LicenseInfo{ID: b.License, Name: b.License}
			}
		}
		v.Attribution = a
		v.AttributionHTML = s.t.attributionSentence(a)
		v.ChangesHTML = s.footerChanges()
	}
	v.LicenseHTML = s.t.licenseSentence(v)
	v.AttributionsURL = s.attributionsURL
	v.Languages = languageVersions(m, v.Lang, s.translates())
	for _, name := range []string{"img/favicon.ico", "img/favicon.png", "img/favicon.svg", "favicon.ico"} {
		if s.fileSet[name] {
			v.Favicon = "/" + name
			break
		}
	}

	// Banner colours, and the breakpoint where the module bar becomes a menu.
	brand := normalizeHex(m.JumbotronColor)
	if brand == "" {
		if m.JumbotronColor != "" {
			s.warn(course.CodeBannerColorInvalid, course.ConfigFile, s.configLine("jumbotron_color"), fmt.Sprintf("jumbotron_color %q is not a hex colour; the default banner colour is used", m.JumbotronColor),
				"write a colour like #1f5f8b", "Color", m.JumbotronColor)
		}
		brand = defaultBrand
	}
	fg, _ := ReadableTextColor(brand)
	r, g, b, _ := parseHex(brand)
	css := fmt.Sprintf(":root{--brand:%s;--brand-fg:%s;--brand-veil:rgba(%d,%d,%d,0.85)}", brand, fg, r, g, b)
	if len(s.modules) > 0 {
		if bp := s.navBreakpoint(v.Title); bp <= maxInlineNav {
			v.InlineNav = true
			css += fmt.Sprintf("@media (max-width:%dem){.modules-inline{display:none}.modules-menu{display:block}}", bp)
		} else {
			css += ".modules-menu{display:block}"
		}
	}
	v.InlineCSS = template.CSS(css)

	v.Jumbotron.Icon = s.themeImage(s.configSetting("jumbotron_icon"), m.JumbotronIcon)
	var layers []string
	if u := s.themeImage(s.configSetting("jumbotron_mask"), m.JumbotronMask); u != "" {
		layers = append(layers, `url("`+cssURL(relURL("/", u))+`")`)
	}
	if u := s.bannerImage(); u != "" {
		layers = append(layers, `url("`+cssURL(relURL("/", u))+`")`)
	}
	if len(layers) > 0 {
		v.Jumbotron.css = ".jumbotron{background-image:" + strings.Join(layers, ",") + "}"
	}
	return v
}

// maxInlineNav is the widest top bar (in em) worth laying out on one line;
// a course with more modules than fit shows them in the menu only.
const maxInlineNav = 160

// navBreakpoint estimates the width (in em) the top bar needs to show
// every module on one line; below it the modules fold into a menu.
func (s *site) navBreakpoint(title string) int {
	em := 3.5 + 0.6*float64(utf8.RuneCountInString(title)) + 14 // padding, brand, search
	for _, m := range s.modules {
		em += 1.6 + 0.56*float64(utf8.RuneCountInString(m.Title))
	}
	return max(40, int(math.Ceil(em)))
}

func (s *site) language() (lang string, rtl bool) {
	lang = strings.TrimSpace(s.meta.Language)
	if lang == "" {
		return "en", false
	}
	tag, err := language.Parse(lang)
	if err != nil {
		s.warn(course.CodeSiteLanguageInvalid, course.DataFile, s.dataLine("language"), fmt.Sprintf("language %q is not a language tag; pages are marked as English", lang),
			"use a tag like en, es or pt-BR", "Language", lang)
		return "en", false
	}
	base, _ := tag.Base()
	switch base.String() {
	case "ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb":
		rtl = true
	}
	return tag.String(), rtl
}

func (s *site) dataLine(key string) int {
	if s.c.Data != nil {
		if n := s.c.Data.Lookup(key); n != nil {
			return n.Line
		}
	}
	return 0
}

func (s *site) configLine(key string) int {
	if s.c.Config != nil {
		if n := s.c.Config.Lookup(key); n != nil {
			return n.Line
		}
	}
	return 0
}

// configSetting is a key of _config.yml and the line of its value.
func (s *site) configSetting(key string) course.Setting {
	return course.Setting{Key: key, File: course.ConfigFile, Line: s.configLine(key)}
}

// bannerImage is the banner image's site path or https address: the
// course's jumbotron_image, or the older template's
// jumbotron_background_image (course.BannerImage).
func (s *site) bannerImage() string {
	val, at := s.c.BannerImage()
	return s.themeImage(at, val)
}

var baseurlRE = regexp.MustCompile(`^\{\{-?\s*site\.baseurl\s*-?\}\}`)

// themeImage turns a theme key's value (img/x.png, /img/x.png,
// {{ site.baseurl }}/img/x.png or an https address) into a site path or
// an https address. A file that is not in the course is reported and
// left out.
func (s *site) themeImage(at course.Setting, val string) string {
	val = strings.TrimSpace(baseurlRE.ReplaceAllString(strings.TrimSpace(val), ""))
	if val == "" {
		return ""
	}
	if strings.HasPrefix(val, "https://") {
		return val
	}
	if strings.HasPrefix(val, "http://") || strings.HasPrefix(val, "//") {
		s.warn(course.CodeBannerImageNotHTTPS, at.File, at.Line, fmt.Sprintf("%s: %s is not an https address; browsers would block it, so it is left out", at.Key, val),
			"use an https address or put the image in the img folder", "Setting", at.Key, "Image", val)
		return ""
	}
	rel := strings.TrimPrefix(path.Clean("/"+val), "/")
	if !s.fileSet[rel] {
		s.warn(course.CodeBannerImageMissing, at.File, at.Line, fmt.Sprintf("%s: %s is not in the course; the banner is shown without it", at.Key, val),
			"add the image to the img folder, or choose another one", "Setting", at.Key, "Image", val)
		return ""
	}
	return "/" + rel
}

// cssURL makes an address safe inside url("…") in a <style> element.
func cssURL(u string) string {
	var b strings.Builder
	for _, r := range u {
		switch {
		case r < 0x20 || r == 0x7f || strings.ContainsRune("\"'\\()<> ", r):
			fmt.Fprintf(&b, "%%%02X", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// relURL is target (a site path, or an absolute address) as seen from the
// page at pageURL, with index.html added to folder paths so it also works
// from disk. Each segment is percent-encoded.
func relURL(pageURL, target string) string {
	if !strings.HasPrefix(target, "/") {
		return target
	}
	rel := rootPath(pageURL)
	if rel == "./" {
		rel = ""
	}
	rest := strings.TrimPrefix(target, "/")
	if rest == "" || strings.HasSuffix(rest, "/") {
		rest += "index.html"
	}
	segs := strings.Split(rest, "/")
	for i, seg := range segs {
		segs[i] = url.PathEscape(seg)
	}
	return rel + strings.Join(segs, "/")
}

// rootPath is the relative path from the page at pageURL to the site root:
// "./" for the home page, "../../../" for /modules/m/p/.
func rootPath(pageURL string) string {
	dir := pageURL
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
	}
	depth := strings.Count(dir, "/") - 1
	if depth <= 0 {
		return "./"
	}
	return strings.Repeat("../", depth)
}

func baseName(dir string) string {
	dir = strings.TrimRight(strings.ReplaceAll(dir, "\\", "/"), "/")
	return path.Base(dir)
}

// isoDuration writes minutes as an ISO 8601 duration: 360 → PT6H,
// 270 → PT4H30M.
func isoDuration(minutes int) string {
	if minutes <= 0 {
		return ""
	}
	h, m := minutes/60, minutes%60
	s := "PT"
	if h > 0 {
		s += fmt.Sprintf("%dH", h)
	}
	if m > 0 {
		s += fmt.Sprintf("%dM", m)
	}
	return s
}

// courseMinutes is the course's length: meetings × meeting_minutes, or
// the facilitator guide's meetings added up.
func (s *site) courseMinutes() int {
	if s.meta.Meetings > 0 && s.meta.MeetingMinutes > 0 {
		return s.meta.Meetings * s.meta.MeetingMinutes
	}
	t := 0
	for _, m := range s.meetings {
		t += m.Minutes
	}
	return t
}

// courseFacts are the home page's "About this course" details.
func (s *site) courseFacts() *facts {
	m := s.meta
	f := &facts{Audience: strings.TrimSpace(m.Audience), Outcomes: m.Outcomes}
	switch {
	case m.Meetings > 0 && m.MeetingMinutes > 0:
		f.Schedule = fmt.Sprintf(s.t.MeetingsOf, m.Meetings, m.MeetingMinutes)
	case m.Meetings > 0:
		f.Schedule = fmt.Sprintf(s.t.MeetingsCount, m.Meetings)
	}
	if f.Audience == "" && f.Schedule == "" && len(f.Outcomes) == 0 {
		return nil
	}
	return f
}
