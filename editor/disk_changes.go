package editor

import "github.com/coursewright/coursewright/course"

// Rebase takes another program's version of a page's file into the
// model with the text a merge of both sides gave (see course.Rebase),
// and shows that text in the editor when the page is open, as one undo
// step. Nothing is saved.
func (v *CourseView) Rebase(p *course.Page, disk, merged string) {
	v.Flush()
	v.c.Rebase(p, disk, merged)
	if p == v.Page.page {
		old := v.Page.Text.Text()
		c := diffChange(0, old, p.Body())
		v.Page.Text.Replace(c.at, c.old, c.new)
	}
	v.changed()
}

// KeepDeleted keeps a page whose file another program deleted: the next
// save writes it as a new file.
func (v *CourseView) KeepDeleted(p *course.Page) {
	v.Flush()
	v.c.Detach(p)
	v.changed()
}

// ForgetDeleted takes a page whose file another program deleted out of
// the course, as the author agreed, and opens another page if it was
// open.
func (v *CourseView) ForgetDeleted(p *course.Page) {
	v.Flush()
	v.c.Forget(p)
	if p == v.Page.page {
		v.Page.page = nil
		if first := v.firstPage(); first != nil {
			v.OpenPage(first)
		}
	}
	v.refreshTree()
	v.changed()
}
