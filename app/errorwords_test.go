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
	// The course loads in the background; the error follows.
	waitFor(t, 20*time.Second, "the error dialog", func() bool { return strings.Contains(dialogText(win), "course") && !strings.Contains(dialogText(win), "Opening the course…") })
	got := dialogText(win)
	if !strings.Contains(got, "This folder is not a course. Choose a folder that has _data/course.yml, or create a new course.") {
		t.Fatalf("the dialog says %q", got)
	}
	for _, chain := range []string{"open course:", "not a Course-in-a-Box folder", "has no _config.yml"} {
		if strings.Contains(got, chain) {
			t.Fatalf("the dialog shows the error chain: %q", got)
		}
	}
}
