package app

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// Fyne's test driver has no UI thread: its fyne.Do runs the function on
// the goroutine that calls it, beside the test. The app's goroutines and
// timers (the journal, autosave, the preview server) hand their work to
// the UI thread with fyne.Do, as in the real app, so here a mutex stands
// in for that thread: the test goroutine holds it while it acts, and
// lets go of it only while it waits (waitFor, idle); fyne.Do queues its
// function for a pump that runs it holding the mutex, in order. The
// race detector then sees the same ordering the real UI thread gives.
type uiThread struct {
	mu   sync.Mutex
	jobs chan func()
}

// ui is the stand-in UI thread of the test running now (tests in this
// package do not run in parallel: Fyne's current app is global).
var ui = func() *uiThread {
	u := &uiThread{jobs: make(chan func(), 4096)}
	go func() {
		for fn := range u.jobs {
			u.mu.Lock()
			fn()
			u.mu.Unlock()
		}
	}()
	return u
}()

// serialDriver is the test driver with fyne.Do going through ui.
type serialDriver struct{ fyne.Driver }

func (serialDriver) DoFromGoroutine(fn func(), wait bool) {
	if !wait {
		ui.jobs <- fn
		return
	}
	done := make(chan struct{})
	ui.jobs <- func() {
		defer close(done)
		fn()
	}
	<-done
}

// serialApp is a test app whose driver is a serialDriver.
type serialApp struct{ fyne.App }

func (a serialApp) Driver() fyne.Driver { return serialDriver{a.App.Driver()} }

// onUI makes a test app's fyne.Do go through ui and, the first time in a
// test, makes the test goroutine hold the UI thread until the test ends.
func onUI(t *testing.T, a fyne.App) fyne.App {
	t.Helper()
	s := serialApp{a}
	fyne.SetCurrentApp(s)
	if !holding[t] {
		ui.mu.Lock()
		holding[t] = true
		t.Cleanup(func() {
			delete(holding, t)
			ui.mu.Unlock()
		})
	}
	return s
}

var holding = map[*testing.T]bool{}

// idle lets the UI thread run for d, as a test's own sleep.
func idle(d time.Duration) {
	ui.mu.Unlock()
	time.Sleep(d)
	ui.mu.Lock()
}
