package editor

// MarkUnsaved records which pages have unsaved text, by path, and
// redraws the tree (which puts a dot before them) when that changed. The
// app calls it when it takes the text for the journal, so the marks cost
// nothing per key.
func (v *CourseView) MarkUnsaved(paths map[string]string) {
	same := len(paths) == len(v.unsaved)
	for p := range paths {
		same = same && v.unsaved[p]
	}
	if same {
		return
	}
	v.unsaved = make(map[string]bool, len(paths))
	for p := range paths {
		v.unsaved[p] = true
	}
	v.Tree.Refresh()
}

// UnsavedMark is put before the title of a page with unsaved changes, in
// the tree and in the window title.
const UnsavedMark = "• "
