package render

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// headingIDTransformer gives every heading without an id the one
// kramdown's GFM parser gives it (Jekyll's default, auto_ids on), since
// in-page links in real courses are written against those: the heading's
// text lower-cased, every character that is not a letter, mark, digit,
// connector, hyphen, space or tab dropped, spaces and tabs turned into
// hyphens, and "-1", "-2"… added to repeats.
type headingIDTransformer struct{}

func (headingIDTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	counter := map[string]int{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if _, has := h.AttributeString("id"); has {
			return ast.WalkSkipChildren, nil
		}
		h.SetAttributeString("id", []byte(KramdownID(plainText(h, src), counter)))
		return ast.WalkSkipChildren, nil
	})
}

// KramdownID is the id kramdown-parser-gfm makes of a heading's text;
// counter holds the ids given so far on the page (nil for a lone id).
func KramdownID(title string, counter map[string]int) string {
	// kramdown reads "--" and "---" as dashes, which are not word
	// characters; goldmark without the typographer keeps them as hyphens.
	title = strings.ReplaceAll(strings.ReplaceAll(title, "---", "\u2014"), "--", "\u2013")
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		switch {
		case r == ' ' || r == '\t':
			b.WriteByte('-')
		case r == '-' || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r) || unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	id := b.String()
	if counter == nil {
		return id
	}
	n, seen := counter[id]
	if seen {
		n++
		counter[id] = n
		return id + "-" + strconv.Itoa(n)
	}
	counter[id] = 0
	return id
}
