//go:build unix

package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/internal/uitest"
)

// The author opens a course whose folder takes long to read (one page is
// a link to a file that takes 3 s to arrive, as on a slow network disk)
// from the start screen, and gives up: the progress dialog's Cancel takes
// it away at once, the start screen stays, and no course window opens,
// not even when the read would have ended. Opening it again, and waiting,
// opens it.
func TestOpeningACourseCanBeCancelled(t *testing.T) {
	const delay = 3 * time.Second
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	slow := addSlowPage(t, dir, delay)
	start := d.ShowStart()

	began := time.Now()
	d.openFrom(start, dir)
	op := d.opening
	if op == nil || op.CancelBtn == nil {
		t.Fatal("opening a course shows no progress dialog with a Cancel button")
	}
	if start.Canvas().Overlays().Top() == nil {
		t.Fatal("no progress dialog over the start screen")
	}
	idle(200 * time.Millisecond) // the read is under way
	test.Tap(op.CancelBtn)
	if top := start.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("the progress dialog is still up after Cancel: %v", top)
	}
	ended := make(chan struct{})
	go func() { d.loads.Wait(); close(ended) }()
	waitFor(t, 2*delay, "the cancelled read to end", func() bool {
		select {
		case <-ended:
			return true
		default:
			return false
		}
	})
	idle(100 * time.Millisecond) // anything it handed to the UI thread has run
	if len(d.windows) != 0 {
		t.Fatalf("a cancelled open opened a course window (%v after it began)", time.Since(began).Round(time.Millisecond))
	}
	if d.start != start {
		t.Fatal("the start screen closed after a cancelled open")
	}

	// Opened again: while the slow page keeps the read waiting, the
	// dialog shows how many of the pages are read.
	d.openFrom(start, dir)
	op = d.opening
	waitFor(t, delay/2, "the dialog to show pages read", func() bool { return op.Bar.Value > 0 })
	if v, words := op.Bar.Value, op.Pages.Text; v >= 1 || !strings.HasPrefix(words, "Read ") || !strings.HasSuffix(words, " pages") {
		t.Fatalf("while a page is slow to read the dialog shows %.2f, %q: want part of the pages read", v, words)
	}
	waitFor(t, 4*delay, "the course window", func() bool { return d.windows[dir] != nil })
	if p := d.windows[dir].View.Course().PageByPath(slow); p == nil || p.Title() != "A page slow to read" {
		t.Fatalf("the course opened without its slow page: %v", p)
	}
}

// addSlowPage adds to the course in dir a page that takes delay to read
// (a link to a uitest.SlowFile in a folder the course does not read, its
// name starting with _), and returns its path in the course.
func addSlowPage(t *testing.T, dir string, delay time.Duration) string {
	t.Helper()
	if err := os.Mkdir(filepath.Join(dir, "_slow"), 0o755); err != nil {
		t.Fatal(err)
	}
	uitest.SlowFile(t, filepath.Join(dir, "_slow", "page"), "---\ntitle: A page slow to read\n---\nIt takes a while to arrive.\n", delay)
	rel := "modules/privilege/_posts/2000-01-05-slow.md"
	if err := os.Symlink("../../../_slow/page", filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
	return rel
}
