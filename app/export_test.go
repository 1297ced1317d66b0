package app

import (
	"archive/zip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// urlApp records the addresses the app asks the system to open.
type urlApp struct {
	fyne.App
	opened []*url.URL
}

func (a *urlApp) OpenURL(u *url.URL) error {
	a.opened = append(a.opened, u)
	return nil
}

// exportWindow opens a corpus course and its export dialog.
func exportWindow(t *testing.T) (*CourseWindow, *ExportDialog) {
	t.Helper()
	d, _ := newTestApp(t)
	w, err := d.OpenCourse(corpusCourse(t, "we-are-ai"))
	if err != nil {
		t.Fatal(err)
	}
	return w, w.showExport()
}

// runExport taps Export and waits for the export to end.
func runExport(t *testing.T, e *ExportDialog) (string, error) {
	t.Helper()
	type end struct {
		path string
		err  error
	}
	var got *end
	e.OnFinished = func(p string, err error) { got = &end{p, err} }
	test.Tap(e.ExportBtn)
	waitFor(t, 60*time.Second, "the export", func() bool { return got != nil })
	return got.path, got.err
}

func choose(t *testing.T, e *ExportDialog, label string) {
	t.Helper()
	for _, o := range e.Format.Options {
		if strings.HasPrefix(o, label) {
			e.Format.SetSelected(o)
			return
		}
	}
	t.Fatalf("no format %q in %q", label, e.Format.Options)
}

// TestExportDialogWritesFiles exports from the dialog as an author
// would: a format, a place, Export; the file is a valid package and
// Show in folder is offered.
func TestExportDialogWritesFiles(t *testing.T) {
	w, e := exportWindow(t)
	items := map[string]bool{}
	for _, it := range w.Win.MainMenu().Items[0].Items {
		items[it.Label] = true
	}
	if !items["Export…"] {
		t.Fatal("no File → Export…")
	}
	if len(e.Format.Options) != 6 {
		t.Fatalf("formats: %q", e.Format.Options)
	}
	out := t.TempDir()

	choose(t, e, "A USB stick")
	if got := filepath.Base(e.Path.Text); got != "we-are-ai-offline.zip" {
		t.Fatalf("default file name %q", got)
	}
	e.Path.SetText(filepath.Join(out, "course.zip"))
	path, err := runExport(t, e)
	if err != nil {
		t.Fatalf("export: %v (%s)", err, e.Result.Text)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("the zip does not open: %v", err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	zr.Close()
	if !names["index.html"] {
		t.Fatalf("no index.html in the zip: %d files", len(names))
	}
	if !e.ShowBtn.Visible() || !strings.Contains(e.Result.Text, path) {
		t.Fatalf("after the export: %q, Show in folder visible %v", e.Result.Text, e.ShowBtn.Visible())
	}

	// Show in folder opens the file's folder with the system's opener.
	opener := &urlApp{App: w.app.fyne}
	w.app.fyne = opener
	test.Tap(e.ShowBtn)
	w.app.fyne = opener.App
	if len(opener.opened) != 1 || opener.opened[0].Scheme != "file" || filepath.Clean(opener.opened[0].Path) != out {
		t.Fatalf("Show in folder opened %v, want the folder %s", opener.opened, out)
	}

	// A new format follows in the file name until the author names it.
	e.named = false
	choose(t, e, "E-readers")
	if filepath.Ext(e.Path.Text) != ".epub" || filepath.Dir(e.Path.Text) != out {
		t.Fatalf("epub file name %q", e.Path.Text)
	}
	path, err = runExport(t, e)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	zr, err = zip.OpenReader(path)
	if err != nil {
		t.Fatalf("the epub does not open: %v", err)
	}
	defer zr.Close()
	if f := zr.File[0]; f.Name != "mimetype" || f.Method != zip.Store {
		t.Fatalf("epub's first entry %q (method %d)", f.Name, f.Method)
	}
	// The next dialog saves where the last export went.
	if e2 := w.showExport(); filepath.Dir(e2.Path.Text) != out {
		t.Fatalf("second dialog saves to %q", e2.Path.Text)
	}
}

// TestExportDialogCancel: Cancel stops the export and leaves no file,
// whole or partial.
func TestExportDialogCancel(t *testing.T) {
	_, e := exportWindow(t)
	out := t.TempDir()
	choose(t, e, "A USB stick")
	e.Path.SetText(filepath.Join(out, "course.zip"))
	var got error
	done := false
	e.OnFinished = func(_ string, err error) { got, done = err, true }
	test.Tap(e.ExportBtn)
	if e.CancelBtn.Text != "Cancel" || !e.ExportBtn.Disabled() {
		t.Fatalf("while exporting: %q, Export enabled", e.CancelBtn.Text)
	}
	test.Tap(e.CancelBtn)
	waitFor(t, 60*time.Second, "the cancelled export", func() bool { return done })
	if got == nil {
		t.Fatal("the cancelled export succeeded")
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Fatalf("a cancelled export left %v", ents)
	}
	if !strings.Contains(e.Result.Text, "cancelled") || e.ShowBtn.Visible() || e.CancelBtn.Text != "Close" {
		t.Fatalf("after cancel: %q", e.Result.Text)
	}
}

// TestExportDialogErrorInWords: an export that fails says so in words,
// not as a Go error chain, and leaves no file.
func TestExportDialogErrorInWords(t *testing.T) {
	_, e := exportWindow(t)
	out := t.TempDir()
	// The place chosen is a folder: the file cannot be put there.
	target := filepath.Join(out, "taken.zip")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	choose(t, e, "A USB stick")
	e.Path.SetText(target)
	_, err := runExport(t, e)
	if err == nil {
		t.Fatal("exported over a folder")
	}
	msg := e.Result.Text
	if !strings.HasPrefix(msg, "The course was not exported. ") || strings.Contains(msg, err.Error()) || strings.Contains(msg, "rename") {
		t.Fatalf("the error is shown as %q (error %v)", msg, err)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 1 {
		t.Fatalf("a failed export left %v", ents)
	}

	// A place that does not exist is caught before anything runs.
	e.Path.SetText(filepath.Join(out, "no-such-folder", "x.zip"))
	test.Tap(e.ExportBtn)
	if !strings.Contains(e.Result.Text, "does not exist") {
		t.Fatalf("missing folder: %q", e.Result.Text)
	}
}
