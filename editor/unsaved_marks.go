package editor

// MarkUnsaved records which pages have unsaved text, by path, and
// redraws the tree (which puts a dot before them) when that changed. The
// app calls it when it takes the text for the journal, so the marks cost
// nothing per key.
func (v *CourseView) MarkUnsaved(paths map[string]string) {
	var changed []string // marked or unmarked
	for p := range paths {
		if !v.unsaved[p] {
			changed = append(changed, p)
		}
	}
	for p := range v.unsaved {
		if _, ok := paths[p]; !ok {
			changed = append(changed, p)
		}
	}
	if len(changed) == 0 {
		return
	}
	v.unsaved = make(map[string]bool, len(paths))
	for p := range paths {
		v.unsaved[p] = true
	}
	v.refreshTreeRows(changed)
}

// treeRowsAtOnce is how many rows refreshTreeRows redraws one by one;
// more, and the whole tree is redrawn.
const treeRowsAtOnce = 20

// refreshTreeRows redraws the tree's rows of the pages at paths (their
// titles or unsaved marks changed). Tree.Refresh lays out and redraws the
// whole tree, 7–30 ms on the UI thread for a course of 3,000 pages, when
// another program changed one page or the author started editing one.
func (v *CourseView) refreshTreeRows(paths []string) {
	if len(paths) > treeRowsAtOnce {
		v.Tree.Refresh()
		return
	}
	for _, path := range paths {
		if p := v.c.PageByPath(path); p != nil {
			v.Tree.RefreshItem(pageNode(p))
		}
	}
}

// UnsavedMark is put before the title of a page with unsaved changes, in
// the tree and in the window title.
const UnsavedMark = "• "
