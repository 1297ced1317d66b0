package export

import (
	"encoding/base64"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"rsc.io/qr"

	"github.com/coursewright/coursewright/publish"
)

// The packaged formats (EPUB, Common Cartridge, SCORM) hold each page as
// its own XHTML document inside a package. contents.go turns the site
// build's rendered content into such documents: parsed, cleaned to
// elements every reader accepts (no scripts, no iframes: an embedded
// video becomes a titled link with its address), and with every link
// rewritten to the package's own files. A link whose target is not in
// the package keeps its text and loses the link; an image that is not
// in the package becomes its alt text.

// docPage is one page of a package.
type docPage struct {
	p     *publish.RenderedPage
	path  string // in the package
	nodes []*html.Node
	ids   map[string]bool
	svg   bool // holds inline SVG (EPUB must say so)
	// questions counts the page's self-check questions; live says they
	// are kept as forms for the site's script (selfcheck.go).
	questions int
	live      bool
	// answers are the answers of its questions, to print at the end of
	// its module (selfCheckPrint).
	answers []*html.Node
}

// pkgFile is a course file the package holds.
type pkgFile struct {
	path string // in the package
	full string // on disk
	mime string
}

// pkg is a package being assembled.
type pkg struct {
	r     *publish.Rendered
	pages []*docPage
	byURL map[string]*docPage
	files map[string]publish.RenderedFile // site-relative path → file
	used  map[string]*pkgFile             // site-relative path → packaged file
	taken map[string]bool                 // package paths in use

	// fileDir is where course files go in the package ("files/").
	fileDir string
	// imageTypes are the image media types the format accepts, by
	// extension; linkFiles says whether pages may link other files.
	imageTypes map[string]string
	linkFiles  bool
	// keepCheckboxes keeps task-list check boxes (for print).
	keepCheckboxes bool
	// mediaQR adds a QR code of a video's address (for print, where the
	// link cannot be clicked).
	mediaQR bool
	// link rewrites a package path for a page's link (Common Cartridge's
	// $IMS-CC-FILEBASE$); nil: relative to the page.
	link func(from *docPage, to string) string
	// selfChecks is what becomes of self-check questions (selfcheck.go);
	// inLiveForm is set while a live one is cleaned.
	selfChecks selfCheckMode
	inLiveForm bool

	dropped int // links and images left out
}

// coreImages are the image types every EPUB reader shows.
var coreImages = map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".svg": "image/svg+xml"}

func newPkg(r *publish.Rendered, fileDir string, imageTypes map[string]string) *pkg {
	k := &pkg{r: r, byURL: map[string]*docPage{}, files: map[string]publish.RenderedFile{}, used: map[string]*pkgFile{},
		taken: map[string]bool{}, fileDir: fileDir, imageTypes: imageTypes}
	for _, f := range r.Files {
		k.files[f.Rel] = f
	}
	return k
}

// addPage adds a page at a package path.
func (k *pkg) addPage(p *publish.RenderedPage, at string) *docPage {
	d := &docPage{p: p, path: at, ids: map[string]bool{}}
	k.pages = append(k.pages, d)
	k.byURL[p.URL] = d
	k.taken[at] = true
	return d
}

// convert parses and cleans every page's content and rewrites its links.
// Fragment links are checked once every page's ids are known.
func (k *pkg) convert() error {
	for _, d := range k.pages {
		ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		nodes, err := html.ParseFragment(strings.NewReader(d.p.HTML), ctx)
		if err != nil {
			return fmt.Errorf("%s: %w", d.p.Source, err)
		}
		root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		for _, n := range nodes {
			root.AppendChild(n)
		}
		k.clean(d, root, false)
		for c := root.FirstChild; c != nil; c = c.NextSibling {
			d.nodes = append(d.nodes, c)
		}
		collectIDs(d, root)
	}
	for _, d := range k.pages {
		for _, n := range d.nodes {
			k.checkFragments(d, n)
		}
	}
	return nil
}

// allowedElements are kept; others are unwrapped (their content kept) or,
// for removedElements, dropped with their content.
var allowedElements = map[string]bool{}

func init() {
	for _, e := range strings.Fields(`a abbr address article aside b bdi bdo blockquote br caption cite code col colgroup dd del
		details dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li mark ol p pre q
		rp rt ruby s samp section small span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr`) {
		allowedElements[e] = true
	}
}

var removedElements = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "form": true,
	"input": true, "button": true, "select": true, "textarea": true, "object": true, "embed": true, "svg": true, "math": true,
	"canvas": true, "map": true, "link": true, "meta": true, "head": true, "title": true}

// allowedAttrs are kept on every element; data-, aria- and role too.
var allowedAttrs = map[string]bool{"id": true, "class": true, "title": true, "lang": true, "dir": true, "href": true, "src": true,
	"alt": true, "colspan": true, "rowspan": true, "start": true, "reversed": true, "scope": true, "headers": true,
	"abbr": true, "datetime": true, "cite": true, "open": true, "role": true}

var numberRE = regexp.MustCompile(`^[0-9]+$`)

// clean rewrites n's children in place. inLink: n is inside an <a>.
func (k *pkg) clean(d *docPage, n *html.Node, inLink bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.CommentNode, html.DoctypeNode:
			n.RemoveChild(c)
		case html.ElementNode:
			k.cleanElement(d, n, c, inLink)
		}
		c = next
	}
}

func (k *pkg) cleanElement(d *docPage, parent, c *html.Node, inLink bool) {
	name := c.Data
	switch {
	case k.inLiveForm && liveElements[name]:
		k.cleanLive(d, c, inLink)
		return
	case isSelfCheck(c) && !k.inLiveForm:
		k.selfCheck(d, parent, c, inLink)
		return
	case name == "iframe" || name == "video" || name == "audio":
		parent.InsertBefore(k.mediaLink(c, inLink), c)
		parent.RemoveChild(c)
		return
	case name == "input" && k.keepCheckboxes && strings.EqualFold(attr(c, "type"), "checkbox"):
		box := elem("input", "type", "checkbox", "disabled", "disabled")
		if hasAttr(c, "checked") {
			box.Attr = append(box.Attr, html.Attribute{Key: "checked", Val: "checked"})
		}
		parent.InsertBefore(box, c)
		parent.RemoveChild(c)
		return
	case removedElements[name]:
		parent.RemoveChild(c)
		return
	case !allowedElements[name]:
		// Unwrap: keep the content in place of the element.
		k.clean(d, c, inLink)
		for gc := c.FirstChild; gc != nil; {
			next := gc.NextSibling
			c.RemoveChild(gc)
			parent.InsertBefore(gc, c)
			gc = next
		}
		parent.RemoveChild(c)
		return
	}
	var attrs []html.Attribute
	for _, a := range c.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" || !(allowedAttrs[key] || strings.HasPrefix(key, "data-") || strings.HasPrefix(key, "aria-")) {
			if (key == "width" || key == "height") && name == "img" && numberRE.MatchString(a.Val) {
				attrs = append(attrs, html.Attribute{Key: key, Val: a.Val})
			}
			continue
		}
		if key == "id" && (a.Val == "" || strings.ContainsAny(a.Val, " \t\n")) {
			continue
		}
		attrs = append(attrs, html.Attribute{Key: key, Val: a.Val})
	}
	c.Attr = attrs
	switch name {
	case "img":
		if repl := k.image(d, c, inLink); repl != nil {
			parent.InsertBefore(repl, c)
			parent.RemoveChild(c)
		} else if repl == nil && attr(c, "src") == "" {
			parent.RemoveChild(c)
		}
		return
	case "a":
		if !k.rewriteLink(d, c) {
			k.clean(d, c, inLink)
			for gc := c.FirstChild; gc != nil; {
				next := gc.NextSibling
				c.RemoveChild(gc)
				parent.InsertBefore(gc, c)
				gc = next
			}
			parent.RemoveChild(c)
			return
		}
		inLink = true
	}
	k.clean(d, c, inLink)
	if name == "ul" || name == "ol" {
		wrapStrayListChildren(c)
	}
}

// mediaLink is an embedded video or sound as a titled link with its
// address: "Video: Title (https://…)".
func (k *pkg) mediaLink(n *html.Node, inLink bool) *html.Node {
	src := attr(n, "src")
	for c := n.FirstChild; c != nil && src == ""; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "source" {
			src = attr(c, "src")
		}
	}
	title := strings.TrimSpace(attr(n, "title"))
	if title == "" {
		title = "Video"
		if n.Data == "audio" {
			title = "Audio"
		}
	}
	span := elem("span", "class", "media-link")
	u, err := url.Parse(src)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		span.AppendChild(text(title))
		return span
	}
	if strings.HasPrefix(u.Host, "www.youtube") && strings.HasPrefix(u.Path, "/embed/") {
		// The embed address plays only inside a page; the watch address
		// works anywhere.
		u = &url.URL{Scheme: "https", Host: "www.youtube.com", Path: "/watch", RawQuery: "v=" + strings.TrimPrefix(u.Path, "/embed/")}
	}
	addr := u.String()
	if inLink {
		span.AppendChild(text(title + " (" + addr + ")"))
		return span
	}
	a := elem("a", "href", addr)
	a.AppendChild(text(title))
	span.AppendChild(a)
	span.AppendChild(text(" (" + addr + ")"))
	if k.mediaQR {
		if img := qrImage(addr); img != nil {
			span.AppendChild(img)
		}
	}
	return span
}

// qrImage is an <img> of a QR code of an address, as a PNG data URL (the
// book stays one file); nil if the address is too long to encode.
func qrImage(addr string) *html.Node {
	code, err := qr.Encode(addr, qr.M)
	if err != nil {
		return nil
	}
	code.Scale = 4
	return elem("img", "class", "qr", "alt", "QR code: "+addr,
		"src", "data:image/png;base64,"+base64.StdEncoding.EncodeToString(code.PNG()))
}

// image packages a local image, or returns what replaces the <img>.
func (k *pkg) image(d *docPage, n *html.Node, inLink bool) *html.Node {
	src := attr(n, "src")
	alt := strings.TrimSpace(attr(n, "alt"))
	if src == "" {
		return nil
	}
	u, err := url.Parse(src)
	if err == nil && (u.Scheme == "https" || u.Scheme == "http") {
		// A remote image: readers may not fetch it; its address is kept.
		k.dropped++
		label := alt
		if label == "" {
			label = "Image"
		}
		if inLink {
			return text("[" + label + "]")
		}
		a := elem("a", "href", u.String())
		a.AppendChild(text("[" + label + "]"))
		return a
	}
	if err == nil && u.Scheme == "" {
		if rel, ok := k.siteFile(d, u); ok {
			if f := k.useFile(rel, true); f != nil {
				setAttr(n, "src", k.href(d, f.path, ""))
				if attr(n, "alt") == "" {
					setAttr(n, "alt", "")
				}
				return nil
			}
		}
	}
	k.dropped++
	if alt == "" {
		return text("")
	}
	return text("[" + alt + "]")
}

// rewriteLink points a link at the package's copy of its target; false
// when the link must go (its target is not in the package).
func (k *pkg) rewriteLink(d *docPage, n *html.Node) bool {
	href := strings.TrimSpace(attr(n, "href"))
	if href == "" {
		return false
	}
	if strings.HasPrefix(href, "#") {
		return true // checked once all ids are known
	}
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "http", "https", "mailto":
		setAttr(n, "href", u.String())
		return true
	case "":
	default:
		return false
	}
	if u.Host != "" {
		return false
	}
	target := resolveSite(d.p.URL, u.Path)
	if p := k.pageAt(target); p != nil {
		setAttr(n, "href", k.href(d, p.path, u.Fragment))
		return true
	}
	if rel, ok := k.siteFile(d, u); ok {
		if f := k.useFile(rel, false); f != nil {
			setAttr(n, "href", k.href(d, f.path, ""))
			return true
		}
	}
	k.dropped++
	return false
}

// pageAt finds the page at a site path, with or without index.html.
func (k *pkg) pageAt(sitePath string) *docPage {
	p := strings.TrimSuffix(sitePath, "index.html")
	if d := k.byURL[p]; d != nil {
		return d
	}
	if !strings.HasSuffix(p, "/") {
		return k.byURL[p+"/"]
	}
	return nil
}

// resolveSite resolves a relative address against a page's site path.
func resolveSite(pageURL, ref string) string {
	if strings.HasPrefix(ref, "/") {
		return path.Clean(ref) + trailingSlash(ref)
	}
	base := pageURL
	if !strings.HasSuffix(base, "/") {
		base = path.Dir(base) + "/"
	}
	if ref == "" {
		return pageURL
	}
	return path.Clean(base+ref) + trailingSlash(ref)
}

func trailingSlash(ref string) string {
	if strings.HasSuffix(ref, "/") && ref != "/" {
		return "/"
	}
	return ""
}

// siteFile finds a course file a relative address leads to.
func (k *pkg) siteFile(d *docPage, u *url.URL) (string, bool) {
	rel := strings.TrimPrefix(resolveSite(d.p.URL, u.Path), "/")
	_, ok := k.files[rel]
	return rel, ok
}

var unsafeNameRE = regexp.MustCompile(`[^A-Za-z0-9._/-]+`)

// useFile adds a course file to the package; nil when the format cannot
// hold it (an image of another type, or a download where pages may link
// only other pages).
func (k *pkg) useFile(rel string, image bool) *pkgFile {
	if f := k.used[rel]; f != nil {
		if image && f.mime == "" {
			return nil
		}
		return f
	}
	mime := imageType(k.files[rel].Full, k.imageTypes[strings.ToLower(path.Ext(rel))])
	if mime != "" && !slices.Contains(slices.Collect(maps.Values(k.imageTypes)), mime) {
		mime = ""
	}
	if (image && mime == "") || (!image && mime == "" && !k.linkFiles) {
		return nil
	}
	name := unsafeNameRE.ReplaceAllString(rel, "_")
	at := k.fileDir + name
	for i := 2; k.taken[at]; i++ {
		at = k.fileDir + strings.TrimSuffix(name, path.Ext(name)) + fmt.Sprintf("-%d", i) + path.Ext(name)
	}
	k.taken[at] = true
	f := &pkgFile{path: at, full: k.files[rel].Full, mime: mime}
	k.used[rel] = f
	return f
}

// imageType is an image's media type from its content (a file named .jpg
// may hold WebP): the extension's type, byExt, is trusted only for SVG,
// which has no signature to sniff.
func imageType(full, byExt string) string {
	if byExt == "" || byExt == "image/svg+xml" {
		return byExt
	}
	f, err := os.Open(full)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	t := http.DetectContentType(head[:n])
	if !strings.HasPrefix(t, "image/") {
		return ""
	}
	return t
}

// href is the address of a package file from a page.
func (k *pkg) href(from *docPage, to, fragment string) string {
	var s string
	if k.link != nil {
		s = k.link(from, to)
	} else {
		s = relPath(from.path, to)
	}
	if fragment != "" {
		s += "#" + fragment
	}
	return s
}

func collectIDs(d *docPage, n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.Data == "svg" {
			d.svg = true
		}
		for i, a := range c.Attr {
			if a.Key == "id" {
				if d.ids[a.Val] {
					c.Attr = append(c.Attr[:i:i], c.Attr[i+1:]...)
				} else {
					d.ids[a.Val] = true
				}
				break
			}
		}
		collectIDs(d, c)
	}
}

// checkFragments drops fragments that name no element of their page.
func (k *pkg) checkFragments(d *docPage, n *html.Node) {
	if n.Type == html.ElementNode && n.Data == "a" {
		href := attr(n, "href")
		if i := strings.IndexByte(href, '#'); i >= 0 && !strings.Contains(href[:i], ":") {
			target := d
			if i > 0 {
				target = nil
				for _, o := range k.pages {
					if k.href(d, o.path, "") == href[:i] {
						target = o
						break
					}
				}
			}
			if target != nil && !target.ids[href[i+1:]] {
				if i == 0 {
					setAttr(n, "href", k.href(d, d.path, ""))
				} else {
					setAttr(n, "href", href[:i])
				}
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		k.checkFragments(d, c)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func elem(name string, kv ...string) *html.Node {
	n := &html.Node{Type: html.ElementNode, Data: name, DataAtom: atom.Lookup([]byte(name))}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Attr = append(n.Attr, html.Attribute{Key: kv[i], Val: kv[i+1]})
	}
	return n
}

func text(s string) *html.Node { return &html.Node{Type: html.TextNode, Data: s} }

// voidElements have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
var xmlAttr = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// writeXML serialises nodes as well-formed XHTML (also valid HTML).
func writeXML(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(xmlText.Replace(stripControl(n.Data)))
	case html.ElementNode:
		b.WriteString("<" + n.Data)
		for _, a := range n.Attr {
			b.WriteString(" " + a.Key + `="` + xmlAttr.Replace(stripControl(a.Val)) + `"`)
		}
		if voidElements[n.Data] {
			b.WriteString("/>")
			return
		}
		b.WriteString(">")
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			writeXML(b, c)
		}
		b.WriteString("</" + n.Data + ">")
	}
}

// stripControl removes characters XML forbids.
func stripControl(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}

// body is a page's content as XHTML, under its title.
func (d *docPage) body() string {
	var b strings.Builder
	if !d.p.TitleInContent {
		b.WriteString("<h1>" + xmlText.Replace(d.p.Title) + "</h1>\n")
	}
	for _, n := range d.nodes {
		writeXML(&b, n)
	}
	return b.String()
}
