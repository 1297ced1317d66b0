package render

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// A kramdown block inline attribute list is a line `{: #id .class
// key="value" ref}` that gives the block right before it (or, after a
// blank line, the one right after it) an id, classes and attributes —
// `{:.no_toc}` under a heading, `{: #points2lines}` under a paragraph,
// `{:toc}` under the list that becomes the table of contents. An
// attribute list definition `{:name: …}` defines nothing Coursewright
// uses and is dropped, as kramdown drops it from the output.

// blockIAL is one such line; it renders as nothing.
type blockIAL struct {
	ast.BaseBlock
	attrs   [][2]string // id, class and key=value pairs in order
	refs    []string    // bare names such as toc
	defines bool        // an attribute list definition
}

var kindBlockIAL = ast.NewNodeKind("KramdownIAL")

func (n *blockIAL) Kind() ast.NodeKind { return kindBlockIAL }
func (n *blockIAL) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"refs": strings.Join(n.refs, " ")}, nil)
}

var (
	ialLineRE = regexp.MustCompile(`^ {0,3}\{:((?:[^}"'\n]|"[^"\n]*"|'[^'\n]*')*)\}[ \t]*\r?\n?$`)
	aldRE     = regexp.MustCompile(`^\s*[\w-]+:`)
	ialPartRE = regexp.MustCompile(`([#.]?[\w-]+)(?:=("[^"]*"|'[^']*'|\S+))?`)
)

// parseIAL reads the inside of `{: … }`.
func parseIAL(s string) *blockIAL {
	n := &blockIAL{}
	if aldRE.MatchString(s) {
		n.defines = true
		return n
	}
	for _, m := range ialPartRE.FindAllStringSubmatch(s, -1) {
		switch {
		case strings.HasPrefix(m[1], "#"):
			n.attrs = append(n.attrs, [2]string{"id", m[1][1:]})
		case strings.HasPrefix(m[1], "."):
			n.attrs = append(n.attrs, [2]string{"class", m[1][1:]})
		case m[2] != "":
			v := m[2]
			if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
				v = v[1 : len(v)-1]
			}
			n.attrs = append(n.attrs, [2]string{m[1], v})
		default:
			n.refs = append(n.refs, m[1])
		}
	}
	return n
}

type ialParser struct{}

func (ialParser) Trigger() []byte { return []byte{'{'} }

func (ialParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	m := ialLineRE.FindSubmatch(line)
	if m == nil {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return parseIAL(string(m[1])), parser.NoChildren
}

func (ialParser) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (ialParser) Close(ast.Node, text.Reader, parser.Context)                 {}
func (ialParser) CanInterruptParagraph() bool                                 { return true }
func (ialParser) CanAcceptIndentedLine() bool                                 { return false }

// ialTransformer applies each attribute list to its block and removes
// the list from the tree.
type ialTransformer struct{}

func (ialTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var ials []*blockIAL
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if i, ok := n.(*blockIAL); ok && entering {
			ials = append(ials, i)
		}
		return ast.WalkContinue, nil
	})
	for _, i := range ials {
		if !i.defines {
			if t := ialTarget(i); t != nil {
				applyIAL(t, i)
			}
		}
		i.Parent().RemoveChild(i.Parent(), i)
	}
}

// ialTarget is the block before the list when nothing separates them,
// else the block right after it.
func ialTarget(i *blockIAL) ast.Node {
	prev := i.PreviousSibling()
	for prev != nil && prev.Kind() == kindBlockIAL {
		prev = prev.PreviousSibling()
	}
	if prev != nil && !i.HasBlankPreviousLines() {
		return prev
	}
	if next := i.NextSibling(); next != nil && !next.HasBlankPreviousLines() {
		return next
	}
	return nil
}

func applyIAL(t ast.Node, i *blockIAL) {
	for _, a := range i.attrs {
		if a[0] == "class" {
			if old, ok := t.AttributeString("class"); ok {
				if b, ok := old.([]byte); ok && len(b) > 0 {
					t.SetAttributeString("class", []byte(string(b)+" "+a[1]))
					continue
				}
			}
		}
		t.SetAttributeString(a[0], []byte(a[1]))
	}
	for _, r := range i.refs {
		if r == "toc" {
			t.SetAttributeString(tocAttr, []byte("1"))
		}
	}
}

// hasClass reports whether a node's class attribute names class.
func hasClass(n ast.Node, class string) bool {
	v, ok := n.AttributeString("class")
	if !ok {
		return false
	}
	b, _ := v.([]byte)
	for _, c := range strings.Fields(string(b)) {
		if c == class {
			return true
		}
	}
	return false
}
