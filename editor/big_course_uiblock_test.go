package editor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coursewright/coursewright/internal/gencourse"
)

// rowText is the text of the tree's row on screen for node id ("" when
// it is not on screen).
func rowText(v *CourseView, id string) string {
	for _, r := range treeRows(v.Tree) {
		if r.id == id {
			return r.Text
		}
	}
	return ""
}

// In a course of 3,000 pages, one page changes: another program retitles
// it (the folder is read again, and the result put into the course on
// the UI thread), then the author starts editing it (the tree marks it
// unsaved). Each holds the UI thread for a slice only, and the page's row
// in the tree shows the change. Both redrew the whole tree: 7–30 ms on
// the UI thread (the re-read's result 21 ms in all) at a load of 6.
func TestOnePageChangingInABigCourseHoldsTheUIThreadBriefly(t *testing.T) {
	limit := sliceLimit(t)
	dir := filepath.Join(t.TempDir(), "course")
	if err := gencourse.Write(dir, gencourse.DefaultOptions(3000)); err != nil {
		t.Fatal(err)
	}
	v, _ := openView(t, dir, &fakePrompt{t: t})
	jobs := timeUIJobs(t)
	p := v.Course().Modules[0].Pages[1]
	id := PageNodeID(p)
	if rowText(v, id) == "" {
		t.Fatalf("the page's row is not on screen")
	}

	full := filepath.Join(dir, filepath.FromSlash(p.Path))
	raw, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	retitled := strings.Replace(string(raw), "title: ", "title: Retitled elsewhere, ", 1)
	if retitled == string(raw) {
		t.Fatalf("no title line in %s", p.Path)
	}
	if err := os.WriteFile(full, []byte(retitled), 0o644); err != nil {
		t.Fatal(err)
	}
	v.ReloadFolder(nil)
	settle(t, v)
	reload, n := jobs.matching("(*CourseView).reloadFolder")
	if n == 0 {
		t.Fatal("the re-read's result did not come back through fyne.Do")
	}
	if got := rowText(v, id); !strings.HasPrefix(got, "Retitled elsewhere, ") {
		t.Fatalf("after the re-read the page's row says %q", got)
	}

	start := time.Now()
	v.MarkUnsaved(map[string]string{p.Path: p.Body() + "\nA new line.\n"})
	mark := time.Since(start)
	if got := rowText(v, id); !strings.HasPrefix(got, UnsavedMark) {
		t.Fatalf("the unsaved page's row says %q", got)
	}
	start = time.Now()
	v.MarkUnsaved(nil)
	unmark := time.Since(start)
	if got := rowText(v, id); strings.HasPrefix(got, UnsavedMark) {
		t.Fatalf("the saved page's row says %q", got)
	}

	t.Logf("3,000 pages: the re-read's result held the UI thread %v, marking a page unsaved %v, unmarking it %v (limit %v)",
		reload.Round(time.Millisecond/10), mark.Round(time.Millisecond/10), unmark.Round(time.Millisecond/10), limit)
	for what, d := range map[string]time.Duration{"the re-read's result": reload, "marking a page unsaved": mark, "unmarking it": unmark} {
		if d > limit {
			t.Errorf("%s held the UI thread for %v (limit %v)", what, d.Round(time.Millisecond/10), limit)
		}
	}
}
