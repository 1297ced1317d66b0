package app

import (
	"strings"
	"testing"
	"time"
)

// TestOpenNotACourseSaysWhatToDo: opening a folder that is no course
// tells the author so, and what to do, without the Go error chain
// (issue 16).
func TestOpenNotACourseSaysWhatToDo(t *testing.T) {
	d, a := newTestApp(t)
	win := a.NewWindow("start")
	win.Show()
	dir := t.TempDir()
	d.openFrom(win, dir)
	const want = "This folder is not a course. Choose a folder that has _data/course.yml, or create a new course."
	waitFor(t, 10*time.Second, "the error dialog", func() bool { return strings.Contains(dialogText(win), want) })
	got := dialogText(win)
	for _, chain := range []string{"open course:", "not a Course-in-a-Box folder", "has no _config.yml"} {
		if strings.Contains(got, chain) {
			t.Fatalf("the dialog shows the error chain: %q", got)
		}
	}
}
