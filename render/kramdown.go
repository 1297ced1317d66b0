package render

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// kramdown is the markdown dialect Course-in-a-Box courses are written
// in: GitHub Pages' Jekyll renders them with kramdown (input: GFM). This
// extension makes goldmark read what real courses depend on the way
// kramdown does; each piece is in its own kramdown_*.go file:
//
//   - raw HTML ends where its element closes, not at the next blank line;
//   - a numbered list item ends a paragraph whatever its number;
//   - definition lists (goldmark's extension, which matches kramdown's);
//   - abbreviations `*[GIS]: …` → <abbr>;
//   - block attribute lists `{: #id .class}` and the table of contents `{:toc}`;
//   - heading ids by kramdown's auto_ids rules;
//   - spaces in link and image addresses (spacedURLs, before parsing).
type kramdown struct{}

func (kramdown) Extend(m goldmark.Markdown) {
	extension.DefinitionList.Extend(m)
	m.Parser().AddOptions(
		parser.WithBlockParsers(
			util.Prioritized(kramdownHTMLBlockParser{inner: parser.NewHTMLBlockParser()}, 850),
			util.Prioritized(kramdownListParser{inner: parser.NewListParser()}, 290),
			util.Prioritized(ialParser{}, 90),
			util.Prioritized(abbrDefParser{}, 90),
		),
		parser.WithASTTransformers(
			util.Prioritized(ialTransformer{}, 200),
			util.Prioritized(abbrTransformer{}, 210),
			util.Prioritized(headingIDTransformer{}, 220),
			util.Prioritized(tocTransformer{}, 230),
		),
		parser.WithHeadingAttribute(),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(abbrRenderer{}, 100)))
}
