package editor

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// measurer finds how tall a word-wrapped text field must be to show all
// of its text. Fyne's multi-line Entry scrolls inside a fixed number of
// rows; a block must instead grow with its text so the column scrolls as
// one document. Wrapping happens line by line, so the height is the sum
// of each line's rows: only lines not seen before at this width are
// wrapped, with a RichText that is never shown, and a key costs one line.
type measurer struct {
	rt     *widget.RichText
	seg    *widget.TextSegment
	width  float32
	rows   map[string]int
	h1, dh float32 // height of one row, and of each further row
}

func newMeasurer() *measurer {
	seg := &widget.TextSegment{Style: widget.RichTextStyleInline}
	rt := widget.NewRichText(seg)
	rt.Wrapping = fyne.TextWrapWord
	return &measurer{rt: rt, seg: seg, rows: map[string]int{}}
}

// setWidth sets the width text is wrapped at; it reports whether it
// changed (every height must then be measured again).
func (m *measurer) setWidth(w float32) bool {
	if w <= 0 || w == m.width {
		return false
	}
	m.width = w
	m.rows = map[string]int{}
	m.h1 = m.measure("x")
	m.dh = m.measure("x\nx") - m.h1
	return true
}

func (m *measurer) measure(s string) float32 {
	m.seg.Text = s
	m.rt.Resize(fyne.NewSize(m.width, m.rt.Size().Height))
	m.rt.Refresh()
	return m.rt.MinSize().Height
}

// lineRows is how many rows one line (without "\n") wraps to.
func (m *measurer) lineRows(line string) int {
	if len(line) < 8 { // a few characters never wrap
		return 1
	}
	if n, ok := m.rows[line]; ok {
		return n
	}
	n := 1
	if m.dh > 0 {
		n = 1 + int(math.Round(float64((m.measure(line)-m.h1)/m.dh)))
	}
	if len(m.rows) > 50000 { // forget old lines rather than grow forever
		m.rows = map[string]int{}
	}
	m.rows[line] = n
	return n
}

// height is the height of a text field showing text.
func (m *measurer) height(text string) float32 {
	if m.width <= 0 {
		m.setWidth(600)
	}
	rows := 0
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			rows += m.lineRows(text)
			break
		}
		rows += m.lineRows(text[:i])
		text = text[i+1:]
	}
	return m.h1 + float32(rows-1)*m.dh
}
