package render

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/course/selfcheck"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Self-check questions (docs/self-checks.md): a page's question blocks
// are read with selfcheck.Find before the markdown is parsed; each whole
// one becomes a selfCheckNode, rendered as a form (selfcheck_html.go)
// whose parts — prompt, options, feedback, hint, explanation — are the
// author's markdown rendered through the page's own pipeline and
// sanitiser. A block with a syntax error is left to the markdown parser,
// which shows it as plain markdown, as Jekyll does, and is reported as an
// error at its line.

// RenderedQuestion is a whole self-check question of a page with its
// parts rendered to sanitised HTML, for the exports.
type RenderedQuestion struct {
	Question        selfcheck.Question
	Number          int      // on its page, 1-based (blocks with errors count)
	PromptHTML      string   // the prompt's blocks
	OptionsHTML     []string // inline HTML per option (True/False words for true-false)
	FeedbackHTML    []string // per option, "" when none
	HintHTML        string   // blocks, "" when none
	ExplanationHTML string   // blocks, "" when none
}

// selfCheckKey holds a parse's *pageSelfChecks in goldmark's context.
var selfCheckKey = parser.NewContextKey()

// pageSelfChecks are the whole questions of the text being parsed.
type pageSelfChecks struct {
	byStart map[int]*selfCheckQuestion // by the offset of the opening marker's line
	nonce   string                     // in the placeholders Render swaps for the forms
	made    []*selfCheckQuestion       // those the parser made nodes of, in order
}

type selfCheckQuestion struct {
	end  int    // offset just after the block's closing marker line
	html string // the form, its parts' links resolved
	out  RenderedQuestion
}

// placeholder is what the node renderer writes for a question: the form
// goes in only after the page's links are resolved, since that pass
// keeps no form controls but task-list checkboxes (authors' raw HTML may
// not hold forms; Coursewright's own may).
func (sc *pageSelfChecks) placeholder(q *selfCheckQuestion) string {
	return "<!--self-check:" + sc.nonce + ":" + itoa(q.out.Number) + "-->"
}

// fill swaps each placeholder of html for its form.
func (sc *pageSelfChecks) fill(html string) string {
	for _, q := range sc.made {
		html = strings.Replace(html, sc.placeholder(q), q.html, 1)
	}
	return html
}

// reportUnmade reports the whole questions the parser made no node of:
// those indented into a list item or a quote, which the page shows as
// plain markdown.
func (sc *pageSelfChecks) reportUnmade(text string, d *diagnostics) {
	if sc == nil {
		return
	}
	for start, q := range sc.byStart {
		line := 1 + strings.Count(text[:start], "\n")
		problem := "the question is inside a list or a quote; a question stands on its own, its markers at the start of their lines"
		d.add(course.CodeSelfCheckInvalid, line, course.SeverityError,
			"self-check question "+itoa(q.out.Number)+" cannot be read, so it is shown as plain markdown: "+problem,
			"move the question out of the list or quote", "Number", itoa(q.out.Number), "Syntax", selfcheck.CodeNested, "Problem", problem)
	}
}

// questions are the rendered questions in page order.
func (sc *pageSelfChecks) questions() []RenderedQuestion {
	if sc == nil {
		return nil
	}
	var out []RenderedQuestion
	for _, q := range sc.made {
		out = append(out, q.out)
	}
	return out
}

// readSelfChecks finds the questions of a page's text (after Liquid),
// reports those with errors and renders the others' parts.
func (r *Renderer) readSelfChecks(p *parsed, in Input) *pageSelfChecks {
	blocks := selfcheck.Find(p.text)
	if len(blocks) == 0 {
		return nil
	}
	var nonce [8]byte
	_, _ = rand.Read(nonce[:])
	sc := &pageSelfChecks{byStart: map[int]*selfCheckQuestion{}, nonce: hex.EncodeToString(nonce[:])}
	lang := ""
	if in.Course != nil {
		lang = in.Course.Meta().Language
	}
	words := selfCheckTextFor(lang)
	for i, b := range blocks {
		n := i + 1
		if b.Err != nil {
			d := course.SelfCheckDiagnostic(p.diags.file, 0, n, b.Err)
			args := make([]string, 0, 2*len(d.Args))
			for k, v := range d.Args {
				args = append(args, k, v)
			}
			p.diags.add(d.Code, b.Err.Line, d.Severity, d.Message, d.Hint, args...)
			continue
		}
		fr := &fragments{r: r, p: p, in: in, line: b.Line}
		q := &selfCheckQuestion{end: b.End, out: fr.question(b.Question, n, words)}
		q.html = selfCheckForm(q.out, fr.legend, fr.more, words)
		sc.byStart[b.Start] = q
	}
	return sc
}

// fragments renders the markdown parts of one question with the page's
// pipeline: parsed, checked for what the sanitiser removes (reported at
// the question's line), rendered, links resolved.
type fragments struct {
	r      *Renderer
	p      *parsed
	in     Input
	line   int    // of the question's opening marker in the parsed text
	legend string // the prompt's first paragraph, inline, for the legend
	more   string // the prompt's other blocks
}

func (f *fragments) question(q selfcheck.Question, n int, words *selfCheckText) RenderedQuestion {
	out := RenderedQuestion{Question: q, Number: n}
	src, doc := f.parse(q.Prompt)
	var more bytes.Buffer
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		html := f.render(src, c)
		if c == doc.FirstChild() && c.Kind() == ast.KindParagraph {
			f.legend = innerOfParagraph(html)
			continue
		}
		more.WriteString(html)
	}
	f.more = more.String()
	out.PromptHTML = f.more
	if f.legend != "" {
		out.PromptHTML = "<p>" + f.legend + "</p>\n" + f.more
	}
	for i, o := range q.Options {
		text := o.Text
		if q.Kind == selfcheck.TrueFalse {
			text = words.True
			if i == 1 {
				text = words.False
			}
			out.OptionsHTML = append(out.OptionsHTML, escapeHTML(text))
		} else {
			out.OptionsHTML = append(out.OptionsHTML, f.inline(text))
		}
		fb := ""
		if o.Feedback != "" {
			fb = f.inline(o.Feedback)
		}
		out.FeedbackHTML = append(out.FeedbackHTML, fb)
	}
	if q.Hint != "" {
		out.HintHTML = f.blocks(q.Hint)
	}
	if q.Explanation != "" {
		out.ExplanationHTML = f.blocks(q.Explanation)
	}
	return out
}

func (f *fragments) md() goldmark.Markdown {
	if f.p.md != nil {
		return f.p.md
	}
	return f.r.md
}

// parse parses markdown and reports what sanitising will remove from it.
func (f *fragments) parse(markdown string) ([]byte, ast.Node) {
	src := []byte(markdown)
	doc := f.md().Parser().Parse(text.NewReader(src))
	// The parts of a question lose their places in the page (a Question
	// has none), so what the sanitiser removes is reported at the
	// question's opening line.
	sub := &diagnostics{file: f.p.diags.file}
	(&astChecker{src: src, diags: sub, hosts: f.r.hosts}).walk(doc)
	for _, d := range sub.list {
		d.Line = f.p.diags.line0 + f.line - 1
		f.p.diags.list = append(f.p.diags.list, d)
	}
	return src, doc
}

// render renders a node of a parsed fragment and resolves its links.
func (f *fragments) render(src []byte, n ast.Node) string {
	var buf bytes.Buffer
	if err := f.md().Renderer().Render(&buf, src, n); err != nil {
		f.p.diags.add(course.CodeRenderFailed, f.line, course.SeverityError, "could not render a self-check question: "+err.Error(), "")
		return ""
	}
	return f.p.site.resolveLinks(buf.String(), f.p.pageURL, f.p.diags, f.p.text, f.r.hosts, f.in.Relative)
}

func (f *fragments) blocks(markdown string) string {
	src, doc := f.parse(markdown)
	return f.render(src, doc)
}

// inline renders markdown that should be one paragraph (an option, a
// feedback) as the paragraph's inline HTML; anything else, a heading or
// a list, would not fit in a label, so it is shown as its text.
func (f *fragments) inline(markdown string) string {
	src, doc := f.parse(markdown)
	if c := doc.FirstChild(); c != nil && c.NextSibling() == nil && c.Kind() == ast.KindParagraph {
		return innerOfParagraph(f.render(src, c))
	}
	return escapeHTML(strings.Join(strings.Fields(markdown), " "))
}

// innerOfParagraph is what is inside a rendered <p …>…</p>.
func innerOfParagraph(html string) string {
	html = strings.TrimSpace(html)
	if !strings.HasPrefix(html, "<p") || !strings.HasSuffix(html, "</p>") {
		return html
	}
	if i := strings.IndexByte(html, '>'); i >= 0 {
		return html[i+1 : len(html)-len("</p>")]
	}
	return html
}

// selfCheckExtension adds the self-check parser and renderer to a
// goldmark pipeline; the parser opens before the kramdown HTML block
// parser (850), which would take the opening marker for a comment.
type selfCheckExtension struct{}

func (selfCheckExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(selfCheckParser{}, 840)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(selfCheckRenderer{}, 100)))
}

// selfCheckParser makes a node of each whole question the page's
// pageSelfChecks holds, from its opening marker line to its closing one.
// Questions in a list or a quote are not questions (selfcheck.Find reads
// only the page's top level), so it opens only at the document's top.
type selfCheckParser struct{}

func (selfCheckParser) Trigger() []byte { return []byte{'<'} }

func (selfCheckParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	sc, _ := pc.Get(selfCheckKey).(*pageSelfChecks)
	if sc == nil || parent.Kind() != ast.KindDocument {
		return nil, parser.NoChildren
	}
	_, seg := reader.PeekLine()
	src := reader.Source()
	start := seg.Start
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	q := sc.byStart[start]
	if q == nil {
		return nil, parser.NoChildren
	}
	delete(sc.byStart, start) // one node per question
	sc.made = append(sc.made, q)
	n := &selfCheckNode{q: q, sc: sc}
	n.Lines().Append(seg)
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (selfCheckParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*selfCheckNode)
	_, seg := reader.PeekLine()
	if seg.Start >= n.q.end || seg.Len() == 0 && seg.Start == seg.Stop {
		return parser.Close
	}
	n.Lines().Append(seg)
	reader.AdvanceToEOL()
	if seg.Stop >= n.q.end {
		return parser.Close
	}
	return parser.Continue | parser.NoChildren
}

func (selfCheckParser) Close(ast.Node, text.Reader, parser.Context) {}
func (selfCheckParser) CanInterruptParagraph() bool                 { return true }
func (selfCheckParser) CanAcceptIndentedLine() bool                 { return false }

// selfCheckNode is one whole question.
type selfCheckNode struct {
	ast.BaseBlock
	q  *selfCheckQuestion
	sc *pageSelfChecks
}

var kindSelfCheck = ast.NewNodeKind("SelfCheck")

func (n *selfCheckNode) Kind() ast.NodeKind { return kindSelfCheck }
func (n *selfCheckNode) IsRaw() bool        { return true }

func (n *selfCheckNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"number": itoa(n.q.out.Number)}, nil)
}

// Question is the question a self-check node holds, for the in-app
// preview.
func (n *selfCheckNode) Question() RenderedQuestion { return n.q.out }

// selfCheckRenderer writes a question's placeholder (see placeholder).
type selfCheckRenderer struct{}

func (selfCheckRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindSelfCheck, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			n := node.(*selfCheckNode)
			_, _ = w.WriteString(n.sc.placeholder(n.q) + "\n")
		}
		return ast.WalkSkipChildren, nil
	})
}
