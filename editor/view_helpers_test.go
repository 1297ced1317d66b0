package editor

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/uitest"
	"github.com/coursewright/coursewright/render"
)

func loadCourse(dir string) (*course.Course, error) { return course.Load(dir) }

// newTestView is openView for any Prompter.
func newTestView(t *testing.T, c *course.Course, p Prompter) *CourseView {
	t.Helper()
	uitest.NewApp(t)
	v := NewCourseView(c, render.New(render.Options{}), p, ViewOptions{})
	w := test.NewTempWindow(t, v.Content)
	w.Resize(fyne.NewSize(1200, 800))
	t.Cleanup(func() { v.Close(); v.WaitBackground() }) // no timer or check of this test fires into the next
	settle(t, v)
	return v
}
