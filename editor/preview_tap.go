package editor

import (
	"net/url"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
)

// A tap on the preview follows the link under it — a web or mail address
// in the browser, another page of the course in the editor — or, off a
// link, puts the editor's cursor on the source line of the block under
// it, as VS Code's and Typora's previews do.
//
// Links are drawn as text segments in the link colour, not as Fyne
// hyperlinks (which break RichText's wrapping: preview_build.go), so the
// preview finds the segment under the tap itself: RichText keeps where it
// drew each piece of text private, but a renderer made for the question
// lays the same cached pieces out at the same places, in segment order.

// tapped handles a tap at pos in the preview's column.
func (p *Preview) tapped(pos fyne.Position) {
	c := p.box
	for j, o := range c.objs {
		if !c.shownObj(o) || !within(o, pos) {
			continue
		}
		local := pos.Subtract(o.Position())
		org := c.origin[j]
		seg := 0
		var leaf widget.RichTextSegment
		exact := false
		if rt, ok := o.(*widget.RichText); ok {
			var top int
			leaf, top, exact = segmentAt(rt, local)
			seg = org.seg + top
		} else {
			leaf, exact = segmentIn(o, local)
		}
		if t, ok := leaf.(*widget.TextSegment); ok && exact {
			if dest, ok := p.links[t]; ok && dest != "" {
				if p.OnLink != nil {
					p.OnLink(dest)
				}
				return
			}
		}
		if line := p.lineOf(org.obj, seg); line > 0 && p.OnLine != nil {
			p.OnLine(line)
		}
		return
	}
}

// lineOf is the source line of the block at segment seg of object obj
// (as buildAnchored made them): the last anchor at or before it.
func (p *Preview) lineOf(obj, seg int) int {
	line := 0
	for _, a := range p.anchors {
		if a.obj > obj || a.obj == obj && a.seg > seg {
			break
		}
		line = a.line
	}
	return line
}

func within(o fyne.CanvasObject, pos fyne.Position) bool {
	at, size := o.Position(), o.Size()
	return pos.X >= at.X && pos.Y >= at.Y && pos.X < at.X+size.Width && pos.Y < at.Y+size.Height
}

// segmentIn finds the text segment at pos inside a widget the preview
// built (a tip, a table, a question): the RichText under pos, in its
// boxes.
func segmentIn(o fyne.CanvasObject, pos fyne.Position) (widget.RichTextSegment, bool) {
	switch w := o.(type) {
	case *widget.RichText:
		leaf, _, exact := segmentAt(w, pos)
		return leaf, exact
	case *fyne.Container:
		for _, c := range w.Objects {
			if c.Visible() && within(c, pos) {
				if leaf, ok := segmentIn(c, pos.Subtract(c.Position())); ok {
					return leaf, true
				}
			}
		}
	}
	return nil, false
}

// leafSeg is a segment RichText draws (lists and paragraphs flattened),
// the top-level segment holding it, and how many of its non-space
// characters are not matched to a drawn piece yet.
type leafSeg struct {
	seg       widget.RichTextSegment
	top, left int
}

func leafSegments(segs []widget.RichTextSegment) []leafSeg {
	var out []leafSeg
	var add func(segs []widget.RichTextSegment, top int)
	add = func(segs []widget.RichTextSegment, top int) {
		for _, s := range segs {
			if b, ok := s.(widget.RichTextBlock); ok {
				add(b.Segments(), top)
				continue
			}
			n := 0
			if t, ok := s.(*widget.TextSegment); ok {
				n = nonSpace(t.Text)
			}
			out = append(out, leafSeg{seg: s, top: top, left: n})
		}
	}
	for i, s := range segs {
		add([]widget.RichTextSegment{s}, i)
	}
	return out
}

func nonSpace(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// segmentAt is the segment of rt drawn at pos (relative to rt), the
// index of the top-level segment holding it, and whether pos is on its
// text (else it is the nearest piece on that row, or above). Wrapping
// moves only spaces, so the drawn pieces are matched to segments by
// their other characters, in order.
func segmentAt(rt *widget.RichText, pos fyne.Position) (leaf widget.RichTextSegment, top int, exact bool) {
	objs := rt.CreateRenderer().Objects()
	ls := leafSegments(rt.Segments)
	if len(ls) == 0 {
		return nil, 0, false
	}
	k := 0
	best, bestDist := -1, float32(-1)
	for _, o := range objs {
		if t, ok := o.(*canvas.Text); ok {
			if n := nonSpace(t.Text); n > 0 {
				for k < len(ls) && (ls[k].left == 0 || !isText(ls[k].seg)) {
					k++
				}
				if k == len(ls) {
					break
				}
				ls[k].left -= n
			}
		} else {
			for k < len(ls) && isText(ls[k].seg) && ls[k].left == 0 {
				k++
			}
			if k == len(ls) {
				break
			}
		}
		i := min(k, len(ls)-1)
		if within(o, pos) {
			return ls[i].seg, ls[i].top, true
		}
		at, size := o.Position(), o.Size()
		var dist float32
		switch {
		case pos.Y >= at.Y && pos.Y < at.Y+size.Height: // same row
			dist = max(at.X-pos.X, pos.X-(at.X+size.Width))
		case at.Y <= pos.Y:
			dist = 1e6 + pos.Y - at.Y
		default:
			continue
		}
		if best < 0 || dist < bestDist {
			best, bestDist = i, dist
		}
		if !isText(ls[i].seg) {
			k++
		}
	}
	if best < 0 {
		return ls[0].seg, ls[0].top, false
	}
	return ls[best].seg, ls[best].top, false
}

func isText(s widget.RichTextSegment) bool {
	_, ok := s.(*widget.TextSegment)
	return ok
}

// followLink opens what a preview link leads to: a page of the course in
// the editor; a web or mail address through the app (OnOpenURL, the
// browser). Other schemes (javascript:, data:, file:) are not followed.
func (v *CourseView) followLink(dest string) {
	if u, err := url.Parse(dest); err == nil && u.Scheme != "" {
		switch strings.ToLower(u.Scheme) {
		case "http", "https", "mailto":
			if v.OnOpenURL != nil {
				v.OnOpenURL(u.String())
			}
		}
		return
	}
	from := "/"
	if p := v.Page.Page(); p != nil {
		from = p.URL()
	}
	site, ok := course.ResolveLink(from, dest)
	if !ok {
		return // a fragment of this page, or Liquid the preview does not follow
	}
	if p := v.pageAt(site); p != nil {
		v.OpenPage(p)
		return
	}
	v.Page.Status.SetText(lang.L("The link leads to {{.Address}}, which is not a page of this course.", map[string]any{"Address": site}))
}

// pageAt is the course's page at a site path ("/modules/setup/intro/",
// with or without its last slash or index.html), or nil.
func (v *CourseView) pageAt(site string) *course.Page {
	norm := func(s string) string {
		s = strings.TrimSuffix(s, "index.html")
		s = strings.TrimSuffix(s, ".html")
		return strings.TrimSuffix(s, "/")
	}
	want := norm(site)
	for _, p := range v.c.AllPages() {
		if norm(p.URL()) == want {
			return p
		}
	}
	return nil
}
