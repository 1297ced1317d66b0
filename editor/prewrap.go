package editor

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7's RichText wraps a text segment row by row, and for each row
// it measures all of the segment that is left, then halves its way to
// the row's end, measuring each try anew: a paragraph of n characters
// costs about n²·log n characters shaped. A 1,000-character paragraph
// took 50 ms on the UI thread, one of 2,000 four times as long. The
// preview's column therefore breaks long paragraphs itself before
// RichText sees them: it adds up the width of each character (measured
// once per character and style, then remembered) and puts a line break
// where a row ends. RichText then measures each row once, finds that it
// fits, and the paragraph costs as many measures as it has rows.
//
// Only what can be measured that way is broken: text in the body or code
// font, of Latin script (no shaping joins its letters), with no tabs,
// and in a paragraph only up to the first run that cannot be measured;
// text with line breaks of its own (code, raw HTML) is broken line by
// line.
// The sum of the letters' widths ignores kerning, which narrows text, so
// rows come out a hair shorter than RichText would make them, never
// longer; wrapSlack keeps them clear of the edge.

// prewrapMin is the shortest run worth breaking ahead.
const prewrapMin = 200

// wrapSlack is the room left at the end of each row, in pixels.
const wrapSlack = 2

type wrapKey struct {
	r     rune
	style fyne.TextStyle
	size  float32
}

// prewrapper breaks long paragraphs into rows (see above). It belongs to
// the UI thread, as Fyne's text measuring does.
type prewrapper struct {
	widths map[wrapKey]float32
	// orig is each broken run's own text, to break again at another
	// width.
	orig map[*widget.TextSegment]string
}

func newPrewrapper() *prewrapper {
	return &prewrapper{widths: map[wrapKey]float32{}, orig: map[*widget.TextSegment]string{}}
}

// forget drops the texts of runs no longer shown.
func (w *prewrapper) forget() { clear(w.orig) }

// prewrap breaks the runs of rt for rt laid out width wide. A run that
// goes on with the row another run began is broken too, from where that
// run's last row ends (the sum of its letters' widths, never less than
// what RichText measures, so the first row breaks no later than RichText
// needs); after a run that cannot be measured, the rest of the paragraph
// is left to RichText.
func (w *prewrapper) prewrap(rt *widget.RichText, width float32) {
	w.flow(rt.Segments, width-2*theme.InnerPadding()-wrapSlack, 0)
}

// flow breaks segs, laid out from x0 on the row, and reports where the
// row ends after them (known false: somewhere that cannot be measured).
func (w *prewrapper) flow(segs []widget.RichTextSegment, avail, x0 float32) (x float32, known bool) {
	x, known = x0, true
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.ListSegment:
			// Each item is a row of its own that RichText starts with
			// a bold bullet ("• ", "3. ") and a space.
			for i, item := range s.Items {
				bullet := "• "
				if s.Ordered {
					bullet = strconv.Itoa(s.StartNumber()+i) + "."
				}
				w.flow([]widget.RichTextSegment{item}, avail, w.textWidth(bullet+" ", fyne.TextStyle{Bold: true}, theme.TextSize()))
			}
			x, known = 0, true
			continue
		case *widget.ParagraphSegment:
			// Its texts go on with the row (a list item's after its
			// bullet); it ends the row when its last text does.
			x, known = w.flow(s.Texts, avail, x)
			if n := len(s.Texts); n > 0 && !s.Texts[n-1].Inline() {
				x, known = 0, true
			}
			continue
		}
		t, isText := s.(*widget.TextSegment)
		if !s.Inline() {
			// A block (a code block, raw HTML, a paragraph's end) has
			// rows of its own.
			if isText {
				w.wrap(t, avail, 0)
			}
			x, known = 0, true
			continue
		}
		if !isText || !known {
			known = false
			continue
		}
		x, known = w.wrap(t, avail, x)
	}
	return x, known
}

func (w *prewrapper) textWidth(s string, st fyne.TextStyle, size float32) float32 {
	n := float32(0)
	for _, r := range s {
		n += w.width(r, st, size)
	}
	return n
}

// wrap breaks t into rows avail wide, its first row going on from x0,
// and reports where its last row ends; ok is false when t cannot be
// measured letter by letter (it is left as it is).
func (w *prewrapper) wrap(t *widget.TextSegment, avail, x0 float32) (end float32, ok bool) {
	text, seen := w.orig[t]
	if !seen {
		if !measurable(t) {
			return 0, false
		}
		text = t.Text
	}
	size := theme.TextSize()
	if t.Style.SizeName != "" {
		size = theme.Size(t.Style.SizeName)
	}
	st := t.Style.TextStyle
	space := w.width(' ', st, size)
	var b strings.Builder
	b.Grow(len(text))
	x := x0
	for n, line := range strings.Split(text, "\n") {
		if n > 0 {
			b.WriteByte('\n')
			x = 0
		}
		for i, word := range strings.Split(line, " ") {
			ww := float32(0)
			for _, r := range word {
				ww += w.width(r, st, size)
			}
			switch {
			case i == 0 && x > 0 && x+ww > avail:
				// The row another run began has no room for this word:
				// RichText starts a new row with it.
				x = ww
			case i == 0:
				x += ww
			case x+space+ww <= avail:
				b.WriteByte(' ')
				x += space + ww
			default:
				b.WriteByte('\n')
				x = ww
			}
			b.WriteString(word)
		}
	}
	// A short run is left to RichText (wrapping it costs little), which
	// fits a row's last word to the pixel; where its last row ends is
	// then no further than x, its rows breaking no earlier than these.
	if broken := b.String(); len(text) >= prewrapMin && broken != t.Text {
		if !seen {
			w.orig[t] = text
		}
		t.Text = broken
	}
	return x, true
}

// measurable reports whether a run's width is the sum of its letters'
// (see above): body or code font, Latin script, no tabs.
func measurable(t *widget.TextSegment) bool {
	if t.Style.TextStyle.Symbol || t.Style.SizeName != "" && t.Style.SizeName != theme.SizeNameText {
		return false
	}
	for _, r := range t.Text {
		if r == '\t' || r == '\r' || r >= 0x370 && (r < 0x2000 || r > 0x206f) {
			return false
		}
	}
	return true
}

func (w *prewrapper) width(r rune, st fyne.TextStyle, size float32) float32 {
	k := wrapKey{r, st, size}
	if v, ok := w.widths[k]; ok {
		return v
	}
	v := fyne.MeasureText(string(r), size, st).Width
	w.widths[k] = v
	return v
}

// rows is how many rows text takes wrapped at avail pixels by words, as
// RichText wraps it (a word wider than a row is cut into rows of its
// own); at least one.
func (w *prewrapper) rows(text string, avail float32, st fyne.TextStyle, size float32) int {
	space := w.width(' ', st, size)
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n++
		x := float32(-1) // -1: at the start of a row
		for _, word := range strings.Split(line, " ") {
			ww := float32(0)
			for _, r := range word {
				ww += w.width(r, st, size)
			}
			switch {
			case x < 0:
				x = ww
			case x+space+ww <= avail:
				x += space + ww
			default:
				n++
				x = ww
			}
			for avail > 0 && x > avail { // a word longer than a row
				n++
				x -= avail
			}
		}
	}
	return n
}
