package app

import (
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
//
// Anything else, or nothing, does nothing.
const HookEnv = "COURSEWRIGHT_TEST_HOOK"

// HookFromEnv returns the hook HookEnv asks for, or nil.
func HookFromEnv() func(w *CourseWindow) {
	spec := os.Getenv(HookEnv)
	switch {
	case strings.HasPrefix(spec, "type:"):
		text := strings.TrimPrefix(spec, "type:")
		return func(w *CourseWindow) { go typeSlowly(w, text) }
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

// typeSlowly types like a person, one key at a time on the UI thread.
func typeSlowly(w *CourseWindow, text string) {
	time.Sleep(300 * time.Millisecond) // let the window show first
	fyne.DoAndWait(func() { w.View.Page.Text.Select(0, 0) })
	for _, r := range text {
		fyne.DoAndWait(func() { w.View.Page.Text.Active().TypedRune(r) })
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Fprintln(os.Stderr, "test hook: typed")
}
