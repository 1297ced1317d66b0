package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// lazyColumn stacks objects top to bottom inside a vertical scroll, like
// a VBox, but lays out only those on screen (plus a screen's margin).
// Wrapping a RichText measures every word of it: a VBox of a 50K page's
// preview did that for the whole page on every refresh, freezing the UI
// for a second or more. Objects never shown keep an estimated height (a
// RichText's from its length) and are never wrapped or drawn; once shown
// they are measured, and a change of height above the view moves the
// scroll by as much, so what is on screen stays put.
type lazyColumn struct {
	widget.BaseWidget
	scroll *container.Scroll

	objs     []fyne.CanvasObject
	origin   []piece // where each of objs came from in SetObjects
	heights  []float32
	measured []bool
	width    float32
	shown    []fyne.CanvasObject
	placing  bool
	// onTap gets a tap's position in the column (the preview follows a
	// link or moves the editor's cursor).
	onTap func(pos fyne.Position)
}

// Tapped passes a tap on the column's text to onTap.
func (c *lazyColumn) Tapped(ev *fyne.PointEvent) {
	if c.onTap != nil {
		c.onTap(ev.Position)
	}
}

// shownObj reports whether o is laid out on screen now.
func (c *lazyColumn) shownObj(o fyne.CanvasObject) bool {
	for _, s := range c.shown {
		if s == o {
			return true
		}
	}
	return false
}

func newLazyColumn() *lazyColumn {
	c := &lazyColumn{}
	c.ExtendBaseWidget(c)
	c.scroll = container.NewVScroll(c)
	c.scroll.OnScrolled = func(fyne.Position) { c.place() }
	return c
}

// SetObjects replaces what the column shows. A long RichText is cut
// into several at its paragraph ends, so that each can be laid out alone.
func (c *lazyColumn) SetObjects(objs []fyne.CanvasObject) {
	c.objs = c.objs[:0]
	c.origin = c.origin[:0]
	for i, o := range objs {
		rt, ok := o.(*widget.RichText)
		if !ok {
			c.objs = append(c.objs, o)
			c.origin = append(c.origin, piece{obj: i})
			continue
		}
		seg := 0
		for _, part := range splitRichText(rt) {
			c.objs = append(c.objs, part)
			c.origin = append(c.origin, piece{obj: i, seg: seg})
			seg += len(part.(*widget.RichText).Segments)
		}
	}
	objs = c.objs
	c.heights = make([]float32, len(objs))
	c.measured = make([]bool, len(objs))
	for i, o := range objs {
		c.heights[i] = c.estimate(o)
	}
	c.scroll.Refresh()
	c.place()
}

// piece is where an object of the column came from: object obj given to
// SetObjects, from its segment seg on (a RichText is cut in pieces).
type piece struct{ obj, seg int }

// offsetOf is the y in the column of segment seg of object obj as given
// to SetObjects (seg 0 for a widget, or its number of segments for its
// end): exact for what was shown, estimated for the rest.
func (c *lazyColumn) offsetOf(obj, seg int) float32 {
	y := float32(0)
	for j, o := range c.objs {
		org := c.origin[j]
		last := j+1 == len(c.objs) || c.origin[j+1].obj != obj || c.origin[j+1].seg > seg
		if org.obj == obj && last {
			return y + c.heights[j]*segFraction(o, seg-org.seg)
		}
		y += c.heights[j] + theme.Padding()
	}
	return y
}

// segFraction is how far down o its first n segments reach, by their
// share of its text (what is known without laying it out).
func segFraction(o fyne.CanvasObject, n int) float32 {
	rt, ok := o.(*widget.RichText)
	if !ok || n <= 0 {
		return 0
	}
	before, all := 0, 0
	for i, s := range rt.Segments {
		k := len(s.Textual()) + 1 // +1: an empty paragraph end takes a line too
		if i < n {
			before += k
		}
		all += k
	}
	return float32(before) / float32(all)
}

// reveal scrolls so that what spans [top, bottom) of the column shows,
// unless it shows already: its top in the upper part of the view, or
// (taller than that) it fills most of the view.
func (c *lazyColumn) reveal(top, bottom float32) {
	view := c.scroll.Size().Height
	off := c.scroll.Offset.Y
	if top >= off && top < off+0.8*view || top < off && bottom > off+0.3*view {
		return
	}
	y := max(0, min(top-theme.Padding(), c.total()-view))
	c.scroll.ScrollToOffset(fyne.NewPos(0, y))
	c.place()
}

// Objects are all the objects, shown or not.
func (c *lazyColumn) Objects() []fyne.CanvasObject { return c.objs }

// estimate guesses an object's height without laying it out.
func (c *lazyColumn) estimate(o fyne.CanvasObject) float32 {
	rt, ok := o.(*widget.RichText)
	if !ok {
		return o.MinSize().Height
	}
	// Never RichText.MinSize: that wraps the text, what is to be avoided.
	width := c.width
	if width < minLayoutWidth {
		width = 400
	}
	chars, paras := 0, 1
	for _, s := range rt.Segments {
		if t, ok := s.(*widget.TextSegment); ok {
			chars += len(t.Text)
			if !t.Inline() {
				paras++
			}
		}
	}
	size := theme.TextSize()
	perRow := max(1, int(width/(size*0.55)))
	rows := chars/perRow + paras
	return float32(rows) * (size + theme.LineSpacing() + 2)
}

func (c *lazyColumn) total() float32 {
	h := float32(0)
	for _, x := range c.heights {
		h += x + theme.Padding()
	}
	return h
}

// place lays out and shows the objects near the scroll's view.
func (c *lazyColumn) place() {
	if c.placing {
		return
	}
	c.placing = true
	defer func() { c.placing = false }()
	view := c.scroll.Size().Height
	top := c.scroll.Offset.Y - view
	bottom := c.scroll.Offset.Y + 2*view
	c.shown = c.shown[:0]
	y := float32(0)
	shift := float32(0)
	grew := false
	for i, o := range c.objs {
		h := c.heights[i]
		if y+h >= top && y <= bottom && c.width >= minLayoutWidth {
			if !c.measured[i] {
				o.Resize(fyne.NewSize(c.width, h))
				nh := o.MinSize().Height
				c.measured[i] = true
				if y+h <= c.scroll.Offset.Y {
					shift += nh - h
				}
				grew = grew || nh != h
				c.heights[i], h = nh, nh
			}
			o.Move(fyne.NewPos(0, y))
			o.Resize(fyne.NewSize(c.width, h))
			c.shown = append(c.shown, o)
		}
		y += h + theme.Padding()
	}
	if grew {
		c.scroll.Offset.Y = max(0, c.scroll.Offset.Y+shift)
		c.scroll.Refresh() // the content's height changed
	}
	canvas.Refresh(c)
}

func (c *lazyColumn) CreateRenderer() fyne.WidgetRenderer { return &lazyRenderer{c: c} }

type lazyRenderer struct{ c *lazyColumn }

func (r *lazyRenderer) Layout(size fyne.Size) {
	if size.Width != r.c.width {
		r.c.width = size.Width
		for i, o := range r.c.objs {
			r.c.measured[i] = false
			r.c.heights[i] = r.c.estimate(o)
		}
	}
	r.c.place()
}

func (r *lazyRenderer) MinSize() fyne.Size           { return fyne.NewSize(1, r.c.total()) }
func (r *lazyRenderer) Refresh()                     { r.c.place() }
func (r *lazyRenderer) Objects() []fyne.CanvasObject { return r.c.shown }
func (r *lazyRenderer) Destroy()                     {}

// minLayoutWidth is the narrowest the column lays text out at: before the
// window is sized, wrapping at a few pixels would measure every letter.
const minLayoutWidth = 50

// chunkSize is about how many characters of text one RichText holds.
const chunkSize = 1500

// splitRichText cuts rt after block segments (paragraphs, lists,
// headings) into RichTexts of about chunkSize characters each.
func splitRichText(rt *widget.RichText) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	start, n := 0, 0
	cut := func(end int) {
		part := widget.NewRichText(rt.Segments[start:end]...)
		part.Wrapping, part.Truncation = rt.Wrapping, rt.Truncation
		out = append(out, part)
		start, n = end, 0
	}
	for i, seg := range rt.Segments {
		n += len(seg.Textual())
		if !seg.Inline() && n >= chunkSize && i+1 < len(rt.Segments) {
			cut(i + 1)
		}
	}
	if len(out) == 0 {
		return []fyne.CanvasObject{rt}
	}
	cut(len(rt.Segments))
	return out
}
