package render

import (
	"bytes"
	"html"
	"net/url"
	"regexp"
	"strings"

	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// previewBlocks turns the children of a parsed document into the preview
// model. Nodes the model has no block for (definition lists, the
// document itself) give their children's blocks.
func previewBlocks(n ast.Node, src []byte) []Block {
	var out []Block
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = appendBlock(out, c, src)
	}
	return out
}

// previewPage is previewBlocks for the document, each top-level block
// with the source line it starts on. The blocks of a whole self-check
// question (the markdown between its markers) give way to one
// BlockQuestion.
func previewPage(doc ast.Node, src []byte, questions []placedQuestion) []Block {
	var out []Block
	line, at := 1, 0
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		k := len(out)
		off, hasOff := startOffset(c)
		if q, first, in := questionAt(questions, off, hasOff); in {
			if first {
				out = append(out, Block{Kind: BlockQuestion, Question: q})
			}
		} else {
			out = appendBlock(out, c, src)
		}
		// Blocks come in source order: count only the newlines since
		// the last one, not from the start each time.
		if hasOff && off >= at && off <= len(src) {
			line += bytes.Count(src[at:off], []byte{'\n'})
			at = off
		}
		for i := k; i < len(out); i++ {
			out[i].Line = line
		}
	}
	return out
}

// startOffset is where a block's first line of text starts in the
// source: its own, or its first descendant's (a list's, a quote's).
func startOffset(n ast.Node) (int, bool) {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		if off, ok := startOffset(c); ok {
			return off, true
		}
	}
	return 0, false
}

func appendBlock(out []Block, n ast.Node, src []byte) []Block {
	if v, ok := n.(*video); ok {
		return append(out, Block{Kind: BlockEmbed, Embed: &Embed{Provider: v.provider, Title: v.title, URL: v.pageURL()}})
	}
	switch n := n.(type) {
	case *ast.Heading:
		return append(out, Block{Kind: BlockHeading, Level: n.Level, Text: plainText(n, src)})
	case *ast.Paragraph, *ast.TextBlock:
		kind := BlockParagraph
		if classOf(n) == "timing" {
			kind = BlockTiming
		}
		if runs := inlineRuns(n, src); len(runs) > 0 {
			return append(out, Block{Kind: kind, Runs: runs})
		}
		return out
	case *ast.Blockquote:
		kind := BlockQuote
		if classOf(n) == "facilitator-tip" {
			kind = BlockTip
		}
		return append(out, Block{Kind: kind, Blocks: previewBlocks(n, src)})
	case *ast.List:
		l := &List{Ordered: n.IsOrdered(), Start: n.Start}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, listItem(it, src))
		}
		return append(out, Block{Kind: BlockList, List: l})
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		if text := linesText(n, src); text != "" {
			return append(out, Block{Kind: BlockCode, Text: text})
		}
		return out
	case *ast.ThematicBreak:
		return append(out, Block{Kind: BlockRule})
	case *east.Table:
		return append(out, Block{Kind: BlockTable, Table: table(n, src)})
	case *ast.HTMLBlock:
		return appendHTML(out, linesText(n, src))
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			out = appendBlock(out, c, src)
		}
		return out
	}
}

// listItem is the blocks of one list item: paragraphs, code and lists as
// they are; anything else as a paragraph of its plain text.
func listItem(it ast.Node, src []byte) []Block {
	var out []Block
	for c := it.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.List, *ast.Paragraph, *ast.TextBlock:
			out = appendBlock(out, c, src)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			out = append(out, Block{Kind: BlockCode, Text: linesText(c, src)})
		default:
			out = append(out, Block{Kind: BlockParagraph, Runs: []Run{{Kind: RunText, Text: plainText(c, src)}}})
		}
	}
	return out
}

func table(t *east.Table, src []byte) *Table {
	out := &Table{}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignCenter:
			out.Align = append(out.Align, AlignCenter)
		case east.AlignRight:
			out.Align = append(out.Align, AlignRight)
		default:
			out.Align = append(out.Align, AlignLeft)
		}
	}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		_, header := row.(*east.TableHeader)
		r := TableRow{Header: header}
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			r.Cells = append(r.Cells, inlineRuns(cell, src))
		}
		out.Rows = append(out.Rows, r)
	}
	return out
}

var (
	embedSrcRE  = regexp.MustCompile(`(?is)<iframe[^>]*\ssrc="([^"]+)"`)
	titleAttrRE = regexp.MustCompile(`(?is)\stitle="([^"]*)"`)
	brOnlyRE    = regexp.MustCompile(`(?i)^\s*(<br\s*/?>\s*)+$`)
	// imagesOnlyRE is raw HTML that is only images, maybe centred or in
	// a div or paragraph: <center><img src="…"></center>.
	imagesOnlyRE = regexp.MustCompile(`(?is)^\s*(?:<(?:center|div|p)\b[^>]*>\s*)*(?:<img\b[^>]*>\s*(?:<br\s*/?>\s*)*)+(?:</(?:center|div|p)\s*>\s*)*$`)
	imgTagRE     = regexp.MustCompile(`(?is)<img\b[^>]*>`)
	srcAttrRE    = regexp.MustCompile(`(?is)\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	altAttrRE    = regexp.MustCompile(`(?is)\salt\s*=\s*(?:"([^"]*)"|'([^']*)')`)
)

// appendHTML adds raw HTML: an embedded player as an embed, spacing
// (blank, or nothing but <br>) as nothing, anything else as its markup.
func appendHTML(out []Block, raw string) []Block {
	if m := embedSrcRE.FindStringSubmatch(raw); m != nil {
		e := &Embed{Provider: "Embedded", URL: m[1]}
		if t := titleAttrRE.FindStringSubmatch(raw); t != nil {
			e.Title = t[1]
		}
		switch {
		case strings.Contains(m[1], "youtube"):
			e.Provider = "YouTube"
		case strings.Contains(m[1], "vimeo"):
			e.Provider = "Vimeo"
		}
		return append(out, Block{Kind: BlockEmbed, Embed: e})
	}
	if strings.TrimSpace(raw) == "" || brOnlyRE.MatchString(raw) {
		return out
	}
	if runs := htmlImages(raw); runs != nil {
		return append(out, Block{Kind: BlockParagraph, Runs: runs})
	}
	return append(out, Block{Kind: BlockHTML, Text: raw})
}

// htmlImages is the images of raw HTML that holds only images (the
// browser shows them, so the preview does too), or nil. As the site's
// sanitiser, it keeps only addresses on the web or in the course:
// javascript:, data: and other schemes make the block show as markup.
func htmlImages(raw string) []Run {
	if !imagesOnlyRE.MatchString(raw) {
		return nil
	}
	var runs []Run
	for _, tag := range imgTagRE.FindAllString(raw, -1) {
		src := attrValue(srcAttrRE, tag)
		u, err := url.Parse(src)
		if src == "" || err != nil || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
			return nil
		}
		runs = append(runs, Run{Kind: RunImage, Dest: src, Text: attrValue(altAttrRE, tag)})
	}
	return runs
}

// attrValue is an attribute's value matched by re, quoted either way.
func attrValue(re *regexp.Regexp, tag string) string {
	m := re.FindStringSubmatch(tag)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1] + m[2])
}

// inlineRuns is the inline content of n as runs; consecutive text of one
// style is one run.
func inlineRuns(n ast.Node, src []byte) []Run {
	var out []Run
	appendInline(&out, n, src, 0)
	return out
}

func addText(out *[]Run, s string, st Style) {
	if s == "" {
		return
	}
	if k := len(*out); k > 0 && (*out)[k-1].Kind == RunText && (*out)[k-1].Style == st {
		(*out)[k-1].Text += s
		return
	}
	*out = append(*out, Run{Kind: RunText, Text: s, Style: st})
}

func appendInline(out *[]Run, n ast.Node, src []byte, st Style) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			s := string(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				s += " "
			}
			addText(out, s, st)
		case *ast.String:
			addText(out, string(c.Value), st)
		case *ast.Emphasis:
			inner := st | Italic
			if c.Level >= 2 {
				inner = st | Bold
			}
			appendInline(out, c, src, inner)
		case *east.Strikethrough:
			appendInline(out, c, src, st|Strike)
		case *ast.CodeSpan:
			*out = append(*out, Run{Kind: RunCode, Text: plainText(c, src)})
		case *ast.Link:
			text := plainText(c, src)
			if text == "" {
				text = string(c.Destination)
			}
			*out = append(*out, Run{Kind: RunLink, Text: text, Style: st, Dest: string(c.Destination)})
		case *ast.AutoLink:
			*out = append(*out, Run{Kind: RunLink, Text: string(c.Label(src)), Style: st, Dest: string(c.URL(src))})
		case *ast.Image:
			*out = append(*out, Run{Kind: RunImage, Text: plainText(c, src), Dest: string(c.Destination)})
		case *east.TaskCheckBox:
			*out = append(*out, Run{Kind: RunCheckbox, Checked: c.IsChecked})
		case *emojiast.Emoji: // jemoji: the character, or its shortcode
			if c.Value.IsUnicode() {
				addText(out, string(c.Value.Unicode), st)
			} else {
				addText(out, ":"+string(c.ShortName)+":", st)
			}
		case *ast.RawHTML:
			if strings.HasPrefix(strings.ToLower(rawHTMLText(c, src)), "<br") {
				*out = append(*out, Run{Kind: RunBreak})
			}
		default:
			appendInline(out, c, src, st)
		}
	}
}

func rawHTMLText(n *ast.RawHTML, src []byte) string {
	var sb strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		s := n.Segments.At(i)
		sb.Write(s.Value(src))
	}
	return sb.String()
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

// classOf is the class a course convention gave a node: "facilitator-tip"
// for a tip block quote, "timing" for a suggested-timing line, "" for
// anything else.
func classOf(n ast.Node) string {
	v, ok := n.AttributeString("class")
	if !ok {
		return ""
	}
	switch c := v.(type) {
	case []byte:
		return string(c)
	case string:
		return c
	}
	return ""
}
