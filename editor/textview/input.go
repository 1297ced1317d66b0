package textview

import (
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The interfaces through which Fyne delivers input to the view.
var (
	_ fyne.Focusable     = (*View)(nil)
	_ fyne.Shortcutable  = (*View)(nil)
	_ fyne.Tabbable      = (*View)(nil)
	_ fyne.Scrollable    = (*View)(nil)
	_ fyne.Draggable     = (*View)(nil)
	_ desktop.Mouseable  = (*View)(nil)
	_ desktop.Keyable    = (*View)(nil)
	_ desktop.Cursorable = (*View)(nil)
)

// FocusGained starts the cursor blinking.
func (v *View) FocusGained() {
	v.focused = true
	v.blink.wake()
	v.Refresh()
}

// FocusLost hides the cursor.
func (v *View) FocusLost() {
	v.focused = false
	v.blink.stop()
	v.Refresh()
}

// AcceptsTab lets Tab insert a tab instead of moving the focus.
func (v *View) AcceptsTab() bool { return true }

// Cursor is the mouse pointer shown over the view.
func (v *View) Cursor() desktop.Cursor { return desktop.TextCursor }

// TypedRune inserts a character (composed ones too: input methods deliver
// them here), replacing the selection.
func (v *View) TypedRune(r rune) {
	if !unicode.IsPrint(r) && r != '\t' && r != '\n' {
		return
	}
	v.blink.wake()
	v.typeText(string(r))
}

// KeyDown and KeyUp track Shift, which TypedKey does not tell.
func (v *View) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		v.shift = true
	}
}

// KeyUp ends Shift.
func (v *View) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		v.shift = false
	}
}

func (v *View) shiftHeld() bool {
	if v.shift {
		return true
	}
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// moveTo moves the cursor to p, extending the selection when extend is
// set; keepGoal keeps the column Up and Down aim for.
func (v *View) moveTo(p Pos, extend, keepGoal bool) {
	v.cur = v.buf.clamp(p)
	if !extend {
		v.sel = v.cur
	}
	if !keepGoal {
		v.goalX = -1
	}
	v.blink.wake()
	v.moved()
}

// TypedKey handles editing and moving keys.
func (v *View) TypedKey(ev *fyne.KeyEvent) {
	shift := v.shiftHeld()
	hasSel := v.cur != v.sel
	start, end := order(v.sel, v.cur)
	switch ev.Name {
	case fyne.KeyLeft:
		if hasSel && !shift {
			v.moveTo(start, false, false)
		} else {
			v.moveTo(v.prevRune(v.cur), shift, false)
		}
	case fyne.KeyRight:
		if hasSel && !shift {
			v.moveTo(end, false, false)
		} else {
			v.moveTo(v.nextRune(v.cur), shift, false)
		}
	case fyne.KeyUp, fyne.KeyDown:
		dir := 1
		if ev.Name == fyne.KeyUp {
			dir = -1
		}
		v.vertical(dir, 1, shift)
	case fyne.KeyPageUp, fyne.KeyPageDown:
		dir := 1
		if ev.Name == fyne.KeyPageUp {
			dir = -1
		}
		v.page(dir, shift)
	case fyne.KeyHome:
		l := v.layoutOf(v.cur.Para)
		v.moveTo(Pos{v.cur.Para, l.rows[l.rowOf(v.cur.Col)]}, shift, false)
	case fyne.KeyEnd:
		v.moveTo(v.rowEndPos(v.cur), shift, false)
	case fyne.KeyBackspace:
		if hasSel {
			v.typeText("")
		} else if p := v.prevRune(v.cur); p != v.cur {
			v.replace(p, v.cur, "", true)
		}
	case fyne.KeyDelete:
		if hasSel {
			v.typeText("")
		} else if p := v.nextRune(v.cur); p != v.cur {
			v.replace(v.cur, p, "", true)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		v.typeText("\n")
	case fyne.KeyTab:
		if !shift {
			v.typeText("\t")
		}
	default:
		return
	}
	v.blink.wake()
}

// rowEndPos is the end of p's row: before the space a wrapped row ends
// with, or the paragraph's end.
func (v *View) rowEndPos(p Pos) Pos {
	l := v.layoutOf(p.Para)
	r := l.rowOf(p.Col)
	t := v.lineText(p.Para)
	e := l.rowEnd(r, len(t))
	if r+1 < len(l.rows) && e > l.rows[r] {
		_, sz := utf8.DecodeLastRuneInString(t[:e])
		e -= sz
	}
	return Pos{p.Para, e}
}

// vertical moves the cursor n rows up (dir -1) or down, keeping its x.
func (v *View) vertical(dir, n int, extend bool) {
	if v.goalX < 0 {
		v.goalX = v.xOf(v.cur)
	}
	p := v.cur
	for k := 0; k < n; k++ {
		q, ok := v.rowStep(p, dir, v.goalX)
		p = q
		if !ok {
			break
		}
	}
	v.moveTo(p, extend, true)
}

// page moves the cursor and the view by a screen.
func (v *View) page(dir int, extend bool) {
	l := v.layoutOf(v.cur.Para)
	rows := max(1, int(v.viewH()/l.font.rowH)-1)
	v.scrollBy(float32(dir) * float32(rows) * l.font.rowH)
	v.vertical(dir, rows, extend)
}

func (v *View) prevRune(p Pos) Pos {
	if p.Col == 0 {
		if p.Para == 0 {
			return p
		}
		return Pos{p.Para - 1, len(v.lineText(p.Para - 1))}
	}
	_, sz := utf8.DecodeLastRuneInString(v.lineText(p.Para)[:p.Col])
	return Pos{p.Para, p.Col - sz}
}

func (v *View) nextRune(p Pos) Pos {
	t := v.lineText(p.Para)
	if p.Col >= len(t) {
		if p.Para == len(v.buf.paras)-1 {
			return p
		}
		return Pos{p.Para + 1, 0}
	}
	_, sz := utf8.DecodeRuneInString(t[p.Col:])
	return Pos{p.Para, p.Col + sz}
}

// prevWord is the start of the word before p (or of the line, at its
// start the end of the line above); nextWord the end of the word after.
func (v *View) prevWord(p Pos) Pos {
	if p.Col == 0 {
		return v.prevRune(p)
	}
	t := v.lineText(p.Para)
	c := p.Col
	for c > 0 {
		r, sz := utf8.DecodeLastRuneInString(t[:c])
		if isWordRune(r) && !unicode.IsSpace(r) {
			break
		}
		c -= sz
	}
	for c > 0 {
		r, sz := utf8.DecodeLastRuneInString(t[:c])
		if !isWordRune(r) || unicode.IsSpace(r) {
			break
		}
		c -= sz
	}
	return Pos{p.Para, c}
}

func (v *View) nextWord(p Pos) Pos {
	t := v.lineText(p.Para)
	if p.Col >= len(t) {
		return v.nextRune(p)
	}
	c := p.Col
	for c < len(t) {
		r, sz := utf8.DecodeRuneInString(t[c:])
		if isWordRune(r) && !unicode.IsSpace(r) {
			break
		}
		c += sz
	}
	for c < len(t) {
		r, sz := utf8.DecodeRuneInString(t[c:])
		if !isWordRune(r) || unicode.IsSpace(r) {
			break
		}
		c += sz
	}
	return Pos{p.Para, c}
}

// wordAt is the word (or the run of spaces or of punctuation) around p.
func (v *View) wordAt(p Pos) (Pos, Pos) {
	t := v.lineText(p.Para)
	if t == "" {
		return p, p
	}
	class := func(r rune) int {
		switch {
		case unicode.IsSpace(r):
			return 0
		case isWordRune(r):
			return 1
		}
		return 2
	}
	at := p.Col
	if at >= len(t) {
		_, sz := utf8.DecodeLastRuneInString(t)
		at = len(t) - sz
	}
	r0, _ := utf8.DecodeRuneInString(t[at:])
	k := class(r0)
	s, e := at, at
	for s > 0 {
		r, sz := utf8.DecodeLastRuneInString(t[:s])
		if class(r) != k {
			break
		}
		s -= sz
	}
	for e < len(t) {
		r, sz := utf8.DecodeRuneInString(t[e:])
		if class(r) != k {
			break
		}
		e += sz
	}
	return Pos{p.Para, s}, Pos{p.Para, e}
}

// paraAt is the paragraph around p, with its line break.
func (v *View) paraAt(p Pos) (Pos, Pos) {
	if p.Para+1 < len(v.buf.paras) {
		return Pos{p.Para, 0}, Pos{p.Para + 1, 0}
	}
	return Pos{p.Para, 0}, Pos{p.Para, len(v.lineText(p.Para))}
}

// TypedShortcut handles clipboard, undo, and moving by word and to the
// ends of the text; anything else goes to OnShortcut.
func (v *View) TypedShortcut(s fyne.Shortcut) {
	v.blink.wake()
	switch sc := s.(type) {
	case *fyne.ShortcutUndo:
		v.Undo()
		return
	case *fyne.ShortcutRedo:
		v.Redo()
		return
	case *fyne.ShortcutSelectAll:
		v.sel, v.cur = Pos{}, v.buf.end()
		v.moved()
		return
	case *fyne.ShortcutCopy:
		if v.cur != v.sel {
			sc.Clipboard.SetContent(v.SelectedText())
		}
		return
	case *fyne.ShortcutCut:
		if v.cur != v.sel {
			sc.Clipboard.SetContent(v.SelectedText())
			v.hist.seal()
			v.typeText("")
			v.hist.seal()
		}
		return
	case *fyne.ShortcutPaste:
		text := sc.Clipboard.Content()
		v.hist.seal()
		v.typeText(text)
		v.hist.seal()
		return
	case *desktop.CustomShortcut:
		if v.customShortcut(sc) {
			return
		}
	}
	if v.OnShortcut != nil {
		v.OnShortcut(s)
	}
}

func (v *View) customShortcut(sc *desktop.CustomShortcut) bool {
	ctrl := fyne.KeyModifierShortcutDefault
	extend := sc.Modifier == ctrl|fyne.KeyModifierShift
	if sc.Modifier != ctrl && !extend {
		return false
	}
	switch sc.KeyName {
	case fyne.KeyLeft:
		v.moveTo(v.prevWord(v.cur), extend, false)
	case fyne.KeyRight:
		v.moveTo(v.nextWord(v.cur), extend, false)
	case fyne.KeyHome:
		v.moveTo(Pos{}, extend, false)
	case fyne.KeyEnd:
		v.moveTo(v.buf.end(), extend, false)
	case fyne.KeyUp:
		v.scrollBy(-v.metrics(lineStyle{}).rowH)
		v.Refresh()
	case fyne.KeyDown:
		v.scrollBy(v.metrics(lineStyle{}).rowH)
		v.Refresh()
	case fyne.KeyZ:
		if !extend {
			return false
		}
		v.Redo()
	case fyne.KeyBackspace:
		if extend {
			return false
		}
		if v.cur == v.sel {
			v.replace(v.prevWord(v.cur), v.cur, "", true)
		} else {
			v.typeText("")
		}
	case fyne.KeyDelete:
		if extend {
			return false
		}
		if v.cur == v.sel {
			v.replace(v.cur, v.nextWord(v.cur), "", true)
		} else {
			v.typeText("")
		}
	default:
		return false
	}
	return true
}

// mouseState is what a press of the mouse started.
type mouseState struct {
	lastDown time.Time
	lastAt   fyne.Position
	clicks   int  // 1, 2 or 3: selecting characters, words or paragraphs
	onBar    bool // dragging the scrollbar
	barGrab  float32
	origin   [2]Pos // the word or paragraph first clicked
	dragAt   fyne.Position
	// While a drag-select is above or below the view, an animation (ticked
	// by the driver on the UI thread, like the blink) scrolls it.
	autoscroll *fyne.Animation
	lastStep   time.Time
}

const (
	multiClick      = 400 * time.Millisecond
	autoscrollEvery = 40 * time.Millisecond
)

// MouseDown places the cursor (Shift extends the selection), selects a
// word on a double click and a paragraph on a triple click, or grabs the
// scrollbar.
func (v *View) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	v.Focus()
	v.blink.wake()
	m := &v.mouse
	if ev.Position.X >= v.size.Width-barWidth && v.scrollbarNeeded() {
		m.onBar = true
		ty, th := v.thumb()
		if ev.Position.Y >= ty && ev.Position.Y <= ty+th {
			m.barGrab = ev.Position.Y - ty
		} else {
			m.barGrab = th / 2
			v.dragBar(ev.Position.Y)
		}
		return
	}
	m.onBar = false
	now := time.Now()
	d := ev.Position.Subtract(m.lastAt)
	if now.Sub(m.lastDown) < multiClick && d.X*d.X+d.Y*d.Y < 25 {
		m.clicks = m.clicks%3 + 1
	} else {
		m.clicks = 1
	}
	m.lastDown, m.lastAt = now, ev.Position
	p := v.posAt(ev.Position)
	switch m.clicks {
	case 1:
		v.moveTo(p, v.shiftHeld() || ev.Modifier&fyne.KeyModifierShift != 0, false)
		m.origin = [2]Pos{v.sel, v.sel}
	case 2:
		a, b := v.wordAt(p)
		m.origin = [2]Pos{a, b}
		v.sel, v.cur = a, b
		v.moved()
	case 3:
		a, b := v.paraAt(p)
		m.origin = [2]Pos{a, b}
		v.sel, v.cur = a, b
		v.moved()
	}
}

// MouseUp ends what MouseDown started.
func (v *View) MouseUp(*desktop.MouseEvent) { v.mouse.onBar = false }

// Dragged extends the selection to the pointer, scrolling while it is
// above or below the view; or moves the scrollbar.
func (v *View) Dragged(ev *fyne.DragEvent) {
	m := &v.mouse
	if m.onBar {
		v.dragBar(ev.Position.Y)
		return
	}
	m.dragAt = ev.Position
	v.dragSelect()
	outside := ev.Position.Y < 0 || ev.Position.Y > v.size.Height
	if outside && m.autoscroll == nil {
		m.lastStep = time.Now()
		m.autoscroll = fyne.NewAnimation(time.Second, func(float32) { v.autoscrollStep() })
		m.autoscroll.RepeatCount = fyne.AnimationRepeatForever
		m.autoscroll.Start()
	} else if !outside {
		v.stopAutoscroll()
	}
}

// DragEnd stops scrolling.
func (v *View) DragEnd() {
	v.stopAutoscroll()
	v.mouse.onBar = false
}

func (v *View) stopAutoscroll() {
	m := &v.mouse
	if m.autoscroll != nil {
		m.autoscroll.Stop()
		m.autoscroll = nil
	}
}

// autoscrollStep runs on every frame while autoscrolling, and scrolls
// every autoscrollEvery.
func (v *View) autoscrollStep() {
	m := &v.mouse
	if m.autoscroll == nil || time.Since(m.lastStep) < autoscrollEvery {
		return
	}
	m.lastStep = time.Now()
	rowH := v.metrics(lineStyle{}).rowH
	if m.dragAt.Y < 0 {
		v.scrollBy(-rowH * (1 + min(10, -m.dragAt.Y/rowH)))
	} else if m.dragAt.Y > v.size.Height {
		v.scrollBy(rowH * (1 + min(10, (m.dragAt.Y-v.size.Height)/rowH)))
	}
	v.dragSelect()
}

// dragSelect extends the selection from where the press started to the
// pointer, by whole words or paragraphs after a double or triple click.
func (v *View) dragSelect() {
	m := &v.mouse
	at := m.dragAt
	at.Y = max(0, min(at.Y, v.size.Height-1))
	p := v.posAt(at)
	a, b := m.origin[0], m.origin[1]
	switch m.clicks {
	case 2:
		wa, wb := v.wordAt(p)
		if p.Before(a) {
			v.sel, v.cur = b, wa
		} else {
			v.sel, v.cur = a, wb
		}
	case 3:
		pa, pb := v.paraAt(p)
		if p.Before(a) {
			v.sel, v.cur = b, pa
		} else {
			v.sel, v.cur = a, pb
		}
	default:
		v.cur = p
	}
	v.goalX = -1
	v.Refresh()
}

// dragBar scrolls so the scrollbar's thumb is under the pointer.
func (v *View) dragBar(y float32) {
	_, th := v.thumb()
	span := v.size.Height - th
	if span <= 0 {
		return
	}
	f := float64(max(0, min(1, (y-v.mouse.barGrab)/span)))
	v.scrollToY(f * v.maxScroll())
	v.Refresh()
}

// thumb is the scrollbar thumb's top and height.
func (v *View) thumb() (y, h float32) {
	total := v.heights().total()
	vh := float64(v.size.Height)
	if total <= 0 {
		return 0, v.size.Height
	}
	h = float32(max(24, min(vh, vh*vh/total)))
	ms := v.maxScroll()
	f := 0.0
	if ms > 0 {
		f = max(0, min(1, v.scrollY()/ms))
	}
	return float32(f) * (v.size.Height - h), h
}

// Scrolled scrolls the view (mouse wheel, touchpad).
func (v *View) Scrolled(ev *fyne.ScrollEvent) {
	v.scrollBy(-ev.Scrolled.DY)
	if v.mouse.autoscroll != nil {
		v.dragSelect()
	}
	v.Refresh()
}

// blinker blinks the cursor for a while after the author last did
// something, then leaves it on: a blinking cursor redraws the window, and
// an idle window should cost nothing (GTK stops blinking the same way,
// after gtk-cursor-blink-timeout, 10 s).
//
// The blink is a fyne.Animation, as widget.Entry's is: the driver ticks
// it on the thread that draws and delivers events, so the blink state
// and the widget are only ever touched from that one thread. (A timer
// calling fyne.Do would do the same in the real window, but Fyne's test
// driver runs fyne.Do on the timer's goroutine: a data race in every
// test that focuses the view.) Each tick works out from the clock
// whether the cursor shows, so it costs nothing but a comparison on the
// frames where the cursor does not change.
type blinker struct {
	v    *View
	on   bool
	last time.Time       // the author's last key or click
	anim *fyne.Animation // nil: not blinking
	now  func() time.Time
}

const (
	blinkPeriod  = 530 * time.Millisecond
	blinkTimeout = 10 * time.Second
)

// wake shows the cursor and (re)starts blinking. It does not redraw: its
// callers do.
func (b *blinker) wake() {
	b.on = true
	b.last = b.now()
	if b.anim == nil {
		b.anim = fyne.NewAnimation(blinkPeriod, b.tick)
		b.anim.Curve = fyne.AnimationLinear
		b.anim.RepeatCount = fyne.AnimationRepeatForever
		b.anim.Start()
	}
}

// tick runs on every frame while the cursor blinks: the cursor shows for
// the first period after the author's last action, then every other
// period, until blinkTimeout or the focus goes; then it stays on and the
// animation stops.
func (b *blinker) tick(float32) {
	if b.anim == nil {
		return // a frame ticked after stop
	}
	idle := b.now().Sub(b.last)
	rest := !b.v.focused || idle > blinkTimeout
	on := rest || (idle/blinkPeriod)%2 == 0
	if on != b.on {
		b.on = on
		b.v.drawCursor()
	}
	if rest {
		b.stop()
	}
}

// stop ends blinking with the cursor on.
func (b *blinker) stop() {
	if b.anim != nil {
		b.anim.Stop()
		b.anim = nil
	}
	b.on = true
}

// Blinking reports whether the cursor is blinking (an idle view does not:
// nothing in it redraws until the author does something).
func (v *View) Blinking() bool { return v.blink.anim != nil }
