package app

import (
	"time"

	"fyne.io/fyne/v2"
)

// changed runs on the UI thread after every edit. The journal takes
// the text at most JournalInterval after the oldest change it has not
// taken: at the first key past that while typing goes on, or from a
// timer when typing stops. A throttle: typing on never postpones it.
// Only taking the text runs here; the writer goroutine appends it.
func (w *CourseWindow) changed() {
	if w.closed {
		return
	}
	now := time.Now()
	w.scheduleAutosave()
	if w.onChangeHook != nil {
		w.onChangeHook(now)
	}
	switch {
	case w.jfirst.IsZero():
		w.jfirst = now
		w.jtimer = time.AfterFunc(JournalInterval, func() { fyne.Do(w.journalDue) })
	case now.Sub(w.jfirst) >= JournalInterval:
		w.takeJournal()
	}
}

// journalDue runs on the UI thread when a change has waited
// JournalInterval.
func (w *CourseWindow) journalDue() {
	if !w.jfirst.IsZero() {
		w.takeJournal()
	}
}

// takeJournal hands the unsaved text now to the writer goroutine.
func (w *CourseWindow) takeJournal() {
	if w.closed || w.offerOpen {
		return
	}
	w.jfirst = time.Time{}
	if w.jtimer != nil {
		w.jtimer.Stop()
	}
	snap := w.jlog.snapshot(w.View.Unsaved())
	w.markUnsaved(snap.pages)
	w.jmu.Lock()
	w.jnext = &snap
	w.jmu.Unlock()
	select {
	case w.jwake <- struct{}{}:
	default: // the writer is awake already and will see jnext
	}
}

// journalWriter appends what takeJournal hands it, off the UI thread:
// appending and syncing the file may take a while on a busy disk.
func (w *CourseWindow) journalWriter() {
	defer close(w.jdone)
	for {
		select {
		case <-w.jwake:
		case <-w.jstop:
			return
		}
		w.jmu.Lock()
		snap := w.jnext
		w.jnext = nil
		w.jmu.Unlock()
		if snap == nil {
			continue
		}
		if err := w.jlog.write(*snap); err != nil {
			fyne.LogError("writing the recovery journal", err)
		}
	}
}

// writeJournal brings the journal up to the unsaved text now (or removes
// it when everything is saved), on the calling (UI) thread. While the
// restore offer is unanswered the journal is left as it is: it holds
// the work the offer is about.
func (w *CourseWindow) writeJournal() {
	if w.offerOpen {
		return
	}
	snap := w.jlog.snapshot(w.View.Unsaved())
	if !w.closed {
		w.markUnsaved(snap.pages)
	}
	if err := w.jlog.write(snap); err != nil {
		fyne.LogError("writing the recovery journal", err)
	}
}

// stopJournal stops the journal's timer and writer and waits for the
// writer to finish what it is writing: after it, the journal file
// changes no more (the window is closed, or the app is stopping).
func (w *CourseWindow) stopJournal() {
	w.jstopOnce.Do(func() {
		w.closed = true
		if w.jtimer != nil {
			w.jtimer.Stop()
		}
		if w.autosaveTimer != nil {
			w.autosaveTimer.Stop()
		}
		close(w.jstop)
	})
	<-w.jdone
}
