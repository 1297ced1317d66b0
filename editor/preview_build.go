package editor

import (
	// Course images are JPEG and GIF as often as PNG; Fyne decodes with
	// the standard library, which knows only the formats imported.
	_ "image/gif"
	_ "image/jpeg"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/render"
)

// The preview draws render's preview model (render.Preview), built from
// the site's own markdown pipeline. Text flows into RichText segments, as
// Fyne's markdown widget does; what RichText cannot show — tables,
// facilitator tips, timing lines, video embeds — becomes widgets of its
// own between the flows.

// previewContext is what resolving images needs.
type previewContext struct {
	course *course.Course
	page   *course.Page
	// links, when not nil, gets the address of each link segment made
	// (a tap on one follows it: preview_tap.go), nested blocks' too.
	links map[*widget.TextSegment]string
	// images are the course images the page shows, by address, read
	// off the UI thread (preview_image.go); nil: read them when met.
	images map[string]imageInfo
	// imageCache decodes them off the UI thread (nil: not shown).
	imageCache *previewImages
	// words are the interface language's, for the preview's own labels
	// (a tip's, a question's).
	words Wording
}

type previewBuilder struct {
	ctx  previewContext
	objs []fyne.CanvasObject
	flow []widget.RichTextSegment
}

// buildPreview turns a page's preview model into the objects the preview
// shows, top to bottom.
func buildPreview(pv render.Preview, ctx previewContext) []fyne.CanvasObject {
	objs, _ := buildAnchored(pv, ctx)
	return objs
}

// anchor says where a top-level block of the page starts among the
// preview's objects: object obj, at its segment seg (0 for widgets).
type anchor struct{ line, obj, seg int }

// buildAnchored is buildPreview with an anchor for each top-level block
// that knows its source line, in order.
func buildAnchored(pv render.Preview, ctx previewContext) ([]fyne.CanvasObject, []anchor) {
	objs, anchors, _ := buildLinked(pv, ctx)
	return objs, anchors
}

// buildLinked is buildAnchored with the address of each link segment.
func buildLinked(pv render.Preview, ctx previewContext) ([]fyne.CanvasObject, []anchor, map[*widget.TextSegment]string) {
	ctx.links = map[*widget.TextSegment]string{}
	b := &previewBuilder{ctx: ctx}
	var anchors []anchor
	for _, bl := range pv.Blocks {
		if bl.Line > 0 {
			// A block that is a widget flushes the text before it: the
			// anchor is then the flushed text's end, the widget's top.
			anchors = append(anchors, anchor{line: bl.Line, obj: len(b.objs), seg: len(b.flow)})
		}
		b.block(bl)
	}
	b.flush()
	return b.objs, anchors, ctx.links
}

func buildBlocks(blocks []render.Block, ctx previewContext) []fyne.CanvasObject {
	b := &previewBuilder{ctx: ctx}
	for _, bl := range blocks {
		b.block(bl)
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

func (b *previewBuilder) block(bl render.Block) {
	switch bl.Kind {
	case render.BlockHeading:
		switch bl.Level {
		case 1:
			b.flow = append(b.flow, &widget.TextSegment{Style: widget.RichTextStyleHeading, Text: bl.Text})
		case 2:
			b.flow = append(b.flow, &widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: bl.Text})
		default:
			st := widget.RichTextStyleParagraph
			st.TextStyle.Bold = true
			b.flow = append(b.flow, &widget.TextSegment{Style: st, Text: bl.Text})
		}
	case render.BlockParagraph:
		b.paragraph(b.inlines(bl.Runs, fyne.TextStyle{}))
	case render.BlockTiming:
		b.add(timingLine(b.inlines(bl.Runs, fyne.TextStyle{})))
	case render.BlockTip:
		b.add(tipBox(b.ctx.words, buildBlocks(bl.Blocks, b.ctx)))
	case render.BlockQuote:
		for _, c := range bl.Blocks {
			if c.Kind == render.BlockParagraph {
				b.paragraph(b.inlines(c.Runs, fyne.TextStyle{Italic: true}))
				continue
			}
			b.block(c)
		}
	case render.BlockList:
		b.flow = append(b.flow, b.list(bl.List))
	case render.BlockCode:
		b.flow = append(b.flow, &widget.TextSegment{Style: widget.RichTextStyleCodeBlock, Text: bl.Text})
	case render.BlockRule:
		b.flow = append(b.flow, &widget.SeparatorSegment{})
	case render.BlockTable:
		b.add(b.table(bl.Table))
	case render.BlockEmbed:
		b.add(videoCard(b.ctx.words, bl.Embed.Title, bl.Embed.Provider, bl.Embed.URL))
	case render.BlockQuestion:
		b.add(b.question(bl.Question))
	case render.BlockHTML:
		// Raw HTML shows as its markup, dimmed, so the author sees it is
		// there.
		st := widget.RichTextStyleCodeBlock
		st.ColorName = theme.ColorNameDisabled
		b.flow = append(b.flow, &widget.TextSegment{Style: st, Text: bl.Text})
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

func (b *previewBuilder) list(l *render.List) *widget.ListSegment {
	seg := &widget.ListSegment{Ordered: l.Ordered}
	if l.Ordered {
		seg.SetStartNumber(l.Start)
	}
	for _, item := range l.Items {
		var texts []widget.RichTextSegment
		for _, c := range item {
			switch c.Kind {
			case render.BlockList:
				if len(texts) > 0 {
					texts = append(texts, &widget.TextSegment{Style: paragraphEnd})
				}
				texts = append(texts, b.list(c.List))
			case render.BlockCode:
				texts = append(texts, &widget.TextSegment{Style: widget.RichTextStyleCodeBlock, Text: c.Text})
			default:
				if len(texts) > 0 {
					texts = append(texts, &widget.TextSegment{Style: paragraphEnd})
				}
				texts = append(texts, b.inlines(c.Runs, fyne.TextStyle{})...)
			}
		}
		seg.Items = append(seg.Items, &widget.ParagraphSegment{Texts: texts})
	}
	return seg
}

func inlineStyle(ts fyne.TextStyle) widget.RichTextStyle {
	st := widget.RichTextStyleInline
	st.TextStyle = ts
	return st
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

// textStyle is a run's style on top of the surrounding one (a quote's
// italics, a header cell's bold).
func textStyle(base fyne.TextStyle, st render.Style) fyne.TextStyle {
	base.Bold = base.Bold || st&render.Bold != 0
	base.Italic = base.Italic || st&render.Italic != 0
	return base
}

func (b *previewBuilder) text(out *[]widget.RichTextSegment, s string, ts fyne.TextStyle) {
	if s == "" {
		return
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

// inlines converts runs to RichText segments on top of a text style.
func (b *previewBuilder) inlines(runs []render.Run, base fyne.TextStyle) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for _, r := range runs {
		ts := textStyle(base, r.Style)
		text := r.Text
		if r.Style&render.Strike != 0 {
			text = strike(text)
		}
		switch r.Kind {
		case render.RunText:
			b.text(&out, text, ts)
		case render.RunCode:
			out = append(out, &widget.TextSegment{Style: widget.RichTextStyleCodeInline, Text: r.Text})
		case render.RunLink:
			seg := link(text, ts)
			if b.ctx.links != nil {
				b.ctx.links[seg] = r.Dest
			}
			out = append(out, seg)
		case render.RunImage:
			out = append(out, b.image(r.Dest, r.Text))
		case render.RunCheckbox:
			mark := "☐ "
			if r.Checked {
				mark = "☑ "
			}
			out = append(out, &widget.TextSegment{Style: inlineStyle(fyne.TextStyle{Bold: true}), Text: mark})
		case render.RunBreak:
			out = append(out, &widget.TextSegment{Style: paragraphEnd})
		}
	}
	guardSegmentStarts(out)
	return out
}

// link shows a link's text in the link colour. It is text,
// not a HyperlinkSegment: Fyne 2.7's RichText cannot wrap a line after a
// hyperlink that overflows it (the rest of the paragraph then comes out
// one character per line), and the preview must read like the page.
func link(text string, ts fyne.TextStyle) *widget.TextSegment {
	st := inlineStyle(ts)
	st.ColorName = theme.ColorNameHyperlink
	return &widget.TextSegment{Style: st, Text: text}
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
	info, ok := b.ctx.images[dest]
	if !ok && b.ctx.images == nil {
		// Not read ahead (a preview built at once, in tests): read now.
		if full, found := resolveImage(b.ctx.course, b.ctx.page, dest); found {
			info, ok = readImageInfo(full)
		}
	}
	switch {
	case ok && info.w > 0 && info.h > 0:
		return &imageSegment{info: info, title: alt, cache: b.ctx.imageCache}
	case ok: // a kind of image only Fyne reads (SVG): Fyne's own segment
		return &widget.ImageSegment{Source: storage.NewFileURI(info.path), Title: alt, Alignment: fyne.TextAlignCenter}
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

// table lays a table out as a grid of cells; RichText has no table.
func (b *previewBuilder) table(t *render.Table) fyne.CanvasObject {
	cols := len(t.Align)
	if cols == 0 {
		cols = 1
	}
	var cells []fyne.CanvasObject
	for _, row := range t.Rows {
		n := 0
		for _, cell := range row.Cells {
			if n == cols {
				break
			}
			rt := widget.NewRichText(b.inlines(cell, fyne.TextStyle{Bold: row.Header})...)
			rt.Wrapping = fyne.TextWrapWord
			align := fyne.TextAlignLeading
			if n < len(t.Align) {
				switch t.Align[n] {
				case render.AlignCenter:
					align = fyne.TextAlignCenter
				case render.AlignRight:
					align = fyne.TextAlignTrailing
				}
			}
			for _, s := range rt.Segments {
				if ts, ok := s.(*widget.TextSegment); ok {
					ts.Style.Alignment = align
				}
			}
			cells = append(cells, cellBox(rt, row.Header))
			n++
		}
		for ; n < cols; n++ { // short rows are padded, as browsers do
			cells = append(cells, cellBox(widget.NewRichText(), row.Header))
		}
	}
	return container.New(newTableLayout(cols), cells...)
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
