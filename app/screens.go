package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/editor"
	"github.com/coursewright/coursewright/publish"
	"github.com/coursewright/coursewright/repo"
)

// The screen review (issue 16): a tour of every screen of the app, the
// same for the in-process test (screens_test.go, on Fyne's test driver)
// and the screenshot run (scripts/screenshot.sh --all, the real window
// under Xvfb, through the "screens" test hook). Each step opens a screen
// and says which window shows it; the runner then resizes that window to
// each size, checks it with internal/screencheck and, in the real run,
// saves a picture.

// ReviewSizes are the window sizes every screen is looked at in: a
// small laptop window and a large one.
var ReviewSizes = []fyne.Size{{Width: 900, Height: 650}, {Width: 1400, Height: 900}}

// screenTour is what the steps need: the app, the course window they
// open panels from, and how to act on and wait for the UI, which differ
// between the test (which holds the UI thread) and the real app (where
// the tour runs on a goroutine of its own).
type screenTour struct {
	d *App
	w *CourseWindow
	// course is a copy of a course the tour may change; scratch a folder
	// for the other files it makes (a git remote, a co-author's clone).
	course, scratch string
	// ui runs fn on the UI thread; wait lets the UI run until cond (run
	// on the UI thread) holds, and returns false when it did not in time.
	ui   func(fn func())
	wait func(what string, cond func() bool) bool
	// texts lists the text shown under an object (screencheck.Texts:
	// the tour is in the release build, the checker only in tests and
	// the test hook's build).
	texts func(fyne.CanvasObject) []string
	// content holds objects that show the course's own text beyond the
	// preview and the page editor (the two versions of a conflict): the
	// language check leaves them alone.
	content map[fyne.CanvasObject]bool
	// logf reports what the tour could not do (the step's screen then
	// shows what it has).
	logf func(format string, args ...any)
}

// screenStep is one screen: show opens it (running UI work through
// s.ui) and returns the window that shows it, with dialog true when the
// screen is the window's top dialog; close puts the app back.
type screenStep struct {
	name  string
	show  func(s *screenTour) (win fyne.Window, dialog bool)
	close func(s *screenTour, win fyne.Window)
}

// closeWindow closes a tool window.
func closeWindow(_ *screenTour, win fyne.Window) { win.Close() }

// hideDialogs hides the dialogs of a window.
func hideDialogs(_ *screenTour, win fyne.Window) {
	for top := win.Canvas().Overlays().Top(); top != nil; top = win.Canvas().Overlays().Top() {
		win.Canvas().Overlays().Remove(top)
	}
}

// startSteps are the screens before a course is open: the start window,
// its dialogs, and the error of a folder that is not a course.
func startSteps() []screenStep {
	start := func(s *screenTour) fyne.Window {
		var win fyne.Window
		s.ui(func() { win = s.d.ShowStart() })
		return win
	}
	return []screenStep{
		{name: "start", show: func(s *screenTour) (fyne.Window, bool) { return start(s), false }},
		{name: "start-new-course", show: func(s *screenTour) (fyne.Window, bool) {
			win := start(s)
			s.ui(func() { s.d.showNewCourse(win) })
			return win, true
		}, close: hideDialogs},
		{name: "start-adapt-course", show: func(s *screenTour) (fyne.Window, bool) {
			win := start(s)
			s.ui(func() { s.d.showAdaptCourse(win) })
			return win, true
		}, close: hideDialogs},
		{name: "error-not-a-course", show: func(s *screenTour) (fyne.Window, bool) {
			win := start(s)
			empty := filepath.Join(s.scratch, "not-a-course")
			_ = os.MkdirAll(empty, 0o755)
			s.ui(func() { s.d.openFrom(win, empty) })
			s.wait("the error dialog", func() bool {
				return win.Canvas().Overlays().Top() != nil && strings.Contains(s.overlayText(win), lang.L("This folder is not a course. Choose a folder that has _data/course.yml, or create a new course."))
			})
			return win, true
		}, close: hideDialogs},
	}
}

// courseSteps are the screens of an open course: s.w is its window.
func courseSteps() []screenStep {
	var guide *editor.GuideEditor
	var pub *editor.PublishPanel
	var beforeBroken string // the page's text before self-check-broken
	var outcome chan error
	steps := []screenStep{
		{name: "course-long-page", show: func(s *screenTour) (fyne.Window, bool) {
			s.ui(func() {
				v := s.w.View
				if p := longestPage(v.Course()); p != nil {
					v.OpenPage(p)
					// The preview follows the cursor to the middle of the page.
					v.Page.Text.GoToLine(v.Page.Text.Lines() / 2)
				}
			})
			s.wait("the preview", func() bool { return !s.w.View.Busy() })
			return s.w.Win, false
		}},
		{name: "course-save-changes", show: func(s *screenTour) (fyne.Window, bool) {
			s.ui(func() {
				ed := s.w.View.Page.Text
				ed.SetText(ed.Text() + "\nA new line.\n")
				s.w.askClose()
			})
			return s.w.Win, true
		}, close: func(s *screenTour, win fyne.Window) {
			hideDialogs(s, win)
			s.w.View.Save()
		}},
		{name: "self-check-form", show: func(s *screenTour) (fyne.Window, bool) {
			s.ui(func() {
				s.w.View.Page.Text.Select(0, 0)
				s.w.View.SelfCheck()
			})
			return s.w.Win, true
		}, close: hideDialogs},
		// A question whose markdown is broken opens with its problem
		// named, in the interface language (its problem words once
		// reached every language in English).
		{name: "self-check-broken", show: func(s *screenTour) (fyne.Window, bool) {
			s.ui(func() {
				ed := s.w.View.Page.Text
				beforeBroken = ed.Text()
				ed.SetText(beforeBroken + "\n" + brokenSelfCheck)
				at := len(beforeBroken) + 1 + strings.Index(brokenSelfCheck, "2 + 2")
				ed.Select(at, at)
				s.w.View.SelfCheck()
			})
			return s.w.Win, true
		}, close: func(s *screenTour, win fyne.Window) {
			hideDialogs(s, win)
			s.ui(func() {
				s.w.View.Page.Text.SetText(beforeBroken)
				s.w.View.Save()
			})
		}},
		{name: "settings", show: func(s *screenTour) (fyne.Window, bool) {
			var win fyne.Window
			s.ui(func() { s.w.showSettings(); win = s.w.lastPanel })
			return win, false
		}, close: closeWindow},
		{name: "guide-draft", show: func(s *screenTour) (fyne.Window, bool) {
			var win fyne.Window
			s.ui(func() {
				guide = s.w.showGuide()
				win = s.w.lastPanel
				guide.ShowDraft()
			})
			return win, false
		}},
		{name: "guide-drafted", show: func(s *screenTour) (fyne.Window, bool) {
			s.ui(func() {
				if !guide.ConfirmDraftBtn.Hidden {
					guide.ConfirmDraftBtn.OnTapped()
				}
			})
			return s.w.lastPanel, false
		}, close: closeWindow},
		{name: "images", show: func(s *screenTour) (fyne.Window, bool) {
			var win fyne.Window
			s.ui(func() { s.w.showAssets(); win = s.w.lastPanel })
			return win, false
		}, close: closeWindow},
		{name: "export", show: func(s *screenTour) (fyne.Window, bool) {
			s.ui(func() { s.w.showExport() })
			return s.w.Win, true
		}, close: hideDialogs},
		{name: "history-selected", show: func(s *screenTour) (fyne.Window, bool) {
			if err := twoVersions(s.course); err != nil {
				s.logf("history: %v", err)
			}
			var h *editor.HistoryPanel
			var win fyne.Window
			s.ui(func() { h = s.w.showHistory(); win = s.w.lastPanel })
			s.wait("the history", func() bool { return !h.Busy() && len(h.History()) > 0 })
			s.ui(func() { h.Versions.Select(0) })
			s.wait("the version", func() bool { return !h.Busy() })
			return win, false
		}, close: closeWindow},
		{name: "publish-before", show: func(s *screenTour) (fyne.Window, bool) {
			var win fyne.Window
			outcome = make(chan error, 4)
			s.ui(func() {
				pub = s.w.showPublish()
				win = s.w.lastPanel
				pub.OnFinished = func(_ *publish.Result, err error) { outcome <- err }
				s.content[pub.Theirs], s.content[pub.Mine] = true, true
			})
			s.wait("the publish panel", func() bool { return !pub.Busy() })
			return win, false
		}},
		{name: "publish-no-remote", show: func(s *screenTour) (fyne.Window, bool) {
			s.ui(func() { pub.Remote.SetText(""); pub.PublishBtn.OnTapped() })
			s.wait("the pre-check", func() bool { return len(outcome) > 0 })
			s.ui(func() { <-outcome })
			return s.w.lastPanel, false
		}},
		{name: "publish-checks", show: func(s *screenTour) (fyne.Window, bool) {
			bare := filepath.Join(s.scratch, "remote.git")
			if err := gitRun("", "init", "-q", "--bare", "-b", "main", bare); err != nil {
				s.logf("publish: %v", err)
			}
			if err := holdPushes(bare, s.scratch); err != nil {
				s.logf("publish: %v", err)
			}
			s.ui(func() { pub.Remote.SetText(bare); pub.PublishBtn.OnTapped() })
			s.wait("the checks before publishing", func() bool { return !pub.PublishAnywayBtn.Hidden || len(outcome) > 0 })
			return s.w.lastPanel, false
		}},
		{name: "publish-during", show: func(s *screenTour) (fyne.Window, bool) {
			s.ui(func() {
				if !pub.PublishAnywayBtn.Hidden {
					pub.PublishAnywayBtn.OnTapped()
				}
			})
			// The remote holds the push (holdPushes) until publish-after,
			// so this shows the panel while it sends.
			s.wait("the push", func() bool {
				_, err := os.Stat(filepath.Join(s.scratch, pushStarted))
				return err == nil || len(outcome) > 0
			})
			return s.w.lastPanel, false
		}},
		{name: "publish-after", show: func(s *screenTour) (fyne.Window, bool) {
			if err := os.WriteFile(filepath.Join(s.scratch, pushGo), nil, 0o644); err != nil {
				s.logf("publish: %v", err)
			}
			s.wait("publishing", func() bool { return len(outcome) > 0 })
			s.ui(func() {
				if err := <-outcome; err != nil {
					s.logf("publish: %v", err)
				}
			})
			return s.w.lastPanel, false
		}},
		{name: "publish-conflict", show: func(s *screenTour) (fyne.Window, bool) {
			if err := coauthorEdits(s); err != nil {
				s.logf("conflict: %v", err)
			}
			s.ui(func() { pub.PublishBtn.OnTapped() })
			s.wait("the checks before publishing", func() bool { return !pub.PublishAnywayBtn.Hidden || len(outcome) > 0 })
			s.ui(func() {
				if !pub.PublishAnywayBtn.Hidden {
					pub.PublishAnywayBtn.OnTapped()
				}
			})
			s.wait("the conflict", func() bool { return len(outcome) > 0 })
			s.ui(func() {
				if err := <-outcome; !errors.Is(err, repo.ErrRemoteAhead) && !errors.As(err, new(*repo.RemoteConflictError)) {
					s.logf("publish with a co-author's change: %v", err)
				}
			})
			return s.w.lastPanel, false
		}, close: closeWindow},
	}
	for _, e := range errorDialogs() {
		steps = append(steps, screenStep{name: "error-" + e.name, show: func(s *screenTour) (fyne.Window, bool) {
			s.ui(func() { dialog.ShowError(editor.UserError(s.w.app.wording(), e.lead(), e.err), s.w.Win) })
			return s.w.Win, true
		}, close: hideDialogs})
	}
	return steps
}

// errorDialog is an error the app can show, with the words it leads with.
type errorDialog struct {
	name string
	lead func() string // in the interface language when the dialog shows
	err  error
}

// errorDialogs are the errors of the library packages that reach
// dialogs (each has its own words in editor.ErrorWords), led by the
// sentences the app's dialogs start with, and one error without words of
// its own.
func errorDialogs() []errorDialog {
	wrap := func(err error) error { return fmt.Errorf("open course: /some/where: %w", err) }
	none := func() string { return "" }
	return []errorDialog{
		{"could-not-save", func() string { return lang.L("Could not save.") }, wrap(&fs.PathError{Op: "open", Path: "/course/_data/course.yml", Err: fs.ErrPermission})},
		{"disk-full", func() string { return lang.L("Could not save.") }, wrap(syscall.ENOSPC)},
		{"bad-slug", none, course.ErrBadSlug},
		{"exists", none, course.ErrExists},
		{"editing", none, course.ErrEditing},
		{"nothing-to-save", none, repo.ErrNothingToSave},
		{"locked", none, repo.ErrLocked},
		{"remote-ahead", none, repo.ErrRemoteAhead},
		{"auth", none, repo.ErrAuth},
		{"remote-not-found", none, repo.ErrRemoteNotFound},
		{"invalid-url", none, repo.ErrInvalidURL},
		{"course-errors", none, publish.ErrCourseErrors},
		{"unknown-host", none, publish.ErrUnknownHost},
		{"no-license", none, adapt.ErrNoLicense},
		{"no-derivatives", none, adapt.ErrNoDerivatives},
		{"preview", func() string { return lang.L("Could not start the preview.") }, wrap(errors.New("listen tcp 127.0.0.1:0: socket: too many open files"))},
		{"browser", func() string { return lang.L("Could not open the browser.") }, wrap(errors.New(`exec: "xdg-open": executable file not found in $PATH`))},
		{"cancelled", none, context.Canceled},
	}
}

// longestPage is the page with the most text: the course window is
// looked at with it open.
func longestPage(c *course.Course) *course.Page {
	var best *course.Page
	for _, p := range c.AllPages() {
		if best == nil || len(p.Body()) > len(best.Body()) {
			best = p
		}
	}
	return best
}

// overlayText is the text of a window's top dialog.
func (s *screenTour) overlayText(win fyne.Window) string {
	top := win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return strings.Join(s.texts(top), "\n")
}

// twoVersions makes the course folder a repository with two versions,
// so that the history has one to select.
func twoVersions(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		return nil
	}
	if err := gitRun(dir, "init", "-q", "-b", "main"); err != nil {
		return err
	}
	if err := gitRun(dir, "add", "-A"); err != nil {
		return err
	}
	if err := gitRun(dir, "commit", "-q", "-m", "v1"); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, "README.md"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, _ = f.WriteString("\nA second version.\n")
	if err := f.Close(); err != nil {
		return err
	}
	if err := gitRun(dir, "commit", "-q", "-am", "v2"); err != nil {
		return err
	}
	return nil
}

// coauthorEdits pushes a co-author's change to the page open in the
// course window, and changes that page here too: the next publish meets
// a conflict.
func coauthorEdits(s *screenTour) error {
	var page string
	s.ui(func() { page = s.w.View.Page.Page().Path })
	clone := filepath.Join(s.scratch, "coauthor")
	if err := gitRun("", "clone", "-q", filepath.Join(s.scratch, "remote.git"), clone); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(clone, filepath.FromSlash(page)), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, _ = f.WriteString("\nTheir version of the ending.\n")
	if err := f.Close(); err != nil {
		return err
	}
	if err := gitRun(clone, "commit", "-qam", "v3"); err != nil {
		return err
	}
	if err := gitRun(clone, "push", "-q", "origin", "main"); err != nil {
		return err
	}
	s.ui(func() {
		ed := s.w.View.Page.Text
		ed.SetText(ed.Text() + "\nMy version of the ending.\n")
	})
	return nil
}

// The files holdPushes' hook makes and waits for, in the tour's scratch
// folder.
const (
	pushStarted = "push-started"
	pushGo      = "push-go"
)

// holdPushes makes the bare repository's pushes wait (a pre-receive hook,
// which git-receive-pack runs for go-git's local pushes too) until the
// tour writes pushGo, or a minute at most: a push to a folder on the same
// disk is over before a picture of "publishing…" could be taken.
func holdPushes(bare, scratch string) error {
	hook := "#!/bin/sh\ncat >/dev/null\n: >'" + filepath.Join(scratch, pushStarted) + "'\n" +
		"i=0\nwhile [ ! -e '" + filepath.Join(scratch, pushGo) + "' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n"
	return os.WriteFile(filepath.Join(bare, "hooks", "pre-receive"), []byte(hook), 0o755)
}

func gitRun(dir string, args ...string) error {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// courseWords says whether a shown string is the course's own text (its
// titles, pages, guide, file names), which is in the course's language
// whatever the interface's.
func courseWords(dir string) func(string) bool {
	var all strings.Builder
	_ = filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		all.WriteString(e.Name() + "\n")
		if !e.IsDir() && (strings.HasSuffix(path, ".md") || strings.HasSuffix(path, ".yml")) {
			b, _ := os.ReadFile(path)
			all.Write(b)
		}
		return nil
	})
	text := all.String()
	return func(s string) bool { return strings.Contains(text, s) }
}

// brokenSelfCheck is a self-check question whose answer names an option
// it does not have, in words no language has to translate.
const brokenSelfCheck = `<!-- self-check -->
2 + 2 = ?

1. 3
2. 4
3. 5

<details markdown="1">
<summary>Answer</summary>

Answer: 7

</details>
<!-- /self-check -->
`
