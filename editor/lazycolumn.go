package editor

import (
	"slices"
	"time"

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
	// drawn: the object was shown before (its text is rasterised).
	drawn   []bool
	width   float32
	shown   []fyne.CanvasObject
	placing bool
	// sliceDue: place asked the UI thread to come back and measure more.
	sliceDue bool
	// showDue: place held objects back to show them in the next frame.
	showDue bool
	wrap    *prewrapper
	// onTap gets a tap's position in the column (the preview follows a
	// link or moves the editor's cursor).
	onTap func(pos fyne.Position)
	// placed is where place put each shown object, last time and this
	// time (their arrays are reused).
	placed, placedSpare []placement
	redraws             int // how many times place asked for a redraw
	// stopped: the column's window is closing; it measures and shows
	// nothing more (its timers end).
	stopped bool
	// wait, when set, reports that another widget is drawing new text in
	// the frames to come (the page editor filling its view): the column
	// then draws no new text and measures nothing until it is done, so
	// that a frame never rasterises both (see place).
	wait func() bool
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
	c := &lazyColumn{wrap: newPrewrapper()}
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
	c.wrap.forget()
	for i, o := range objs {
		rt, ok := o.(*widget.RichText)
		if !ok {
			c.objs = append(c.objs, o)
			c.origin = append(c.origin, piece{obj: i})
			continue
		}
		for _, part := range splitRichText(rt) {
			c.objs = append(c.objs, part.rt)
			c.origin = append(c.origin, piece{obj: i, seg: part.seg, cont: part.cont, segs: part.segs})
		}
	}
	objs = c.objs
	c.heights = make([]float32, len(objs))
	c.measured = make([]bool, len(objs))
	c.drawn = make([]bool, len(objs))
	for i, o := range objs {
		c.heights[i] = c.estimate(o)
	}
	c.scroll.Refresh()
	c.place()
}

// piece is where an object of the column came from: object obj given to
// SetObjects, from its segment seg on (a RichText is cut in pieces). cont:
// the piece goes on with segment seg (a long list is cut between its
// items); segs are the segments of obj the piece shows, as given.
type piece struct {
	obj, seg int
	cont     bool
	segs     []widget.RichTextSegment
}

// offsetOf is the y in the column of segment seg of object obj as given
// to SetObjects (seg 0 for a widget, or its number of segments for its
// end): exact for what was shown, estimated for the rest.
func (c *lazyColumn) offsetOf(obj, seg int) float32 {
	y := float32(0)
	for j := range c.objs {
		org := c.origin[j]
		next := piece{obj: -1}
		if j+1 < len(c.objs) {
			next = c.origin[j+1]
		}
		last := next.obj != obj || next.seg > seg || next.seg == seg && next.cont
		if org.obj == obj && last {
			return y + c.heights[j]*segFraction(org.segs, seg-org.seg)
		}
		y += c.heights[j] + theme.Padding()
	}
	return y
}

// segFraction is how far down a piece showing segs its first n segments
// reach, by their share of its text (what is known without laying it
// out).
func segFraction(segs []widget.RichTextSegment, n int) float32 {
	if n <= 0 {
		return 0
	}
	before, all := 0, 0
	for i, s := range segs {
		k := segLen(s) + 1 // +1: an empty paragraph end takes a line too
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
		chars += segLen(s)
		switch s := s.(type) {
		case *widget.TextSegment:
			if !s.Inline() {
				paras++
			}
		case *widget.ListSegment:
			paras += len(s.Items)
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

// place shows the measured objects that reach into the scroll's view
// (and showMargin around it), and asks for the objects a view's height
// above and below it to be measured. Only what is shown is drawn: each
// frame Fyne paints every object of the tree, clipped or not, and the
// first paint of a text rasterises its letters on the UI thread (about
// 15 µs a character here), so showing three views of text made the frame
// that first showed a page 30–60 ms longer. For the same reason one
// frame gets at most showBudget characters never drawn before: the rest
// shows in the frames after, top first; and while the page editor beside
// it fills its own view (wait), the column draws nothing new: a frame
// that shaped the text of both kept the UI thread 55–85 ms.
func (c *lazyColumn) place() {
	if c.placing || c.stopped {
		return
	}
	c.placing = true
	defer func() { c.placing = false }()
	view := c.scroll.Size().Height
	off := c.scroll.Offset.Y
	top, bottom := off-showMargin, off+view+showMargin
	c.shown = c.shown[:0]
	now := c.placedSpare[:0]
	y := float32(0)
	unmeasured, held := false, false
	budget := showBudget
	if c.wait != nil && c.wait() {
		budget = 0
	}
	for i, o := range c.objs {
		h := c.heights[i]
		if y > off+2*view {
			break
		}
		if y+h >= off-view {
			switch {
			case !c.measured[i]:
				unmeasured = true
			case y+h >= top && y <= bottom:
				if !c.drawn[i] {
					if budget <= 0 {
						held = true
						break
					}
					budget -= drawCost(o)
					c.drawn[i] = true
				}
				o.Move(fyne.NewPos(0, y))
				o.Resize(fyne.NewSize(c.width, h))
				c.shown = append(c.shown, o)
				now = append(now, placement{o, y, c.width, h})
			}
		}
		y += h + theme.Padding()
	}
	// Nothing shown moved, came or went (a slice measured only what is
	// off screen): no redraw. Each redraw repaints the whole window,
	// 20–30 ms in Mesa's software renderer, and the slices come every
	// fillGap for a second or more after a long page opens.
	if !slices.Equal(now, c.placed) {
		c.redraws++
		canvas.Refresh(c)
	}
	c.placed, c.placedSpare = now, c.placed
	if unmeasured && !c.sliceDue && c.width >= minLayoutWidth {
		// After the frame due (a slice run back to back with the next
		// kept the UI thread twice as long from the events and the
		// frame waiting).
		c.sliceDue = true
		time.AfterFunc(fillGap, func() { fyne.Do(c.measureSlice) })
	}
	if held && !c.showDue {
		// After the frame that draws what is shown now.
		c.showDue = true
		time.AfterFunc(fillGap, func() {
			fyne.Do(func() {
				c.showDue = false
				c.place()
			})
		})
	}
}

// placement is where place put a shown object.
type placement struct {
	o       fyne.CanvasObject
	y, w, h float32
}

// showMargin is how far above and below the view objects are shown
// (laid out and drawn), so that a scroll by a wheel click or two finds
// them there.
const showMargin = 100

// showBudget is about how many characters never drawn before one frame
// draws (see place): some 5–10 ms of shaping and rasterising.
const showBudget = 400

// fillGap is how long the column waits before it measures or shows more:
// a little more than one frame that Mesa paints in software (20–30 ms
// here), so that a frame with nothing new comes between two that draw
// new text, and the events waiting get their turn (see textview's
// fillGap).
const fillGap = 35 * time.Millisecond

// drawCost is about how many characters of text o draws.
func drawCost(o fyne.CanvasObject) int {
	rt, ok := o.(*widget.RichText)
	if !ok {
		return chunkSize
	}
	n := 0
	for _, s := range rt.Segments {
		n += segLen(s)
	}
	return n
}

// measureSlice wraps the objects near the view that are not measured yet:
// those in the view first, then a view's height below and above it.
// Wrapping text is what costs (every word is shaped), and it runs on the
// UI thread, as Fyne's text measuring must; so one slice wraps for at
// most measureBudget (and at least one object), shows what it measured,
// and place asks the UI thread to come back for the rest after the
// events and the frame waiting. A 50K page thus fills the view in slices
// of a few milliseconds, never in one long block.
func (c *lazyColumn) measureSlice() {
	c.sliceDue = false
	if c.width < minLayoutWidth || c.stopped {
		return
	}
	if c.wait != nil && c.wait() {
		c.place() // comes back after a frame
		return
	}
	view := c.scroll.Size().Height
	off := c.scroll.Offset.Y
	deadline := time.Now().Add(measureBudget)
	for i, span := range [][2]float32{{off, off + view}, {off + view, off + 2*view}, {off - view, off}} {
		if !c.measure(span[0], span[1], deadline, i == 0) {
			break
		}
	}
	c.place()
}

// measure wraps the objects not yet measured that reach into [top,
// bottom) of the column, until deadline (one at least if first). It reports
// whether it measured them all. An object above the view that turns out
// taller or shorter than estimated moves the scroll by as much, so what
// is on screen stays put.
func (c *lazyColumn) measure(top, bottom float32, deadline time.Time, first bool) bool {
	y := float32(0)
	shift := float32(0)
	grew := false
	done := true
	for i, o := range c.objs {
		h := c.heights[i]
		if y > bottom {
			break
		}
		if !c.measured[i] && y+h >= top {
			if (grew || !first) && time.Now().After(deadline) {
				done = false
				break
			}
			if rt, ok := o.(*widget.RichText); ok {
				c.wrap.prewrap(rt, c.width)
			}
			o.Resize(fyne.NewSize(c.width, h))
			nh := o.MinSize().Height
			c.measured[i] = true
			if y+h <= c.scroll.Offset.Y {
				shift += nh - h
			}
			grew = true
			c.heights[i], h = nh, nh
		}
		y += h + theme.Padding()
	}
	if grew {
		c.scroll.Offset.Y = max(0, c.scroll.Offset.Y+shift)
		c.scroll.Refresh() // the content's height changed
	}
	return done
}

// stop ends the column's work for good: its window is closing.
func (c *lazyColumn) stop() { c.stopped = true }

// Pending reports whether objects near the view wait to be measured and
// shown.
func (c *lazyColumn) Pending() bool { return c.sliceDue || c.showDue }

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

// measureBudget is the longest one call of place spends wrapping text
// (but it always wraps one object, which can take 10–15 ms), so that a
// slice and the frame after it stay inside the 50 ms the UI thread may
// be kept from the next event.
const measureBudget = 4 * time.Millisecond

// chunkSize is about how many characters of text one RichText holds: the
// unit place measures in one go (a first wrap costs about 10 ms per 1,000
// characters on a 2-core machine).
const chunkSize = 250

// part is a piece of a RichText cut by splitRichText: rt shows segs,
// from segment seg of the original on (cont: going on with it).
type part struct {
	rt   *widget.RichText
	seg  int
	cont bool
	segs []widget.RichTextSegment
}

// splitRichText cuts rt after block segments (paragraphs, lists,
// headings) into RichTexts of about chunkSize characters each, and a long
// list between its items: place measures one piece at a time, and the
// cost of wrapping grows faster than the length of what is wrapped.
func splitRichText(rt *widget.RichText) []part {
	// units are the segments, with long lists cut into lists of a few
	// items each.
	type unit struct {
		seg  widget.RichTextSegment
		orig int
		cont bool
	}
	var units []unit
	for i, seg := range rt.Segments {
		l, ok := seg.(*widget.ListSegment)
		if !ok || segLen(l) < chunkSize || len(l.Items) < 2 {
			units = append(units, unit{seg: seg, orig: i})
			continue
		}
		start, n := 0, 0
		for j, item := range l.Items {
			n += segLen(item)
			if n >= chunkSize || j+1 == len(l.Items) {
				sub := &widget.ListSegment{Items: l.Items[start : j+1], Ordered: l.Ordered}
				sub.SetStartNumber(l.StartNumber() + start)
				units = append(units, unit{seg: sub, orig: i, cont: start > 0})
				start, n = j+1, 0
			}
		}
	}
	var out []part
	start, n := 0, 0
	cut := func(end int) {
		segs := make([]widget.RichTextSegment, 0, end-start)
		for _, u := range units[start:end] {
			segs = append(segs, u.seg)
		}
		p := widget.NewRichText(segs...)
		p.Wrapping, p.Truncation = rt.Wrapping, rt.Truncation
		out = append(out, part{rt: p, seg: units[start].orig, cont: units[start].cont, segs: rt.Segments[units[start].orig:min(len(rt.Segments), units[end-1].orig+1)]})
		start, n = end, 0
	}
	for i, u := range units {
		n += segLen(u.seg)
		if !u.seg.Inline() && n >= chunkSize && i+1 < len(units) {
			cut(i + 1)
		}
	}
	if len(out) == 0 {
		return []part{{rt: rt, segs: rt.Segments}}
	}
	cut(len(units))
	return out
}

// segLen is how many characters a segment shows, those of a list's
// items included (a list's own Textual is empty).
func segLen(s widget.RichTextSegment) int {
	switch s := s.(type) {
	case *widget.ListSegment:
		n := 0
		for _, it := range s.Items {
			n += segLen(it)
		}
		return n
	case *widget.ParagraphSegment:
		n := 0
		for _, t := range s.Texts {
			n += segLen(t)
		}
		return n
	}
	return len(s.Textual())
}
