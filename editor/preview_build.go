package editor

import (
	// Course images are JPEG and GIF as often as PNG; Fyne decodes with
	// the standard library, which knows only the formats imported.
	_ "image/gif"
	_ "image/jpeg"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/render"
)

// The preview is built from the syntax tree of the site's own markdown
// pipeline. Text flows into RichText segments, as Fyne's markdown widget
// does; what RichText cannot show — tables, facilitator tips, timing
// lines, video embeds — becomes widgets of its own between the flows.

// previewContext is what resolving images needs.
type previewContext struct {
	course *course.Course
	page   *course.Page
}

type previewBuilder struct {
	ctx  previewContext
	src  []byte
	objs []fyne.CanvasObject
	flow []widget.RichTextSegment
}

// buildPreview turns a parsed page into the objects the preview shows,
// top to bottom.
func buildPreview(doc ast.Node, src []byte, ctx previewContext) []fyne.CanvasObject {
	b := &previewBuilder{ctx: ctx, src: src}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		b.block(n)
	}
	b.flush()
	return b.objs
}

// flush ends the current run of text as one RichText.
func (b *previewBuilder) flush() {
	if len(b.flow) == 0 {
		return
	}
	rt := widget.NewRichText(b.flow...)
	rt.Wrapping = fyne.TextWrapWord
	b.objs = append(b.objs, rt)
	b.flow = nil
}

func (b *previewBuilder) add(o fyne.CanvasObject) {
	b.flush()
	b.objs = append(b.objs, o)
}

var paragraphEnd = widget.RichTextStyleParagraph

func (b *previewBuilder) block(n ast.Node) {
	if v, ok := render.VideoOf(n); ok {
		b.add(videoCard(v.Title, v.Provider, v.PageURL))
		return
	}
	switch n := n.(type) {
	case *ast.Heading:
		text := plainText(n, b.src)
		switch n.Level {
		case 1:
			b.flow = append(b.flow, &widget.TextSegment{Style: widget.RichTextStyleHeading, Text: text})
		case 2:
			b.flow = append(b.flow, &widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: text})
		default:
			st := widget.RichTextStyleParagraph
			st.TextStyle.Bold = true
			b.flow = append(b.flow, &widget.TextSegment{Style: st, Text: text})
		}
	case *ast.Paragraph, *ast.TextBlock:
		if render.Class(n) == "timing" {
			b.add(timingLine(b.inlines(n, fyne.TextStyle{})))
			return
		}
		b.paragraph(b.inlines(n, fyne.TextStyle{}))
	case *ast.Blockquote:
		if render.Class(n) == "facilitator-tip" {
			b.add(tipBox(b.nested(n)))
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if _, ok := c.(*ast.Paragraph); ok {
				b.paragraph(b.inlines(c, fyne.TextStyle{Italic: true}))
				continue
			}
			b.block(c)
		}
	case *ast.List:
		b.flow = append(b.flow, b.list(n))
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		if text := linesText(n, b.src); text != "" {
			b.flow = append(b.flow, &widget.TextSegment{Style: widget.RichTextStyleCodeBlock, Text: text})
		}
	case *ast.ThematicBreak:
		b.flow = append(b.flow, &widget.SeparatorSegment{})
	case *east.Table:
		b.add(b.table(n))
	case *ast.HTMLBlock:
		b.htmlBlock(n)
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			b.block(c)
		}
	}
}

// paragraph adds inline segments and ends the line. Images are blocks in
// RichText, so they break the paragraph around them.
func (b *previewBuilder) paragraph(segs []widget.RichTextSegment) {
	if len(segs) == 0 {
		return
	}
	b.flow = append(b.flow, segs...)
	b.flow = append(b.flow, &widget.TextSegment{Style: paragraphEnd})
}

// nested builds the children of n as a separate preview (for boxes).
func (b *previewBuilder) nested(n ast.Node) []fyne.CanvasObject {
	inner := &previewBuilder{ctx: b.ctx, src: b.src}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		inner.block(c)
	}
	inner.flush()
	return inner.objs
}

func (b *previewBuilder) list(n *ast.List) *widget.ListSegment {
	l := &widget.ListSegment{Ordered: n.IsOrdered()}
	if n.IsOrdered() {
		l.SetStartNumber(n.Start)
	}
	for it := n.FirstChild(); it != nil; it = it.NextSibling() {
		var texts []widget.RichTextSegment
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.List:
				texts = append(texts, b.list(c))
			case *ast.Paragraph, *ast.TextBlock:
				if len(texts) > 0 {
					texts = append(texts, &widget.TextSegment{Style: paragraphEnd})
				}
				texts = append(texts, b.inlines(c, fyne.TextStyle{})...)
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				texts = append(texts, &widget.TextSegment{Style: widget.RichTextStyleCodeBlock, Text: linesText(c, b.src)})
			default:
				texts = append(texts, &widget.TextSegment{Style: inlineStyle(fyne.TextStyle{}), Text: plainText(c, b.src)})
			}
		}
		l.Items = append(l.Items, &widget.ParagraphSegment{Texts: texts})
	}
	return l
}

func inlineStyle(ts fyne.TextStyle) widget.RichTextStyle {
	st := widget.RichTextStyleInline
	st.TextStyle = ts
	return st
}

// inlines converts the inline children of n with a text style.
func (b *previewBuilder) inlines(n ast.Node, ts fyne.TextStyle) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	b.inlineInto(&out, n, ts, false)
	return out
}

// Struck text: RichText has no strikethrough style, so each character
// gets a combining long stroke overlay, which the fonts draw through it.
const strokeMark = "\u0336"

func strike(s string) string {
	var sb strings.Builder
	for _, r := range s {
		sb.WriteRune(r)
		if r != ' ' {
			sb.WriteString(strokeMark)
		}
	}
	return sb.String()
}

func (b *previewBuilder) text(out *[]widget.RichTextSegment, s string, ts fyne.TextStyle, struck bool) {
	if s == "" {
		return
	}
	if struck {
		s = strike(s)
	}
	// Consecutive text of one style joins into one segment.
	if k := len(*out); k > 0 {
		if last, ok := (*out)[k-1].(*widget.TextSegment); ok && last.Style == inlineStyle(ts) {
			last.Text += s
			return
		}
	}
	*out = append(*out, &widget.TextSegment{Style: inlineStyle(ts), Text: s})
}

func (b *previewBuilder) inlineInto(out *[]widget.RichTextSegment, n ast.Node, ts fyne.TextStyle, struck bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			s := string(c.Segment.Value(b.src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				s += " "
			}
			b.text(out, s, ts, struck)
		case *ast.String:
			b.text(out, string(c.Value), ts, struck)
		case *ast.Emphasis:
			inner := ts
			if c.Level >= 2 {
				inner.Bold = true
			} else {
				inner.Italic = true
			}
			b.inlineInto(out, c, inner, struck)
		case *east.Strikethrough:
			b.inlineInto(out, c, ts, true)
		case *ast.CodeSpan:
			*out = append(*out, &widget.TextSegment{Style: widget.RichTextStyleCodeInline, Text: plainText(c, b.src)})
		case *ast.Link:
			b.link(out, orDefault(plainText(c, b.src), string(c.Destination)), ts)
		case *ast.AutoLink:
			b.link(out, string(c.Label(b.src)), ts)
		case *ast.Image:
			*out = append(*out, b.image(string(c.Destination), plainText(c, b.src)))
		case *east.TaskCheckBox:
			mark := "☐ "
			if c.IsChecked {
				mark = "☑ "
			}
			*out = append(*out, &widget.TextSegment{Style: inlineStyle(fyne.TextStyle{Bold: true}), Text: mark})
		case *ast.RawHTML:
			if raw := rawText(c, b.src); strings.HasPrefix(strings.ToLower(raw), "<br") {
				*out = append(*out, &widget.TextSegment{Style: paragraphEnd})
			}
		default:
			b.inlineInto(out, c, ts, struck)
		}
	}
}

func rawText(n *ast.RawHTML, src []byte) string {
	var sb strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		s := n.Segments.At(i)
		sb.Write(s.Value(src))
	}
	return sb.String()
}

// link shows a link's text in the link colour. It is text,
// not a HyperlinkSegment: Fyne 2.7's RichText cannot wrap a line after a
// hyperlink that overflows it (the rest of the paragraph then comes out
// one character per line), and the preview must read like the page.
func (b *previewBuilder) link(out *[]widget.RichTextSegment, text string, ts fyne.TextStyle) {
	st := inlineStyle(ts)
	st.ColorName = theme.ColorNameHyperlink
	*out = append(*out, &widget.TextSegment{Style: st, Text: text})
}

// image shows an image of the course from its img/ folder. Images on the
// web are not fetched (the preview works offline and never waits for the
// network): their description shows in the link colour.
func (b *previewBuilder) image(dest, alt string) widget.RichTextSegment {
	if u, err := url.Parse(dest); err == nil && u.IsAbs() {
		st := inlineStyle(fyne.TextStyle{Italic: true})
		st.ColorName = theme.ColorNameHyperlink
		return &widget.TextSegment{Style: st, Text: "[image: " + orDefault(alt, u.String()) + "]"}
	}
	if c := b.ctx.course; c != nil {
		from := "/"
		if b.ctx.page != nil {
			from = b.ctx.page.URL()
		}
		if site, ok := course.ResolveLink(from, dest); ok {
			if full, err := course.SafeJoin(c.Dir, strings.TrimPrefix(site, "/")); err == nil {
				if st, err := os.Stat(full); err == nil && !st.IsDir() {
					return &widget.ImageSegment{Source: storage.NewFileURI(filepath.Clean(full)), Title: alt, Alignment: fyne.TextAlignCenter}
				}
			}
		}
	}
	st := inlineStyle(fyne.TextStyle{Italic: true})
	st.ColorName = theme.ColorNameError
	return &widget.TextSegment{Style: st, Text: "[missing image: " + orDefault(alt, dest) + "]"}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// table lays a GFM table out as a grid of cells; RichText has no table.
func (b *previewBuilder) table(t *east.Table) fyne.CanvasObject {
	cols := len(t.Alignments)
	if cols == 0 {
		cols = 1
	}
	var cells []fyne.CanvasObject
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		_, header := row.(*east.TableHeader)
		n := 0
		for cell := row.FirstChild(); cell != nil && n < cols; cell = cell.NextSibling() {
			ts := fyne.TextStyle{Bold: header}
			rt := widget.NewRichText(b.inlines(cell, ts)...)
			rt.Wrapping = fyne.TextWrapWord
			if tc, ok := cell.(*east.TableCell); ok {
				align := fyne.TextAlignLeading
				switch tc.Alignment {
				case east.AlignCenter:
					align = fyne.TextAlignCenter
				case east.AlignRight:
					align = fyne.TextAlignTrailing
				}
				for _, s := range rt.Segments {
					if ts, ok := s.(*widget.TextSegment); ok {
						ts.Style.Alignment = align
					}
				}
			}
			cells = append(cells, cellBox(rt, header))
			n++
		}
		for ; n < cols; n++ { // short rows are padded, as browsers do
			cells = append(cells, cellBox(widget.NewRichText(), header))
		}
	}
	return container.NewGridWithColumns(cols, cells...)
}

func cellBox(o fyne.CanvasObject, header bool) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	if header {
		bg.FillColor = theme.Color(theme.ColorNameHeaderBackground)
	}
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	return container.NewStack(bg, o)
}

var iframeSrcRE = regexp.MustCompile(`(?is)<iframe[^>]*\ssrc="([^"]+)"`)
var titleAttrRE = regexp.MustCompile(`(?is)\stitle="([^"]*)"`)

var brOnly = regexp.MustCompile(`(?i)^\s*(<br\s*/?>\s*)+$`)

// htmlBlock shows raw HTML: embedded players as a video card, anything
// else as its markup, dimmed, so the author sees it is there.
func (b *previewBuilder) htmlBlock(n *ast.HTMLBlock) {
	raw := linesText(n, b.src)
	if m := iframeSrcRE.FindStringSubmatch(raw); m != nil {
		title := ""
		if t := titleAttrRE.FindStringSubmatch(raw); t != nil {
			title = t[1]
		}
		provider := "Embedded"
		switch {
		case strings.Contains(m[1], "youtube"):
			provider = "YouTube"
		case strings.Contains(m[1], "vimeo"):
			provider = "Vimeo"
		}
		b.add(videoCard(title, provider, m[1]))
		return
	}
	if strings.TrimSpace(raw) == "" || brOnly.MatchString(raw) {
		return // spacing, which the preview has of its own
	}
	st := widget.RichTextStyleCodeBlock
	st.ColorName = theme.ColorNameDisabled
	b.flow = append(b.flow, &widget.TextSegment{Style: st, Text: raw})
}

func linesText(n ast.Node, src []byte) string {
	var sb strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		sb.Write(s.Value(src))
	}
	return strings.TrimRight(sb.String(), "\n")
}

// plainText is the text of a node's inline content.
func plainText(n ast.Node, src []byte) string {
	var sb strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			sb.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.Write(t.Value)
		case *ast.AutoLink:
			sb.Write(t.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return sb.String()
}
