package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func textReader(s string) text.Reader { return text.NewReader([]byte(s)) }

// courseTransformer marks the conventions of learning-circle courses so
// the theme can style them: facilitator tips, timing lines, and a line
// holding only a video link, which becomes an accessible embed.
type courseTransformer struct{}

var (
	tipRE    = regexp.MustCompile(`(?i)^\W*facilitator(?:'s)? tips?\b`)
	timingRE = regexp.MustCompile(`(?i)^\W*suggested tim(?:e|ing)\s*:`)
)

func (courseTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var videos []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Blockquote:
			if p, ok := n.FirstChild().(*ast.Paragraph); ok && tipRE.MatchString(plainText(p, src)) {
				n.SetAttributeString("class", []byte("facilitator-tip"))
			}
		case *ast.Paragraph:
			if timingRE.MatchString(plainText(n, src)) {
				n.SetAttributeString("class", []byte("timing"))
			}
			if v := videoOf(n, src); v != nil {
				videos = append(videos, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, p := range videos {
		v := videoOf(p.(*ast.Paragraph), src)
		p.Parent().ReplaceChild(p.Parent(), p, v)
	}
}

// plainText is the text of a node's inline content.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(src))
				if t.SoftLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(t.Value)
			case *ast.AutoLink:
				b.Write(t.Label(src))
			case *ast.CodeSpan:
				for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
					if tx, ok := ch.(*ast.Text); ok {
						b.Write(tx.Segment.Value(src))
					}
				}
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// lineOfNode is the 1-based line of the text where a node starts.
func lineOfNode(n ast.Node, src []byte) int {
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return 1 + bytes.Count(src[:p.Lines().At(0).Start], []byte("\n"))
		}
		if raw, ok := p.(*ast.RawHTML); ok && raw.Segments.Len() > 0 {
			return 1 + bytes.Count(src[:raw.Segments.At(0).Start], []byte("\n"))
		}
		if t, ok := p.(*ast.Text); ok {
			return 1 + bytes.Count(src[:t.Segment.Start], []byte("\n"))
		}
	}
	return 0
}

// astChecker reports what sanitising will remove, at its line, and
// collects the headings.
type astChecker struct {
	src   []byte
	diags *diagnostics
	hosts hostList
}

func (a *astChecker) walk(doc ast.Node) []Heading {
	var hs []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			hs = append(hs, Heading{Level: n.Level, ID: string(idb), Text: plainText(n, a.src)})
		case *ast.HTMLBlock:
			var b bytes.Buffer
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				b.Write(seg.Value(a.src))
			}
			if n.HasClosure() {
				b.Write(n.ClosureLine.Value(a.src))
			}
			a.checkHTML(b.String(), lineOfNode(n, a.src))
		case *ast.RawHTML:
			var b bytes.Buffer
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(a.src))
			}
			a.checkHTML(b.String(), lineOfNode(n, a.src))
		case *ast.Link:
			a.checkURL(string(n.Destination), "link", false, n)
		case *ast.Image:
			a.checkURL(string(n.Destination), "image", true, n)
		}
		return ast.WalkContinue, nil
	})
	return hs
}

// unsafeURL reports a URL scheme that runs code or smuggles a document.
func unsafeURL(v string, image bool) bool {
	s := schemeOf(strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < ' ' {
			return -1
		}
		return r
	}, v)))
	switch s {
	case "javascript", "vbscript", "file":
		return true
	case "data":
		return !(image && strings.HasPrefix(strings.ToLower(strings.TrimSpace(v)), "data:image/") && !strings.Contains(strings.ToLower(v), "svg"))
	}
	return false
}

func (a *astChecker) checkURL(v, what string, image bool, n ast.Node) {
	if unsafeURL(v, image) {
		a.diags.add(course.CodeUnsafeAddressRemoved, lineOfNode(n, a.src), course.SeverityWarning, fmt.Sprintf("a %s to %q was removed: that kind of address can run code in the reader's browser", what, short(v)),
			"link to an http(s) address or a file of the course", "Address", short(v))
	}
}

func short(s string) string {
	if len(s) > 60 {
		return s[:57] + "…"
	}
	return s
}

// removedElements are tags the sanitiser drops, with why.
var removedElements = map[atom.Atom]string{
	atom.Script: "scripts cannot run in course pages", atom.Object: "plug-in content is not allowed",
	atom.Embed: "plug-in content is not allowed", atom.Applet: "plug-in content is not allowed",
	atom.Form: "forms are not allowed in course pages", atom.Base: "it would change where every link points",
	atom.Meta: "page settings belong to the site, not the content", atom.Link: "style sheets belong to the site theme",
	atom.Svg: "inline SVG can carry scripts; use an image file instead", atom.Math: "inline MathML is not supported",
	atom.Frame: "frames are not allowed", atom.Frameset: "frames are not allowed",
}

// checkHTML reports, at the right line, everything the sanitiser will
// remove from a piece of raw HTML.
func (a *astChecker) checkHTML(raw string, line int) {
	z := xhtml.NewTokenizer(strings.NewReader(raw))
	offset := 0
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return
		}
		rawTok := z.Raw()
		l := line + strings.Count(raw[:min(offset, len(raw))], "\n")
		offset += len(rawTok)
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		t := z.Token()
		if why, ok := removedElements[t.DataAtom]; ok {
			a.diags.add(course.CodeHTMLElementRemoved, l, course.SeverityWarning, fmt.Sprintf("<%s> was removed: %s", t.Data, why), "", "Element", t.Data)
			continue
		}
		if t.DataAtom == atom.Iframe {
			src, _ := attr(&t, "src")
			if !a.hosts.allows(src) {
				a.diags.add(course.CodeEmbedNotAllowed, l, course.SeverityWarning, fmt.Sprintf("an embedded frame from %q was removed: its site is not on the list of allowed embeds", short(src)),
					"embeds from YouTube, Vimeo, Kaltura, Google Docs, the Internet Archive, Wikimedia Commons and H5P are allowed; add the site to iframe_hosts in _data/course.yml if you trust it",
					"Address", short(src))
			}
		}
		for _, at := range t.Attr {
			key := strings.ToLower(at.Key)
			switch {
			case strings.HasPrefix(key, "on"):
				a.diags.add(course.CodeScriptAttributeRemoved, l, course.SeverityWarning, fmt.Sprintf("the %s attribute of <%s> was removed: scripts cannot run in course pages", at.Key, t.Data), "",
					"Attribute", at.Key, "Element", t.Data)
			case key == "href" || key == "src" || key == "action" || key == "formaction" || key == "xlink:href" || key == "poster":
				if unsafeURL(at.Val, t.DataAtom == atom.Img) {
					a.diags.add(course.CodeUnsafeAddressRemoved, l, course.SeverityWarning, fmt.Sprintf("the %s of <%s> (%q) was removed: that kind of address can run code in the reader's browser", at.Key, t.Data, short(at.Val)), "",
						"Address", short(at.Val))
				}
			}
		}
	}
}

// video is a YouTube or Vimeo video found on a line of its own.
type video struct {
	ast.BaseBlock
	provider, id, title, start string
}

var kindVideo = ast.NewNodeKind("Video")

func (v *video) Kind() ast.NodeKind { return kindVideo }

func (v *video) Dump(src []byte, level int) {
	ast.DumpHelper(v, src, level, map[string]string{"provider": v.provider, "id": v.id}, nil)
}

var (
	youtubeRE = regexp.MustCompile(`^https?://(?:www\.|m\.)?(?:youtube\.com/watch\?(?:[^#\s]*&)?v=|youtu\.be/)([\w-]{6,20})(?:[&?#]t=(\d+)s?)?`)
	vimeoRE   = regexp.MustCompile(`^https?://(?:www\.)?vimeo\.com/(\d+)`)
)

// videoOf recognises a paragraph that is nothing but a YouTube or Vimeo
// page address (bare, or as a link whose text becomes the title).
func videoOf(p *ast.Paragraph, src []byte) *video {
	c := p.FirstChild()
	if c == nil || c.NextSibling() != nil {
		return nil
	}
	var u, title string
	switch l := c.(type) {
	case *ast.AutoLink:
		u = string(l.URL(src))
	case *ast.Link:
		u, title = string(l.Destination), plainText(l, src)
		if title == u {
			title = ""
		}
	default:
		return nil
	}
	if m := youtubeRE.FindStringSubmatch(u); m != nil {
		return &video{provider: "YouTube", id: m[1], title: title, start: m[2]}
	}
	if m := vimeoRE.FindStringSubmatch(u); m != nil {
		return &video{provider: "Vimeo", id: m[1], title: title}
	}
	return nil
}

// pageURL is the video's own page, for opening in a browser.
func (v *video) pageURL() string {
	if v.provider == "Vimeo" {
		return "https://vimeo.com/" + v.id
	}
	return "https://www.youtube.com/watch?v=" + v.id
}

// embedURL is the privacy-friendlier player address for the video.
func (v *video) embedURL() string {
	if v.provider == "Vimeo" {
		return "https://player.vimeo.com/video/" + v.id
	}
	u := "https://www.youtube-nocookie.com/embed/" + v.id
	if v.start != "" {
		u += "?start=" + v.start
	}
	return u
}
