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

// HistoryPanel shows the course's saved versions (repo.History) and lets
// the author save a new one with a message, compare the open page with a
// chosen version and restore the page from it — as a new version, so
// nothing later is lost. The git work is small and local, so it runs on
// the UI thread; the panel shows what it did in Status.
type HistoryPanel struct {
	Versions *widget.List
	Message  *widget.Entry
	// Old and New show the open page in the chosen version and now.
	Old, New *widget.Label
	// Diff lists the changed lines, "-" old and "+" new.
	Diff *widget.Label
	// Changed lists the files the chosen version changed.
	Changed *widget.Label
	Status  *widget.Label

	SaveBtn, RestoreBtn *widget.Button
	// RestoreModuleBtn restores the open page's module, RestoreAllBtn the
	// whole course.
	RestoreModuleBtn, RestoreAllBtn *widget.Button
	Content                         fyne.CanvasObject

	v        *CourseView
	r        *repo.Repo
	versions []repo.Version
	chosen   int // index in versions, -1 for none
}

// NewHistoryPanel builds the history of the view's course, kept in r.
func NewHistoryPanel(v *CourseView, r *repo.Repo) *HistoryPanel {
	h := &HistoryPanel{v: v, r: r, chosen: -1, Message: widget.NewEntry(),
		Old: widget.NewLabel(""), New: widget.NewLabel(""), Diff: widget.NewLabel(""), Status: widget.NewLabel("")}
	h.Status.Wrapping = fyne.TextWrapWord
	h.Changed = widget.NewLabel("")
	h.Changed.Wrapping = fyne.TextWrapWord
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

	save := container.NewBorder(nil, nil, nil, h.SaveBtn, h.Message)
	compare := container.NewGridWithColumns(2,
		container.NewBorder(widget.NewLabelWithStyle(lang.L("In the chosen version"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, container.NewScroll(h.Old)),
		container.NewBorder(widget.NewLabelWithStyle(lang.L("Now"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, container.NewScroll(h.New)))
	tabs := container.NewAppTabs(container.NewTabItem(lang.L("Changed lines"), container.NewScroll(h.Diff)), container.NewTabItem(lang.L("Side by side"), compare))
	right := container.NewBorder(h.Changed, container.NewVBox(container.NewHBox(h.RestoreBtn, h.RestoreModuleBtn, h.RestoreAllBtn), h.Status), nil, nil, tabs)
	split := container.NewVSplit(container.NewBorder(save, nil, nil, nil, h.Versions), right)
	split.Offset = 0.4
	h.Content = split
	h.report(h.Refresh())
	return h
}

// VersionLine describes a version in one line: date, author, pages
// changed and message.
func VersionLine(ver repo.Version) string {
	subject, _, _ := strings.Cut(strings.TrimSpace(ver.Message), "\n")
	files := lang.N("{{.Count}} files", len(ver.Changed), map[string]any{"Count": len(ver.Changed)})
	return fmt.Sprintf("%s · %s · %s · %s", ver.When.Local().Format("2006-01-02 15:04"), ver.Author.Name, files, subject)
}

// Refresh reads the history again.
func (h *HistoryPanel) Refresh() error {
	vs, err := h.r.History(context.Background(), 0)
	if err != nil {
		return err
	}
	h.versions = vs
	h.chosen = -1
	h.Versions.UnselectAll()
	h.Versions.Refresh()
	h.enableRestore(false)
	h.Old.SetText("")
	h.New.SetText("")
	h.Diff.SetText("")
	h.Changed.SetText("")
	return nil
}

// History is the versions shown, newest first.
func (h *HistoryPanel) History() []repo.Version { return h.versions }

// SaveVersion saves the course, then records it as a version with the
// message typed.
func (h *HistoryPanel) SaveVersion() error {
	if err := h.v.Save(); err != nil {
		return err
	}
	_, _, err := h.r.SaveVersion(context.Background(), repo.SaveOptions{Message: h.Message.Text})
	if errors.Is(err, repo.ErrNothingToSave) {
		h.Status.SetText(lang.L("Nothing changed since the last version."))
		return nil
	}
	if err != nil {
		return err
	}
	h.Message.SetText("")
	if err := h.Refresh(); err != nil {
		return err
	}
	h.Status.SetText(lang.L("Saved a new version."))
	return nil
}

// Choose compares the open page with version i of the list.
func (h *HistoryPanel) Choose(i int) error {
	if i < 0 || i >= len(h.versions) {
		return nil
	}
	h.chosen = i
	h.Changed.SetText(lang.L("Changed in this version: {{.Files}}", map[string]any{"Files": strings.Join(h.versions[i].Changed, ", ")}))
	p := h.v.Page.Page()
	if p == nil {
		h.enableRestore(false)
		return noPageOpen()
	}
	if err := h.v.Save(); err != nil { // Diff compares with the folder
		return err
	}
	oldText, newText, err := h.r.Diff(context.Background(), h.versions[i].Hash, p.Path)
	if errors.Is(err, repo.ErrNotInHistory) {
		oldText, newText, err = "", h.v.Page.Text.Text(), nil
	}
	if err != nil {
		return err
	}
	h.Old.SetText(oldText)
	h.New.SetText(newText)
	d := LineDiff(oldText, newText)
	if d == "" {
		d = lang.L("The page is the same in this version.")
	}
	h.Diff.SetText(d)
	h.enableRestore(true)
	return nil
}

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
		return errors.New(lang.L("open a page of a module first"))
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

// restore brings paths (none: everything) back to the chosen version,
// then re-reads the course.
func (h *HistoryPanel) restore(done string, paths ...string) error {
	if h.chosen < 0 {
		return errors.New(lang.L("choose a version in the list first"))
	}
	if err := h.v.Save(); err != nil {
		return err
	}
	if _, err := h.r.Restore(context.Background(), h.versions[h.chosen].Hash, paths...); err != nil {
		if errors.Is(err, repo.ErrNothingToSave) {
			h.Status.SetText(lang.L("The files are already as in that version."))
			return nil
		}
		return err
	}
	res, err := h.v.c.Reload()
	if err != nil {
		return err
	}
	h.v.Reloaded(res)
	if err := h.Refresh(); err != nil {
		return err
	}
	h.Status.SetText(done)
	return nil
}

func (h *HistoryPanel) report(err error) {
	if err != nil {
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
