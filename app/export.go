package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/editor"
	"github.com/coursewright/coursewright/publish/export"
)

// File → Export…: the course as one file to use elsewhere (an LMS
// package, an e-book, a printable book, an offline copy). The export
// runs off the UI thread on a copy of the course as saved, reports its
// stages, and can be cancelled; the file appears only when complete.

// prefExportDir is the folder the last export went to.
const prefExportDir = "export.dir"

// exportChoice is one line of the format chooser: where the file goes,
// in plain words.
type exportChoice struct {
	format export.Format
	label  string
}

func exportChoices() []exportChoice {
	return []exportChoice{
		{export.IMSCC11, lang.L("Moodle — Common Cartridge 1.1 (.imscc)")},
		{export.IMSCC, lang.L("Canvas, Brightspace, Blackboard, Schoology — Common Cartridge 1.3 (.imscc)")},
		{export.SCORM12, lang.L("Any LMS that takes SCORM — SCORM 1.2 (.zip)")},
		{export.EPUB, lang.L("E-readers — EPUB 3 (.epub)")},
		{export.PDF, lang.L("Print — the course as a book (.pdf)")},
		{export.ZIP, lang.L("A USB stick or any computer, offline — the website in a zip (.zip)")},
	}
}

// ExportDialog is the export dialog of a course window.
type ExportDialog struct {
	Format    *widget.RadioGroup
	Guide     *widget.Check
	Drafts    *widget.Check
	Path      *widget.Entry // where the file goes
	ChooseBtn *widget.Button
	ExportBtn *widget.Button
	CancelBtn *widget.Button // cancels an export under way, else closes
	ShowBtn   *widget.Button // Show in folder, after an export
	Stage     *widget.Label
	Bar       *widget.ProgressBar
	Busy      *widget.ProgressBarInfinite
	Result    *widget.Label // what happened, in words
	Problems  *widget.Label // the diagnostics of the export

	// OnFinished, when set, is told the file written (or the error) when
	// an export ends; tests wait for it.
	OnFinished func(path string, err error)

	w       *CourseWindow
	dlg     dialog.Dialog
	choices []exportChoice
	named   bool // the author named the file: a format change keeps the name
	cancel  context.CancelFunc
	written string
}

// showExport opens the export dialog.
func (w *CourseWindow) showExport() *ExportDialog {
	e := &ExportDialog{w: w, choices: exportChoices()}
	var labels []string
	for _, c := range e.choices {
		labels = append(labels, c.label)
	}
	e.Format = widget.NewRadioGroup(labels, func(string) { e.defaultName() })
	e.Format.Required = true
	e.Format.SetSelected(labels[0])
	e.Guide = widget.NewCheck(lang.L("Include the facilitator guide"), func(bool) { e.defaultName() })
	if len(w.View.Course().Guides) == 0 {
		e.Guide.Text = lang.L("Include the facilitator guide (this course has none yet)")
		e.Guide.Disable()
	}
	e.Drafts = widget.NewCheck(lang.L("Include drafts (hidden modules and unpublished pages)"), nil)
	e.Path = widget.NewEntry()
	e.Path.OnChanged = func(string) { e.named = true }
	e.ChooseBtn = widget.NewButton(lang.L("Choose…"), e.choose)
	e.ExportBtn = button(lang.L("Export"), true, e.start)
	e.CancelBtn = widget.NewButton(lang.L("Close"), e.cancelOrClose)
	e.ShowBtn = widget.NewButton(lang.L("Show in folder"), e.showInFolder)
	e.ShowBtn.Hide()
	e.Stage = widget.NewLabel("")
	e.Stage.Hide()
	e.Bar = widget.NewProgressBar()
	e.Bar.Hide()
	e.Busy = widget.NewProgressBarInfinite()
	e.Busy.Stop()
	e.Busy.Hide()
	e.Result = widget.NewLabel("")
	e.Result.Wrapping = fyne.TextWrapWord
	e.Result.Hide()
	e.Problems = widget.NewLabel("")
	e.Problems.Wrapping = fyne.TextWrapWord
	e.Problems.Hide()
	e.setPath(filepath.Join(e.startDir(), e.fileName()))

	where := widget.NewLabelWithStyle(lang.L("Where the file will be used"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	save := widget.NewLabelWithStyle(lang.L("Save as"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	form := container.NewVBox(
		where, e.Format,
		widget.NewSeparator(),
		e.Guide, e.Drafts,
		widget.NewSeparator(),
		save, container.NewBorder(nil, nil, nil, e.ChooseBtn, e.Path),
		e.Stage, e.Bar, e.Busy, e.Result,
		container.NewVScroll(e.Problems),
	)
	actions := container.NewHBox(e.ShowBtn, layout.NewSpacer(), e.CancelBtn, e.ExportBtn)
	content := container.NewBorder(nil, actions, nil, nil, container.NewVScroll(form))
	e.dlg = dialog.NewCustomWithoutButtons(lang.L("Export the course"), content, w.Win)
	e.dlg.Resize(fyne.NewSize(min(680, w.Win.Canvas().Size().Width-40), min(620, w.Win.Canvas().Size().Height-40)))
	e.dlg.Show()
	return e
}

// format is the chosen format.
func (e *ExportDialog) format() export.Format {
	for _, c := range e.choices {
		if c.label == e.Format.Selected {
			return c.format
		}
	}
	return e.choices[0].format
}

// fileName is the default file name: the course folder's name and the
// format's extension.
func (e *ExportDialog) fileName() string {
	return export.FileName(e.w.dir, e.format(), e.Guide.Checked)
}

// startDir is where the dialog first saves: the folder of the last
// export, else the folder the course folder is in.
func (e *ExportDialog) startDir() string {
	if d := e.w.app.fyne.Preferences().String(prefExportDir); d != "" {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return filepath.Dir(e.w.dir)
}

// defaultName follows the format and the guide check in the file name,
// until the author names the file.
func (e *ExportDialog) defaultName() {
	if e.Path == nil || e.named {
		return
	}
	dir := filepath.Dir(e.Path.Text)
	e.setPath(filepath.Join(dir, e.fileName()))
}

func (e *ExportDialog) setPath(p string) {
	named := e.named
	e.Path.SetText(p)
	e.named = named
}

// choose asks where to save with the file dialog.
func (e *ExportDialog) choose() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(editor.UserError(e.w.app.wording(), lang.L("Could not choose the file."), err), e.w.Win)
			return
		}
		if wc == nil {
			return // cancelled
		}
		p := wc.URI().Path()
		_ = wc.Close()
		// The file dialog creates the file it returns; the export writes
		// it whole, or not at all, so the empty file goes again.
		if st, err := os.Stat(p); err == nil && st.Size() == 0 {
			_ = os.Remove(p)
		}
		e.Path.SetText(p)
	}, e.w.Win)
	d.SetFileName(filepath.Base(e.Path.Text))
	if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(e.Path.Text))); err == nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// setBusy switches the dialog between choosing and exporting.
func (e *ExportDialog) setBusy(busy bool) {
	for _, d := range []fyne.Disableable{e.Format, e.Drafts, e.Path, e.ChooseBtn, e.ExportBtn} {
		if busy {
			d.Disable()
		} else {
			d.Enable()
		}
	}
	if len(e.w.View.Course().Guides) > 0 {
		if busy {
			e.Guide.Disable()
		} else {
			e.Guide.Enable()
		}
	}
	if busy {
		e.CancelBtn.SetText(lang.L("Cancel"))
		e.Stage.Show()
		e.Busy.Show()
		e.Busy.Start()
		e.Result.Hide()
		e.Problems.Hide()
		e.ShowBtn.Hide()
	} else {
		e.CancelBtn.SetText(lang.L("Close"))
		e.Stage.Hide()
		e.Bar.Hide()
		e.Busy.Stop()
		e.Busy.Hide()
	}
}

// start exports with the dialog's choices.
func (e *ExportDialog) start() {
	path := strings.TrimSpace(e.Path.Text)
	if path == "" {
		e.finish("", editor.Words(lang.L("Choose where to save the file.")), nil)
		return
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		e.finish("", editor.Words(lang.L("The folder {{.Folder}} does not exist. Choose another place.", map[string]any{"Folder": filepath.Dir(path)})), nil)
		return
	}
	if within(path, e.w.dir) {
		e.finish("", editor.Words(lang.L("Save the file outside the course folder, or it would become part of the course.")), nil)
		return
	}
	// The export reads the course as saved, from a copy of its own, so
	// the author can go on writing while it runs.
	if e.w.View.Modified() && !e.w.Save() {
		return
	}
	f := e.format()
	opts := export.Options{Guide: e.Guide.Checked && !e.Guide.Disabled(), Drafts: e.Drafts.Checked}
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	e.setBusy(true)
	e.Stage.SetText(lang.L("Reading the course…"))
	last := -1
	opts.Progress = func(p export.Progress) {
		// Told from the export's goroutine, once per file of a site
		// build: the bar moves only when its percentage does.
		pct := -1
		if p.Total > 0 {
			pct = 100 * p.Done / p.Total
		}
		if pct == last && pct != -1 {
			return
		}
		last = pct
		fyne.Do(func() { e.progress(f, p) })
	}
	dir := e.w.dir
	go func() {
		defer cancel()
		written, res, err := exportFile(ctx, dir, f, path, opts)
		fyne.Do(func() { e.finish(written, err, res) })
	}()
}

// exportFile exports the course in dir to path; an export that fails or
// is cancelled leaves no file.
func exportFile(ctx context.Context, dir string, f export.Format, path string, opts export.Options) (string, *export.Result, error) {
	c, err := course.Load(dir)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	res, err := export.Export(ctx, c, f, &buf, opts)
	if err != nil {
		return "", res, err
	}
	if res.Ext != "" && !strings.EqualFold(filepath.Ext(path), res.Ext) {
		// Written as another kind of file (a book as HTML in a zip where
		// no browser can print it): named for what it is, even when the
		// author named it (a zip called .pdf would open in nothing).
		path = strings.TrimSuffix(path, filepath.Ext(path)) + res.Ext
	}
	// A cancel up to the moment the file is put in place leaves none.
	if err := course.WriteFileAtomicIf(path, buf.Bytes(), 0o644, ctx.Err); err != nil {
		return "", res, err
	}
	return path, res, nil
}

// progress shows how far the export is.
func (e *ExportDialog) progress(f export.Format, p export.Progress) {
	if e.cancel == nil {
		return // finished already
	}
	switch {
	case p.Stage == export.StageRender && f == export.ZIP:
		e.Stage.SetText(lang.L("Building the website…"))
	case p.Stage == export.StageRender:
		e.Stage.SetText(lang.L("Rendering the pages…"))
	case p.Stage == export.StagePackage && f == export.PDF:
		e.Stage.SetText(lang.L("Printing the book…"))
	case p.Stage == export.StagePackage:
		e.Stage.SetText(lang.L("Writing the file…"))
	case p.Stage == export.StageDone:
		e.Stage.SetText(lang.L("Saving the file…"))
	}
	if p.Total > 0 {
		e.Busy.Stop()
		e.Busy.Hide()
		e.Bar.Show()
		e.Bar.SetValue(float64(p.Done) / float64(p.Total))
	} else {
		e.Bar.Hide()
		e.Busy.Show()
		e.Busy.Start()
	}
}

// finish shows how the export ended.
func (e *ExportDialog) finish(path string, err error, res *export.Result) {
	e.cancel = nil
	e.setBusy(false)
	e.Result.Show()
	switch {
	case errors.Is(err, context.Canceled):
		e.Result.SetText(lang.L("Export cancelled: no file was written."))
	case err != nil:
		e.Result.SetText(editor.UserError(e.w.app.wording(), lang.L("The course was not exported."), err).Error())
	default:
		e.written = path
		e.w.app.fyne.Preferences().SetString(prefExportDir, filepath.Dir(path))
		size := ""
		if st, err := os.Stat(path); err == nil {
			size = humanSize(st.Size())
		}
		e.Result.SetText(lang.L("Exported to {{.File}} ({{.Size}}).", map[string]any{"File": path, "Size": size}))
		e.ShowBtn.Show()
	}
	if res != nil {
		var lines []string
		for _, n := range res.Notes {
			lines = append(lines, "• "+n)
		}
		for _, d := range res.Diagnostics {
			lines = append(lines, "• "+editor.DiagnosticLine(e.w.View.Wording(), d))
		}
		if len(lines) > 0 {
			e.Problems.SetText(lang.L("To know:") + "\n" + strings.Join(lines, "\n"))
			e.Problems.Show()
		}
	}
	if e.OnFinished != nil {
		e.OnFinished(path, err)
	}
}

// cancelOrClose cancels an export under way, or closes the dialog.
func (e *ExportDialog) cancelOrClose() {
	if e.cancel != nil {
		e.cancel()
		e.Stage.SetText(lang.L("Cancelling…"))
		return
	}
	e.dlg.Hide()
}

// showInFolder opens the folder of the file written with the system's
// file manager (the same opener the app's browser links use).
func (e *ExportDialog) showInFolder() {
	if e.written == "" {
		return
	}
	u, err := url.Parse(storage.NewFileURI(filepath.Dir(e.written)).String())
	if err == nil {
		err = e.w.app.fyne.OpenURL(u)
	}
	if err != nil {
		dialog.ShowError(editor.UserError(e.w.app.wording(), lang.L("Could not open the folder."), err), e.w.Win)
	}
}

// within reports whether path is inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// humanSize writes a byte count for people.
func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
