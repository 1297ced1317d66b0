package app

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/internal/testcorpus"
	"github.com/coursewright/coursewright/internal/uitest"
)

// newTestApp makes an App on Fyne's test driver with its own storage
// (the test driver keeps storage in the temporary folder).
func newTestApp(t *testing.T) (*App, fyne.App) {
	t.Helper()
	t.Setenv("TMPDIR", t.TempDir())
	a := onUI(t)
	d := New(a, Options{})
	// The journal writers, timers and watches stop before the temporary
	// folders go (the test still holds the UI thread then: cleanups run
	// last first), so nothing of this test reaches the UI after it.
	t.Cleanup(func() { releaseWindows(d) })
	return d, a
}

// restart is a new app on the same storage, as after a crash.
func restart(t *testing.T) (*App, fyne.App) {
	t.Helper()
	a := onUI(t)
	d := New(a, Options{})
	// The journal writers, timers and watches stop before the temporary
	// folders go (the test still holds the UI thread then: cleanups run
	// last first), so nothing of this test reaches the UI after it.
	t.Cleanup(func() { releaseWindows(d) })
	return d, a
}

func corpusCourse(t *testing.T, name string) string { return testcorpus.Copy(t, name) }

// objects lists every object under o, creating renderers as painting
// would.
func objects(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			out = append(out, objects(ch)...)
		}
	case *fyne.Container:
		for _, ch := range c.Objects {
			out = append(out, objects(ch)...)
		}
	}
	return out
}

// findButton finds a button by its label in a window's dialogs, then in
// its content.
func findButton(w fyne.Window, label string) *widget.Button {
	roots := append([]fyne.CanvasObject{}, w.Canvas().Overlays().List()...)
	roots = append(roots, w.Content())
	for _, r := range roots {
		for _, o := range objects(r) {
			if b, ok := o.(*widget.Button); ok && b.Text == label && b.Visible() {
				return b
			}
		}
	}
	return nil
}

// texts is all label and rich text shown in a window's top dialog.
func dialogText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	for _, o := range objects(top) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		}
	}
	return b.String()
}

// waitFor lets the UI thread run until cond holds, for up to d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	uitest.WaitFor(t, d, what, cond)
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// crashesBeforeAutosave turns saving automatically off, for tests that
// crash (drop the app) with text unsaved, however long they take.
func crashesBeforeAutosave(d *App) { d.fyne.Preferences().SetBool(prefAutosave, false) }

// releaseWindows stops what the app's windows run in the background, as
// closing them does, without the questions closing asks.
func releaseWindows(d *App) {
	if d.opening != nil {
		d.opening.cancel()
	}
	d.loads.Wait()
	d.flushJournals()
	for _, w := range d.windows {
		w.closed = true
		w.View.Close()
		if w.watch != nil {
			w.watch.Close()
		}
		if w.preview != nil {
			_ = w.preview.Close()
		}
	}
}
