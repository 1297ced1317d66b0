package render

import (
	"regexp"
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// kramdown names a footnote's anchors after its label — fn:note,
// fnref:note, fnref:note:1 for the second reference — where goldmark
// numbers them (fn:2, fnref:2, fnref1:2). Links into a page's footnotes
// are written against kramdown's names, so the ids are renamed.

var footnoteIDRE = regexp.MustCompile(`(id="|href="#)(fnref(\d*)|fn):(\d+)"`)

// kramdownFootnoteIDs renames the footnote anchors of rendered HTML.
func kramdownFootnoteIDs(html string, doc ast.Node) string {
	labels := map[string]string{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*east.Footnote); ok && entering {
			labels[strconv.Itoa(f.Index)] = string(f.Ref)
		}
		return ast.WalkContinue, nil
	})
	if len(labels) == 0 {
		return html
	}
	return footnoteIDRE.ReplaceAllStringFunc(html, func(m string) string {
		s := footnoteIDRE.FindStringSubmatch(m)
		label, ok := labels[s[4]]
		if !ok {
			return m
		}
		if s[2] == "fn" {
			return s[1] + "fn:" + label + `"`
		}
		id := "fnref:" + label
		if s[3] != "" {
			id += ":" + s[3]
		}
		return s[1] + id + `"`
	})
}
