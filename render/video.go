package render

import (
	"html"

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
