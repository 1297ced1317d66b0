package textview

import (
	"strings"
	"time"
)

// change replaced old with new at a place of the text. Places are kept
// as (paragraph, byte) positions: undo and redo apply changes in strict
// reverse order, so a change's position is still right when it is undone
// — and the key path never needs whole-text offsets.
type change struct {
	at       Pos
	old, new string
	when     time.Time
}

// history is the undo and redo stacks. Typing is grouped into one step
// per word, and a pause of a second also ends a step, as word processors
// do.
type history struct {
	undo, redo []change
	sealed     bool // the last step was an undo or redo: start a new step
}

const groupPause = time.Second

// historyLimit is how many steps are kept; older ones are dropped.
const historyLimit = 2000

// record adds a change made by the author; it clears the redo stack.
func (h *history) record(c change) {
	if c.old == "" && c.new == "" {
		return
	}
	h.redo = h.redo[:0]
	if n := len(h.undo); n > 0 && !h.sealed && h.merge(&h.undo[n-1], c) {
		return
	}
	h.sealed = false
	h.undo = append(h.undo, c)
	if len(h.undo) > historyLimit {
		h.undo = append(h.undo[:0], h.undo[len(h.undo)-historyLimit:]...)
	}
}

// seal ends the current step: the next change starts a new one (the
// cursor moved, or text was pasted).
func (h *history) seal() { h.sealed = true }

// merge folds c into the previous change when both are typing (or both
// deleting) at the same place, within a pause, inside one word.
func (h *history) merge(top *change, c change) bool {
	if c.when.Sub(top.when) > groupPause {
		return false
	}
	switch {
	case top.old == "" && c.old == "" && c.at == endOf(top.at, top.new):
		if strings.Contains(c.new, "\n") || strings.Contains(top.new, "\n") || endsWord(top.new, c.new) {
			return false
		}
		top.new += c.new
	case top.new == "" && c.new == "" && !strings.Contains(c.old, "\n") && endOf(c.at, c.old) == top.at: // backspace
		top.at, top.old = c.at, c.old+top.old
	case top.new == "" && c.new == "" && !strings.Contains(c.old, "\n") && c.at == top.at: // delete key
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
func (h *history) takeUndo() (change, bool) {
	n := len(h.undo)
	if n == 0 {
		return change{}, false
	}
	c := h.undo[n-1]
	h.undo = h.undo[:n-1]
	h.redo = append(h.redo, c)
	h.sealed = true
	return change{at: c.at, old: c.new, new: c.old}, true
}

// takeRedo pops the step to redo.
func (h *history) takeRedo() (change, bool) {
	n := len(h.redo)
	if n == 0 {
		return change{}, false
	}
	c := h.redo[n-1]
	h.redo = h.redo[:n-1]
	h.undo = append(h.undo, c)
	h.sealed = true
	return c, true
}

func (h *history) clear() { h.undo, h.redo, h.sealed = nil, nil, false }
