package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/coursewright/coursewright/internal/uitest"
)

// The app's tests run on internal/uitest's stand-in UI thread: the test
// goroutine holds it while it acts, and the app's goroutines hand their
// results to it with fyne.Do, as in the real app.

// onUI makes a test app whose fyne.Do goes through the stand-in UI thread
// and makes the test hold that thread until it ends.
func onUI(t *testing.T) fyne.App { return uitest.NewApp(t) }

// idle lets the UI thread run for d, as a test's own sleep.
func idle(d time.Duration) { uitest.Idle(d) }
