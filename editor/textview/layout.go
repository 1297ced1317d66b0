package textview

import (
	"fyne.io/fyne/v2"
)

// Wrapping uses each character's advance, measured once per font and
// cached, so wrapping a paragraph is a walk over its runes with no text
// shaping. Where the cursor and the selection are drawn is measured with
// fyne.MeasureText on the row itself, which is exactly how canvas.Text
// draws it.

type fontKey struct {
	size  float32
	style fyne.TextStyle
}

// metrics are the measurements of one font at one size.
type metrics struct {
	key   fontKey
	ascii [128]float32 // advance of each ASCII character; 0 = not yet
	other map[rune]float32
	textH float32 // height of a canvas.Text in this font
	rowH  float32 // height of one wrapped row
	avgW  float32 // average advance in ordinary prose, for estimates
}

// rowGap is the space between two wrapped rows.
const rowGap = 3

func newMetrics(k fontKey) *metrics {
	m := &metrics{key: k, other: map[rune]float32{}}
	m.textH = fyne.MeasureText("Mg", k.size, k.style).Height
	m.rowH = m.textH + rowGap
	const sample = "the quick brown fox jumps over a lazy dog, The Quick Brown Fox."
	m.avgW = fyne.MeasureText(sample, k.size, k.style).Width / float32(len(sample))
	return m
}

func (m *metrics) advance(r rune) float32 {
	if r == '\t' {
		r = ' ' // tabs are drawn as one space (see drawText)
	}
	if r >= 0 && r < 128 {
		if w := m.ascii[r]; w > 0 {
			return w
		}
		w := fyne.MeasureText(string(r), m.key.size, m.key.style).Width
		m.ascii[r] = max(w, 0.001)
		return m.ascii[r]
	}
	w, ok := m.other[r]
	if !ok {
		w = fyne.MeasureText(string(r), m.key.size, m.key.style).Width
		m.other[r] = w
	}
	return w
}

// paraLayout is a paragraph wrapped at one width.
type paraLayout struct {
	width float32 // the width it was wrapped at
	rows  []int   // byte offset where each row starts; rows[0] == 0
	font  *metrics
}

func (l *paraLayout) height() float32 { return float32(len(l.rows)) * l.font.rowH }

// rowEnd is the end of row r in a paragraph of n bytes.
func (l *paraLayout) rowEnd(r, n int) int {
	if r+1 < len(l.rows) {
		return l.rows[r+1]
	}
	return n
}

// rowOf is the row holding byte col; at a wrap the place belongs to the
// row it starts.
func (l *paraLayout) rowOf(col int) int {
	r := 0
	for r+1 < len(l.rows) && l.rows[r+1] <= col {
		r++
	}
	return r
}

// wrap breaks text into rows no wider than width: after the last space
// that fits, or, in a word longer than a row (or a script without
// spaces), before the character that does not fit. Spaces may hang past
// the edge, as in every word processor.
func wrap(text string, width float32, m *metrics) []int {
	rows := []int{0}
	x, start := float32(0), 0
	brk, xBrk := -1, float32(0)
	for i, r := range text {
		w := m.advance(r)
		if x+w > width && i > start && r != ' ' {
			if brk > start {
				start, x = brk, x-xBrk
			} else {
				start, x = i, 0
			}
			rows = append(rows, start)
			brk = -1
		}
		x += w
		if r == ' ' || r == '\t' || r == '-' {
			brk, xBrk = i+1, x
		}
	}
	return rows
}

// heights keeps each paragraph's height in a Fenwick tree, so that the
// top of any paragraph, the total height and the paragraph at a height
// are found in O(log n) and a changed height is O(log n) too: the
// scrollbar costs the same on a 150K page as on a 2K one. It is rebuilt
// (O(n), no text is read) only when paragraphs are added or removed.
type heights struct {
	v    []float64 // each paragraph's height
	tree []float64 // 1-based Fenwick sums
}

func (h *heights) build(vals []float64) {
	h.v = vals
	h.tree = make([]float64, len(vals)+1)
	for i, x := range vals {
		j := i + 1
		h.tree[j] += x
		if k := j + (j & -j); k < len(h.tree) {
			h.tree[k] += h.tree[j]
		}
	}
}

func (h *heights) set(i int, x float64) {
	d := x - h.v[i]
	if d == 0 {
		return
	}
	h.v[i] = x
	for j := i + 1; j < len(h.tree); j += j & -j {
		h.tree[j] += d
	}
}

// top is the sum of the heights of paragraphs [0, i).
func (h *heights) top(i int) float64 {
	s := 0.0
	for j := min(i, len(h.v)); j > 0; j -= j & -j {
		s += h.tree[j]
	}
	return s
}

func (h *heights) total() float64 { return h.top(len(h.v)) }

// find is the paragraph at height y, and y's distance below its top.
func (h *heights) find(y float64) (int, float64) {
	if y <= 0 || len(h.v) == 0 {
		return 0, max(0, y)
	}
	pos, step := 0, 1
	for step*2 < len(h.tree) {
		step *= 2
	}
	for ; step > 0; step /= 2 {
		if n := pos + step; n < len(h.tree) && h.tree[n] <= y {
			pos = n
			y -= h.tree[n]
		}
	}
	if pos >= len(h.v) {
		last := len(h.v) - 1
		return last, h.v[last] + y
	}
	return pos, y
}
