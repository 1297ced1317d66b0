package editor

import (
	"slices"

	"github.com/coursewright/coursewright/course"
)

// SetBodies replaces the text of pages, by path: restoring a journal, or
// taking another program's version. The open page's change is one undo
// step in the editor; nothing is saved.
func (v *CourseView) SetBodies(bodies map[string]string) {
	v.Flush()
	for path, body := range bodies {
		if p := v.c.PageByPath(path); p != nil {
			p.SetBody(body)
		}
	}
	if p := v.Page.page; p != nil {
		if body, ok := bodies[p.Path]; ok {
			old := v.Page.Text.Text()
			c := diffChange(0, old, body)
			v.Page.Text.Replace(c.at, c.old, c.new)
		}
	}
	v.changed()
}

// Reloaded updates the view after course.Reload read files another
// program changed. Pages re-read in place show their new text; when the
// whole course was re-read, every page is new and the undo history,
// which points at the old ones, is dropped.
func (v *CourseView) Reloaded(res course.ReloadResult) {
	open := v.Page.page
	if res.Structure && len(res.Conflicts) == 0 {
		v.hist.clear()
		v.Page.page = nil
		var p *course.Page
		if open != nil {
			p = v.c.PageByPath(open.Path)
		}
		if p == nil {
			p = v.firstPage()
		}
		if p != nil {
			v.Page.open(v.c, p)
			v.Preview.ShowPage(v.c, p, p.Body())
		}
		v.refreshTree()
		return
	}
	if open != nil && slices.Contains(res.Changed, open.Path) {
		v.Page.Text.SetText(open.Body())
		v.Page.Title.SetText(open.Title())
		v.Preview.ShowPage(v.c, open, open.Body())
	}
	if len(res.Changed) > 0 {
		v.Tree.Refresh()
		v.runCheck()
	}
}
