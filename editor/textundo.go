package editor

import (
	"strings"
	"time"
)

// textChange replaces old with new at byte offset at of the page text.
// Changes are kept in page coordinates, not block ones, so that undo
// still works after the blocks were cut differently.
type textChange struct {
	at       int
	old, new string
	when     time.Time
}

// diffChange is the smallest change that turns a into b, placed at base.
func diffChange(base int, a, b string) textChange {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	// Keep whole UTF-8 sequences on both sides of the change.
	for p > 0 && !startsRune(a, p) {
		p--
	}
	for s > 0 && !startsRune(a, len(a)-s) {
		s--
	}
	return textChange{at: base + p, old: a[p : len(a)-s], new: b[p : len(b)-s]}
}

func startsRune(s string, i int) bool { return i >= len(s) || s[i]&0xC0 != 0x80 }

// textHistory is the undo and redo stacks of one page's text. Typing is
// grouped into one step per word (a pause of a second also ends a step),
// as word processors do.
type textHistory struct {
	undo, redo []textChange
	sealed     bool // the last step was an undo or redo: start a new step
}

const groupPause = time.Second

// record adds a change made by the author; it clears the redo stack.
func (h *textHistory) record(c textChange) {
	if c.old == "" && c.new == "" {
		return
	}
	h.redo = h.redo[:0]
	if n := len(h.undo); n > 0 && !h.sealed && h.merge(&h.undo[n-1], c) {
		return
	}
	h.sealed = false
	h.undo = append(h.undo, c)
	const limit = 2000 // steps kept; older ones are dropped
	if len(h.undo) > limit {
		h.undo = append(h.undo[:0], h.undo[len(h.undo)-limit:]...)
	}
}

// merge folds c into the previous change when both are typing (or both
// deleting) at the same place, within a pause, inside one word.
func (h *textHistory) merge(top *textChange, c textChange) bool {
	if c.when.Sub(top.when) > groupPause {
		return false
	}
	switch {
	case top.old == "" && c.old == "" && c.at == top.at+len(top.new):
		if strings.ContainsAny(c.new, "\n") || endsWord(top.new, c.new) {
			return false
		}
		top.new += c.new
	case top.new == "" && c.new == "" && c.at+len(c.old) == top.at: // backspace
		top.at, top.old = c.at, c.old+top.old
	case top.new == "" && c.new == "" && c.at == top.at: // delete key
		top.old += c.old
	default:
		return false
	}
	top.when = c.when
	return true
}

// endsWord is true when typing next after prev starts a new word.
func endsWord(prev, next string) bool {
	return prev != "" && strings.HasSuffix(prev, " ") && !strings.HasPrefix(next, " ")
}

// takeUndo pops the step to undo, as the change that undoes it.
func (h *textHistory) takeUndo() (textChange, bool) {
	n := len(h.undo)
	if n == 0 {
		return textChange{}, false
	}
	c := h.undo[n-1]
	h.undo = h.undo[:n-1]
	h.redo = append(h.redo, c)
	h.sealed = true
	return textChange{at: c.at, old: c.new, new: c.old}, true
}

// takeRedo pops the step to redo.
func (h *textHistory) takeRedo() (textChange, bool) {
	n := len(h.redo)
	if n == 0 {
		return textChange{}, false
	}
	c := h.redo[n-1]
	h.redo = h.redo[:n-1]
	h.undo = append(h.undo, c)
	h.sealed = true
	return c, true
}

func (h *textHistory) clear() { h.undo, h.redo, h.sealed = nil, nil, false }
