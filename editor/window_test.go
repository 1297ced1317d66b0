package editor

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/internal/uitest"
	"github.com/coursewright/coursewright/templates"
)

// TestCourseWindowMarkup is a golden test of the whole course view on
// the sample course, with a page that has a table, a tip and a timing
// line open: tree, editor, toolbar, problems and preview.
func TestCourseWindowMarkup(t *testing.T) {
	uitest.NewApp(t)
	dir := filepath.Join(t.TempDir(), "sample")
	if err := templates.CopyTo(templates.Sample(), dir, nil); err != nil {
		t.Fatal(err)
	}
	v, w := openView(t, dir, &fakePrompt{t: t})
	p := v.Course().Module("checking-claims").Page("activity")
	v.OpenPage(p)
	settle(t, v)
	markup := test.RenderToMarkup(w.Canvas())
	if strings.Contains(markup, dir) {
		t.Fatal("the markup holds the temporary folder; pick a page without images")
	}
	assertMarkup(t, "course_window.xml", w.Canvas())
}
