package editor

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/repo"
)

// HistoryPageSize is how many versions the history panel reads at a
// time; "Load more" reads the next ones.
const HistoryPageSize = 50

// HistoryPanel shows the course's saved versions (repo.HistoryPage, a
// page at a time) and lets the author save a new one with a message,
// compare the open page with a chosen version and restore the page from
// it — as a new version, so nothing later is lost.
//
// Every git call runs in the background, one at a time, with Progress and
// Activity showing what is under way and CancelBtn to stop it: a long
// history, a big course or a slow disk never freezes the window. Reading
// jobs give way to the next thing the author asks; a job that writes (a
// new version, a restore) must end or be cancelled first.
type HistoryPanel struct {
	Versions *widget.List
	Message  *widget.Entry
	// Old and New show the open page in the chosen version and now.
	Old, New *widget.Label
	// Diff lists the changed lines, "-" old and "+" new.
	Diff *widget.Label
	// Changed lists what the chosen version changed: page titles by
	// module, other files by name (ChangedWords); with nothing chosen, it
	// says what to do.
	Changed *widget.Label
	// Status says what the last job did (or why it failed).
	Status *widget.Label
	// Activity and Progress show the job under way; CancelBtn stops it.
	Activity  *widget.Label
	Progress  *widget.ProgressBarInfinite
	CancelBtn *widget.Button
	// MoreBtn reads the next HistoryPageSize versions.
	MoreBtn *widget.Button

	SaveBtn, RestoreBtn *widget.Button
	// RestoreModuleBtn restores the open page's module, RestoreAllBtn the
	// whole course.
	RestoreModuleBtn, RestoreAllBtn *widget.Button
	Content                         fyne.CanvasObject

	v        *CourseView
	dir      string
	r        *repo.Repo // nil until the first job has opened it
	versions []repo.Version
	chosen   int // index in versions, -1 for none
	job      *historyJob
}

// historyJob is the git work under way.
type historyJob struct {
	cancel context.CancelFunc
	writes bool
}

// NewHistoryPanel builds the history of the view's course. Its repository
// is opened and its newest versions read in the background; a folder that
// is not a repository has an empty history (viewing it does not make it
// one).
func NewHistoryPanel(v *CourseView) *HistoryPanel {
	h := &HistoryPanel{v: v, dir: v.Course().Dir, chosen: -1, Message: widget.NewEntry(),
		Old: widget.NewLabel(""), New: widget.NewLabel(""), Diff: widget.NewLabel(""), Status: widget.NewLabel(""),
		Activity: widget.NewLabel(""), Progress: widget.NewProgressBarInfinite()}
	h.Status.Wrapping = fyne.TextWrapWord
	h.Progress.Stop()
	h.Progress.Hide()
	h.Changed = widget.NewLabel("")
	h.Changed.Wrapping = fyne.TextWrapWord
	h.Changed.SetText(h.hint())
	h.Message.SetPlaceHolder(lang.L("What changed, e.g. \"Shorter check-in\""))
	h.Message.OnSubmitted = func(string) { h.report(h.SaveVersion()) }
	h.Versions = widget.NewList(func() int { return len(h.versions) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("2006-01-02 15:04 · Author Name · 10 pages · a message of some length")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(VersionLine(h.versions[i])) })
	h.Versions.OnSelected = func(i widget.ListItemID) { h.report(h.Choose(i)) }
	h.SaveBtn = widget.NewButtonWithIcon(lang.L("Save version"), theme.DocumentSaveIcon(), func() { h.report(h.SaveVersion()) })
	h.SaveBtn.Importance = widget.HighImportance
	h.RestoreBtn = widget.NewButtonWithIcon(lang.L("Restore this page"), theme.HistoryIcon(), func() { h.report(h.RestorePage()) })
	h.RestoreBtn.Disable()
	h.RestoreModuleBtn = widget.NewButton(lang.L("Restore this module"), func() { h.report(h.RestoreModule()) })
	h.RestoreModuleBtn.Disable()
	h.RestoreAllBtn = widget.NewButton(lang.L("Restore the whole course"), func() { h.report(h.RestoreCourse()) })
	h.RestoreAllBtn.Disable()
	// Cancel shows only while there is something to cancel: a disabled
	// Cancel beside an empty activity line read as a stuck job.
	h.CancelBtn = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), h.Cancel)
	h.CancelBtn.Hide()
	h.MoreBtn = widget.NewButton(lang.L("Load more"), h.LoadMore)
	h.MoreBtn.Hide()

	save := container.NewBorder(nil, nil, nil, h.SaveBtn, h.Message)
	working := container.NewBorder(nil, nil, nil, h.CancelBtn, container.NewVBox(h.Activity, h.Progress))
	compare := container.NewGridWithColumns(2,
		container.NewBorder(widget.NewLabelWithStyle(lang.L("In the chosen version"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, container.NewScroll(h.Old)),
		container.NewBorder(widget.NewLabelWithStyle(lang.L("Now"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, container.NewScroll(h.New)))
	tabs := container.NewAppTabs(container.NewTabItem(lang.L("Changed lines"), container.NewScroll(h.Diff)), container.NewTabItem(lang.L("Side by side"), compare))
	changed := container.NewVSplit(container.NewVScroll(h.Changed), tabs)
	changed.Offset = 0.35
	right := container.NewBorder(nil, container.NewVBox(container.NewHBox(h.RestoreBtn, h.RestoreModuleBtn, h.RestoreAllBtn), h.Status), nil, nil, changed)
	left := container.NewBorder(container.NewVBox(save, working), h.MoreBtn, nil, nil, h.Versions)
	split := container.NewVSplit(left, right)
	split.Offset = 0.4
	h.Content = split
	h.Refresh()
	return h
}

// VersionLine describes a version in one line: date, author, pages
// changed and message.
func VersionLine(ver repo.Version) string {
	subject, _, _ := strings.Cut(strings.TrimSpace(ver.Message), "\n")
	files := lang.N("{{.Count}} files", len(ver.Changed), map[string]any{"Count": len(ver.Changed)})
	return fmt.Sprintf("%s · %s · %s · %s", ver.When.Local().Format("2006-01-02 15:04"), ver.Author.Name, files, subject)
}

// run does work in the background, showing activity and offering to
// cancel, then calls what work returns on the UI thread. A reading job
// replaces the one under way (cancelling it); while a job that writes is
// under way, nothing else starts. A job cancelled before it finished
// shows nothing; one that wrote finishes as if not cancelled, since its
// version exists now.
func (h *HistoryPanel) run(activity string, writes bool, work func(ctx context.Context, r *repo.Repo) (func(), error)) {
	if h.job != nil {
		if h.job.writes {
			h.Status.SetText(lang.L("Wait for the version being written, or cancel it."))
			return
		}
		h.job.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	job := &historyJob{cancel: cancel, writes: writes}
	h.job = job
	h.working(activity)
	r, dir := h.r, h.dir
	go func() {
		var err error
		if r == nil {
			r, err = repo.Open(dir, repo.Options{})
		}
		var apply func()
		if err != nil {
			err = UserError(h.v.words, lang.L("Could not read the history."), err)
		} else {
			apply, err = work(ctx, r)
		}
		fyne.Do(func() {
			cancelled := ctx.Err() != nil
			cancel()
			if h.r == nil && r != nil {
				h.r = r
			}
			if h.job != job {
				return // replaced by a later job
			}
			h.job = nil
			h.working("")
			switch {
			case errors.Is(err, context.Canceled) || (cancelled && err == nil && !writes):
				h.Status.SetText(lang.L("Cancelled."))
			case err != nil:
				h.report(err)
			default:
				apply()
			}
		})
	}()
}

// working shows the job under way (activity ""): none.
func (h *HistoryPanel) working(activity string) {
	h.Activity.SetText(activity)
	// Nothing under way: no empty line between the message and the list.
	h.Activity.Hidden = activity == ""
	if activity == "" {
		h.Progress.Stop()
		h.Progress.Hide()
		h.CancelBtn.Hide()
		h.SaveBtn.Enable()
		h.MoreBtn.Enable()
		return
	}
	h.Progress.Show()
	h.Progress.Start()
	h.CancelBtn.Show()
	h.SaveBtn.Disable()
	h.MoreBtn.Disable()
	h.enableRestore(false)
}

// Cancel stops the job under way.
func (h *HistoryPanel) Cancel() {
	if h.job != nil {
		h.job.cancel()
		h.Activity.SetText(lang.L("Cancelling…"))
	}
}

// Busy reports whether a job is under way (tests wait for it).
func (h *HistoryPanel) Busy() bool { return h.job != nil }

// Refresh reads the newest versions again.
func (h *HistoryPanel) Refresh() {
	h.run(lang.L("Reading the history…"), false, func(ctx context.Context, r *repo.Repo) (func(), error) {
		vs, more, err := r.HistoryPage(ctx, 0, HistoryPageSize)
		if err != nil && !errors.Is(err, context.Canceled) {
			err = UserError(h.v.words, lang.L("Could not read the history."), err)
		}
		return func() {
			h.versions = vs
			h.chosen = -1
			h.Versions.UnselectAll()
			h.Versions.Refresh()
			h.showMore(more)
			h.enableRestore(false)
			h.Old.SetText("")
			h.New.SetText("")
			h.Diff.SetText("")
			h.Changed.SetText(h.hint())
		}, err
	})
}

// LoadMore reads the next versions, older than those shown.
func (h *HistoryPanel) LoadMore() {
	skip := len(h.versions)
	h.run(lang.L("Reading older versions…"), false, func(ctx context.Context, r *repo.Repo) (func(), error) {
		vs, more, err := r.HistoryPage(ctx, skip, HistoryPageSize)
		return func() {
			if len(h.versions) != skip {
				return // the list was read again meanwhile
			}
			h.versions = append(h.versions, vs...)
			h.Versions.Refresh()
			h.showMore(more)
		}, err
	})
}

func (h *HistoryPanel) showMore(more bool) {
	if more {
		h.MoreBtn.Show()
	} else {
		h.MoreBtn.Hide()
	}
}

// History is the versions shown, newest first.
func (h *HistoryPanel) History() []repo.Version { return h.versions }

// SaveVersion saves the course, then records it as a version with the
// message typed, in the background.
func (h *HistoryPanel) SaveVersion() error {
	if h.job != nil && h.job.writes {
		return nil // run says to wait
	}
	if err := h.v.Save(); err != nil {
		return err
	}
	msg := h.Message.Text
	h.run(lang.L("Saving a version…"), true, func(ctx context.Context, r *repo.Repo) (func(), error) {
		_, _, err := r.SaveVersion(ctx, repo.SaveOptions{Message: msg})
		if errors.Is(err, repo.ErrNothingToSave) {
			return func() { h.Status.SetText(lang.L("Nothing changed since the last version.")) }, nil
		}
		return func() {
			h.Message.SetText("")
			h.Status.SetText(lang.L("Saved a new version."))
			h.Refresh()
		}, err
	})
	return nil
}

// Choose compares the open page with version i of the list, in the
// background.
func (h *HistoryPanel) Choose(i int) error {
	if i < 0 || i >= len(h.versions) {
		return nil
	}
	if h.job != nil && h.job.writes {
		h.Status.SetText(lang.L("Wait for the version being written, or cancel it."))
		return nil
	}
	h.chosen = i
	h.Changed.SetText(ChangedWords(h.v.Course(), h.versions[i].Changed))
	p := h.v.Page.Page()
	if p == nil {
		h.enableRestore(false)
		return noPageOpen()
	}
	if err := h.v.Save(); err != nil { // Diff compares with the folder
		return err
	}
	hash, path, now := h.versions[i].Hash, p.Path, h.v.Page.Text.Text()
	first := len(h.versions[i].Parents) == 0
	h.run(lang.L("Comparing with the chosen version…"), false, func(ctx context.Context, r *repo.Repo) (func(), error) {
		oldText, newText, err := r.Diff(ctx, hash, path)
		if errors.Is(err, repo.ErrNotInHistory) {
			oldText, newText, err = "", now, nil
		}
		if err != nil {
			return nil, err
		}
		d := LineDiff(oldText, newText) // quadratic: off the UI thread too
		switch {
		case first && oldText != "" && d == "":
			d = lang.L("First version: this page was created.") + "\n" + lang.L("It has not changed since.")
		case first && oldText != "":
			d = lang.L("First version: this page was created.") + "\n" + lang.L("Changed since:") + "\n" + d
		case d == "":
			d = lang.L("The page is the same in this version.")
		}
		return func() {
			h.Old.SetText(oldText)
			h.New.SetText(newText)
			h.Diff.SetText(d)
			h.enableRestore(true)
		}, nil
	})
	return nil
}

// hint says what the panel is for while no version is chosen.
func (h *HistoryPanel) hint() string {
	if len(h.versions) == 0 {
		return lang.L("No version saved yet. Write what changed above and press Save version: each version can be compared and restored later.")
	}
	return lang.L("Choose a version in the list to see what it changed, compare the open page with it, or restore it.")
}

// ChangedWords lists what a version changed as an author knows it: the
// titles of the pages, under their module's title, in the course's
// order; pages outside the modules (home, single pages, guides) under
// "Other pages", and any other file (settings, images, pages since
// removed) by its path under "Other files".
func ChangedWords(c *course.Course, paths []string) string {
	changed := make(map[string]bool, len(paths))
	for _, p := range paths {
		changed[p] = true
	}
	var b strings.Builder
	b.WriteString(lang.L("Changed in this version:"))
	// A version that changed a whole large course would list thousands
	// of lines, which a label takes seconds to lay out on the UI thread:
	// the first changedWordsMax are named, the rest counted.
	listed, unlisted := 0, 0
	group := func(title string, items []string) {
		if n := min(len(items), changedWordsMax-listed); n > 0 {
			b.WriteString("\n\n" + title)
			for _, it := range items[:n] {
				b.WriteString("\n  • " + it)
			}
			listed += n
			items = items[n:]
		}
		unlisted += len(items)
	}
	title := func(p *course.Page) string {
		delete(changed, p.Path)
		return pageTitle(c, p) // as the course's tree names it
	}
	if c != nil {
		for _, m := range c.Modules {
			var titles []string
			for _, p := range m.Pages {
				if changed[p.Path] {
					titles = append(titles, title(p))
				}
			}
			group(orDefault(strings.TrimSpace(m.Title), m.Slug), titles)
		}
		var others []string
		for _, p := range c.AllPages() {
			if changed[p.Path] {
				others = append(others, title(p))
			}
		}
		group(lang.L("Other pages"), others)
	}
	var files []string
	for _, p := range paths {
		if changed[p] {
			files = append(files, p)
		}
	}
	group(lang.L("Other files"), files)
	if unlisted > 0 {
		b.WriteString("\n\n" + lang.L("… and {{.N}} more.", map[string]any{"N": unlisted}))
	}
	return b.String()
}

// changedWordsMax is how many changed pages and files ChangedWords names.
const changedWordsMax = 40

// enableRestore turns the restore buttons on once a version is chosen;
// the module one only for a page in a module.
func (h *HistoryPanel) enableRestore(on bool) {
	for _, b := range []*widget.Button{h.RestoreBtn, h.RestoreModuleBtn, h.RestoreAllBtn} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if p := h.v.Page.Page(); on && (p == nil || h.openModule() == "") {
		h.RestoreModuleBtn.Disable()
	}
}

// openModule is the folder of the open page's module, or "".
func (h *HistoryPanel) openModule() string {
	if p := h.v.Page.Page(); p != nil {
		if m, _ := h.v.moduleOf(p); m != nil {
			return course.ModulesDir + "/" + m.Slug
		}
	}
	return ""
}

// RestoreModule brings the open page's module back to the chosen
// version, as a new version.
func (h *HistoryPanel) RestoreModule() error {
	dir := h.openModule()
	if dir == "" {
		return Words(lang.L("open a page of a module first"))
	}
	return h.restore(lang.L("Restored the module as a new version."), dir)
}

// RestoreCourse brings the whole course back to the chosen version, as a
// new version.
func (h *HistoryPanel) RestoreCourse() error {
	return h.restore(lang.L("Restored the whole course as a new version."))
}

// RestorePage brings the open page back to the chosen version, as a new
// version, and shows it.
func (h *HistoryPanel) RestorePage() error {
	p := h.v.Page.Page()
	if p == nil {
		return noPageOpen()
	}
	return h.restore(lang.L("Restored the page as a new version."), p.Path)
}

// restore brings paths (none: everything) back to the chosen version in
// the background, then re-reads the course.
func (h *HistoryPanel) restore(done string, paths ...string) error {
	if h.chosen < 0 {
		return Words(lang.L("choose a version in the list first"))
	}
	if err := h.v.Save(); err != nil {
		return err
	}
	hash := h.versions[h.chosen].Hash
	// The course is re-read after the files are back, in the same
	// background job: the UI thread only copies its file stamps now and
	// puts what was read into it at the end.
	scan := h.v.prepareReload()
	h.run(lang.L("Restoring…"), true, func(ctx context.Context, r *repo.Repo) (func(), error) {
		_, err := r.Restore(ctx, hash, paths...)
		if errors.Is(err, repo.ErrNothingToSave) {
			return func() { h.Status.SetText(lang.L("The files are already as in that version.")) }, nil
		}
		if err != nil {
			return nil, err
		}
		// The folder has changed: the course must follow it, so the
		// read is not the job's to cancel (closing the view stops it).
		scanErr := scan.Scan(h.v.life)
		return func() {
			h.v.applyScan(scan, scanErr, func(_ course.ReloadResult, err error) {
				if err != nil {
					h.report(err)
					return
				}
				h.Status.SetText(done)
				h.Refresh()
			})
		}, nil
	})
	return nil
}

// report says what went wrong in words (never a Go error chain: that
// goes to the log) under the panel and in a dialog.
func (h *HistoryPanel) report(err error) {
	if err != nil {
		err = UserError(h.v.words, "", err)
		h.Status.SetText(err.Error())
		h.v.fail(err)
	}
}

// LineDiff lists the lines that differ between a and b, in order: a
// longest-common-subsequence diff, "-" for lines only in a and "+" for
// lines only in b; pages are small enough for the quadratic table.
func LineDiff(a, b string) string {
	if a == b {
		return ""
	}
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	n, m := len(x), len(y)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			out.WriteString("+ " + y[j] + "\n")
			j++
		default:
			out.WriteString("- " + x[i] + "\n")
			i++
		}
	}
	return strings.TrimSuffix(out.String(), "\n")
}
