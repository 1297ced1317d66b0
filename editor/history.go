package editor

import "github.com/coursewright/coursewright/course"

// editHistory is the undo stack of structure edits. course.Apply returns
// the edit that undoes each one, and applying that returns the redo; the
// stacks only keep them in order.
type editHistory struct {
	undo, redo []course.Edit
}

// apply runs e and remembers how to undo it.
func (h *editHistory) apply(c *course.Course, e course.Edit) error {
	inv, err := c.Apply(e)
	if err != nil {
		return err
	}
	h.undo = append(h.undo, inv)
	h.redo = nil
	return nil
}

// step undoes (back) or redoes the latest edit; ok is false when there
// is none.
func (h *editHistory) step(c *course.Course, back bool) (ok bool, err error) {
	from, to := &h.redo, &h.undo
	if back {
		from, to = &h.undo, &h.redo
	}
	n := len(*from)
	if n == 0 {
		return false, nil
	}
	e := (*from)[n-1]
	inv, err := c.Apply(e)
	if err != nil {
		return true, err
	}
	*from = (*from)[:n-1]
	*to = append(*to, inv)
	return true, nil
}

func (h *editHistory) clear() { h.undo, h.redo = nil, nil }
