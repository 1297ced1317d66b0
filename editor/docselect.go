package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// A selection inside one block is the block's own. A selection that
// crosses blocks — Select All, or Shift+arrows held past a block's edge —
// is the editor's: it covers whole blocks, each drawn fully selected,
// and copy, cut, delete and typing act on all of it as one undoable
// change, so the column of blocks behaves as one document.

// docSpan is a selection of whole blocks [first, last].
type docSpan struct {
	on          bool
	first, last int
	anchor      int // the block the selection started from
}

// SelectAll selects the whole page.
func (t *TextEditor) SelectAll() {
	t.span = docSpan{on: true, first: 0, last: len(t.blocks) - 1, anchor: t.active}
	t.showSpan()
}

// extendSpan grows the selection across a block edge: dir -1 takes in the
// block above, +1 the block below.
func (t *TextEditor) extendSpan(from, dir int) {
	if !t.span.on {
		t.span = docSpan{on: true, first: from, last: from, anchor: from}
	}
	switch {
	case dir < 0 && t.span.first == t.span.anchor && t.span.last > t.span.anchor:
		t.span.last-- // shrinking a selection that grew downwards
	case dir < 0 && t.span.first > 0:
		t.span.first--
	case dir > 0 && t.span.last == t.span.anchor && t.span.first < t.span.anchor:
		t.span.first++
	case dir > 0 && t.span.last < len(t.blocks)-1:
		t.span.last++
	}
	if t.span.first == t.span.last {
		t.clearSpan()
		return
	}
	t.showSpan()
}

// showSpan draws every block of the selection fully selected.
func (t *TextEditor) showSpan() {
	for i, b := range t.blocks {
		if i >= t.span.first && i <= t.span.last {
			b.setCursor(0, len([]rune(b.Text)))
		}
	}
}

func (t *TextEditor) clearSpan() {
	if !t.span.on {
		return
	}
	for i := t.span.first; i <= t.span.last && i < len(t.blocks); i++ {
		if i != t.active {
			t.blocks[i].setCursor(0, 0)
		}
	}
	t.span = docSpan{}
}

// spanRange is the selected byte range of the text.
func (t *TextEditor) spanRange() (start, end int) {
	texts := t.texts()
	start = blockStart(texts, t.span.first)
	end = blockStart(texts, t.span.last) + len(texts[t.span.last])
	return start, end
}

// SelectedText is the selected text: the editor's selection across
// blocks, or the active block's own.
func (t *TextEditor) SelectedText() string {
	if t.span.on {
		s, e := t.spanRange()
		return t.Text()[s:e]
	}
	return t.blocks[t.active].SelectedText()
}

// replaceSpan replaces the selection across blocks with text, as one
// undoable change.
func (t *TextEditor) replaceSpan(text string) {
	s, e := t.spanRange()
	old := t.Text()[s:e]
	t.span = docSpan{}
	t.Replace(s, old, text)
}

// spanKey handles a key while a selection crosses blocks; it reports
// whether the key was used.
func (t *TextEditor) spanKey(b *blockEntry, ev *fyne.KeyEvent) bool {
	if !t.span.on {
		return false
	}
	switch ev.Name {
	case fyne.KeyBackspace, fyne.KeyDelete:
		t.replaceSpan("")
		return true
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		return false
	}
	t.clearSpan()
	return false
}

// spanShortcut handles copy, cut and paste over a selection across
// blocks; it reports whether the shortcut was used.
func (t *TextEditor) spanShortcut(s fyne.Shortcut) bool {
	switch sc := s.(type) {
	case *fyne.ShortcutSelectAll:
		t.SelectAll()
		return true
	case *fyne.ShortcutCopy:
		if t.span.on {
			sc.Clipboard.SetContent(t.SelectedText())
			return true
		}
	case *fyne.ShortcutCut:
		if t.span.on {
			sc.Clipboard.SetContent(t.SelectedText())
			t.replaceSpan("")
			return true
		}
	case *fyne.ShortcutPaste:
		if t.span.on {
			t.replaceSpan(sc.Clipboard.Content())
			return true
		}
	}
	return false
}
