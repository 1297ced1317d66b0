package app

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/course"
)

func TestStartScreenOpensTheSample(t *testing.T) {
	d, a := newTestApp(t)
	w := d.ShowStart()
	for _, label := range []string{"New course…", "Open folder…", "Open the sample course"} {
		if findButton(w, label) == nil {
			t.Fatalf("the start screen has no %q", label)
		}
	}
	test.Tap(findButton(w, "Open the sample course"))
	// The course loads in the background, behind a progress dialog.
	waitFor(t, 20*time.Second, "the sample course's window", func() bool { return d.windows[d.SampleDir()] != nil })
	cw := d.windows[d.SampleDir()]
	if cw == nil {
		t.Fatalf("no window for the sample course (windows: %v)", d.windows)
	}
	if got := cw.Win.Title(); got != "Finding Good Information Online — Coursewright" {
		t.Fatalf("window title %q", got)
	}
	if _, err := os.Stat(filepath.Join(d.SampleDir(), "_data", "course.yml")); err != nil {
		t.Fatalf("the sample was not copied to the app's storage: %v", err)
	}
	if d.start != nil {
		t.Fatal("the start screen stays open")
	}
	// It is now a recent course, listed on the next start screen.
	if r := recent(a.Preferences()); len(r) != 1 || r[0] != d.SampleDir() {
		t.Fatalf("recent courses: %v", r)
	}
	w2 := d.ShowStart()
	if findButton(w2, "sample  —  "+d.SampleDir()) == nil {
		t.Fatal("the sample is not listed as a recent course")
	}
}

func TestNewCourseForm(t *testing.T) {
	newTestApp(t)
	place := t.TempDir()
	f := newNewCourseForm(place, "de")
	// The course's language starts as the interface language, and
	// before a title is typed the folder is not named yet.
	if f.Language.Text != "de" || f.where() != "The course folder will be named after its title, in "+place {
		t.Fatalf("language %q, where %q", f.Language.Text, f.where())
	}
	// The license chooser names the licenses as Creative Commons does and
	// says plainly what the chosen one allows; share-alike is preselected.
	if len(f.License.Options) != len(course.CourseLicenses()) || f.License.Selected != "CC BY-SA 4.0" || !strings.Contains(f.LicensePlain.Text, "under the same terms (CC BY-SA 4.0)") {
		t.Fatalf("license options %q, selected %q, saying %q", f.License.Options, f.License.Selected, f.LicensePlain.Text)
	}
	f.Title.SetText("Reading Together")
	f.License.SetSelected("CC BY 4.0")
	if !strings.Contains(f.LicensePlain.Text, "even commercially, with credit (CC BY 4.0)") {
		t.Fatalf("CC BY 4.0 chosen, the dialog says %q", f.LicensePlain.Text)
	}
	f.Language.SetText("es")
	dir, err := f.create()
	if err != nil {
		t.Fatal(err)
	}
	if dir != filepath.Join(place, "reading-together") {
		t.Fatalf("created in %s", dir)
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := c.Meta()
	if m.Title != "Reading Together" || m.License != "CC-BY-4.0" || m.Language != "es" {
		t.Fatalf("meta %+v", m)
	}
	// A second course of the same title would overwrite: refused.
	if _, err := f.create(); err == nil {
		t.Fatal("created a course over an existing one")
	}
	f.Language.SetText("not a language!")
	f.Title.SetText("Another")
	if _, err := f.create(); err == nil {
		t.Fatal("accepted a bad language tag")
	}
}

func TestOpenCourseWindow(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, err := d.OpenCourse(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := w.Win.Title(); got != "How to Talk About Race — Coursewright" {
		t.Fatalf("title %q", got)
	}
	if w.Win.MainMenu() == nil || len(w.Win.MainMenu().Items) != 5 {
		t.Fatal("no File, Edit, Insert, Course, View menus")
	}
	again, _ := d.OpenCourse(dir)
	if again != w {
		t.Fatal("opening an open course made a second window")
	}
	if _, err := d.OpenCourse(t.TempDir()); err == nil {
		t.Fatal("opened an empty folder as a course")
	}
}

// typeIn types text at the start of the open page.
func typeIn(w *CourseWindow, text string) {
	ed := w.View.Page.Text
	ed.Select(0, 0)
	test.Type(ed, text)
}

// TestJournalRestoresAfterACrash types, waits for the journal, drops the
// app without saving (a crash), starts again and restores.
func TestJournalRestoresAfterACrash(t *testing.T) {
	d, _ := newTestApp(t)
	crashesBeforeAutosave(d)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, err := d.OpenCourse(dir)
	if err != nil {
		t.Fatal(err)
	}
	page := w.View.Page.Page().Path
	const typed = "Every word typed here must survive a crash: ünïcödé, too.\n"
	typeIn(w, typed)
	start := time.Now()
	journalFile := d.journal.path(dir)
	waitFor(t, 3*time.Second, "the journal", func() bool {
		e, ok := d.journal.read(dir)
		return ok && strings.HasPrefix(e.Pages[page], typed)
	})
	if took := time.Since(start); took > loadedBound {
		t.Errorf("the journal took %v after the last key", took)
	}
	if strings.HasPrefix(journalFile, dir) {
		t.Fatal("the journal is inside the course folder")
	}
	before := read(t, filepath.Join(dir, page))
	if strings.Contains(before, "survive a crash") {
		t.Fatal("the text was saved, not only journaled")
	}

	// Crash: the window is never closed, the new app knows nothing of it.
	d2, _ := restart(t)
	w2, err := d2.OpenCourse(dir)
	if err != nil {
		t.Fatal(err)
	}
	offer := dialogText(w2.Win)
	if !strings.Contains(offer, "Bring them back?") || !strings.Contains(offer, page) || !strings.Contains(offer, "+ Every word typed here") {
		t.Fatalf("the restore offer shows:\n%s", offer)
	}
	test.Tap(findButton(w2.Win, "Restore"))
	if got := w2.View.Page.Text.Text(); !strings.HasPrefix(got, typed) {
		t.Fatalf("restored text starts %q", got[:min(80, len(got))])
	}
	if !w2.Save() {
		t.Fatal("save failed")
	}
	if got := read(t, filepath.Join(dir, page)); !strings.Contains(got, typed) {
		t.Fatalf("saved file lacks the restored text:\n%s", got[:min(300, len(got))])
	}
	if _, err := os.Stat(journalFile); !os.IsNotExist(err) {
		t.Fatalf("the journal is still there after saving: %v", err)
	}
}

func TestJournalDiscard(t *testing.T) {
	d, _ := newTestApp(t)
	crashesBeforeAutosave(d)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	typeIn(w, "to be thrown away")
	w.writeJournal()
	d2, _ := restart(t)
	w2, _ := d2.OpenCourse(dir)
	test.Tap(findButton(w2.Win, "Discard"))
	if strings.Contains(w2.View.Page.Text.Text(), "to be thrown away") {
		t.Fatal("discarded text came back")
	}
	if _, ok := d2.journal.read(dir); ok {
		t.Fatal("the journal survived Discard")
	}
}

// Quitting with App.Quit or a signal skips the close intercept; what Run
// does once the event loop has ended still journals (the real process
// under SIGTERM: cmd/coursewright's TestSigtermJournalsRealProcess).
func TestStopFlushesTheJournal(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	typeIn(w, "typed just before quitting")
	d.flushJournals()
	e, ok := d.journal.read(dir)
	if !ok || !strings.Contains(e.Pages[w.View.Page.Page().Path], "typed just before quitting") {
		t.Fatalf("journal after stop: %v %v", ok, e.Pages)
	}
}

func TestCloseAsksToSave(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	page := filepath.Join(dir, w.View.Page.Page().Path)

	// Nothing changed: closing closes.
	w.askClose()
	if _, open := d.windows[dir]; open {
		t.Fatal("an unchanged window asked before closing")
	}

	w, _ = d.OpenCourse(dir)
	typeIn(w, "Keep me. ")
	w.askClose()
	for _, b := range []string{"Save", "Don't save", "Cancel"} {
		if findButton(w.Win, b) == nil {
			t.Fatalf("the close question has no %q", b)
		}
	}
	test.Tap(findButton(w.Win, "Cancel"))
	if _, open := d.windows[dir]; !open {
		t.Fatal("Cancel closed the window")
	}
	w.askClose()
	test.Tap(findButton(w.Win, "Save"))
	if _, open := d.windows[dir]; open {
		t.Fatal("Save did not close the window")
	}
	if !strings.Contains(read(t, page), "Keep me. ") {
		t.Fatal("Save did not save")
	}

	w, _ = d.OpenCourse(dir)
	typeIn(w, "Drop me. ")
	w.askClose()
	test.Tap(findButton(w.Win, "Don't save"))
	if strings.Contains(read(t, page), "Drop me.") {
		t.Fatal("Don't save saved")
	}
	if _, ok := d.journal.read(dir); ok {
		t.Fatal("Don't save left a journal to restore")
	}
}

// The window's size and split positions come back the next time.
func TestWindowLayoutIsRemembered(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	w.Win.Resize(fyne.NewSize(1000, 700))
	w.View.Outer.SetOffset(0.3)
	w.View.Inner.SetOffset(0.4)
	w.askClose()
	w2, _ := d.OpenCourse(dir)
	if got := w2.Win.Canvas().Size(); got.Width != 1000 || got.Height != 700 {
		t.Fatalf("window size %v", got)
	}
	if w2.View.Outer.Offset != 0.3 || w2.View.Inner.Offset != 0.4 {
		t.Fatalf("splits %v %v", w2.View.Outer.Offset, w2.View.Inner.Offset)
	}
}

// Quit asks each window with unsaved work, like closing it.
func TestQuitAsksFirst(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	typeIn(w, "unsaved ")
	d.quit()
	if findButton(w.Win, "Don't save") == nil {
		t.Fatal("quit did not ask")
	}
	test.Tap(findButton(w.Win, "Cancel"))
	if _, open := d.windows[dir]; !open {
		t.Fatal("Cancel did not keep the window")
	}
}

// "Open in browser" saves, starts the site preview and serves the page
// as it will be published.
func TestOpenInBrowserServesThePage(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	p := w.View.Course().Module("privilege").Page("checkin")
	w.View.OpenPage(p)
	typeIn(w, "Served fresh. ")
	w.View.OpenInBrowser()
	waitFor(t, 30*time.Second, "the preview server", func() bool {
		return w.preview != nil
	})
	defer w.preview.Close()
	resp, err := http.Get(w.preview.PageURL(p))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Served fresh.") {
		t.Fatalf("GET %s: %d\n%.300s", w.preview.PageURL(p), resp.StatusCode, body)
	}
	if w.View.Modified() {
		t.Fatal("the page was not saved before opening it in the browser")
	}
}
