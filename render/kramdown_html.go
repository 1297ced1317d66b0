package render

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kramdownHTMLBlockParser makes a block of raw HTML end where kramdown
// ends it: at the line that closes the element it opened. CommonMark's
// HTML blocks of kinds 6 and 7 run on to the next blank line, so the
// markdown written right after a `<br>` or a one-line `<div>…</div>` —
// common in real courses — would come out as raw text. It wraps
// goldmark's own HTML block parser and changes only where such blocks end.
type kramdownHTMLBlockParser struct {
	inner parser.BlockParser
}

// htmlDepthKey holds, per open HTML block, how deep the element it
// opened is still open (a map: goldmark keeps one Context per parse).
var htmlDepthKey = parser.NewContextKey()

type htmlBlockState struct {
	tag   string
	depth int
}

func (p kramdownHTMLBlockParser) Trigger() []byte { return []byte{'<'} }

func (p kramdownHTMLBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	n, st := p.inner.Open(parent, reader, pc)
	hb, ok := n.(*ast.HTMLBlock)
	if !ok || (hb.HTMLBlockType != ast.HTMLBlockType6 && hb.HTMLBlockType != ast.HTMLBlockType7) {
		return n, st
	}
	tag, closing := firstTag(line)
	s := &htmlBlockState{tag: tag}
	if !closing && !voidElements[tag] {
		s.depth = tagDepth(line, tag)
	}
	states(pc)[hb] = s
	return n, st
}

func (p kramdownHTMLBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	s := states(pc)[node.(*ast.HTMLBlock)]
	if s == nil {
		return p.inner.Continue(node, reader, pc)
	}
	if s.depth <= 0 {
		return parser.Close
	}
	line, seg := reader.PeekLine()
	if util.IsBlank(line) {
		// kramdown reads on to the closing tag across blank lines; when
		// there is none, end here as CommonMark does.
		_, pos := reader.Position()
		if !closesLater(reader.Source()[pos.Start:], s.tag) {
			return parser.Close
		}
	}
	s.depth += tagDepth(line, s.tag)
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (p kramdownHTMLBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	delete(states(pc), node.(*ast.HTMLBlock))
	p.inner.Close(node, reader, pc)
}

func (p kramdownHTMLBlockParser) CanInterruptParagraph() bool { return p.inner.CanInterruptParagraph() }
func (p kramdownHTMLBlockParser) CanAcceptIndentedLine() bool { return p.inner.CanAcceptIndentedLine() }

func states(pc parser.Context) map[*ast.HTMLBlock]*htmlBlockState {
	if m, ok := pc.Get(htmlDepthKey).(map[*ast.HTMLBlock]*htmlBlockState); ok {
		return m
	}
	m := map[*ast.HTMLBlock]*htmlBlockState{}
	pc.Set(htmlDepthKey, m)
	return m
}

var (
	firstTagRE   = regexp.MustCompile(`^\s*<(/?)([A-Za-z][A-Za-z0-9-]*)`)
	voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
		"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true}
)

// firstTag is the element a line of HTML starts with, lower-cased.
func firstTag(line []byte) (tag string, closing bool) {
	m := firstTagRE.FindSubmatch(line)
	if m == nil {
		return "", true
	}
	return strings.ToLower(string(m[2])), len(m[1]) > 0
}

// tagDepth is how many more <tag> than </tag> a line holds (a
// self-closing <tag/> counts as neither).
func tagDepth(line []byte, tag string) int {
	low := bytes.ToLower(line)
	open, close := []byte("<"+tag), []byte("</"+tag)
	d := 0
	for i := 0; i < len(low); i++ {
		if low[i] != '<' {
			continue
		}
		switch {
		case bytes.HasPrefix(low[i:], close) && endOfName(low, i+len(close)):
			d--
		case bytes.HasPrefix(low[i:], open) && endOfName(low, i+len(open)):
			end := bytes.IndexByte(low[i:], '>')
			if end < 0 || low[i+end-1] != '/' {
				d++
			}
		}
	}
	return d
}

func endOfName(b []byte, i int) bool {
	return i >= len(b) || !(b[i] == '-' || b[i] >= 'a' && b[i] <= 'z' || b[i] >= '0' && b[i] <= '9')
}

// closesLater reports whether rest holds a closing tag for tag.
func closesLater(rest []byte, tag string) bool {
	return bytes.Contains(bytes.ToLower(rest), []byte("</"+tag))
}
