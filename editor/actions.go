package editor

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/editor/textview"
)

// Structure edits: each is the matching course.Edit, applied with its
// inverse kept for undo, then saved — moving a page renames files, and a
// half-done rename must not wait in memory for the author to save.

// Apply runs a structure edit, remembers its undo and saves the course.
func (v *CourseView) Apply(e course.Edit) error {
	v.Flush()
	err := v.hist.apply(v.c, e)
	if err != nil {
		return err
	}
	return v.afterStructure()
}

func (v *CourseView) afterStructure() error {
	_, err := saveCourse(v.c)
	v.refreshTree()
	if err == nil && v.OnSaved != nil {
		v.OnSaved()
	}
	v.runCheck()
	v.changed()
	return err
}

// refreshTree redraws the tree and keeps the open page (whose path may
// have changed) selected; a page that is gone closes.
func (v *CourseView) refreshTree() {
	open := v.Page.page
	if open != nil && !v.contains(open) {
		open = v.firstPage()
		v.Page.page = nil
		if open != nil {
			v.Page.open(v.c, open)
			v.Preview.ShowPage(v.c, open, open.Body())
		}
	}
	v.Tree.Refresh()
	v.Tree.OpenAllBranches()
	if strings.HasPrefix(v.selected, prefixMod) {
		if m := v.c.Module(strings.TrimPrefix(v.selected, prefixMod)); m != nil {
			v.selectNode(moduleNode(m))
			return
		}
	}
	if open != nil {
		v.selectNode(pageNode(open))
	}
}

func (v *CourseView) contains(p *course.Page) bool {
	for _, q := range v.c.AllPages() {
		if q == p {
			return true
		}
	}
	return false
}

// UndoStructure undoes the latest structure edit.
func (v *CourseView) UndoStructure() { v.stepStructure(true) }

// RedoStructure redoes the latest undone structure edit.
func (v *CourseView) RedoStructure() { v.stepStructure(false) }

func (v *CourseView) stepStructure(back bool) {
	v.Flush()
	ok, err := v.hist.step(v.c, back)
	if !ok {
		return
	}
	if err != nil {
		v.fail(err)
	}
	v.fail(v.afterStructure())
}

// Undo undoes the latest change where the author is: typing in the page
// editor or in another text field, otherwise the course's structure. The
// menu's shortcut reaches here before the focused field does.
func (v *CourseView) Undo() {
	switch f := v.focused().(type) {
	case *textview.View:
		if f == v.Page.Text {
			v.Page.Text.Undo()
			return
		}
	case *widget.Entry:
		f.Undo()
		return
	}
	v.UndoStructure()
}

// Redo redoes where the author is, as Undo.
func (v *CourseView) Redo() {
	switch f := v.focused().(type) {
	case *textview.View:
		if f == v.Page.Text {
			v.Page.Text.Redo()
			return
		}
	case *widget.Entry:
		f.Redo()
		return
	}
	v.RedoStructure()
}

func (v *CourseView) focused() fyne.Focusable {
	c := fyne.CurrentApp().Driver().CanvasForObject(v.Page.Text)
	if c == nil {
		return nil
	}
	return c.Focused()
}

// AddModule asks for a title and adds a module after the selected one.
func (v *CourseView) AddModule() {
	v.prompt.AskText(lang.L("Add a module"), lang.L("Module title"), "", func(title string) {
		pos := 0
		if m := v.selectedModule(); m != nil && !m.Hidden {
			pos = v.listedPos(m) + 1
		}
		if err := v.Apply(course.AddModule{Title: title, Pos: pos}); err != nil {
			v.fail(err)
			return
		}
		if m := v.c.Module(course.Slugify(title)); m != nil {
			v.selectNode(moduleNode(m))
			if len(m.Pages) > 0 {
				v.OpenPage(m.Pages[0])
			}
		}
	})
}

func (v *CourseView) listedPos(m *course.Module) int {
	n := 0
	for _, x := range v.c.Modules {
		if x.Hidden {
			continue
		}
		n++
		if x == m {
			return n
		}
	}
	return 0
}

// AddPage asks for a title and adds a page after the selected one (or at
// the end of the selected module).
func (v *CourseView) AddPage() {
	m := v.selectedModule()
	if m == nil {
		v.fail(Words(lang.L("select the module to add a page to")))
		return
	}
	pos := 0
	if p := v.nodePage(v.selected); p != nil {
		if _, i := v.moduleOf(p); i >= 0 {
			pos = i + 2
		}
	}
	v.prompt.AskText(lang.L("Add a page to {{.Module}}", map[string]any{"Module": orDefault(m.Title, m.Slug)}), lang.L("Page title"), "", func(title string) {
		before := map[*course.Page]bool{}
		for _, p := range m.Pages {
			before[p] = true
		}
		if err := v.Apply(course.AddPage{Module: m.Slug, Title: title, Pos: pos}); err != nil {
			v.fail(err)
			return
		}
		for _, p := range m.Pages {
			if !before[p] {
				v.OpenPage(p)
				v.Page.Text.Focus()
			}
		}
	})
}

// RenameSelected asks for a new title of the selected module or page.
func (v *CourseView) RenameSelected() {
	if p := v.nodePage(v.selected); p != nil {
		v.prompt.AskText(lang.L("Rename page"), lang.L("Page title"), p.Title(), func(t string) { v.renamePage(p, t) })
		return
	}
	m := v.selectedModule()
	if m == nil {
		v.fail(ErrNothingSelected)
		return
	}
	v.prompt.AskText(lang.L("Rename module"), lang.L("Module title"), m.Title, func(t string) {
		v.fail(v.Apply(course.RenameModule{Slug: m.Slug, Title: t}))
	})
}

// renamePage sets a page's title: an undoable edit for module pages; the
// home page and single pages take it in their front matter directly.
func (v *CourseView) renamePage(p *course.Page, title string) {
	if p == nil || title == p.Title() {
		return
	}
	if m, _ := v.moduleOf(p); m != nil {
		v.fail(v.Apply(course.RenamePage{Module: m.Slug, Slug: p.Slug, Title: title}))
		return
	}
	if err := course.ValidateTitle(title); err != nil {
		v.fail(err)
		return
	}
	err := p.SetFront("title", title)
	v.fail(err)
	v.Tree.Refresh()
	v.changed()
}

// reslugPage changes a module page's file name, and so its address.
func (v *CourseView) reslugPage(p *course.Page, slug string) {
	m, _ := v.moduleOf(p)
	if p == nil || m == nil || slug == p.Slug {
		return
	}
	if err := v.Apply(course.ReslugPage{Module: m.Slug, Slug: p.Slug, New: slug}); err != nil {
		v.fail(err)
		v.Page.Slug.SetText(p.Slug)
	}
}

// DeleteSelected removes the selected page or module; its files go to
// the course's trash and Undo brings them back.
func (v *CourseView) DeleteSelected() {
	if p := v.nodePage(v.selected); p != nil {
		m, _ := v.moduleOf(p)
		if m == nil {
			v.fail(Words(lang.L("only pages of modules can be deleted here")))
			return
		}
		v.fail(v.Apply(course.RemovePage{Module: m.Slug, Slug: p.Slug}))
		return
	}
	if m := v.selectedModule(); m != nil {
		v.selected = ""
		v.fail(v.Apply(course.RemoveModule{Slug: m.Slug}))
		return
	}
	v.fail(ErrNothingSelected)
}

// ToggleHidden hides the selected module from the site, or shows it.
func (v *CourseView) ToggleHidden() {
	m := v.selectedModule()
	if m == nil {
		v.fail(ErrNothingSelected)
		return
	}
	if m.Hidden {
		v.fail(v.Apply(course.ShowModule{Slug: m.Slug}))
	} else {
		v.fail(v.Apply(course.HideModule{Slug: m.Slug}))
	}
}

// MoveSelected moves the selected page or module up (-1) or down (+1).
func (v *CourseView) MoveSelected(delta int) {
	if p := v.nodePage(v.selected); p != nil {
		m, i := v.moduleOf(p)
		if m == nil {
			return
		}
		to := i + delta
		if to < 0 || to >= len(m.Pages) {
			return
		}
		if err := v.Apply(course.MovePage{Module: m.Slug, Slug: p.Slug, Pos: to + 1}); err != nil {
			v.fail(err)
			return
		}
		v.selectNode(pageNode(p))
		return
	}
	m := v.selectedModule()
	if m == nil || m.Hidden {
		return
	}
	to := v.listedPos(m) + delta
	if to < 1 || to > v.listedCount() {
		return
	}
	v.fail(v.Apply(course.MoveModule{Slug: m.Slug, Pos: to}))
}

func (v *CourseView) listedCount() int {
	n := 0
	for _, m := range v.c.Modules {
		if !m.Hidden {
			n++
		}
	}
	return n
}

// editorShortcut handles the shortcuts typed in the page editor that are
// not about the text itself.
func (v *CourseView) editorShortcut(s fyne.Shortcut) bool {
	switch {
	case isCtrl(s, fyne.KeyS, false):
		v.fail(v.Save())
	case isCtrl(s, fyne.KeyF, false):
		v.Page.Find.Open(false)
	case isCtrl(s, fyne.KeyH, false):
		v.Page.Find.Open(true)
	case isCtrl(s, SelfCheckKey, true):
		v.SelfCheck()
	case isAlt(s, fyne.KeyUp):
		v.MoveSelected(-1) // the page being written moves
	case isAlt(s, fyne.KeyDown):
		v.MoveSelected(1)
	default:
		return v.OnShortcut != nil && v.OnShortcut(s)
	}
	return true
}

// structureShortcut handles shortcuts typed in the tree.
func (v *CourseView) structureShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutUndo:
		v.UndoStructure()
		return
	case *fyne.ShortcutRedo:
		v.RedoStructure()
		return
	}
	if isCtrl(s, fyne.KeyZ, true) {
		v.RedoStructure()
		return
	}
	if isCtrl(s, fyne.KeyS, false) {
		v.fail(v.Save())
		return
	}
	if v.OnShortcut != nil {
		v.OnShortcut(s)
	}
}
