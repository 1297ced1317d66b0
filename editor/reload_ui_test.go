//go:build unix

package editor

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gencourse"
	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/coursewright/coursewright/internal/uitest"
)

// uiBlockLimit is the longest the UI thread may be kept from the next
// event: uitest.BlockLimit says why, and how to hold the code to 50 ms.
func uiBlockLimit(t *testing.T) time.Duration { return uitest.BlockLimit(t, raceDetector) }

// slowPageDelay is how long reading the slow page takes (slowPage): longer
// than the watchdog's limit, so a re-read of the course on the UI thread
// fails the watchdog whatever the machine's speed.
func slowPageDelay(t *testing.T) time.Duration { return uiBlockLimit(t) + 500*time.Millisecond }

const slowPageText = "---\ntitle: A page slow to read\n---\nIt takes a while to arrive.\n"

// slowPage makes fifo a file that gives slowPageText only delay after
// it is opened (uitest.SlowFile).
func slowPage(t *testing.T, fifo string, delay time.Duration) {
	uitest.SlowFile(t, fifo, slowPageText, delay)
}

// linkSlowPage puts a page at rel in dir that links to the slow page in
// .git (a symbolic link, which git keeps as such).
func linkSlowPage(t *testing.T, dir, rel string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	up := strings.Repeat("../", strings.Count(rel, "/"))
	if err := os.Symlink(up+".git/slow-page", full); err != nil {
		t.Fatal(err)
	}
}

// Restoring the whole course brings back a page deleted since, which
// takes longer than the watchdog's limit to read: the course is read
// again as a whole. A watchdog posts to the UI thread every 10 ms from the
// tap on Restore until the page is back in the editor's course; the
// longest gap between two pings is the longest the UI thread was held.
func TestRestoreNeverBlocksTheUIThread(t *testing.T) {
	limit := uiBlockLimit(t)
	t.Setenv("GIT_AUTHOR_NAME", "Ana Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "ana@example.org")
	t.Setenv("GIT_COMMITTER_NAME", "Ana Author")
	t.Setenv("GIT_COMMITTER_EMAIL", "ana@example.org")
	dir := corpusCourse(t, "course-in-a-box")
	gittest.Git(t, dir, "init", "-q", "-b", "main")
	slowPage(t, filepath.Join(dir, ".git", "slow-page"), slowPageDelay(t))
	back := "modules/setup/_posts/2000-01-05-slow.md"
	linkSlowPage(t, dir, back)
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "commit", "-q", "-m", "With the slow page")
	gittest.Git(t, dir, "rm", "-q", back)
	gittest.Git(t, dir, "commit", "-q", "-m", "Without it")

	p := &fakePrompt{t: t}
	v, _ := openView(t, dir, p)
	if v.Course().PageByPath(back) != nil {
		t.Fatal("the deleted page is in the course")
	}
	h := NewHistoryPanel(v)
	test.NewTempWindow(t, h.Content)
	waitHistory(t, h)
	if len(h.History()) != 2 {
		t.Fatalf("%d versions, want 2", len(h.History()))
	}
	h.Versions.Select(1) // the version with the slow page
	waitHistory(t, h)

	stop := uitest.Ping(10 * time.Millisecond)
	began := time.Now()
	test.Tap(h.RestoreAllBtn)
	uitest.WaitFor(t, time.Minute, "the restore and the course read again", func() bool {
		return !h.Busy() && !v.Busy() && v.Course().PageByPath(back) != nil
	})
	took := time.Since(began)
	gap := stop()

	if !strings.Contains(h.Status.Text, "whole course") {
		t.Fatalf("after the restore the panel says %q (errors %v)", h.Status.Text, p.errs)
	}
	restored := v.Course().PageByPath(back)
	if restored.Title() != "A page slow to read" {
		t.Fatalf("the restored page has the title %q", restored.Title())
	}
	m, _ := v.moduleOf(restored)
	if m == nil || !slices.Contains(v.Tree.children(moduleNode(m)), pageNode(restored)) {
		t.Fatal("the tree does not show the restored page")
	}
	t.Logf("restoring the course with a page that takes %v to read: %v until the course was read again; longest UI-thread gap %v (limit %v)",
		slowPageDelay(t), took.Round(time.Millisecond), gap.Round(time.Millisecond), limit)
	if gap > limit {
		t.Errorf("restoring the course blocked the UI thread for %v (limit %v)", gap.Round(time.Millisecond), limit)
	}
	if len(p.errs) > 0 {
		t.Fatalf("errors shown: %v", p.errs)
	}
}

// A publish that merges a co-author's new page, which takes longer than
// the watchdog's limit to read, reads the course again; a watchdog checks
// that the UI thread was never held beyond the limit from the tap on
// Publish until the editor's course has the co-author's page.
func TestPublishMergeNeverBlocksTheUIThread(t *testing.T) {
	limit := uiBlockLimit(t)
	auth := publishEnv(t, "tok")
	srv := gittest.NewHTTPServer(t, "teacher", "tok")
	dir := corpusCourse(t, "course-in-a-box")
	gittest.Git(t, dir, "init", "-q", "-b", "main")
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "-c", "user.name=Ana Author", "-c", "user.email=ana@example.org", "commit", "-q", "-m", "First")
	remote := "http://teacher:tok@" + strings.TrimPrefix(srv.URL("box"), "http://")
	gittest.Git(t, dir, "push", "-q", remote, "main")
	slowPage(t, filepath.Join(dir, ".git", "slow-page"), slowPageDelay(t))

	// A co-author adds a page on the server.
	coauthor := filepath.Join(t.TempDir(), "coauthor")
	gittest.Git(t, "", "clone", "-q", remote, coauthor)
	added := "modules/setup/_posts/2000-01-05-their-page.md"
	linkSlowPage(t, coauthor, added)
	gittest.Git(t, coauthor, "add", "-A")
	gittest.Git(t, coauthor, "-c", "user.name=Co Author", "-c", "user.email=co@example.org", "commit", "-q", "-m", "Their page")
	gittest.Git(t, coauthor, "push", "-q", "origin", "main")

	pr := &fakePrompt{t: t}
	v, _ := openView(t, dir, pr)
	pp, done := publishingPanel(t, v, auth)
	test.Type(pp.Remote, srv.URL("box"))

	stop := uitest.Ping(10 * time.Millisecond)
	began := time.Now()
	o := publishAndWait(t, pp, done)
	if o.err != nil {
		t.Fatalf("publish: %v (%s)", o.err, pp.Result.Text)
	}
	uitest.WaitFor(t, time.Minute, "the merged page in the editor's course", func() bool {
		return !v.Busy() && v.Course().PageByPath(added) != nil
	})
	took := time.Since(began)
	gap := stop()
	if !slices.Contains(o.res.Merged, added) {
		t.Fatalf("the publish merged %v, want %s", o.res.Merged, added)
	}
	if got := v.Course().PageByPath(added).Title(); got != "A page slow to read" {
		t.Fatalf("the merged page has the title %q", got)
	}
	t.Logf("publishing with a merged page that takes %v to read: %v until it was in the editor; longest UI-thread gap %v (limit %v)",
		slowPageDelay(t), took.Round(time.Millisecond), gap.Round(time.Millisecond), limit)
	if gap > limit {
		t.Errorf("publishing with a merge blocked the UI thread for %v (limit %v)", gap.Round(time.Millisecond), limit)
	}
	if len(pr.errs) > 0 {
		t.Fatalf("errors shown: %v", pr.errs)
	}
}

// bigCoursePages is the size of the course the cancel test prepares to
// publish: loading and checking it takes long enough to cancel midway.
const bigCoursePages = 2000

// Cancel while the publish is being prepared on a large course (the
// course is loaded and checked again, off the UI thread) ends the
// preparation within a page: the panel says "Cancelled" long before the
// whole course would have been read.
func TestPublishPreparationOfALargeCourseCancelsPromptly(t *testing.T) {
	auth := publishEnv(t, "tok")
	srv := gittest.NewHTTPServer(t, "teacher", "tok")
	dir := filepath.Join(t.TempDir(), "course")
	if err := gencourse.Write(dir, gencourse.Options{Pages: bigCoursePages, Words: 300, PerModule: 10, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	v, _ := openView(t, dir, &fakePrompt{t: t})
	pp, done := publishingPanel(t, v, auth)
	test.Type(pp.Remote, srv.URL("big"))

	// What the preparation does after setting the remote, timed here:
	// load and check the course.
	began := time.Now()
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	course.Check(c)
	whole := time.Since(began)

	test.Tap(pp.PublishBtn)
	uitest.Idle(whole / 5)
	if pp.Phase.Text != "Preparing to publish…" {
		t.Skipf("the preparation ended within %v, before the cancel: nothing to measure", whole/5)
	}
	cancelled := time.Now()
	test.Tap(pp.CancelBtn)
	o := waitOutcome(t, done, "the cancelled preparation")
	lag := time.Since(cancelled)
	if !errors.Is(o.err, context.Canceled) || pp.Result.Text != "Cancelled: nothing was published." {
		t.Fatalf("after cancelling: %v, result %q", o.err, pp.Result.Text)
	}
	t.Logf("loading and checking a %d-page course: %v; cancelled %v after the preparation began, it ended %v after the cancel",
		bigCoursePages, whole.Round(time.Millisecond), (whole / 5).Round(time.Millisecond), lag.Round(time.Millisecond))
	// A preparation that ignores Cancel ends only when the load and
	// check are done: about 4/5 of whole from here.
	if bound := whole / 2; lag > bound && lag > 100*time.Millisecond {
		t.Errorf("the preparation ended %v after Cancel; loading and checking the course takes %v (want under %v)", lag.Round(time.Millisecond), whole.Round(time.Millisecond), bound.Round(time.Millisecond))
	}
}
