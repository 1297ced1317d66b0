package app

import (
	"errors"
	"net/url"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/editor"
	"github.com/coursewright/coursewright/internal/folderwatch"
	"github.com/coursewright/coursewright/preview"
)

// CourseWindow is the window of one open course.
type CourseWindow struct {
	Win  fyne.Window
	View *editor.CourseView

	app *App
	dir string

	// The journal (see changed): jfirst and jtimer belong to the UI
	// thread; jnext, under jmu, is the text the writer goroutine is to
	// append next, and jwake wakes it.
	jlog          *journalLog
	jfirst        time.Time // the oldest change not taken yet; zero: none
	jtimer        *time.Timer
	jmu           sync.Mutex
	jnext         *journalSnapshot
	jwake         chan struct{}
	jstop         chan struct{}
	jdone         chan struct{} // closed when the writer has stopped
	jstopOnce     sync.Once
	autosaveTimer *time.Timer
	offerOpen     bool       // the restore offer is unanswered: the journal is kept as it is
	offered       []pageDiff // what the restore offer shows
	closed        bool
	discard       bool // the author chose not to save: keep no journal

	// notices holds the bars above the course (see notice).
	notices    *fyne.Container
	noticeText map[fyne.CanvasObject]string // each bar's message
	deleted    map[*course.Page]bool        // pages whose deletion notice is showing

	watch  *folderwatch.Watch
	known  map[string]string // path → hash of another program's text the author has seen
	asking bool              // a reload question is open
	// reloading: the folder is being read again (ExternalChange);
	// reloadAgain: another change was reported meanwhile.
	reloading, reloadAgain bool
	// StopReadingBtn is the Stop of the notice a long re-read of the
	// folder shows (nil when none shows).
	StopReadingBtn *widget.Button
	// acceptRestore restores the journal while its offer is open (the
	// end-to-end test's hook answers the offer with it).
	acceptRestore func()
	preview       *preview.Server
	// lastPanel is the tool window opened last (the panels test hook
	// closes it before opening the next).
	lastPanel fyne.Window
	// onChangeHook, when set, is told of every edit (the crash-trial test
	// hook reports when each key reached the app).
	onChangeHook func(time.Time)
}

// OpenCourse opens a course folder in a window of its own (or brings its
// window forward when it is open already), offering to restore unsaved
// work the journal kept from a crash.
func (d *App) OpenCourse(dir string) (*CourseWindow, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if w, ok := d.windows[abs]; ok {
		w.Win.RequestFocus()
		return w, nil
	}
	c, err := course.Load(abs)
	if err != nil {
		return nil, err
	}
	return d.openLoaded(c)
}

// openLoaded opens the window of a loaded course.
func (d *App) openLoaded(c *course.Course) (*CourseWindow, error) {
	abs := c.Dir
	if w, ok := d.windows[abs]; ok {
		w.Win.RequestFocus()
		return w, nil
	}
	d.waitFonts()
	w := &CourseWindow{app: d, dir: abs, known: map[string]string{}, deleted: map[*course.Page]bool{},
		jlog: newJournalLog(d.journal, abs), jwake: make(chan struct{}, 1), jstop: make(chan struct{}), jdone: make(chan struct{})}
	w.Win = d.fyne.NewWindow(windowTitle(c))
	w.View = editor.NewCourseView(c, d.renderer, &dialogPrompt{win: w.Win, words: d.wording}, editor.ViewOptions{Language: d.interfaceLanguage()})
	w.View.OnOpenURL = w.openURL
	w.View.OnChanged = w.changed
	w.View.OnSaved = w.saved
	w.View.OnOpenInBrowser = w.openInBrowser
	w.View.OnChooseImage = w.chooseImage
	w.View.OnPublish = func() { w.showPublish() }
	w.View.OnSelfCheckForm = w.showSelfCheck
	d.windows[abs] = w

	prefs := d.fyne.Preferences()
	// Lay out at the real size before the content goes in: a long page
	// is then wrapped once, not once per size.
	w.Win.Resize(fyne.NewSize(
		float32(prefs.FloatWithFallback(prefWidth, 1200)),
		float32(prefs.FloatWithFallback(prefHeight, 800))))
	w.View.Outer.Offset = prefs.FloatWithFallback(prefOuter, w.View.Outer.Offset)
	w.View.Inner.Offset = prefs.FloatWithFallback(prefInner, w.View.Inner.Offset)
	w.notices = container.NewVBox()
	w.noticeText = map[fyne.CanvasObject]string{}
	w.Win.SetContent(container.NewBorder(w.notices, nil, nil, nil, w.View.Content))
	w.Win.SetMainMenu(w.menu())
	w.addShortcuts()
	w.Win.SetOnDropped(w.dropped)
	w.Win.SetCloseIntercept(w.askClose)
	w.Win.SetOnClosed(w.closedNow)
	w.Win.Show()
	addRecent(prefs, abs)

	if e, ok := d.journal.read(abs); ok {
		w.offerRestore(e)
	}
	go w.journalWriter()
	w.startWatch()
	if d.opts.Hook != nil {
		hook := d.opts.Hook
		d.opts.Hook = nil
		hook(w)
	}
	return w, nil
}

func windowTitle(c *course.Course) string {
	t := c.Title()
	if t == "" {
		t = filepath.Base(c.Dir)
	}
	return t + " — Coursewright"
}

func (w *CourseWindow) saved() {
	w.writeJournal()
}

// markUnsaved shows which pages have unsaved text (a dot in the tree)
// and whether anything is unsaved (a dot in the window title). It runs
// where the journal takes the text, so it costs nothing per key.
func (w *CourseWindow) markUnsaved(pages map[string]string) {
	w.View.MarkUnsaved(pages)
	title := windowTitle(w.View.Course())
	if len(pages) > 0 || w.View.Course().Modified() {
		title = editor.UnsavedMark + title
	}
	if w.Win.Title() != title {
		w.Win.SetTitle(title)
	}
}

// Save saves the course, telling the author when it fails.
func (w *CourseWindow) Save() bool {
	err := w.View.Save()
	var ce *course.ConflictError
	if errors.As(err, &ce) {
		return w.saveConflicts(ce)
	}
	if err != nil {
		dialog.ShowError(editor.UserError(w.app.wording(), lang.L("Could not save."), err), w.Win)
		return false
	}
	return true
}

// askClose is the close intercept: unsaved work is saved, dropped or
// kept open, as the author says.
func (w *CourseWindow) askClose() {
	if !w.View.Modified() {
		w.Win.Close()
		return
	}
	d := dialog.NewCustomWithoutButtons(lang.L("Save changes?"),
		newMessage(lang.L("This course has changes that are not saved yet.")), w.Win)
	d.SetButtons(buttons(
		button(lang.L("Save"), true, func() {
			d.Hide()
			if w.Save() {
				w.Win.Close()
			}
		}),
		button(lang.L("Don't save"), false, func() {
			d.Hide()
			_ = w.app.journal.remove(w.dir)
			w.discard = true
			w.Win.Close()
		}),
		button(lang.L("Cancel"), false, d.Hide),
	))
	d.Show()
}

// closedNow releases what the window holds.
func (w *CourseWindow) closedNow() {
	w.closed = true
	if !w.discard {
		w.writeJournal()
	}
	w.stopJournal()
	w.View.Close()
	if w.watch != nil {
		w.watch.Close()
	}
	if w.preview != nil {
		_ = w.preview.Close()
	}
	prefs := w.app.fyne.Preferences()
	size := w.Win.Canvas().Size()
	if size.Width > 100 && size.Height > 100 {
		prefs.SetFloat(prefWidth, float64(size.Width))
		prefs.SetFloat(prefHeight, float64(size.Height))
	}
	if w.View.SideWidthChosen() {
		prefs.SetFloat(prefOuter, w.View.Outer.Offset)
	} else {
		prefs.RemoveValue(prefOuter) // the tree sizes itself to its titles
	}
	prefs.SetFloat(prefInner, w.View.Inner.Offset)
	w.app.windowClosed(w)
}

// openInBrowser saves (the browser shows the site as it would be
// published, from the files) and opens the page from the preview server,
// starting it on first use.
func (w *CourseWindow) openInBrowser(p *course.Page) {
	w.openPreview(func(s *preview.Server) string { return s.PageURL(p) })
}

// openPreview saves, then opens the address where of the preview server
// in the browser, starting the server on first use.
func (w *CourseWindow) openPreview(where func(*preview.Server) string) {
	if w.View.Modified() && !w.Save() {
		return
	}
	if w.preview != nil {
		w.openURL(where(w.preview))
		return
	}
	progress := dialog.NewCustomWithoutButtons(lang.L("Building the website…"), newMessage(lang.L("The first preview takes a moment.")), w.Win)
	progress.Show()
	go func() {
		s, err := preview.Start(w.dir, preview.Options{Drafts: true})
		fyne.Do(func() {
			progress.Hide()
			if err != nil {
				dialog.ShowError(editor.UserError(w.app.wording(), lang.L("Could not start the preview."), err), w.Win)
				return
			}
			if w.closed {
				_ = s.Close()
				return
			}
			w.preview = s
			w.openURL(where(s))
		})
	}()
}

func (w *CourseWindow) openURL(s string) {
	u, err := url.Parse(s)
	if err == nil {
		err = w.app.fyne.OpenURL(u)
	}
	if err != nil {
		dialog.ShowError(editor.UserError(w.app.wording(), lang.L("Could not open the browser."), err), w.Win)
	}
}
