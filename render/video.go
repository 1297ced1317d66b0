package render

import (
	"bytes"
	"html"

	"github.com/microcosm-cc/bluemonday"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// videoRenderer writes a video line as a responsive, titled embed: the
// title is what a screen reader announces for the frame.
type videoRenderer struct{}

func (r *videoRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindVideo, r.render)
}

func (r *videoRenderer) render(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	v := n.(*video)
	title := v.title
	if title == "" {
		title = v.provider + " video"
	}
	_, _ = w.WriteString(`<div class="video-embed"><iframe src="` + html.EscapeString(v.embedURL()) +
		`" title="` + html.EscapeString(title) + `" loading="lazy" allow="encrypted-media; picture-in-picture; fullscreen" allowfullscreen></iframe></div>` + "\n")
	return ast.WalkSkipChildren, nil
}

// rawHTMLRenderer writes the raw HTML of a page (HTML blocks and inline
// tags) through the sanitiser, piece by piece. Everything else goldmark
// writes is escaped by goldmark itself, so sanitising the pieces, not the
// whole page, is enough — and much cheaper on long pages. The sanitiser
// works tag by tag, so an element opened in one piece and closed in
// another (a <div> around markdown) comes through as written.
type rawHTMLRenderer struct {
	policy *bluemonday.Policy
}

func (r *rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, r.block)
	reg.Register(ast.KindRawHTML, r.inline)
}

func (r *rawHTMLRenderer) block(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	var raw bytes.Buffer
	for i := 0; i < b.Lines().Len(); i++ {
		seg := b.Lines().At(i)
		raw.Write(seg.Value(src))
	}
	if b.HasClosure() {
		raw.Write(b.ClosureLine.Value(src))
	}
	_, _ = w.Write(r.policy.SanitizeBytes(raw.Bytes()))
	return ast.WalkSkipChildren, nil
}

func (r *rawHTMLRenderer) inline(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	raw := n.(*ast.RawHTML)
	var b bytes.Buffer
	for i := 0; i < raw.Segments.Len(); i++ {
		seg := raw.Segments.At(i)
		b.Write(seg.Value(src))
	}
	_, _ = w.Write(r.policy.SanitizeBytes(b.Bytes()))
	return ast.WalkSkipChildren, nil
}
