package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/assets"
	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/editor"
	"github.com/coursewright/coursewright/templates"
)

// ShowStart shows the start screen: recent courses, a new course, a
// course folder, or the sample course.
func (d *App) ShowStart() fyne.Window {
	if d.start != nil {
		d.start.RequestFocus()
		return d.start
	}
	d.waitFonts()
	w := d.fyne.NewWindow("Coursewright")
	d.start = w
	w.SetOnClosed(func() {
		d.start = nil
		if len(d.windows) == 0 {
			d.fyne.Quit()
		}
	})

	icon := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon()))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	title := widget.NewLabelWithStyle("Coursewright", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	about := widget.NewLabelWithStyle(lang.L("Write open courses for learning circles, preview them, and share them."), fyne.TextAlignCenter, fyne.TextStyle{})
	about.Wrapping = fyne.TextWrapWord

	actions := container.NewVBox(
		widget.NewButtonWithIcon(lang.L("New course…"), theme.ContentAddIcon(), func() { d.showNewCourse(w) }),
		widget.NewButtonWithIcon(lang.L("Open folder…"), theme.FolderOpenIcon(), func() { d.showOpenFolder(w) }),
		widget.NewButtonWithIcon(lang.L("Adapt a course…"), theme.ContentCopyIcon(), func() { d.showAdaptCourse(w) }),
		widget.NewButtonWithIcon(lang.L("Open the sample course"), theme.DocumentIcon(), func() { d.openSample(w) }),
	)
	list := container.NewVBox()
	for _, dir := range recent(d.fyne.Preferences()) {
		list.Add(widget.NewButton(filepath.Base(dir)+"  —  "+dir, func() { d.openFrom(w, dir) }))
	}
	var recentBox fyne.CanvasObject = widget.NewLabel(lang.L("Courses you open will be listed here."))
	if len(list.Objects) > 0 {
		recentBox = container.NewVScroll(list)
	}
	head := container.NewVBox(container.NewCenter(icon), title, about, actions,
		widget.NewLabelWithStyle(lang.L("Recent courses"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	w.SetContent(container.NewPadded(container.NewBorder(head, nil, nil, nil, recentBox)))
	w.Resize(fyne.NewSize(560, 600))
	w.CenterOnScreen()
	w.Show()
	return w
}

// openFrom opens a course from the start screen (or a course window's
// menu), loading it in the background: a big course, or one on a slow
// disk, takes a while. The progress dialog's Cancel stops the read at
// its next file and leaves the author where they were; a read that ends
// after that is dropped.
func (d *App) openFrom(parent fyne.Window, dir string) {
	ctx, cancel := context.WithCancel(context.Background())
	folder := widget.NewLabel(dir)
	folder.Truncation = fyne.TextTruncateEllipsis
	op := &opening{dir: dir, cancel: cancel, Bar: widget.NewProgressBar(), Pages: widget.NewLabel("")}
	progress := dialog.NewCustomWithoutButtons(lang.L("Opening the course…"), container.NewVBox(folder, op.Bar, op.Pages), parent)
	op.CancelBtn = widget.NewButton(lang.L("Cancel"), func() {
		cancel()
		progress.Hide()
		if d.opening == op {
			d.opening = nil
		}
	})
	progress.SetButtons([]fyne.CanvasObject{op.CancelBtn})
	d.opening = op
	progress.Show()
	d.loads.Add(1)
	var read, total atomic.Int64
	go op.showProgress(ctx, &read, &total)
	go func() {
		defer d.loads.Done()
		c, err := course.LoadProgress(ctx, dir, func(n, all int) {
			read.Store(int64(n))
			total.Store(int64(all))
		})
		if ctx.Err() != nil {
			return // cancelled: the dialog is gone already
		}
		fyne.Do(func() {
			if ctx.Err() != nil {
				return // cancelled while the course was on its way
			}
			cancel()
			progress.Hide()
			if d.opening == op {
				d.opening = nil
			}
			d.opened(parent, dir, func(string) (*CourseWindow, error) {
				if err != nil {
					return nil, err
				}
				return d.openLoaded(c)
			})
		})
	}()
}

// opening is a course being opened by openFrom.
type opening struct {
	dir string
	// CancelBtn is the progress dialog's Cancel; Bar and Pages show how
	// many of the course's pages have been read.
	CancelBtn *widget.Button
	Bar       *widget.ProgressBar
	Pages     *widget.Label
	cancel    context.CancelFunc
}

// progressEvery is how often the opening dialog shows how far the read
// has come: the pages are read on several goroutines, thousands a
// second, and the UI thread needs a number now and then, not each.
const progressEvery = 100 * time.Millisecond

// showProgress shows read of total pages in the dialog, every
// progressEvery until ctx is done (the read ended or was cancelled).
func (op *opening) showProgress(ctx context.Context, read, total *atomic.Int64) {
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	shown := int64(-1)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		n, all := read.Load(), total.Load()
		if all == 0 || n == shown {
			continue
		}
		shown = n
		fyne.Do(func() {
			if ctx.Err() != nil {
				return
			}
			op.Bar.SetValue(float64(n) / float64(all))
			op.Pages.SetText(lang.L("Read {{.Read}} of {{.Total}} pages", map[string]any{"Read": n, "Total": all}))
		})
	}
}

func (d *App) opened(parent fyne.Window, dir string, open func(string) (*CourseWindow, error)) {
	if _, err := open(dir); err != nil {
		dialog.ShowError(editor.UserError(d.wording(), lang.L("Could not open {{.Folder}}.", map[string]any{"Folder": dir}), err), parent)
		return
	}
	if parent == d.start {
		d.start = nil
		parent.Close()
	}
}

func (d *App) showOpenFolder(parent fyne.Window) {
	dlg := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(editor.UserError(d.wording(), lang.L("Could not choose the folder."), err), parent)
			return
		}
		if u != nil {
			d.openFrom(parent, u.Path())
		}
	}, parent)
	if l := d.folderToStart(); l != nil {
		dlg.SetLocation(l)
	}
	dlg.Show()
}

// folderToStart is where choosing a course folder starts: the folder
// holding the course opened last, else the home folder; nil when neither
// exists (Fyne then picks, and logs why its own choices failed).
func (d *App) folderToStart() fyne.ListableURI {
	var dirs []string
	if r := recent(d.fyne.Preferences()); len(r) > 0 {
		dirs = append(dirs, filepath.Dir(r[0]))
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, home)
	}
	for _, dir := range dirs {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			return l
		}
	}
	return nil
}

// SampleDir is where the sample course is copied: the app's storage, so
// that opening it never asks where to put it.
func (d *App) SampleDir() string { return filepath.Join(storageRoot(d.fyne), "courses", "sample") }

// openSample opens the built-in sample course, copying it out first.
func (d *App) openSample(parent fyne.Window) {
	dir := d.SampleDir()
	if err := copySample(dir); err != nil {
		dialog.ShowError(editor.UserError(d.wording(), lang.L("Could not copy the sample course."), err), parent)
		return
	}
	d.openFrom(parent, dir)
}

// copySample copies the sample course to dir unless a copy is there
// already (it may hold the author's own experiments).
func copySample(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "_data", "course.yml")); err == nil {
		return nil
	}
	err := templates.CopyTo(templates.Sample(), dir, nil)
	if errors.Is(err, templates.ErrNotEmpty) {
		return fmt.Errorf("%s has other files in it; move them away to get the sample course", dir)
	}
	return err
}
