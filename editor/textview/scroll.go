package textview

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

// Geometry of the view, in pixels.
const (
	pad      = 8  // between the edge and the text
	barWidth = 12 // the scrollbar's lane on the right
)

// viewH is the height text is shown in.
func (v *View) viewH() float32 { return max(1, v.size.Height-2*pad) }

// normalize keeps the scroll anchor inside its paragraph and the view
// inside the text: never above the start, never past the point where the
// last line sits at the bottom. It measures only the paragraphs it
// passes, which are on screen.
func (v *View) normalize() {
	n := len(v.buf.paras)
	v.top = max(0, min(v.top, n-1))
	for v.topOff < 0 && v.top > 0 {
		v.top--
		v.topOff += v.layoutOf(v.top).height()
	}
	v.topOff = max(0, v.topOff)
	for v.top < n-1 && v.topOff >= v.layoutOf(v.top).height() {
		v.topOff -= v.layoutOf(v.top).height()
		v.top++
	}
	if v.size.Height <= 0 {
		return
	}
	// Fill the view down to the bottom, or scroll back up.
	y := -v.topOff
	for i := v.top; i < n && y < v.viewH(); i++ {
		y += v.layoutOf(i).height()
	}
	if y < v.viewH() && (v.top > 0 || v.topOff > 0) {
		v.topOff -= v.viewH() - y
		for v.topOff < 0 && v.top > 0 {
			v.top--
			v.topOff += v.layoutOf(v.top).height()
		}
		v.topOff = max(0, v.topOff)
	}
}

// scrollBy scrolls by dy pixels (down when positive).
func (v *View) scrollBy(dy float32) {
	v.topOff += dy
	v.normalize()
}

// scrollY is how far the view is scrolled from the top, with the heights
// of paragraphs not yet measured estimated.
func (v *View) scrollY() float64 {
	return v.heights().top(v.top) + float64(v.topOff)
}

// maxScroll is the largest scrollY.
func (v *View) maxScroll() float64 {
	return max(0, v.heights().total()-float64(v.viewH()))
}

// scrollToY scrolls to y pixels from the top.
func (v *View) scrollToY(y float64) {
	i, off := v.heights().find(max(0, y))
	v.top, v.topOff = i, float32(off)
	v.normalize()
}

// ScrollToCursor scrolls as little as needed to show the cursor's row.
func (v *View) ScrollToCursor() {
	defer v.Refresh()
	if v.OnCursorMoved != nil {
		v.OnCursorMoved()
	}
	if v.size.Height <= 0 {
		return
	}
	l := v.layoutOf(v.cur.Para)
	rowTop := float32(l.rowOf(v.cur.Col)) * l.font.rowH
	rowH := l.font.rowH
	if v.cur.Para < v.top || v.cur.Para == v.top && rowTop < v.topOff {
		v.top, v.topOff = v.cur.Para, rowTop
		v.normalize()
		return
	}
	y := -v.topOff
	for i := v.top; i < v.cur.Para; i++ {
		y += v.layoutOf(i).height()
		if y > v.viewH() {
			// Far below: put the cursor's row at the bottom.
			v.top, v.topOff = v.cur.Para, rowTop+rowH-v.viewH()
			v.normalize()
			return
		}
	}
	if y+rowTop+rowH > v.viewH() {
		v.scrollBy(y + rowTop + rowH - v.viewH())
	}
}

// posAt is the place of the text drawn at p (in the view's coordinates);
// above the text it is the first row shown, below it the last.
func (v *View) posAt(p fyne.Position) Pos {
	n := len(v.buf.paras)
	y := p.Y - pad + v.topOff
	i := v.top
	if y < 0 {
		return v.posInRow(i, 0, p.X)
	}
	for {
		l := v.layoutOf(i)
		if y < l.height() || i == n-1 {
			row := min(int(y/l.font.rowH), len(l.rows)-1)
			return v.posInRow(i, row, p.X)
		}
		y -= l.height()
		i++
	}
}

// posInRow is the place in row r of paragraph i nearest to x.
func (v *View) posInRow(i, r int, x float32) Pos {
	l := v.layoutOf(i)
	t := v.lineText(i)
	start, end := l.rows[r], l.rowEnd(r, len(t))
	if r+1 < len(l.rows) && end > start { // a wrapped row: not after its break
		_, sz := utf8.DecodeLastRuneInString(t[start:end])
		end -= sz
	}
	x -= pad
	row := t[start:end]
	// Binary search the rune boundaries by measured width.
	bounds := make([]int, 0, len(row)+1)
	for b := range row {
		bounds = append(bounds, b)
	}
	bounds = append(bounds, len(row))
	lo, hi := 0, len(bounds)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if v.measure(row[:bounds[mid]], l.font) <= x {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	col := bounds[lo]
	if lo+1 < len(bounds) {
		a := v.measure(row[:bounds[lo]], l.font)
		b := v.measure(row[:bounds[lo+1]], l.font)
		if x-a > b-x {
			col = bounds[lo+1]
		}
	}
	return Pos{i, start + col}
}

// measure is the drawn width of s in font m.
func (v *View) measure(s string, m *metrics) float32 {
	if s == "" {
		return 0
	}
	return fyne.MeasureText(drawable(s), m.key.size, m.key.style).Width
}

// drawable is text as canvas.Text is given it: a tab is drawn as one
// space, so every byte offset stays where it is.
func drawable(s string) string {
	if strings.IndexByte(s, '\t') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\t", " ")
}

// xOf is the x of place p in its row (from the text's left edge).
func (v *View) xOf(p Pos) float32 {
	l := v.layoutOf(p.Para)
	r := l.rowOf(p.Col)
	return v.measure(v.lineText(p.Para)[l.rows[r]:p.Col], l.font)
}

// rowStep is the place one row above (dir -1) or below (+1) p, at x;
// ok is false at the first or last row of the text.
func (v *View) rowStep(p Pos, dir int, x float32) (Pos, bool) {
	l := v.layoutOf(p.Para)
	r := l.rowOf(p.Col) + dir
	i := p.Para
	if r < 0 {
		if i == 0 {
			return Pos{0, 0}, false
		}
		i--
		r = len(v.layoutOf(i).rows) - 1
	} else if r >= len(l.rows) {
		if i == len(v.buf.paras)-1 {
			return v.buf.end(), false
		}
		i, r = i+1, 0
	}
	return v.posInRow(i, r, x+pad), true
}
