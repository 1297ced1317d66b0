package render

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// kramdown's table of contents: a list followed by `{:toc}` (usually
// `* TOC`) is replaced by a nested list of links to the page's headings,
// leaving out those marked `{:.no_toc}`. The list keeps its attributes
// and gets the id markdown-toc; each link gets markdown-toc-<heading id>,
// as kramdown writes them.

// tocAttr marks the list an IAL named toc; it never reaches the HTML.
const tocAttr = "data-kramdown-toc"

type tocTransformer struct{}

func (tocTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var lists []*ast.List
	type entry struct {
		level     int
		id, title string
	}
	var toc []entry
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.List:
			if _, ok := n.AttributeString(tocAttr); ok {
				lists = append(lists, n)
				return ast.WalkSkipChildren, nil
			}
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok && !hasClass(n, "no_toc") {
				b, _ := id.([]byte)
				toc = append(toc, entry{n.Level, string(b), plainText(n, src)})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, l := range lists {
		top := ast.NewList(l.Marker)
		top.IsTight = true
		top.Start = l.Start
		for _, a := range l.Attributes() {
			if string(a.Name) != tocAttr {
				top.SetAttribute(a.Name, a.Value)
			}
		}
		if _, ok := top.AttributeString("id"); !ok {
			top.SetAttributeString("id", []byte("markdown-toc"))
		}
		prefix, _ := top.AttributeString("id")
		type open struct {
			level int
			item  *ast.ListItem
		}
		var stack []open
		for _, e := range toc {
			item := ast.NewListItem(2)
			link := ast.NewLink()
			link.Destination = []byte("#" + e.id)
			link.SetAttributeString("id", []byte(string(prefix.([]byte))+"-"+e.id))
			link.AppendChild(link, ast.NewString([]byte(e.title)))
			tb := ast.NewTextBlock()
			tb.AppendChild(tb, link)
			item.AppendChild(item, tb)
			for len(stack) > 0 && stack[len(stack)-1].level >= e.level {
				stack = stack[:len(stack)-1]
			}
			if len(stack) == 0 {
				top.AppendChild(top, item)
			} else {
				parent := stack[len(stack)-1].item
				sub, ok := parent.LastChild().(*ast.List)
				if !ok {
					sub = ast.NewList(l.Marker)
					sub.IsTight = true
					parent.AppendChild(parent, sub)
				}
				sub.AppendChild(sub, item)
			}
			stack = append(stack, open{e.level, item})
		}
		l.Parent().ReplaceChild(l.Parent(), l, top)
	}
}
