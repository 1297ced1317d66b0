package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/editor"
	"github.com/coursewright/coursewright/preview"
	"github.com/coursewright/coursewright/repo"
)

// The course window's tool windows: settings, facilitator guide,
// history and publishing. Each is an editor panel in a window of its own,
// so the author can keep the page open beside it; all their work is done
// by the panel's calls into course, repo and publish.

// panelWindow shows content in a new window titled after the course.
func (w *CourseWindow) panelWindow(title string, content fyne.CanvasObject, size fyne.Size) fyne.Window {
	return w.showPanel(w.app.fyne.NewWindow(""), title, content, size)
}

// showPanel shows content in win, titled after the course.
func (w *CourseWindow) showPanel(win fyne.Window, title string, content fyne.CanvasObject, size fyne.Size) fyne.Window {
	win.SetTitle(title + " — " + strings.TrimSuffix(windowTitle(w.View.Course()), " — Coursewright"))
	win.SetContent(content)
	win.Resize(size)
	win.Show()
	w.lastPanel = win
	return win
}

// withClose puts a Close button under a tool window's content: a window
// that only its title bar can close is easy to lose behind the course
// window, and on a small screen its title bar may be off it (issue 16).
func withClose(win fyne.Window, content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), widget.NewButton(lang.L("Close"), win.Close)), nil, nil, content)
}

// closablePanel shows content with a Close button in a new window.
func (w *CourseWindow) closablePanel(title string, content fyne.CanvasObject, size fyne.Size) fyne.Window {
	win := w.app.fyne.NewWindow("")
	return w.showPanel(win, title, withClose(win, content), size)
}

// showSettings opens the course settings form.
func (w *CourseWindow) showSettings() *editor.SettingsForm {
	f := editor.NewSettingsForm(w.View)
	win := w.panelWindow(lang.L("Course settings"), f.Content, fyne.NewSize(720, 760))
	f.OnClose, f.Ask = win.Close, &dialogPrompt{win: win, words: w.app.wording}
	return f
}

// showGuide opens the facilitator guide editor.
func (w *CourseWindow) showGuide() *editor.GuideEditor {
	g := editor.NewGuideEditor(w.View)
	// The site's CSS has print styles: the browser prints the guide as is.
	g.OnPrint = func() {
		w.openPreview(func(s *preview.Server) string { return s.URL() + course.GuideDir + "/" })
	}
	win := w.closablePanel(lang.L("Facilitator guide"), g.Content, fyne.NewSize(980, 640))
	// Rows typed but not saved are saved when the window closes, as when
	// switching meetings.
	win.SetOnClosed(func() { g.ShowMeeting(0) })
	return g
}

// showAssets opens the list of the course's images.
func (w *CourseWindow) showAssets() *editor.AssetsPanel {
	a := editor.NewAssetsPanel(w.View)
	w.closablePanel(lang.L("Images"), a.Content, fyne.NewSize(820, 600))
	return a
}

// showHistory opens the versions of the course. The panel opens the
// repository and reads the history in the background; a folder that is
// not a repository yet has an empty history (viewing it does not make it
// one). Closing the window cancels the git work under way.
func (w *CourseWindow) showHistory() *editor.HistoryPanel {
	h := editor.NewHistoryPanel(w.View)
	win := w.closablePanel(lang.L("History"), h.Content, fyne.NewSize(900, 700))
	win.SetOnClosed(h.Cancel)
	return h
}

// showPublish opens the publish dialog's window; closing it cancels a
// publish under way.
func (w *CourseWindow) showPublish() *editor.PublishPanel {
	p := editor.NewPublishPanel(w.View)
	win := w.app.fyne.NewWindow("")
	// Stored credentials (keychain, git's credential helper, the SSH
	// agent) come first; the author is asked only when none works.
	p.Auth = &repo.Auth{AskContext: func(ctx context.Context, host string) (string, string, error) {
		return askCredentials(ctx, win, host)
	}}
	p.SiteURL.OnTapped = func() { w.openURL(p.SiteURL.URL.String()) }
	// Scrolled: with a conflict to show, the panel is taller than a
	// small laptop's window.
	w.showPanel(win, lang.L("Publish"), withClose(win, container.NewVScroll(p.Content)), fyne.NewSize(760, 560))
	win.SetOnClosed(p.Cancel)
	return p
}

// errNoCredentials is returned when the author cancels the question for
// a user name and token: that cancels the publish (it wraps
// context.Canceled, which the panel reports as "Cancelled").
var errNoCredentials = fmt.Errorf("no user name and token given: %w", context.Canceled)

// askCredentials asks for a user name and token (or password) for host
// on win and waits for the answer. It runs on the publishing goroutine,
// never on the UI thread, which shows the question. When ctx ends first
// (the publish was cancelled, or its window closed), the question goes
// away and ctx's error is returned.
func askCredentials(ctx context.Context, win fyne.Window, host string) (user, token string, err error) {
	type answer struct{ user, token string }
	ch := make(chan *answer, 1)
	shown := make(chan dialog.Dialog, 1)
	fyne.Do(func() {
		shown <- showCredentials(win, host, func(user, token string, ok bool) {
			if ok {
				ch <- &answer{user, token}
			} else {
				ch <- nil
			}
		})
	})
	select {
	case a := <-ch:
		if a == nil {
			return "", "", errNoCredentials
		}
		return a.user, a.token, nil
	case <-ctx.Done():
		d := <-shown
		fyne.Do(d.Hide)
		return "", "", ctx.Err()
	}
}

// showCredentials shows the sign-in question; done gets the answer, ok
// false on cancel.
func showCredentials(win fyne.Window, host string, done func(user, token string, ok bool)) dialog.Dialog {
	u := widget.NewEntry()
	tok := widget.NewPasswordEntry()
	tok.Validator = func(s string) error {
		if s == "" {
			return errEmpty()
		}
		return nil
	}
	d := dialog.NewForm(lang.L("Sign in to {{.Host}}", map[string]any{"Host": host}), lang.L("Publish"), lang.L("Cancel"),
		[]*widget.FormItem{
			widget.NewFormItem(lang.L("User name"), u),
			widget.NewFormItem(lang.L("Token or password"), tok),
		}, func(ok bool) { done(u.Text, tok.Text, ok) }, win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
	return d
}

// chooseImage asks for an image file with the file dialog.
func (w *CourseWindow) chooseImage(done func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(editor.UserError(w.app.wording(), lang.L("Could not choose the file."), err), w.Win)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		_ = r.Close()
		done(path)
	}, w.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// dropped inserts the files dropped on the window into the open page.
func (w *CourseWindow) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	w.View.DropFiles(paths)
}
