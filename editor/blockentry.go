package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// blockEntry is one block of a TextEditor: a word-wrapped multi-line
// Entry that is as tall as its text, and that hands the keys crossing
// its edges (arrows, Backspace at the start, Delete at the end) and the
// editor's shortcuts to the editor, so the blocks act as one document.
type blockEntry struct {
	widget.Entry
	ed    *TextEditor
	idx   int    // position in ed.blocks
	last  string // text before the latest change, for undo
	shift bool   // Shift is held

	height     float32 // measured for heightText at heightWidth
	heightText string
	heightW    float32
}

func newBlockEntry(ed *TextEditor, idx int, text string) *blockEntry {
	b := &blockEntry{ed: ed, idx: idx}
	b.MultiLine = true
	b.Wrapping = fyne.TextWrapWord
	b.Text, b.last = text, text
	b.ExtendBaseWidget(b)
	b.OnChanged = func(s string) { ed.blockChanged(b, s) }
	b.OnCursorChanged = func() { ed.cursorMoved(b) }
	return b
}

// MinSize is the height of all of the block's text at the column's width.
func (b *blockEntry) MinSize() fyne.Size {
	m := b.ed.measure
	if b.heightText != b.Text || b.heightW != m.width || b.height == 0 {
		b.height = m.height(b.Text)
		b.heightText, b.heightW = b.Text, m.width
	}
	return fyne.NewSize(60, b.height)
}

// FocusGained tells the editor which block the author is in.
func (b *blockEntry) FocusGained() {
	b.ed.active = b.idx
	b.Entry.FocusGained()
}

// TypedKey moves across block edges; within a block the Entry does it.
func (b *blockEntry) TypedKey(ev *fyne.KeyEvent) {
	if b.shift && b.extendAcross(ev.Name) {
		return
	}
	if b.ed.spanKey(b, ev) {
		return
	}
	sel := b.SelectedText() != ""
	switch ev.Name {
	case fyne.KeyUp:
		if b.CursorRow == 0 && !sel && b.idx > 0 {
			b.ed.focusBlock(b.idx-1, -1)
			return
		}
	case fyne.KeyDown:
		row := b.CursorRow
		b.Entry.TypedKey(ev)
		if b.CursorRow == row && !sel && b.idx < len(b.ed.blocks)-1 {
			b.ed.focusBlock(b.idx+1, 0)
		}
		return
	case fyne.KeyLeft:
		if b.CursorTextOffset() == 0 && !sel && b.idx > 0 {
			b.ed.focusBlock(b.idx-1, -1)
			return
		}
	case fyne.KeyRight:
		if b.CursorTextOffset() >= len([]rune(b.Text)) && !sel && b.idx < len(b.ed.blocks)-1 {
			b.ed.focusBlock(b.idx+1, 0)
			return
		}
	case fyne.KeyBackspace:
		if b.CursorTextOffset() == 0 && !sel && b.idx > 0 {
			b.ed.joinBlocks(b.idx - 1)
			return
		}
	case fyne.KeyDelete:
		if b.CursorTextOffset() >= len([]rune(b.Text)) && !sel && b.idx < len(b.ed.blocks)-1 {
			b.ed.joinBlocks(b.idx)
			return
		}
	}
	b.Entry.TypedKey(ev)
}

// TypedRune replaces a selection across blocks with the typed character.
func (b *blockEntry) TypedRune(r rune) {
	if b.ed.span.on {
		b.ed.replaceSpan(string(r))
		return
	}
	b.Entry.TypedRune(r)
}

// KeyDown and KeyUp track Shift, which the Entry keeps to itself.
func (b *blockEntry) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		b.shift = true
	}
	b.Entry.KeyDown(ev)
}

func (b *blockEntry) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		b.shift = false
	}
	b.Entry.KeyUp(ev)
}

// extendAcross grows a selection past the block's edge when Shift+Up or
// Shift+Left is pressed at its start, or Shift+Down or Shift+Right at its
// end (or while a selection across blocks is already on).
func (b *blockEntry) extendAcross(key fyne.KeyName) bool {
	n := len([]rune(b.Text))
	off := b.CursorTextOffset()
	switch key {
	case fyne.KeyUp, fyne.KeyLeft:
		if b.ed.span.on || (off == 0 || key == fyne.KeyUp && b.CursorRow == 0) && b.idx > 0 {
			b.ed.extendSpan(b.idx, -1)
			return true
		}
	case fyne.KeyDown, fyne.KeyRight:
		lastRow := b.CursorRow >= b.rowCount()-1
		if b.ed.span.on || (off >= n || key == fyne.KeyDown && lastRow) && b.idx < len(b.ed.blocks)-1 {
			b.ed.extendSpan(b.idx, 1)
			return true
		}
	}
	return false
}

// rowCount is the number of wrapped rows of the block's text.
func (b *blockEntry) rowCount() int {
	row, _ := b.rowCol(len([]rune(b.Text)))
	return row + 1
}

// TypedShortcut gives the editor first go: undo and redo are the page's,
// not the block's, and formatting, find and save belong to the editor.
func (b *blockEntry) TypedShortcut(s fyne.Shortcut) {
	if b.ed.shortcut(s) {
		return
	}
	b.Entry.TypedShortcut(s)
}

// cursorRunes is the cursor's position in runes from the block's start.
func (b *blockEntry) cursorRunes() int { return b.CursorTextOffset() }

// rowCol finds the row and column of a rune offset in the wrapped text,
// asking the Entry where each row starts.
func (b *blockEntry) rowCol(off int) (row, col int) {
	saveR, saveC := b.CursorRow, b.CursorColumn
	defer func() { b.CursorRow, b.CursorColumn = saveR, saveC }()
	for r := 0; ; r++ {
		b.CursorRow, b.CursorColumn = r, 0
		begin := b.CursorTextOffset()
		if r > 0 && begin <= 0 || begin > off {
			break
		}
		row, col = r, off-begin
	}
	return row, col
}

// setCursor moves the cursor to rune offset off, or selects [off, end)
// when end > off. Fyne's Entry has no call for this; it is done with
// the keys a user would press, so the Entry's own state stays consistent.
func (b *blockEntry) setCursor(off, end int) {
	n := len([]rune(b.Text))
	off, end = max(0, min(off, n)), max(0, min(end, n))
	b.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome}) // ends a selection
	if end > off {
		b.CursorRow, b.CursorColumn = b.rowCol(off)
		b.Entry.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		b.CursorRow, b.CursorColumn = b.rowCol(end - 1)
		b.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		b.Entry.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		return
	}
	if off == 0 {
		b.CursorRow, b.CursorColumn = 0, 0
		b.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
		return
	}
	b.CursorRow, b.CursorColumn = b.rowCol(off - 1)
	b.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
}

// selection is the selected rune range [start, end); start == end when
// nothing is selected. The Entry tells the selected text and the cursor,
// which is at one end of it.
func (b *blockEntry) selection() (start, end int) {
	cur := b.CursorTextOffset()
	sel := []rune(b.SelectedText())
	if len(sel) == 0 {
		return cur, cur
	}
	runes := []rune(b.Text)
	if cur-len(sel) >= 0 && string(runes[cur-len(sel):cur]) == string(sel) {
		return cur - len(sel), cur
	}
	return cur, min(cur+len(sel), len(runes))
}
