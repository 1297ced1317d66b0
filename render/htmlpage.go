package render

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// htmlPageDoc is the document of a page written in HTML (index.html,
// gallery/index.html): Jekyll runs only Liquid on such a page, never
// markdown, so its whole text is one block of raw HTML, which the
// sanitiser and the checks treat like any other.
func htmlPageDoc(src []byte) ast.Node {
	doc := ast.NewDocument()
	hb := ast.NewHTMLBlock(ast.HTMLBlockType7)
	for start := 0; start < len(src); {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		if end < len(src) {
			end++
		}
		hb.Lines().Append(text.NewSegment(start, end))
		start = end
	}
	doc.AppendChild(doc, hb)
	return doc
}
