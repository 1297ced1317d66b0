package textview

import (
	"strings"
	"unicode/utf8"
)

// The text is kept as a slice of paragraphs (the lines between "\n"),
// each a Go string, beside its cached layout.
//
// Why a paragraph array and not a rope or a piece table: every thing the
// widget does per key is paragraph-shaped — wrapping, styling, drawing,
// hit-testing all work on one paragraph — so the paragraph is the unit
// of both storage and layout cache, in one slice, with no second index to
// keep in sync. Typing inside a paragraph copies only that paragraph (a
// few hundred bytes); Enter or a multi-line paste splices the slice,
// moving pointers, not text (a 150K page has ~3,000 paragraphs: a 50 KB
// memmove). Positions are (paragraph, byte) pairs, so the key path never
// converts to or from whole-text offsets; the byte offset of each
// paragraph is a prefix sum recomputed lazily, only when a caller asks
// for whole-text offsets (Cursor, Selection, Replace by offset).
type buffer struct {
	paras []*para
	// starts[i] is the byte offset of paragraph i in the text, valid for
	// i < startsOK.
	starts   []int
	startsOK int
	size     int // bytes in the whole text, "\n"s included
}

// para is one paragraph and what is cached about it.
type para struct {
	text  string
	style lineStyle   // valid when the view's stylesOK is past it
	fence string      // the code fence open after this paragraph, or ""
	lay   *paraLayout // nil until measured at the current width
}

// Pos is a place in the text: a paragraph and a byte offset inside it.
type Pos struct{ Para, Col int }

// Before reports whether p comes before q.
func (p Pos) Before(q Pos) bool { return p.Para < q.Para || p.Para == q.Para && p.Col < q.Col }

func order(a, b Pos) (Pos, Pos) {
	if b.Before(a) {
		return b, a
	}
	return a, b
}

func newBuffer(text string) *buffer {
	b := &buffer{}
	b.set(text)
	return b
}

func (b *buffer) set(text string) {
	lines := strings.Split(text, "\n")
	b.paras = make([]*para, len(lines))
	for i, l := range lines {
		b.paras[i] = &para{text: l}
	}
	b.size = len(text)
	b.startsOK = 0
}

// String is the whole text.
func (b *buffer) String() string {
	var sb strings.Builder
	sb.Grow(b.size)
	for i, p := range b.paras {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(p.text)
	}
	return sb.String()
}

func (b *buffer) end() Pos {
	n := len(b.paras) - 1
	return Pos{n, len(b.paras[n].text)}
}

// clamp keeps p inside the text and on a UTF-8 boundary.
func (b *buffer) clamp(p Pos) Pos {
	if p.Para < 0 {
		return Pos{}
	}
	if p.Para >= len(b.paras) {
		return b.end()
	}
	t := b.paras[p.Para].text
	p.Col = max(0, min(p.Col, len(t)))
	for p.Col > 0 && p.Col < len(t) && !utf8.RuneStart(t[p.Col]) {
		p.Col--
	}
	return p
}

func (b *buffer) ensureStarts(upto int) {
	if upto < b.startsOK {
		return
	}
	if cap(b.starts) < len(b.paras) {
		b.starts = make([]int, len(b.paras), len(b.paras)+len(b.paras)/4)
	}
	b.starts = b.starts[:len(b.paras)]
	off := 0
	if b.startsOK > 0 {
		i := b.startsOK - 1
		off = b.starts[i] + len(b.paras[i].text) + 1
	}
	for i := b.startsOK; i <= upto && i < len(b.paras); i++ {
		b.starts[i] = off
		off += len(b.paras[i].text) + 1
		b.startsOK = i + 1
	}
}

// offset is p's byte offset in the whole text.
func (b *buffer) offset(p Pos) int {
	p = b.clamp(p)
	b.ensureStarts(p.Para)
	return b.starts[p.Para] + p.Col
}

// pos is the place at byte offset off of the whole text.
func (b *buffer) pos(off int) Pos {
	if off <= 0 {
		return Pos{}
	}
	if off >= b.size {
		return b.end()
	}
	b.ensureStarts(len(b.paras) - 1)
	lo, hi := 0, len(b.paras)-1
	for lo < hi { // last paragraph starting at or before off
		mid := (lo + hi + 1) / 2
		if b.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return b.clamp(Pos{lo, off - b.starts[lo]})
}

// slice is the text between two places.
func (b *buffer) slice(from, to Pos) string {
	from, to = order(b.clamp(from), b.clamp(to))
	if from.Para == to.Para {
		return b.paras[from.Para].text[from.Col:to.Col]
	}
	var sb strings.Builder
	sb.WriteString(b.paras[from.Para].text[from.Col:])
	for i := from.Para + 1; i < to.Para; i++ {
		sb.WriteByte('\n')
		sb.WriteString(b.paras[i].text)
	}
	sb.WriteByte('\n')
	sb.WriteString(b.paras[to.Para].text[:to.Col])
	return sb.String()
}

// endOf is where text inserted at p ends.
func endOf(p Pos, text string) Pos {
	n := strings.Count(text, "\n")
	if n == 0 {
		return Pos{p.Para, p.Col + len(text)}
	}
	return Pos{p.Para + n, len(text) - strings.LastIndexByte(text, '\n') - 1}
}

// edit is what a change did to the paragraphs, for the layout cache:
// paragraphs [first, first+removed) were replaced by [first, first+added).
type edit struct{ first, removed, added int }

// replace replaces the text between from and to with text and returns the
// end of the inserted text.
func (b *buffer) replace(from, to Pos, text string) (Pos, edit) {
	from, to = order(b.clamp(from), b.clamp(to))
	head := b.paras[from.Para].text[:from.Col]
	tail := b.paras[to.Para].text[to.Col:]
	b.size += len(text) - len(b.slice(from, to))
	lines := strings.Split(text, "\n")
	lines[0] = head + lines[0]
	lines[len(lines)-1] += tail
	removed := to.Para - from.Para + 1
	if removed == 1 && len(lines) == 1 {
		p := b.paras[from.Para]
		p.text, p.lay = lines[0], nil
	} else {
		repl := make([]*para, len(lines))
		for i, l := range lines {
			repl[i] = &para{text: l}
		}
		b.paras = append(b.paras[:from.Para], append(repl, b.paras[to.Para+1:]...)...)
	}
	b.startsOK = min(b.startsOK, from.Para+1)
	return endOf(from, text), edit{from.Para, removed, len(lines)}
}
