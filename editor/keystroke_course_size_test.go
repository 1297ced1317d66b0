package editor

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/coursewright/coursewright/internal/gencourse"
)

// A key typed into a page costs the UI thread the same in a course of
// 1,000 pages as in one of 10: nothing done per key grows with the
// course. Counted in allocations, which load on the machine does not
// change: the preview took a snapshot of the whole course at every key
// (two copies a page), about 2,300 allocations more per key in the big
// course; it now takes one when the typing pauses.
func TestKeystrokeCostDoesNotGrowWithTheCourse(t *testing.T) {
	perKey := map[int]float64{}
	for _, pages := range []int{10, 1000} {
		dir := filepath.Join(t.TempDir(), fmt.Sprint("course-", pages))
		if err := gencourse.Write(dir, gencourse.DefaultOptions(pages)); err != nil {
			t.Fatal(err)
		}
		v, _ := openView(t, dir, &fakePrompt{t: t})
		v.OpenPage(v.Course().Modules[0].Pages[0])
		settle(t, v)
		v.Page.Text.Select(0, 0)
		v.Page.Text.FocusGained()
		v.Page.Text.TypedRune('x') // the first edit of the page sets up its undo history
		i := 0
		perKey[pages] = testing.AllocsPerRun(20, func() {
			v.Page.Text.TypedRune(rune('a' + i%26))
			i++
		})
		settle(t, v)
	}
	t.Logf("allocations per key: %.0f in a 10-page course, %.0f in a 1,000-page one", perKey[10], perKey[1000])
	if grew := perKey[1000] - perKey[10]; grew > 100 {
		t.Errorf("a key makes %.0f more allocations in a 1,000-page course than in a 10-page one (%.0f against %.0f)", grew, perKey[1000], perKey[10])
	}
}
