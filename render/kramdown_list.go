package render

import (
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// kramdownListParser lets a numbered list item end the paragraph before
// it whatever its number, as kramdown does ("3. …" right after a line of
// text starts a list item there); CommonMark lets only "1." interrupt a
// paragraph, so the item would be run into the paragraph's text. It
// wraps goldmark's list parser and handles only that case.
type kramdownListParser struct {
	inner parser.BlockParser
}

var orderedItemRE = regexp.MustCompile(`^ {0,3}\d{1,9}[.)][ \t]+\S`)

func (p kramdownListParser) Trigger() []byte { return p.inner.Trigger() }

func (p kramdownListParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	last := pc.LastOpenedBlock().Node
	line, _ := reader.PeekLine()
	if !ast.IsParagraph(last) || last.Parent() != parent || !orderedItemRE.Match(line) {
		return nil, parser.NoChildren // goldmark's own list parser decides
	}
	// goldmark refuses only for a paragraph of the same parent; asked
	// about a detached parent it opens the list, which goldmark then
	// adds to the real one.
	return p.inner.Open(ast.NewDocument(), reader, pc)
}

func (p kramdownListParser) Continue(n ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return p.inner.Continue(n, reader, pc)
}
func (p kramdownListParser) Close(n ast.Node, reader text.Reader, pc parser.Context) {
	p.inner.Close(n, reader, pc)
}
func (p kramdownListParser) CanInterruptParagraph() bool { return true }
func (p kramdownListParser) CanAcceptIndentedLine() bool { return false }
