package editor

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
)

// Node ids of the course tree. Pages are named by pointer-free strings
// that survive a refresh: a module by its folder, a page by its path.
const (
	nodeGuide  = "guide"
	prefixMod  = "m:"
	prefixPage = "p:"
)

func moduleNode(m *course.Module) string { return prefixMod + m.Slug }
func pageNode(p *course.Page) string     { return prefixPage + p.Path }

// PageNodeID is the id of p's row in the course tree (Tree.Select(id)
// opens the page as a click on the row does).
func PageNodeID(p *course.Page) string { return pageNode(p) }

// CourseTree shows the course as authors think of it: the home page,
// the modules with their pages, the single pages and the facilitator
// guide. It is a Tree that also takes the reordering shortcuts
// (Alt+Up, Alt+Down) while it has the focus.
type CourseTree struct {
	widget.Tree
	v *CourseView

	// titleWidths caches each title's measured width for NeedWidth, at
	// the text size they were measured with (UI thread only).
	titleWidths     map[string]float32
	titleWidthsSize float32
}

func newCourseTree(v *CourseView) *CourseTree {
	t := &CourseTree{v: v}
	t.Root = ""
	t.ChildUIDs = t.children
	t.IsBranch = func(id string) bool {
		return id == "" || id == nodeGuide || strings.HasPrefix(id, prefixMod)
	}
	t.CreateNode = func(bool) fyne.CanvasObject { return newTreeRow(t) }
	t.UpdateNode = t.update
	t.OnSelected = func(id string) { v.nodeSelected(id) }
	t.ExtendBaseWidget(t)
	return t
}

func (t *CourseTree) children(id string) []string {
	c := t.v.c
	var out []string
	switch {
	case id == "":
		if c.Home != nil {
			out = append(out, pageNode(c.Home))
		}
		for _, m := range c.Modules {
			out = append(out, moduleNode(m))
		}
		for _, p := range c.Pages {
			out = append(out, pageNode(p))
		}
		if len(c.Guides) > 0 {
			out = append(out, nodeGuide)
		}
	case id == nodeGuide:
		for _, g := range c.Guides {
			out = append(out, pageNode(g.Page))
		}
	case strings.HasPrefix(id, prefixMod):
		if m := c.Module(id[len(prefixMod):]); m != nil {
			for _, p := range m.Pages {
				out = append(out, pageNode(p))
			}
		}
	}
	return out
}

// label is a node's text and whether it is drawn dimmed: hidden modules
// and unpublished pages are not on the site, and the tree says so.
func (t *CourseTree) label(id string) (string, bool) {
	c := t.v.c
	switch {
	case id == nodeGuide:
		return lang.L("Facilitator guide"), false
	case strings.HasPrefix(id, prefixMod):
		m := c.Module(id[len(prefixMod):])
		if m == nil {
			return id, true
		}
		title := orDefault(m.Title, m.Slug)
		switch {
		case m.Missing:
			return lang.L("{{.Title}} (folder missing)", map[string]any{"Title": title}), true
		case m.Hidden:
			return lang.L("{{.Title}} (not in the menu)", map[string]any{"Title": title}), true
		}
		return title, false
	case strings.HasPrefix(id, prefixPage):
		p := c.PageByPath(id[len(prefixPage):])
		if p == nil {
			return id, true
		}
		title := pageTitle(c, p)
		if t.v.unsaved[p.Path] {
			title = UnsavedMark + title
		}
		if !p.Published() {
			return lang.L("{{.Title}} (not published)", map[string]any{"Title": title}), true
		}
		return title, false
	}
	return id, false
}

// Label is the text and dimming the tree shows for a page.
func (t *CourseTree) Label(p *course.Page) (string, bool) { return t.label(pageNode(p)) }

func pageTitle(c *course.Course, p *course.Page) string {
	if p == c.Home {
		return lang.L("Home")
	}
	if t := p.Title(); t != "" {
		return t
	}
	if p.Slug != "" {
		return p.Slug
	}
	return strings.TrimSuffix(p.Path, ".md")
}

func (t *CourseTree) update(id string, _ bool, o fyne.CanvasObject) {
	row := o.(*treeRow)
	row.id = id
	l := &row.Label
	text, dim := t.label(id)
	importance := widget.MediumImportance
	if dim {
		importance = widget.LowImportance
	}
	// The tree updates every row on screen at each refresh (a selection
	// is one), and SetText shapes the text again for its ellipsis even
	// when it is the same: 20–60 ms for a screenful of rows.
	if l.Text == text && l.Importance == importance {
		return
	}
	l.Importance = importance
	l.SetText(text)
}

// TypedShortcut reorders with Alt+Up and Alt+Down and passes undo, redo
// and the window's shortcuts on to the course view.
func (t *CourseTree) TypedShortcut(s fyne.Shortcut) {
	switch {
	case isAlt(s, fyne.KeyUp):
		t.v.MoveSelected(-1)
	case isAlt(s, fyne.KeyDown):
		t.v.MoveSelected(1)
	default:
		t.v.structureShortcut(s)
	}
}
