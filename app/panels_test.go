package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/editor"
)

// TestCourseMenuOpensPanels opens each tool window from the course
// window's menu and checks what it shows.
func TestCourseMenuOpensPanels(t *testing.T) {
	d, _ := newTestApp(t)
	t.Setenv("GIT_AUTHOR_NAME", "Test Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "author@example.org")
	w, err := d.OpenCourse(corpusCourse(t, "course-in-a-box"))
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]*fyne.MenuItem{}
	for _, m := range w.Win.MainMenu().Items {
		for _, it := range m.Items {
			items[m.Label+"/"+it.Label] = it
		}
	}
	for _, name := range []string{"Insert/Image…", "Insert/Video…", "Course/Settings…", "Course/Facilitator guide…", "Course/Images…", "Course/History…", "Course/Publish…"} {
		if items[name] == nil {
			t.Fatalf("no menu item %s", name)
		}
	}
	if f := w.showSettings(); f.Title.Text != "Course-in-a-Box" {
		t.Fatalf("settings show title %q", f.Title.Text)
	}
	if g := w.showGuide(); !strings.Contains(g.DraftBtn.Text, "Draft") {
		t.Fatalf("guide editor: %q", g.DraftBtn.Text)
	}
	h := w.showHistory()
	waitFor(t, 20*time.Second, "the history", func() bool { return !h.Busy() })
	if len(h.History()) != 0 || h.Status.Text != "" {
		t.Fatalf("history of a new repository: %d versions, status %q", len(h.History()), h.Status.Text)
	}
	if p := w.showPublish(); p.Remote.Text != "" {
		t.Fatalf("publish remote %q", p.Remote.Text)
	}
	if a := w.showAssets(); len(a.Assets()) == 0 {
		t.Fatal("no images listed")
	}
	before := len(d.fyne.Driver().AllWindows())
	if before < 6 {
		t.Fatalf("%d windows open", before)
	}
	test.Tap(w.View.PublishBtn)
	if n := len(d.fyne.Driver().AllWindows()); n != before+1 || !strings.HasPrefix(w.lastPanel.Title(), "Publish — ") {
		t.Fatalf("the Publish button opened %d windows (%q)", n-before, w.lastPanel.Title())
	}
}

// TestLanguageMenu switches the interface to German from the View menu
// and back to the system's language.
func TestLanguageMenu(t *testing.T) {
	t.Setenv("LANGUAGE", "") // restored when the test ends
	d, a := newTestApp(t)
	w, err := d.OpenCourse(corpusCourse(t, "course-in-a-box"))
	if err != nil {
		t.Fatal(err)
	}
	labels := func() string {
		var s []string
		for _, m := range w.Win.MainMenu().Items {
			s = append(s, m.Label)
		}
		return strings.Join(s, " ")
	}
	broken := course.Diagnostic{File: "index.md", Line: 3, Code: course.CodeLinkBroken, Args: map[string]string{"Target": "gone/"},
		Message: "link to a page that does not exist (gone/)", Hint: "fix the link"}
	if got := editor.DiagnosticLine(w.View.Wording(), broken); !strings.HasPrefix(got, "index.md:3: the link gone/ leads nowhere") {
		t.Fatalf("a problem in the system's language (English): %q", got)
	}
	d.setLanguage("de")
	if got := labels(); got != "Datei Bearbeiten Einfügen Kurs Ansicht" {
		t.Fatalf("German menus: %q", got)
	}
	// The open course's problems are told in German too: the view was
	// handed the language, it did not read it from the environment.
	if got := editor.DiagnosticLine(w.View.Wording(), broken); !strings.HasPrefix(got, "index.md:3: der Link gone/ führt ins Leere — ") {
		t.Fatalf("a problem in German: %q", got)
	}
	if a.Preferences().String(prefLanguage) != "de" {
		t.Fatal("the choice is not kept")
	}
	if f := w.showSettings(); f.SaveBtn.Text != "Einstellungen speichern" {
		t.Fatalf("German settings: %q", f.SaveBtn.Text)
	}
	d.setLanguage("")
	if got := labels(); got != "File Edit Insert Course View" {
		t.Fatalf("menus back in English: %q", got)
	}
	if got := w.View.Wording().Language(); got != "en" {
		t.Fatalf("the view's language back to the system's: %q", got)
	}
}

// TestAskCredentials answers the sign-in question the publish window
// asks when no stored credential works.
func TestAskCredentials(t *testing.T) {
	d, _ := newTestApp(t)
	win := d.fyne.NewWindow("publish")
	win.Resize(fyne.NewSize(600, 400))
	var user, token string
	answered := false
	showCredentials(win, "git.example.org", func(u, tok string, ok bool) { user, token, answered = u, tok, ok })
	if !strings.Contains(dialogText(win), "Sign in to git.example.org") {
		t.Fatalf("dialog: %q", dialogText(win))
	}
	var entries []*widget.Entry
	for _, o := range objects(win.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok {
			entries = append(entries, e)
		}
	}
	if len(entries) < 2 {
		t.Fatalf("%d entries in the dialog", len(entries))
	}
	test.Type(entries[0], "teacher")
	test.Type(entries[len(entries)-1], "s3cret")
	test.Tap(findButton(win, "Publish"))
	if !answered || user != "teacher" || token != "s3cret" {
		t.Fatalf("answer %q %q %v", user, token, answered)
	}

	// The publishing goroutine asks; the publish is cancelled while the
	// question is open: the question goes away and the goroutine gets
	// the context's error.
	ask := func(ctx context.Context) chan error {
		result := make(chan error, 1)
		go func() {
			_, _, err := askCredentials(ctx, win, "git.example.org")
			result <- err
		}()
		waitFor(t, 10*time.Second, "the question", func() bool { return strings.Contains(dialogText(win), "Sign in to git.example.org") })
		return result
	}
	answer := func(result chan error) error {
		var err error
		waitFor(t, 10*time.Second, "the answer", func() bool {
			select {
			case err = <-result:
				return true
			default:
				return false
			}
		})
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	result := ask(ctx)
	cancel()
	if err := answer(result); !errors.Is(err, context.Canceled) {
		t.Fatalf("the question of a cancelled publish returned %v", err)
	}
	waitFor(t, 10*time.Second, "the question to close", func() bool { return win.Canvas().Overlays().Top() == nil })

	// Cancelling the question cancels the publish.
	result = ask(context.Background())
	test.Tap(findButton(win, "Cancel"))
	if err := answer(result); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelling the question returned %v", err)
	}
}
