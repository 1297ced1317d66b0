//go:build coursewright_testhook

// The end-to-end test hook is compiled only with the build tag
// coursewright_testhook, which the screenshot scripts and the real-window
// tests pass (go build -tags coursewright_testhook): a release binary has
// no way for an environment variable to drive it.

package app

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// HookEnv names the environment variable through which end-to-end tests
// drive the real app (they cannot reach its widgets from outside):
//
//	type:TEXT          types TEXT into the page editor, key by key, then
//	                   prints "test hook: typed" to standard error
//	restore-save-quit  accepts the offer to restore unsaved work, saves
//	                   and quits
//	crash-trial        once the first page is open: prints "test hook:
//	                   offered JSON" (the text of each page the restore
//	                   offer brings back, by path) when there is an offer
//	                   and accepts it; then puts the cursor at the start
//	                   of the page, focuses the editor and prints "test
//	                   hook: ready JSON" (the page's text), for a test
//	                   that types with real key presses and kills the
//	                   app; then "test hook: change NANOS LEN" at every
//	                   edit: when it reached the app, the text's length
//	panels             opens the course settings, the facilitator guide
//	                   and the publish windows one after the other, each
//	                   for panelShowTime (without a window manager they
//	                   would cover each other), printing "test hook:
//	                   panel NAME" to standard error as each opens
//	editor-state       reports the page editor's state (hook_editor.go)
//	editor-cursor:F    puts the cursor at fraction F of the open page,
//	                   then reports the editor's state (hook_editor.go)
//	screens            tours every screen at each review size, saving
//	                   pictures and the checker's report in the folder
//	                   $COURSEWRIGHT_SCREENS_DIR, then quits
//	                   (hook_screens.go)
//	open-folder        opens the Open folder dialog once the first page
//	                   is open, prints "test hook: folder dialog shown"
//	                   a moment later, then quits (what the console says
//	                   meanwhile is the test's)
//	ui-watchdog        reports the longest time the UI thread was blocked
//	                   while the course and its first page opened, and
//	                   while that page opened again from the tree, then
//	                   quits (hook_uiblock.go)
//
// Anything else, or nothing, does nothing.
const HookEnv = "COURSEWRIGHT_TEST_HOOK"

// HookFromEnv returns the hook HookEnv asks for, or nil. Only builds with
// the tag coursewright_testhook have hooks (hook_release.go).
func HookFromEnv() func(w *CourseWindow) {
	spec := os.Getenv(HookEnv)
	switch {
	case strings.HasPrefix(spec, "type:"):
		text := strings.TrimPrefix(spec, "type:")
		return func(w *CourseWindow) { go typeSlowly(w, text) }
	case strings.HasPrefix(spec, "editor-"):
		return editorHook(spec)
	case spec == "crash-trial":
		return func(w *CourseWindow) { go crashTrial(w) }
	case spec == "panels":
		return func(w *CourseWindow) { go showPanelsInTurn(w) }
	case spec == "screens":
		return screensHook
	case spec == "open-folder":
		return func(w *CourseWindow) {
			go func() {
				waitForPage(w)
				fyne.DoAndWait(func() { w.app.showOpenFolder(w.Win) })
				time.Sleep(time.Second) // the dialog reads its folders
				fmt.Fprintln(os.Stderr, "test hook: folder dialog shown")
				fyne.Do(w.app.fyne.Quit)
			}()
		}
	case spec == "ui-watchdog":
		return uiWatchdog
	case spec == "restore-save-quit":
		return func(w *CourseWindow) {
			go func() {
				time.Sleep(500 * time.Millisecond) // the event loop runs by then
				fyne.Do(func() {
					if w.acceptRestore != nil {
						w.acceptRestore()
					}
					w.Save()
					w.app.fyne.Quit()
				})
			}()
		}
	}
	return nil
}

// waitForPage waits for the window to show and its first page to open
// (on a loaded machine that takes a while): typed before, text would go
// nowhere.
func waitForPage(w *CourseWindow) {
	time.Sleep(300 * time.Millisecond)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var open bool
		fyne.DoAndWait(func() { open = w.View.Page.Page() != nil })
		if open {
			break
		}
	}
}

// crashTrial reports and accepts the restore offer, then readies the
// editor for real key presses (see HookEnv).
func crashTrial(w *CourseWindow) {
	waitForPage(w)
	fyne.DoAndWait(func() {
		if w.acceptRestore != nil {
			offered := map[string]string{}
			for _, d := range w.offered {
				offered[d.path] = d.journal
			}
			b, _ := json.Marshal(offered)
			fmt.Fprintln(os.Stderr, "test hook: offered "+string(b))
			w.acceptRestore()
		}
		w.View.Page.Text.Select(0, 0)
		w.View.Page.Text.Focus()
		w.onChangeHook = func(at time.Time) {
			fmt.Fprintf(os.Stderr, "test hook: change %d %d\n", at.UnixNano(), len(w.View.Page.Text.Text()))
		}
	})
	waitIdle()
	fyne.DoAndWait(func() {
		b, _ := json.Marshal(w.View.Page.Text.Text())
		fmt.Fprintln(os.Stderr, "test hook: ready "+string(b))
	})
}

// waitIdle waits (up to 5 s) until the UI thread answers at once twice
// in a row: the window has drawn and settled after starting or
// restoring, and keys typed now are handled as they come.
func waitIdle() {
	quick := 0
	for deadline := time.Now().Add(5 * time.Second); quick < 2 && time.Now().Before(deadline); {
		t0 := time.Now()
		fyne.DoAndWait(func() {})
		if time.Since(t0) < 15*time.Millisecond {
			quick++
		} else {
			quick = 0
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// typeSlowly types like a person, one key at a time on the UI thread.
func typeSlowly(w *CourseWindow, text string) {
	waitForPage(w)
	fyne.DoAndWait(func() { w.View.Page.Text.Select(0, 0) })
	for _, r := range text {
		fyne.DoAndWait(func() { w.View.Page.Text.TypedRune(r) })
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Fprintln(os.Stderr, "test hook: typed")
}

// panelShowTime is how long the panels hook shows each window: enough for
// a screenshot script to find it and let it draw.
const panelShowTime = 6 * time.Second

// showPanelsInTurn opens each tool window in turn, closing the one before.
func showPanelsInTurn(w *CourseWindow) {
	time.Sleep(500 * time.Millisecond) // the event loop runs by then
	open := []struct {
		name string
		show func() fyne.Window
	}{
		{"settings", func() fyne.Window { w.showSettings(); return w.lastPanel }},
		{"guide", func() fyne.Window { w.showGuide(); return w.lastPanel }},
		{"publish", func() fyne.Window { w.showPublish(); return w.lastPanel }},
	}
	var prev fyne.Window
	for _, p := range open {
		fyne.DoAndWait(func() {
			if prev != nil {
				prev.Close()
			}
			prev = p.show()
		})
		fmt.Fprintln(os.Stderr, "test hook: panel "+p.name)
		time.Sleep(panelShowTime)
	}
}
