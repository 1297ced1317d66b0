package editor

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
)

// treeRow is one row of the course tree. Dragging it up or down and
// letting go moves the page or module to the row it was dropped on — the
// same edits as Alt+Up and Alt+Down, so undo works the same.
type treeRow struct {
	widget.Label
	tree *CourseTree
	id   string  // the node this row shows
	dy   float32 // how far it has been dragged
}

func newTreeRow(t *CourseTree) *treeRow {
	r := &treeRow{tree: t}
	r.Text = "Module title placeholder"
	// A title wider than the tree ends in an ellipsis (not cut off at
	// the edge, or behind a sideways scroll): the page header shows it in
	// full when the page is selected.
	r.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *treeRow) Dragged(ev *fyne.DragEvent) { r.dy += ev.Dragged.DY }

func (r *treeRow) DragEnd() {
	rows := int(math.Round(float64(r.dy / r.rowHeight())))
	r.dy = 0
	if rows != 0 {
		r.tree.dropAt(r.id, rows)
	}
}

// rowHeight is the distance between two rows of the tree.
func (r *treeRow) rowHeight() float32 {
	if h := r.Size().Height; h > 0 {
		return h + r.Theme().Size(theme.SizeNameSeparatorThickness) // rows are separated by a line
	}
	return r.MinSize().Height
}

// visible lists the rows the tree shows, top to bottom.
func (t *CourseTree) visible() []string {
	var out []string
	var walk func(id string)
	walk = func(id string) {
		for _, c := range t.children(id) {
			out = append(out, c)
			if t.IsBranch(c) && t.IsBranchOpen(c) {
				walk(c)
			}
		}
	}
	walk("")
	return out
}

// dropAt moves the node id to the row rows away from it: a page into the
// module of the row it lands on (before that page, or first when it
// lands on the module itself); a module to the place of the module it
// lands on (or of the module holding the page it lands on).
func (t *CourseTree) dropAt(id string, rows int) {
	vis := t.visible()
	from := -1
	for i, n := range vis {
		if n == id {
			from = i
		}
	}
	if from < 0 {
		return
	}
	to := min(max(from+rows, 0), len(vis)-1)
	target := vis[to]
	v := t.v
	if p := v.nodePage(id); p != nil {
		m, _ := v.moduleOf(p)
		if m == nil {
			return // the home page and single pages have no order to change
		}
		dest, pos := t.dropPlace(target, rows > 0)
		if dest == nil {
			return
		}
		if err := v.Apply(course.MovePage{Module: m.Slug, Slug: p.Slug, To: dest.Slug, Pos: pos}); err != nil {
			v.fail(err)
			return
		}
		v.selectNode(pageNode(p))
		return
	}
	if !strings.HasPrefix(id, prefixMod) {
		return
	}
	m := v.c.Module(id[len(prefixMod):])
	dest, _ := t.dropPlace(target, rows > 0)
	if m == nil || dest == nil || m.Hidden || dest.Hidden || dest == m {
		return
	}
	v.fail(v.Apply(course.MoveModule{Slug: m.Slug, Pos: v.listedPos(dest)}))
}

// dropPlace is the module a row belongs to and the 1-based position a
// page dropped on it takes: the row's own place, or after it when the
// page came from above (so the page lands where it was let go).
func (t *CourseTree) dropPlace(target string, down bool) (*course.Module, int) {
	v := t.v
	if strings.HasPrefix(target, prefixMod) {
		m := v.c.Module(target[len(prefixMod):])
		if down && m != nil {
			return m, len(m.Pages) + 1
		}
		return m, 1
	}
	p := v.nodePage(target)
	if p == nil {
		return nil, 0
	}
	m, i := v.moduleOf(p)
	return m, i + 1
}
