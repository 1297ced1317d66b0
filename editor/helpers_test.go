package editor

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"github.com/coursewright/coursewright/internal/uitest"
	"github.com/coursewright/coursewright/render"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// corpusCourse copies a course of the shared corpus into a temporary
// folder.
func corpusCourse(t testing.TB, name string) string { return testcorpus.Copy(t, name) }

// fakePrompt answers every question at once with the next answer.
type fakePrompt struct {
	t       testing.TB
	answers []string
	errs    []error
}

func (f *fakePrompt) AskText(title, _, _ string, done func(string)) {
	if len(f.answers) == 0 {
		f.t.Fatalf("unexpected question %q", title)
	}
	a := f.answers[0]
	f.answers = f.answers[1:]
	done(a)
}

func (f *fakePrompt) ShowError(err error) { f.errs = append(f.errs, err) }

// openView loads a course folder into a CourseView in a test window.
func openView(t testing.TB, dir string, p *fakePrompt) (*CourseView, fyne.Window) {
	t.Helper()
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	uitest.NewApp(t)
	v := NewCourseView(c, render.New(render.Options{}), p, ViewOptions{})
	w := test.NewTempWindow(t, v.Content)
	w.Resize(fyne.NewSize(1200, 800))
	t.Cleanup(func() { v.Close(); v.WaitBackground() }) // no timer or check of this test fires into the next
	settle(t, v)
	return v, w
}

// settle lets the UI thread run until the view's background work (the
// problem list, the preview, the pause after typing) has shown its
// results: the real goroutines and timers, waited for, not skipped.
func settle(t testing.TB, v *CourseView) {
	t.Helper()
	uitest.WaitFor(t, 20*time.Second, "the view's background work", func() bool { return !v.Busy() })
}

func readFile(t testing.TB, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func exists(dir, rel string) bool {
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
	return err == nil
}

func ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func alt(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierAlt}
}

// assertMarkup compares a canvas with a golden file in testdata, using
// Fyne's own comparison; with -update it rewrites the file first.
func assertMarkup(t *testing.T, name string, c fyne.Canvas) {
	t.Helper()
	if *update {
		path := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(test.RenderToMarkup(c)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	test.AssertRendersToMarkup(t, name, c)
}
