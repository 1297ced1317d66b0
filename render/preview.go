package render

import (
	"github.com/coursewright/coursewright/course"
	"github.com/yuin/goldmark/ast"
)

// The desktop editor draws its live preview itself, from the syntax tree
// rather than from HTML, so that it needs no web view. It parses with the
// very pipeline the site uses (same extensions, Liquid, course
// conventions), so what the author sees while typing is what learners get.

// Parse expands the Liquid of a page and parses its markdown with the
// site's pipeline. It returns the document, the expanded source the
// document's segments point into, and the diagnostics found on the way
// (Liquid problems, content the sanitiser would remove). Parse is safe
// for concurrent use; pass in.Site to avoid re-indexing the course on
// every call.
func (r *Renderer) Parse(in Input) (ast.Node, []byte, []course.Diagnostic) {
	p := r.parse(in)
	return p.doc, p.source, p.diags.list
}

// Video is a video line of a page: a YouTube or Vimeo address alone on
// its line, which the site shows as an embedded player.
type Video struct {
	Provider string // "YouTube" or "Vimeo"
	ID       string
	Title    string // the link text; "" when the address was bare
	EmbedURL string // the player address the site embeds
	PageURL  string // the video's own page, for opening in a browser
}

// VideoOf reports whether n is a video line of a document from Parse.
func VideoOf(n ast.Node) (Video, bool) {
	v, ok := n.(*video)
	if !ok {
		return Video{}, false
	}
	page := "https://www.youtube.com/watch?v=" + v.id
	if v.provider == "Vimeo" {
		page = "https://vimeo.com/" + v.id
	}
	return Video{Provider: v.provider, ID: v.id, Title: v.title, EmbedURL: v.embedURL(), PageURL: page}, true
}

// Class is the class a course convention gave a node: "facilitator-tip"
// for a tip block quote, "timing" for a suggested-timing line, "" for
// anything else.
func Class(n ast.Node) string {
	v, ok := n.AttributeString("class")
	if !ok {
		return ""
	}
	switch c := v.(type) {
	case []byte:
		return string(c)
	case string:
		return c
	}
	return ""
}
