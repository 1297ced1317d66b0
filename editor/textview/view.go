// Package textview is a text editing widget for long documents: one
// buffer, one cursor and selection, one scroller, and light markdown
// styling of the source. It knows nothing of courses.
//
// Everything done per key or per frame costs the same on any page: only
// the paragraphs on screen (plus a margin) are wrapped and drawn, each
// paragraph's wrapping is cached until it changes, and an edit forgets
// only its own paragraph's layout (see buffer.go and layout.go).
package textview

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// View edits one text. All of its methods must be called on the Fyne UI
// goroutine, as for every widget.
type View struct {
	widget.BaseWidget

	// OnChanged is called after every change the author makes to the text
	// (typing, paste, cut, undo, Replace); not after SetText.
	OnChanged func()
	// OnShortcut gets the shortcuts the view does not handle itself (save,
	// find, formatting…); it reports whether it used one.
	OnShortcut func(fyne.Shortcut) bool
	// OnCursorMoved is called after the cursor moves, by the author or by
	// a method (the preview follows it).
	OnCursorMoved func()

	buf      *buffer
	hist     history
	cur, sel Pos     // the cursor, and the other end of the selection
	goalX    float32 // x the cursor keeps moving up and down; <0: none
	fonts    map[fontKey]*metrics
	stylesOK int // paragraphs [0, stylesOK) have their style computed
	hs       heights
	hsOK     bool
	// The view's top is topOff pixels below the top of paragraph top: the
	// scroll position is anchored to a paragraph, so measuring paragraphs
	// elsewhere never moves what is on screen.
	top    int
	topOff float32
	size   fyne.Size
	text   string // the whole text, when textOK
	textOK bool

	focused bool
	shift   bool
	blink   blinker
	mouse   mouseState
	rows    []visRow // rows on screen, top to bottom, from the last draw
	rend    *renderer
}

// New makes an empty View.
func New() *View {
	v := &View{buf: newBuffer(""), fonts: map[fontKey]*metrics{}, goalX: -1}
	v.blink.v, v.blink.now = v, time.Now
	v.ExtendBaseWidget(v)
	return v
}

// SetText replaces the whole text, forgets the undo history and puts the
// cursor at the start: it is how a document is opened. OnChanged is not
// called.
func (v *View) SetText(s string) {
	v.buf.set(s)
	v.hist.clear()
	v.cur, v.sel, v.goalX = Pos{}, Pos{}, -1
	v.top, v.topOff = 0, 0
	v.stylesOK, v.hsOK = 0, false
	v.text, v.textOK = s, true
	v.Refresh()
}

// Text is the whole text.
func (v *View) Text() string {
	if !v.textOK {
		v.text, v.textOK = v.buf.String(), true
	}
	return v.text
}

// Len is the length of the text in bytes.
func (v *View) Len() int { return v.buf.size }

// CursorOffset is the cursor's byte offset in the text.
func (v *View) CursorOffset() int { return v.buf.offset(v.cur) }

// Selection is the selected byte range, start <= end (start == end when
// nothing is selected).
func (v *View) Selection() (start, end int) {
	a, b := order(v.sel, v.cur)
	return v.buf.offset(a), v.buf.offset(b)
}

// SelectedText is the selected text.
func (v *View) SelectedText() string { return v.buf.slice(v.sel, v.cur) }

// Select selects the bytes [start, end) with the cursor at end, scrolls
// the cursor into view and focuses the view.
func (v *View) Select(start, end int) {
	v.sel, v.cur = v.buf.pos(start), v.buf.pos(end)
	v.goalX = -1
	v.hist.seal()
	v.ScrollToCursor()
	v.Focus()
}

// CursorPos and SelectionPos are the cursor and the selection's other end
// as paragraph (line, 0-based) and byte column.
func (v *View) CursorPos() Pos { return v.cur }

// SelectionPos is the end of the selection that is not the cursor.
func (v *View) SelectionPos() Pos { return v.sel }

// GoToLine puts the cursor at the start of a line (1-based) and shows it.
func (v *View) GoToLine(line int) {
	p := v.buf.clamp(Pos{line - 1, 0})
	v.cur, v.sel, v.goalX = p, p, -1
	v.ScrollToCursor()
	v.Focus()
}

// ScrollToLine scrolls so that line (1-based) is at the top of the view,
// without moving the cursor.
func (v *View) ScrollToLine(line int) {
	v.top, v.topOff = max(0, min(line-1, len(v.buf.paras)-1)), 0
	v.normalize()
	v.Refresh()
}

// Lines is the number of lines (paragraphs) of the text.
func (v *View) Lines() int { return len(v.buf.paras) }

// TopLine is the first line (1-based) drawn in the view.
func (v *View) TopLine() int { return v.top + 1 }

// BottomLine is the last line (1-based) with a row drawn in the view at
// the last draw; it is Lines() when the end of the text is on screen.
func (v *View) BottomLine() int {
	if len(v.rows) == 0 {
		return v.top + 1
	}
	r := v.rows[len(v.rows)-1]
	if l := v.buf.paras[r.para].lay; l != nil && r.row < len(l.rows)-1 {
		return r.para // its last row is not on screen
	}
	return r.para + 1
}

// Replace replaces the text [at, at+len(old)) with new as one undoable
// step, and puts the cursor after it. It does nothing and reports false
// when the text there is not old: a change meant for another text never
// corrupts this one.
func (v *View) Replace(at int, old, new string) bool {
	from := v.buf.pos(at)
	to := v.buf.pos(at + len(old))
	if v.buf.offset(from) != at || v.buf.slice(from, to) != old {
		return false
	}
	v.hist.seal()
	v.replace(from, to, new, true)
	v.hist.seal()
	return true
}

// Undo undoes the last step.
func (v *View) Undo() {
	if c, ok := v.hist.takeUndo(); ok {
		v.replace(c.at, endOf(c.at, c.old), c.new, false)
	}
}

// Redo redoes the last undone step.
func (v *View) Redo() {
	if c, ok := v.hist.takeRedo(); ok {
		v.replace(c.at, endOf(c.at, c.old), c.new, false)
	}
}

// CanUndo and CanRedo report whether there is a step to undo or redo.
func (v *View) CanUndo() bool { return len(v.hist.undo) > 0 }

// CanRedo reports whether there is an undone step to redo.
func (v *View) CanRedo() bool { return len(v.hist.redo) > 0 }

// Focus puts the keyboard focus in the view.
func (v *View) Focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil && c.Focused() != v {
		c.Focus(v)
	}
}

// replace is every change to the text: it replaces [from, to) with text,
// records it for undo when record is set, forgets the layout of the
// paragraphs it touched, puts the cursor after the new text and keeps it
// in view.
func (v *View) replace(from, to Pos, text string, record bool) {
	from, to = order(from, to)
	old := v.buf.slice(from, to)
	if old == "" && text == "" {
		return
	}
	end, ed := v.buf.replace(from, to, text)
	if record {
		v.hist.record(change{at: from, old: old, new: text, when: time.Now()})
	}
	v.edited(ed)
	v.cur, v.sel, v.goalX = end, end, -1
	v.textOK = false
	v.ScrollToCursor()
	if v.OnChanged != nil {
		v.OnChanged()
	}
}

// edited updates what is cached about the paragraphs after an edit.
func (v *View) edited(ed edit) {
	v.stylesOK = min(v.stylesOK, ed.first)
	if ed.removed != 1 || ed.added != 1 {
		v.hsOK = false // paragraphs were added or removed: rebuilt on the next draw
	}
	if v.top >= ed.first+ed.removed {
		v.top += ed.added - ed.removed
	} else if v.top > ed.first {
		v.top, v.topOff = ed.first, 0
	}
	v.top = min(v.top, len(v.buf.paras)-1)
}

// typeText replaces the selection with text, as the author typing.
func (v *View) typeText(text string) {
	v.replace(v.sel, v.cur, text, true)
}

func (v *View) metrics(s lineStyle) *metrics {
	size, style := s.font(theme.TextSize())
	k := fontKey{size, style}
	m := v.fonts[k]
	if m == nil {
		m = newMetrics(k)
		v.fonts[k] = m
	}
	return m
}

// styleOf is paragraph i's style, computing the styles down to it.
func (v *View) styleOf(i int) lineStyle {
	for ; v.stylesOK <= i; v.stylesOK++ {
		j := v.stylesOK
		p := v.buf.paras[j]
		fence := ""
		if j > 0 {
			fence = v.buf.paras[j-1].fence
		}
		st, f := styleLine(p.text, fence)
		if st != p.style {
			p.lay = nil
		}
		p.style, p.fence = st, f
	}
	return v.buf.paras[i].style
}

// wrapWidth is the width text is wrapped at.
func (v *View) wrapWidth() float32 {
	return max(20, v.size.Width-2*pad-barWidth)
}

// layoutOf is paragraph i wrapped at the view's width, from the cache
// when it is there.
func (v *View) layoutOf(i int) *paraLayout {
	m := v.metrics(v.styleOf(i))
	p := v.buf.paras[i]
	w := v.wrapWidth()
	if p.lay != nil && p.lay.width == w && p.lay.font == m {
		return p.lay
	}
	p.lay = &paraLayout{width: w, font: m, rows: wrap(p.text, w, m)}
	if v.hsOK {
		v.hs.set(i, float64(p.lay.height()))
	}
	return p.lay
}

// estimate is paragraph i's height: measured when it has been, otherwise
// guessed from its length, without wrapping it.
func (v *View) estimate(i int) float64 {
	p := v.buf.paras[i]
	w := v.wrapWidth()
	if p.lay != nil && p.lay.width == w {
		return float64(p.lay.height())
	}
	m := v.metrics(p.style)
	rows := 1 + int(float32(len(p.text))*m.avgW/w)
	return float64(float32(rows) * m.rowH)
}

// heights is the height index, rebuilt when paragraphs were added or
// removed or the width changed.
func (v *View) heights() *heights {
	if !v.hsOK {
		vals := make([]float64, len(v.buf.paras))
		for i := range vals {
			vals[i] = v.estimate(i)
		}
		v.hs.build(vals)
		v.hsOK = true
	}
	return &v.hs
}

// SetShift tells the view whether Shift is held; the keyboard delivers it
// through KeyDown and KeyUp, tests may call it directly.
func (v *View) SetShift(on bool) { v.shift = on }

func (v *View) scrollbarNeeded() bool {
	return v.heights().total() > float64(v.size.Height-2*pad)
}

// sealAndShow ends the current undo step after a cursor move and shows
// the cursor.
func (v *View) moved() {
	v.hist.seal()
	v.ScrollToCursor()
}

// lineText is paragraph i's text.
func (v *View) lineText(i int) string { return v.buf.paras[i].text }

func isWordRune(r rune) bool {
	return r == '_' || r == '\'' || !strings.ContainsRune(" \t.,;:!?()[]{}<>\"`*#=+/\\|~^&%$@-", r)
}
