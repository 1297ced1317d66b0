package app

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/editor"
)

// "Adapt a course…" makes the adaptation the CLI's adapt verb makes and
// opens it; a course without a license is refused without permission.
func TestAdaptCourseFromStartScreen(t *testing.T) {
	d, _ := newTestApp(t)
	src := corpusCourse(t, "how-to-talk-about-race")
	dir := filepath.Join(t.TempDir(), "race-adapted")
	if err := adaptCourse(editor.Wording{}, src, dir, adapt.Options{Title: "Talking About Race at Our Library"}); err != nil {
		t.Fatal(err)
	}
	w, err := d.OpenCourse(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := w.View.Course().Meta()
	if m.Title != "Talking About Race at Our Library" || m.BasedOn == nil || m.BasedOn.License != "CC-BY-SA-4.0" || m.License != "CC-BY-SA-4.0" {
		t.Errorf("adaptation meta: %+v (based on %+v)", m, m.BasedOn)
	}
	if !strings.Contains(w.Win.Title(), "Talking About Race at Our Library") {
		t.Errorf("window title %q", w.Win.Title())
	}
	if err := adaptCourse(editor.Wording{}, "", filepath.Join(t.TempDir(), "x"), adapt.Options{}); err == nil {
		t.Error("an empty source was accepted")
	}
}
