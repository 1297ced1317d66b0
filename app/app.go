// Package app is the Coursewright desktop application: the start screen,
// course windows with their menus and dialogs, preferences, the recovery
// journal and the watch on the course folder. The widgets come from
// package editor; every change is a call into package course.
package app

import (
	"log"
	"os"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/coursewright/coursewright/assets"
	"github.com/coursewright/coursewright/render"
)

// ID is the application id: it names the preferences and the storage
// folder.
const ID = "io.github.coursewright"

// Options configure a run of the app.
type Options struct {
	// Dir is a course folder to open at once; empty shows the start
	// screen.
	Dir string
	// Hook, when set, is run on the first course window once it shows:
	// the end-to-end tests drive the real app with it.
	Hook func(w *CourseWindow)
}

// App is one running Coursewright: its windows and what they share.
type App struct {
	fyne     fyne.App
	renderer *render.Renderer
	journal  journal
	windows  map[string]*CourseWindow // by course folder
	start    fyne.Window
	opts     Options
	// systemLanguage is $LANGUAGE as the app found it, restored when the
	// author goes back to the system's language.
	systemLanguage    string
	systemLanguageSet bool
	// systemLocale is the system's locale as the app found it, before
	// applyLanguage changed the environment: the interface language
	// when the author chose none.
	systemLocale string
	// fontsReady is closed once warmFonts is done: the first window
	// waits for it (nil: nothing to wait for).
	fontsReady <-chan struct{}
	// opening is the course openFrom is loading (nil: none); loads
	// counts its goroutines, cancelled ones included, until they end.
	opening *opening
	loads   sync.WaitGroup
}

// Run starts the app and returns when its last window closes.
func Run(opts Options) error {
	log.SetOutput(newQuietLog(os.Stderr))
	mendFynePrefs(ID)
	a := fyneapp.NewWithID(ID)
	fonts := warmFonts()
	d := New(a, opts)
	d.fontsReady = fonts
	if opts.Dir != "" {
		if _, err := d.OpenCourse(opts.Dir); err != nil {
			return err
		}
	} else {
		d.ShowStart()
	}
	a.Run()
	// Fyne's desktop driver turns SIGTERM and SIGINT into Quit, which
	// skips the windows' close intercepts (App.Quit does too): the
	// unsaved text is journaled here, once the event loop has ended. Not
	// in Fyne's OnStopped hook: Fyne 2.7.1 queues that hook for the UI
	// thread as its loop ends, and when the hook's turn came after the
	// loop's last look at its queue the app never exited (seen once in
	// about 60 SIGTERMs under bench's open test: goroutine 1 waiting in
	// Lifecycle.WaitForEvents for ever).
	d.flushJournals()
	return nil
}

// New sets the app up on a Fyne app (a real one, or a test one).
func New(a fyne.App, opts Options) *App {
	a.SetIcon(fyne.NewStaticResource("coursewright.png", assets.Icon()))
	d := &App{
		fyne:     a,
		renderer: render.New(render.Options{}),
		journal:  journal{root: filepath.Join(storageRoot(a), "journal")},
		windows:  map[string]*CourseWindow{},
		opts:     opts,
	}
	d.noteSystemLanguage()
	d.applyLanguage()
	return d
}

// storageRoot is the app's own folder for files it keeps.
func storageRoot(a fyne.App) string {
	if root := a.Storage().RootURI(); root != nil && root.Path() != "" {
		return root.Path()
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "coursewright")
}

// flushJournals writes every window's unsaved text to the journal now,
// for the last time: the app is stopping.
func (d *App) flushJournals() {
	for _, w := range d.windows {
		w.writeJournal()
		w.stopJournal()
	}
}

// quit closes every window the way its close button does.
func (d *App) quit() {
	if len(d.windows) == 0 {
		d.fyne.Quit()
		return
	}
	for _, w := range d.windows {
		w.askClose()
	}
}

// windowClosed forgets a course window; the app ends with its last window.
func (d *App) windowClosed(w *CourseWindow) {
	delete(d.windows, w.dir)
	if len(d.windows) == 0 && d.start == nil {
		d.fyne.Quit()
	}
}
