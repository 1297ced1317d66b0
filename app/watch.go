package app

import (
	"time"

	"fyne.io/fyne/v2"

	"github.com/coursewright/coursewright/internal/folderwatch"
)

// WatchDelay is how long the course folder must be quiet after another
// program changes it before the course is reloaded: editors and git
// write in bursts.
const WatchDelay = 300 * time.Millisecond

// startWatch reloads the course when another program changes its files.
// Watching starts with a walk of the whole folder, so it starts in the
// background; a window closed meanwhile stops it at once.
func (w *CourseWindow) startWatch() {
	go func() {
		fw, err := folderwatch.New(w.dir, WatchDelay, nil, func() { fyne.Do(w.ExternalChange) })
		if err != nil {
			fyne.LogError("watching the course folder", err)
			return
		}
		fyne.Do(func() {
			if w.closed {
				fw.Close()
				return
			}
			w.watch = fw
		})
	}()
}
