package textview

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// newTestView shows a View holding text in a test window.
func newTestView(t *testing.T, text string) (*View, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	v := New()
	v.SetText(text)
	w := test.NewWindow(v)
	w.Resize(fyne.NewSize(500, 400))
	t.Cleanup(w.Close)
	w.Canvas().Focus(v)
	return v, w
}

func key(k fyne.KeyName) *fyne.KeyEvent { return &fyne.KeyEvent{Name: k} }

func ctrl(k fyne.KeyName, shift bool) *desktop.CustomShortcut {
	m := fyne.KeyModifierShortcutDefault
	if shift {
		m |= fyne.KeyModifierShift
	}
	return &desktop.CustomShortcut{KeyName: k, Modifier: m}
}

// longText is n paragraphs of prose separated by blank lines.
func longText(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString("\n\n")
		}
		if i%7 == 0 {
			b.WriteString("## A heading for section ")
		}
		b.WriteString(strings.Repeat("Learners read the article and talk about what they found. ", 1+i%4))
	}
	return b.String()
}

func TestTypingEditsTheText(t *testing.T) {
	v, _ := newTestView(t, "Hello world")
	v.Select(5, 5)
	test.Type(v, ", dear")
	if got := v.Text(); got != "Hello, dear world" {
		t.Fatalf("text %q", got)
	}
	if got := v.CursorOffset(); got != len("Hello, dear") {
		t.Fatalf("cursor %d", got)
	}
	v.TypedKey(key(fyne.KeyReturn))
	v.TypedKey(key(fyne.KeyBackspace))
	v.TypedKey(key(fyne.KeyBackspace))
	if got := v.Text(); got != "Hello, dea world" {
		t.Fatalf("after backspace %q", got)
	}
}

func TestShiftDownSelectsExactlyBetweenCursorPositions(t *testing.T) {
	text := "first paragraph\n\nsecond paragraph\nthird"
	v, _ := newTestView(t, text)
	v.Select(3, 3)
	v.SetShift(true)
	v.TypedKey(key(fyne.KeyDown))
	v.TypedKey(key(fyne.KeyDown))
	v.SetShift(false)
	s, e := v.Selection()
	if s != 3 || e != v.CursorOffset() || v.SelectedText() != text[s:e] {
		t.Fatalf("selection %d-%d %q, cursor %d", s, e, v.SelectedText(), v.CursorOffset())
	}
	if !strings.HasPrefix(text[e:], "ond paragraph") && !strings.HasPrefix(text[e:], "cond") {
		t.Fatalf("cursor did not keep its column: rest %q", text[e:])
	}
	test.Type(v, "X")
	if got, want := v.Text(), text[:s]+"X"+text[e:]; got != want {
		t.Fatalf("typing over the selection: %q, want %q", got, want)
	}
}

func TestUndoGroupsByWord(t *testing.T) {
	v, _ := newTestView(t, "")
	test.Type(v, "one two three")
	v.Undo()
	if got := v.Text(); got != "one two " {
		t.Fatalf("after one undo %q", got)
	}
	v.Undo()
	v.Undo()
	if got := v.Text(); got != "" {
		t.Fatalf("after three undos %q", got)
	}
	v.Redo()
	if got := v.Text(); got != "one " {
		t.Fatalf("after redo %q", got)
	}
}

func TestPageDownReachesTheEnd(t *testing.T) {
	text := longText(400)
	v, _ := newTestView(t, text)
	for i := 0; i < 2000 && v.CursorOffset() < len(text); i++ {
		v.TypedKey(key(fyne.KeyPageDown))
	}
	if got := v.CursorOffset(); got != len(text) {
		t.Fatalf("cursor at %d of %d", got, len(text))
	}
	if v.TopLine() < v.Lines()-40 {
		t.Fatalf("view shows line %d of %d", v.TopLine(), v.Lines())
	}
}

func TestWheelScrollsToTheEnd(t *testing.T) {
	text := longText(400)
	v, _ := newTestView(t, text)
	for i := 0; i < 5000; i++ {
		v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -40)})
	}
	last := v.rows[len(v.rows)-1]
	if last.para != v.Lines()-1 {
		t.Fatalf("last row drawn is of line %d of %d", last.para+1, v.Lines())
	}
}

func TestWrapBreaksAtSpacesWithinWidth(t *testing.T) {
	v, _ := newTestView(t, "")
	m := v.metrics(lineStyle{})
	text := strings.Repeat("word ", 200)
	rows := wrap(text, 300, m)
	if len(rows) < 5 {
		t.Fatalf("only %d rows", len(rows))
	}
	for i, s := range rows[1:] {
		if text[s-1] != ' ' {
			t.Fatalf("row %d starts mid-word at %d", i+1, s)
		}
		row := strings.TrimRight(text[rows[i]:s], " ")
		if w := fyne.MeasureText(row, m.key.size, m.key.style).Width; w > 300 {
			t.Fatalf("row %d is %v wide", i, w)
		}
	}
}

func TestEditRelaysOutOnlyItsParagraph(t *testing.T) {
	v, w := newTestView(t, longText(50))
	w.Canvas().Refresh(v)
	before := map[int]*paraLayout{}
	for _, r := range v.rows {
		before[r.para] = v.buf.paras[r.para].lay
	}
	v.Select(5, 5)
	test.Type(v, "x")
	for para, l := range before {
		if got := v.buf.paras[para].lay; (para == 0) == (got == l) {
			t.Fatalf("paragraph %d: layout kept %v", para, got == l)
		}
	}
}

func TestCtrlShortcutsMoveByWordAndToTheEnds(t *testing.T) {
	text := "alpha beta, gamma\nsecond line"
	v, _ := newTestView(t, text)
	v.Select(0, 0)
	v.TypedShortcut(ctrl(fyne.KeyRight, false))
	v.TypedShortcut(ctrl(fyne.KeyRight, true))
	if got := v.SelectedText(); got != " beta" {
		t.Fatalf("Ctrl+Shift+Right selected %q", got)
	}
	v.TypedShortcut(ctrl(fyne.KeyEnd, true))
	if s, e := v.Selection(); s != len("alpha") || e != len(text) {
		t.Fatalf("Ctrl+Shift+End selected %d-%d", s, e)
	}
	v.TypedShortcut(ctrl(fyne.KeyHome, false))
	if v.CursorOffset() != 0 || v.SelectedText() != "" {
		t.Fatalf("Ctrl+Home: cursor %d, selection %q", v.CursorOffset(), v.SelectedText())
	}
	v.Select(len(text), len(text))
	v.TypedShortcut(ctrl(fyne.KeyBackspace, false))
	if got := v.Text(); got != "alpha beta, gamma\nsecond " {
		t.Fatalf("Ctrl+Backspace: %q", got)
	}
}

func TestMouseSelection(t *testing.T) {
	v, _ := newTestView(t, "first words here\nsecond line\nthird")
	row := func(i int) float32 { // the middle of line i's first row
		for _, r := range v.rows {
			if r.para == i {
				return r.y + 5
			}
		}
		t.Fatalf("line %d not drawn", i)
		return 0
	}
	down := func(x, y float32, shift bool) {
		ev := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
		ev.Position = fyne.NewPos(x, y)
		if shift {
			ev.Modifier = fyne.KeyModifierShift
		}
		v.MouseDown(ev)
		v.MouseUp(ev)
	}
	// Click at the far left of line 2, Shift+click at the far right of
	// line 3: everything between.
	down(1, row(1), false)
	v.mouse.lastDown = time.Time{} // not a double click
	down(490, row(2), true)
	if got := v.SelectedText(); got != "second line\nthird" {
		t.Fatalf("click, Shift+click selected %q", got)
	}
	// Double click: a word; triple click: the paragraph.
	x := pad + fyne.MeasureText("first wo", theme.TextSize(), fyne.TextStyle{}).Width
	v.mouse.lastDown = time.Time{}
	down(x, row(0), false)
	down(x, row(0), false)
	if got := v.SelectedText(); got != "words" {
		t.Fatalf("double click selected %q", got)
	}
	down(x, row(0), false)
	if got := v.SelectedText(); got != "first words here\n" {
		t.Fatalf("triple click selected %q", got)
	}
	// Dragging from line 1 to line 2.
	v.mouse.lastDown = time.Time{}
	down(1, row(0), false)
	drag := &fyne.DragEvent{}
	drag.Position = fyne.NewPos(1, row(1))
	v.Dragged(drag)
	v.DragEnd()
	if got := v.SelectedText(); got != "first words here\n" {
		t.Fatalf("drag selected %q", got)
	}
}

func TestComposedAndNonLatinInput(t *testing.T) {
	v, _ := newTestView(t, "")
	// An input method delivers each composed character as one rune.
	for _, r := range "é漢字 مرحبا" {
		v.TypedRune(r)
	}
	if got := v.Text(); got != "é漢字 مرحبا" {
		t.Fatalf("text %q", got)
	}
	v.TypedKey(key(fyne.KeyBackspace))
	if got := v.Text(); got != "é漢字 مرحب" {
		t.Fatalf("Backspace removed more than one character: %q", got)
	}
	// Text without spaces wraps between characters.
	long := strings.Repeat("漢字", 200)
	m := v.metrics(lineStyle{})
	rows := wrap(long, 300, m)
	if len(rows) < 3 {
		t.Fatalf("%d rows", len(rows))
	}
	for _, s := range rows {
		if !utf8Start(long, s) {
			t.Fatalf("a row starts inside a character at %d", s)
		}
	}
}

func TestResizeWrapsAgain(t *testing.T) {
	v, w := newTestView(t, strings.Repeat("many words to wrap ", 60))
	narrow := len(v.layoutOf(0).rows)
	w.Resize(fyne.NewSize(900, 400))
	if wide := len(v.layoutOf(0).rows); wide >= narrow {
		t.Fatalf("%d rows at 900 px, %d at 500 px", wide, narrow)
	}
}

// TestCursorBlinksThenRests: the cursor blinks after the author's last
// action and stops blinking, shown, after blinkTimeout, so that an idle
// window redraws nothing; a key starts it again; losing the focus stops
// it. The clock is the blinker's own, moved by hand; the frames are the
// animation's ticks, called as the driver calls them.
func TestCursorBlinksThenRests(t *testing.T) {
	v, _ := newTestView(t, "one two three")
	now := time.Now()
	v.blink.now = func() time.Time { return now }
	test.Type(v, "x")
	shown := func() bool { return !v.rend.cursor.Hidden }
	frame := func(after time.Duration) {
		now = now.Add(after)
		v.blink.tick(0)
	}
	if !v.Blinking() || !shown() {
		t.Fatalf("after a key: blinking %v, cursor shown %v", v.Blinking(), shown())
	}
	frame(blinkPeriod / 2)
	if !shown() {
		t.Fatal("the cursor went off during the first period after a key")
	}
	frame(blinkPeriod)
	if shown() {
		t.Fatal("the cursor did not blink off")
	}
	frame(blinkPeriod)
	if !shown() {
		t.Fatal("the cursor did not blink on again")
	}
	frame(blinkPeriod) // off
	frame(blinkTimeout)
	if v.Blinking() || !shown() {
		t.Fatalf("%v after the last key: blinking %v, cursor shown %v; want a steady cursor", blinkTimeout, v.Blinking(), shown())
	}
	test.Type(v, "y")
	frame(blinkPeriod + blinkPeriod/2)
	if !v.Blinking() || shown() {
		t.Fatalf("a key did not start the blink again: blinking %v, shown %v", v.Blinking(), shown())
	}
	v.FocusLost()
	if v.Blinking() {
		t.Fatal("still blinking without the focus")
	}
}
