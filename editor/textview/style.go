package textview

import (
	"strings"

	"fyne.io/fyne/v2"
)

// Light markdown styling, found by looking at each line's start: headings
// larger and bold, fenced code monospace on a grey band, quotes (and so
// facilitator tips) on a tinted band. Only how the text is drawn changes;
// the text itself is never touched. Whether a line is inside a code fence
// depends on the lines above it, so styles are computed forward from the
// first paragraph whose style is not known (the view's stylesOK), and an
// edit only forgets the styles from its paragraph on — recomputed lazily,
// as far down as is drawn.

type lineKind uint8

const (
	kindBody lineKind = iota
	kindHeading
	kindCode
	kindQuote
)

type lineStyle struct {
	kind  lineKind
	level uint8 // heading level 1–6
}

// styleLine is the style of line, given the code fence open before it,
// and the fence open after it.
func styleLine(line, fence string) (lineStyle, string) {
	trim := strings.TrimLeft(line, " ")
	indent := len(line) - len(trim)
	if fence != "" {
		if indent < 4 && strings.HasPrefix(trim, fence) && strings.TrimSpace(strings.TrimLeft(trim, fence[:1])) == "" {
			return lineStyle{kind: kindCode}, ""
		}
		return lineStyle{kind: kindCode}, fence
	}
	if indent >= 4 {
		return lineStyle{}, ""
	}
	if f := fenceOf(trim); f != "" {
		return lineStyle{kind: kindCode}, f
	}
	if n := headingLevel(trim); n > 0 {
		return lineStyle{kind: kindHeading, level: uint8(n)}, ""
	}
	if strings.HasPrefix(trim, ">") {
		return lineStyle{kind: kindQuote}, ""
	}
	return lineStyle{}, ""
}

func headingLevel(line string) int {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n >= 1 && n <= 6 && (n == len(line) || line[n] == ' ' || line[n] == '\t') {
		return n
	}
	return 0
}

// fenceOf returns the fence a line opens (``` or ~~~, at least three), or "".
func fenceOf(line string) string {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(line) && line[n] == c {
			n++
		}
		if n >= 3 {
			return line[:n]
		}
	}
	return ""
}

// headingScale is how much larger than body text each heading level is.
var headingScale = [7]float32{1, 1.6, 1.4, 1.2, 1.1, 1, 1}

// font is the size and style text of a line style is drawn in.
func (s lineStyle) font(base float32) (float32, fyne.TextStyle) {
	switch s.kind {
	case kindHeading:
		return base * headingScale[s.level], fyne.TextStyle{Bold: true}
	case kindCode:
		return base, fyne.TextStyle{Monospace: true}
	}
	return base, fyne.TextStyle{}
}
