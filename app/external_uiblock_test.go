//go:build unix

package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/internal/uitest"
)

// Another program adds a page that takes longer than the watchdog's limit
// to read (a link to a slow file): the folder watch's re-read of the
// course runs in the background, and the UI thread is never held beyond
// the limit until the page is in the course; meanwhile a notice bar says
// the folder is being read again, and it goes once the page is in.
func TestExternalChangeNeverBlocksTheUIThread(t *testing.T) {
	limit := uiBlockLimit(t)
	delay := limit + 500*time.Millisecond
	w, added := openThenAddSlowPage(t, delay)

	stop := uitest.Ping(10 * time.Millisecond)
	began := time.Now()
	w.ExternalChange()         // what the folder watch calls
	var progress time.Duration // when the notice showed the re-read
	waitFor(t, time.Minute, "the added page in the course", func() bool {
		if progress == 0 && w.reloading && strings.Contains(w.Notices(), "reading it again") {
			progress = time.Since(began)
		}
		return !w.reloading && w.View.Course().PageByPath(added) != nil
	})
	took := time.Since(began)
	gap := stop()
	if got := w.View.Course().PageByPath(added).Title(); got != "A page slow to read" {
		t.Fatalf("the added page has the title %q", got)
	}
	t.Logf("another program added a page that takes %v to read: %v until it was in the course; longest UI-thread gap %v (limit %v)",
		delay, took.Round(time.Millisecond), gap.Round(time.Millisecond), limit)
	if gap > limit {
		t.Errorf("reading the course again blocked the UI thread for %v (limit %v)", gap.Round(time.Millisecond), limit)
	}
	if n := w.Notices(); strings.Contains(n, "deleted") || strings.Contains(n, "reading it again") {
		t.Fatalf("notices once the course was read again: %q", n)
	}
	// The re-read took longer than a moment: a bar said what was going on.
	if progress == 0 {
		t.Errorf("no notice showed the course folder being read again during the %v it took", took.Round(time.Millisecond))
	} else if progress > reloadingNoticeAfter+limit {
		t.Errorf("the notice showed %v after the change (due after %v)", progress.Round(time.Millisecond), reloadingNoticeAfter)
	}
}

// The author stops a long re-read of the folder from its notice: the
// course stays as it was, a notice says the other program's changes do
// not show yet, and its "Read it again" reads the folder again, this time
// to the end.
func TestExternalChangeReadCanBeStopped(t *testing.T) {
	const delay = 3 * time.Second
	w, added := openThenAddSlowPage(t, delay)

	w.ExternalChange()
	waitFor(t, delay/2, "the re-read's notice with Stop", func() bool { return w.StopReadingBtn != nil })
	began := time.Now()
	test.Tap(w.StopReadingBtn)
	waitFor(t, delay/2, "the re-read to stop", func() bool { return !w.reloading })
	if took := time.Since(began); took > delay/2 {
		t.Fatalf("Stop took %v", took)
	}
	if w.View.Course().PageByPath(added) != nil {
		t.Fatal("a stopped re-read put the added page in the course")
	}
	n := w.Notices()
	if strings.Contains(n, "reading it again…") || !strings.Contains(n, "Stopped reading the course folder again") {
		t.Fatalf("notices after Stop: %q", n)
	}

	again := findButton(w.Win, "Read it again")
	if again == nil {
		t.Fatal("the notice has no Read it again")
	}
	test.Tap(again)
	waitFor(t, 4*delay, "the added page in the course", func() bool {
		return !w.reloading && w.View.Course().PageByPath(added) != nil
	})
	if n := w.Notices(); strings.Contains(n, "Stopped reading") {
		t.Fatalf("notices once read again: %q", n)
	}
}

// openThenAddSlowPage opens a corpus course in a course window, waits
// until its background work is done, then adds a page that takes delay
// to read behind its back (see addSlowPage), and returns that page's path.
func openThenAddSlowPage(t *testing.T, delay time.Duration) (*CourseWindow, string) {
	t.Helper()
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, err := d.OpenCourse(dir)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "the course window's background work", func() bool { return !w.View.Busy() })
	return w, addSlowPage(t, dir, delay)
}
