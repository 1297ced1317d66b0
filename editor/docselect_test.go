package editor

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// a three-block page: blocks start at headings once big enough.
func threeBlocks() string {
	para := strings.Repeat("Learning circles meet in libraries. ", 30)
	return "## One\n" + para + "\n\n## Two\n" + para + "\n\n## Three\n" + para
}

func newSpanEditor(t *testing.T, text string) (*TextEditor, fyne.Window) {
	t.Helper()
	ed := NewTextEditor()
	w := test.NewTempWindow(t, ed)
	w.Resize(fyne.NewSize(800, 600))
	ed.SetText(text)
	if ed.Blocks() < 3 {
		t.Fatalf("test page has %d blocks", ed.Blocks())
	}
	return ed, w
}

func shiftKey(b *blockEntry, key fyne.KeyName) {
	b.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	b.TypedKey(&fyne.KeyEvent{Name: key})
	b.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}

// Select All, copy and delete work on the whole page, as one undo step.
func TestSelectAllAcrossBlocks(t *testing.T) {
	text := threeBlocks()
	ed, _ := newSpanEditor(t, text)
	ed.Select(0, 0)
	b := ed.blocks[ed.active]
	b.TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := ed.SelectedText(); got != text {
		t.Fatalf("select all selected %d of %d bytes", len(got), len(text))
	}
	clip := fyne.CurrentApp().Clipboard()
	b.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if clip.Content() != text {
		t.Error("copy did not copy the whole page")
	}
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if ed.Text() != "" {
		t.Fatalf("delete left %q", ed.Text())
	}
	ed.Undo()
	if ed.Text() != text {
		t.Error("undo did not bring the page back in one step")
	}
}

// Shift+Down at the end of a block extends the selection over the next
// block; typing replaces everything selected; Shift+Up shrinks it again.
func TestShiftArrowsAcrossBlocks(t *testing.T) {
	text := threeBlocks()
	ed, _ := newSpanEditor(t, text)
	first := ed.blocks[0].Text
	ed.Select(len(first), len(first)) // the end of the first block
	b := ed.blocks[0]
	shiftKey(b, fyne.KeyDown)
	if !ed.span.on || ed.span.first != 0 || ed.span.last != 1 {
		t.Fatalf("span after Shift+Down: %+v", ed.span)
	}
	shiftKey(b, fyne.KeyDown)
	if ed.span.last != 2 {
		t.Fatalf("span after a second Shift+Down: %+v", ed.span)
	}
	shiftKey(b, fyne.KeyUp)
	if ed.span.last != 1 {
		t.Fatalf("span after Shift+Up: %+v", ed.span)
	}
	want := ed.blocks[0].Text + "\n" + ed.blocks[1].Text
	if got := ed.SelectedText(); got != want {
		t.Fatalf("selected text is not the two blocks")
	}
	ed.blocks[0].TypedRune('X')
	if got := ed.Text(); !strings.HasPrefix(got, "X\n## Three") {
		t.Fatalf("typing over the selection gave %.40q", got)
	}
	// A plain arrow ends a selection across blocks without changing text.
	ed.SelectAll()
	ed.blocks[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if ed.span.on {
		t.Error("an arrow key did not end the selection")
	}
}
