package editor

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// TextEditor edits one page's markdown as a column of blocks (see
// blocks.go) that behave as one document: saving, find, undo and the
// formatting toolbar all work on the whole text.
type TextEditor struct {
	widget.BaseWidget

	// OnChanged is called after every change to the text.
	OnChanged func()
	// OnShortcut gets the shortcuts the editor does not handle itself
	// (save, find…); it reports whether it used one.
	OnShortcut func(fyne.Shortcut) bool

	blocks  []*blockEntry
	column  *blockColumn
	scroll  *container.Scroll
	measure *measurer
	hist    textHistory
	active  int     // block that has or last had the cursor
	span    docSpan // a selection across blocks, when there is one
}

// NewTextEditor makes an empty editor.
func NewTextEditor() *TextEditor {
	t := &TextEditor{measure: newMeasurer(), column: newBlockColumn()}
	t.scroll = container.NewVScroll(t.column)
	t.ExtendBaseWidget(t)
	t.setBlocks([]string{""})
	return t
}

func (t *TextEditor) CreateRenderer() fyne.WidgetRenderer {
	return &textEditorRenderer{t: t}
}

type textEditorRenderer struct{ t *TextEditor }

func (r *textEditorRenderer) Layout(size fyne.Size) {
	// Blocks are measured at the width they will get before the scroll
	// asks the column for its height.
	if r.t.measure.setWidth(size.Width) {
		r.t.scroll.Resize(size)
		r.t.scroll.Refresh()
		return
	}
	r.t.scroll.Resize(size)
}

func (r *textEditorRenderer) MinSize() fyne.Size           { return fyne.NewSize(120, 80) }
func (r *textEditorRenderer) Refresh()                     { r.t.scroll.Refresh() }
func (r *textEditorRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.scroll} }
func (r *textEditorRenderer) Destroy()                     {}

// SetText replaces the whole text and forgets the undo history: it is
// how a page is opened.
func (t *TextEditor) SetText(s string) {
	t.hist.clear()
	t.setBlocks(splitBlocks(s, blockTarget))
	t.active = 0
	t.scroll.ScrollToTop()
}

// Text is the page's markdown.
func (t *TextEditor) Text() string {
	var b strings.Builder
	for i, bl := range t.blocks {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(bl.Text)
	}
	return b.String()
}

// Blocks is how many blocks the text is edited in.
func (t *TextEditor) Blocks() int { return len(t.blocks) }

// Active is the text field that has (or last had) the cursor; tests and
// the app type into it.
func (t *TextEditor) Active() fyne.Focusable { return t.blocks[t.active] }

func (t *TextEditor) texts() []string {
	out := make([]string, len(t.blocks))
	for i, b := range t.blocks {
		out[i] = b.Text
	}
	return out
}

func (t *TextEditor) setBlocks(texts []string) {
	t.blocks = t.blocks[:0]
	for i, s := range texts {
		t.blocks = append(t.blocks, newBlockEntry(t, i, s))
	}
	t.relayout()
}

func (t *TextEditor) relayout() {
	t.column.blocks = t.blocks
	t.column.Refresh()
	t.scroll.Refresh()
}

// blockChanged is called by a block after the author changed its text.
func (t *TextEditor) blockChanged(b *blockEntry, s string) {
	old := b.last
	b.last = s
	t.hist.record(withTime(diffChange(blockStart(t.texts(), b.idx), old, s)))
	if h := b.height; b.MinSize().Height != h {
		t.relayout()
	}
	t.changed()
}

func withTime(c textChange) textChange {
	c.when = time.Now()
	return c
}

func (t *TextEditor) changed() {
	if t.OnChanged != nil {
		t.OnChanged()
	}
}

// cursorMoved keeps the cursor in view as the author types or moves.
func (t *TextEditor) cursorMoved(b *blockEntry) {
	if b.idx == t.active {
		t.ensureVisible(b)
	}
}

func (t *TextEditor) ensureVisible(b *blockEntry) {
	line := t.measure.dh
	y := b.Position().Y + b.CursorPosition().Y
	off, h := t.scroll.Offset.Y, t.scroll.Size().Height
	switch {
	case h <= 0:
	case y < off:
		t.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y-line)))
	case y+2*line > off+h:
		t.scroll.ScrollToOffset(fyne.NewPos(0, y+2*line-h))
	}
}

// apply makes a change to the text: the blocks it touches are replaced by
// the change's result, cut into blocks again, and the cursor goes to the
// end of the inserted text.
func (t *TextEditor) apply(c textChange, record bool) {
	t.span = docSpan{}
	texts := t.texts()
	i0, _ := blockAt(texts, c.at)
	i1, _ := blockAt(texts, c.at+len(c.old))
	base := blockStart(texts, i0)
	merged := strings.Join(texts[i0:i1+1], "\n")
	local := c.at - base
	if local < 0 || local+len(c.old) > len(merged) || merged[local:local+len(c.old)] != c.old {
		return // the change does not fit the text: never corrupt the page
	}
	merged = merged[:local] + c.new + merged[local+len(c.old):]
	pieces := splitBlocks(merged, blockTarget)
	nb := make([]*blockEntry, 0, len(t.blocks)-(i1-i0+1)+len(pieces))
	nb = append(nb, t.blocks[:i0]...)
	for _, p := range pieces {
		nb = append(nb, newBlockEntry(t, 0, p))
	}
	nb = append(nb, t.blocks[i1+1:]...)
	for i, b := range nb {
		b.idx = i
	}
	t.blocks = nb
	if record {
		t.hist.record(withTime(c))
	}
	t.relayout()
	t.Select(c.at+len(c.new), c.at+len(c.new))
	t.changed()
}

// joinBlocks merges block i with the next one (Backspace at the start of
// a block, Delete at the end of one).
func (t *TextEditor) joinBlocks(i int) {
	texts := t.texts()
	at := blockStart(texts, i) + len(texts[i])
	t.apply(textChange{at: at, old: "\n"}, true)
}

// Replace replaces the text [at, at+len(old)) as one undoable step.
func (t *TextEditor) Replace(at int, old, new string) {
	t.apply(textChange{at: at, old: old, new: new}, true)
}

// Undo undoes the last change to the text.
func (t *TextEditor) Undo() {
	if c, ok := t.hist.takeUndo(); ok {
		t.apply(c, false)
	}
}

// Redo redoes the last undone change.
func (t *TextEditor) Redo() {
	if c, ok := t.hist.takeRedo(); ok {
		t.apply(c, false)
	}
}

// CanUndo reports whether there is a change to undo.
func (t *TextEditor) CanUndo() bool { return len(t.hist.undo) > 0 }

// Cursor is the cursor's byte offset in the text.
func (t *TextEditor) Cursor() int {
	b := t.blocks[t.active]
	return blockStart(t.texts(), t.active) + byteOffset(b.Text, b.cursorRunes())
}

// Selection is the selected byte range of the text (start == end when
// nothing is selected).
func (t *TextEditor) Selection() (start, end int) {
	b := t.blocks[t.active]
	s, e := b.selection()
	base := blockStart(t.texts(), t.active)
	return base + byteOffset(b.Text, s), base + byteOffset(b.Text, e)
}

// Select puts the cursor at byte offset start, selecting up to end when
// both are in one block, scrolls it into view and focuses the editor.
func (t *TextEditor) Select(start, end int) {
	texts := t.texts()
	i, in := blockAt(texts, start)
	j, inEnd := blockAt(texts, end)
	if j != i {
		inEnd = in
	}
	b := t.blocks[i]
	t.active = i
	b.setCursor(runeOffset(b.Text, in), runeOffset(b.Text, inEnd))
	t.focus(b)
	t.ensureVisible(b)
}

// Focus puts the keyboard focus in the editor, where the cursor was.
func (t *TextEditor) Focus() { t.focus(t.blocks[t.active]) }

func (t *TextEditor) focus(b *blockEntry) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(b)
	}
}

// focusBlock moves the cursor into block i, at its start (0) or end (-1).
func (t *TextEditor) focusBlock(i, at int) {
	b := t.blocks[i]
	t.active = i
	if at < 0 {
		at = len([]rune(b.Text))
	}
	b.setCursor(at, at)
	t.focus(b)
	t.ensureVisible(b)
}

// GoToLine puts the cursor at the start of a line of the text (1-based).
func (t *TextEditor) GoToLine(line int) {
	text := t.Text()
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	t.Select(off, off)
}

// Format applies a toolbar action at the selection.
func (t *TextEditor) Format(f Format) {
	b := t.blocks[t.active]
	s, e := b.selection()
	bs, be := byteOffset(b.Text, s), byteOffset(b.Text, e)
	r := applyFormat(f, b.Text, bs, be)
	base := blockStart(t.texts(), t.active)
	t.apply(diffChange(base, b.Text, r.text), true)
	t.Select(base+r.sel, base+r.end)
}

// tidy cuts blocks that grew too long (a big paste) so that keys stay
// fast; the text does not change.
func (t *TextEditor) tidy() {
	for i, b := range t.blocks {
		if len(b.Text) > blockMax {
			cur := t.Cursor()
			texts := t.texts()
			base := blockStart(texts, i)
			t.apply(textChange{at: base, old: b.Text, new: b.Text}, false)
			t.Select(cur, cur)
			return
		}
	}
}

// shortcut handles the editor's own shortcuts for a block.
func (t *TextEditor) shortcut(s fyne.Shortcut) bool {
	if t.spanShortcut(s) {
		return true
	}
	switch sc := s.(type) {
	case *fyne.ShortcutUndo:
		t.Undo()
		return true
	case *fyne.ShortcutRedo:
		t.Redo()
		return true
	case *desktop.CustomShortcut:
		ctrl := sc.Modifier == fyne.KeyModifierShortcutDefault
		switch {
		case sc.KeyName == fyne.KeyZ && sc.Modifier == fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift:
			t.Redo()
			return true
		case ctrl && sc.KeyName == fyne.KeyB:
			t.Format(FormatBold)
			return true
		case ctrl && sc.KeyName == fyne.KeyI:
			t.Format(FormatItalic)
			return true
		case ctrl && sc.KeyName == fyne.KeyK:
			t.Format(FormatLink)
			return true
		}
	}
	return t.OnShortcut != nil && t.OnShortcut(s)
}
