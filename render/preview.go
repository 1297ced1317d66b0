package render

import "github.com/coursewright/coursewright/course"

// The desktop editor draws its live preview itself, without a web view.
// Preview parses a page with the very pipeline the site uses (same
// extensions, Liquid, course conventions), so what the author sees while
// typing is what learners get, and hands the editor this small model of
// the result: blocks, and inside them runs of styled text. The editor
// never sees the markdown parser's syntax tree.

// Preview is a page as the desktop preview shows it.
type Preview struct {
	Blocks []Block
}

// BlockKind says what a Block is.
type BlockKind int

const (
	// BlockParagraph: Runs.
	BlockParagraph BlockKind = iota
	// BlockHeading: Level and Text.
	BlockHeading
	// BlockQuote: Blocks, quoted.
	BlockQuote
	// BlockTip: Blocks, a facilitator tip (a "Facilitator tip" quote).
	BlockTip
	// BlockTiming: Runs, a "Suggested timing" line.
	BlockTiming
	// BlockList: List.
	BlockList
	// BlockCode: Text, the code's lines.
	BlockCode
	// BlockRule: a thematic break.
	BlockRule
	// BlockTable: Table.
	BlockTable
	// BlockEmbed: Embed, a video or another embedded player.
	BlockEmbed
	// BlockHTML: Text, raw HTML the preview shows as its markup.
	BlockHTML
	// BlockQuestion: Question, a self-check question as learners see it.
	BlockQuestion
)

// Block is one block of a page, top to bottom.
type Block struct {
	Kind   BlockKind
	Level  int     // BlockHeading: 1 to 6
	Text   string  // BlockHeading: plain text; BlockCode, BlockHTML: the lines
	Runs   []Run   // BlockParagraph, BlockTiming
	Blocks []Block // BlockQuote, BlockTip
	List   *List   // BlockList
	Table  *Table  // BlockTable
	Embed  *Embed  // BlockEmbed
	// Question is a BlockQuestion's question (see preview_question.go).
	Question *PreviewQuestion
	// Line is the line of the source where a page's top-level block
	// starts (1-based; 0 inside quotes and lists), so the preview can
	// follow the editor's cursor. Liquid that adds or removes lines
	// shifts it by as many.
	Line int
}

// List is a bulleted or numbered list; each item is a list of blocks
// (paragraphs, code, lists inside it).
type List struct {
	Ordered bool
	Start   int // the first number of an ordered list
	Items   [][]Block
}

// Align is a table column's alignment.
type Align int

const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Table is a GFM table. Rows may be shorter than Align: browsers pad them.
type Table struct {
	Align []Align // one per column
	Rows  []TableRow
}

// TableRow is a row of cells, each a run of inline content.
type TableRow struct {
	Header bool
	Cells  [][]Run
}

// Embed is an embedded player: a video line (a YouTube or Vimeo address
// alone on its line) or an iframe in raw HTML.
type Embed struct {
	Provider string // "YouTube", "Vimeo" or "Embedded"
	Title    string // "" when the page gives none
	URL      string // what to open in a browser: the video's page, or the iframe's address
}

// RunKind says what a Run is.
type RunKind int

const (
	// RunText: Text in Style.
	RunText RunKind = iota
	// RunCode: Text as inline code.
	RunCode
	// RunLink: Text (the link's text, or its address) leading to Dest.
	RunLink
	// RunImage: an image at Dest, described by Text (its alt text).
	RunImage
	// RunBreak: a line break (<br>).
	RunBreak
	// RunCheckbox: a task list's box, Checked or not.
	RunCheckbox
)

// Style is a set of text styles.
type Style uint8

const (
	Bold Style = 1 << iota
	Italic
	Strike
)

// Run is a piece of inline content.
type Run struct {
	Kind    RunKind
	Text    string
	Style   Style
	Dest    string // RunLink, RunImage
	Checked bool   // RunCheckbox
}

// Preview parses a page like Render and returns the model the desktop
// preview draws, with the diagnostics found on the way (Liquid problems,
// content the sanitiser would remove). It is safe for concurrent use; pass
// in.Site to avoid re-indexing the course on every call.
//
// Like Render, it gives up a page whose markdown takes longer than
// MaxPageMarkdownTime: the preview is empty, with an error diagnostic.
func (r *Renderer) Preview(in Input) (Preview, []course.Diagnostic) {
	type result struct {
		pv    Preview
		diags []course.Diagnostic
	}
	out, status := bounded(r, in, func(w *renderWatch) result {
		p := r.parse(in, w)
		if w.gone() {
			return result{}
		}
		return result{Preview{Blocks: previewPage(p.doc, p.source, r.previewQuestions(p))}, p.diags.list}
	})
	switch status {
	case renderTooSlow:
		return Preview{}, []course.Diagnostic{tooSlow(in)}
	case renderStopped:
		return Preview{}, nil
	}
	return out.pv, out.diags
}
