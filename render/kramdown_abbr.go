package render

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kramdown abbreviations: a line `*[GIS]: Geographic Information System`
// anywhere in a page defines an abbreviation; the line itself is not
// shown, and every whole-word GIS in the page's text becomes
// <abbr title="Geographic Information System">GIS</abbr>.

type abbrDef struct {
	ast.BaseBlock
	abbr, title string
}

var kindAbbrDef = ast.NewNodeKind("KramdownAbbrDef")

func (n *abbrDef) Kind() ast.NodeKind { return kindAbbrDef }
func (n *abbrDef) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"abbr": n.abbr, "title": n.title}, nil)
}

// abbr is one use of an abbreviation in the text.
type abbr struct {
	ast.BaseInline
	title string
}

var kindAbbr = ast.NewNodeKind("KramdownAbbr")

func (n *abbr) Kind() ast.NodeKind { return kindAbbr }
func (n *abbr) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"title": n.title}, nil)
}

var abbrDefRE = regexp.MustCompile(`^ {0,3}\*\[([^\]\n]+)\]:[ \t]*(.*?)[ \t]*\r?\n?$`)

type abbrDefParser struct{}

func (abbrDefParser) Trigger() []byte { return []byte{'*'} }

func (abbrDefParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	m := abbrDefRE.FindSubmatch(line)
	if m == nil {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &abbrDef{abbr: strings.TrimSpace(string(m[1])), title: string(m[2])}, parser.NoChildren
}

func (abbrDefParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (abbrDefParser) Close(ast.Node, text.Reader, parser.Context) {}
func (abbrDefParser) CanInterruptParagraph() bool                 { return true }
func (abbrDefParser) CanAcceptIndentedLine() bool                 { return false }

// abbrTransformer removes the definitions and marks every use.
type abbrTransformer struct{}

func (abbrTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	defs := map[string]string{}
	var defNodes []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if d, ok := n.(*abbrDef); ok && entering {
			defs[d.abbr] = d.title // a later definition wins, as in kramdown
			defNodes = append(defNodes, d)
		}
		return ast.WalkContinue, nil
	})
	for _, d := range defNodes {
		d.Parent().RemoveChild(d.Parent(), d)
	}
	if len(defs) == 0 {
		return
	}
	names := make([]string, 0, len(defs))
	for k := range defs {
		names = append(names, k)
	}
	// Longest first, so "GIS data" wins over "GIS".
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	src := reader.Source()
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			texts = append(texts, t)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		splitAbbrs(t, src, names, defs)
	}
}

// splitAbbrs replaces a text node by pieces of text and abbreviations.
func splitAbbrs(t *ast.Text, src []byte, names []string, defs map[string]string) {
	seg := t.Segment
	val := seg.Value(src)
	parent := t.Parent()
	start := 0
	var pieces []ast.Node
	for i := 0; i < len(val); {
		name := abbrAt(val, i, names)
		if name == "" {
			_, size := utf8.DecodeRune(val[i:])
			i += size
			continue
		}
		if i > start {
			pieces = append(pieces, ast.NewTextSegment(text.NewSegment(seg.Start+start, seg.Start+i)))
		}
		a := &abbr{title: defs[name]}
		a.AppendChild(a, ast.NewTextSegment(text.NewSegment(seg.Start+i, seg.Start+i+len(name))))
		pieces = append(pieces, a)
		i += len(name)
		start = i
	}
	if len(pieces) == 0 {
		return
	}
	if start < len(val) {
		pieces = append(pieces, ast.NewTextSegment(text.NewSegment(seg.Start+start, seg.Stop)))
	}
	// The last piece carries the line break the text ended with.
	if last, ok := pieces[len(pieces)-1].(*ast.Text); ok {
		last.SetSoftLineBreak(t.SoftLineBreak())
		last.SetHardLineBreak(t.HardLineBreak())
	}
	for _, p := range pieces {
		parent.InsertBefore(parent, t, p)
	}
	parent.RemoveChild(parent, t)
}

// abbrAt is the abbreviation starting at val[i] on word boundaries, or "".
func abbrAt(val []byte, i int, names []string) string {
	if i > 0 {
		r, _ := utf8.DecodeLastRune(val[:i])
		if isWordRune(r) {
			return ""
		}
	}
	for _, n := range names {
		if !strings.HasPrefix(string(val[i:]), n) {
			continue
		}
		if j := i + len(n); j < len(val) {
			r, _ := utf8.DecodeRune(val[j:])
			if isWordRune(r) {
				continue
			}
		}
		return n
	}
	return ""
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

type abbrRenderer struct{}

func (abbrRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindAbbr, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</abbr>")
			return ast.WalkContinue, nil
		}
		a := n.(*abbr)
		_, _ = w.WriteString("<abbr")
		if a.title != "" {
			_, _ = w.WriteString(` title="`)
			_, _ = w.Write(util.EscapeHTML([]byte(a.title)))
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	})
	nothing := func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) { return ast.WalkSkipChildren, nil }
	reg.Register(kindAbbrDef, nothing)
	reg.Register(kindBlockIAL, nothing)
}
