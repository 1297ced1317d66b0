package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
)

// Saving never overwrites another program's work: course.Save checks each
// page's file right before replacing it and leaves the pages whose files
// changed or vanished (course.ConflictError). This file handles them:
// changes to different paragraphs are merged and the author is told so;
// changes to the same paragraph are shown side by side for the author
// to choose, change by change; a deleted page gets a notice bar.

// notice shows a bar above the course with a message and buttons; a
// button's action runs after the bar is gone. Bars stack, newest last.
func (w *CourseWindow) notice(msg string, actions ...noticeAction) *fyne.Container {
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	bar := container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil)
	row := container.NewHBox()
	for _, a := range actions {
		row.Add(button(a.label, a.primary, func() {
			w.notices.Remove(bar)
			delete(w.noticeText, bar)
			if a.do != nil {
				a.do()
			}
		}))
	}
	bar.Objects = append(bar.Objects, container.NewBorder(nil, nil, nil, row, label))
	bar.Layout = container.NewBorder(nil, nil, bar.Objects[0], nil).Layout
	w.notices.Add(bar)
	w.noticeText[bar] = msg
	return bar
}

type noticeAction struct {
	label   string
	primary bool
	do      func()
}

// Notices is the text of the notice bars showing (tests read it).
func (w *CourseWindow) Notices() string {
	var b strings.Builder
	for _, bar := range w.notices.Objects {
		b.WriteString(w.noticeText[bar] + "\n")
	}
	return b.String()
}

// saveConflicts deals with the pages Save left unsaved.
// It reports whether everything is saved in the end (nothing needed the
// author).
func (w *CourseWindow) saveConflicts(ce *course.ConflictError) bool {
	var merged []string
	rebased, waiting := false, false
	var ask []mergeAsk
	for _, dc := range ce.Conflicts {
		p := dc.Page
		if dc.Deleted {
			w.showDeleted(p)
			waiting = true
			continue
		}
		chunks := p.MergeWithDisk(dc.Disk)
		if course.Conflicts(chunks) == 0 {
			text := course.JoinMerge(chunks, nil)
			w.View.Rebase(p, dc.Disk, text)
			rebased = true
			// Taking the other program's version as it is needs no word.
			if text != normalText(dc.Disk) {
				merged = append(merged, p.Path)
			}
			continue
		}
		waiting = true
		ask = append(ask, mergeAsk{page: p, disk: dc.Disk, chunks: chunks})
	}
	saved := false
	if rebased {
		saved = w.Save()
	}
	if len(merged) > 0 && saved {
		w.notice(lang.L("Another program also changed {{.Pages}} while you were editing. Both changes are kept and saved.",
			map[string]any{"Pages": strings.Join(merged, ", ")}),
			noticeAction{label: lang.L("OK")})
	}
	if len(ask) > 0 {
		w.askMerge(ask)
	}
	return saved && !waiting
}

// mergeAsk is a page both the author and another program changed in the
// same paragraphs.
type mergeAsk struct {
	page   *course.Page
	disk   string
	chunks []course.MergeChunk
}

// askMerge shows each conflicting change side by side, the author's
// version and the one on disk, with a choice for each; saving applies
// the choices. Cancel leaves the page unsaved (the next save asks again).
func (w *CourseWindow) askMerge(pages []mergeAsk) {
	parts := []fyne.CanvasObject{newMessage(lang.L("Another program changed the same paragraphs you changed. Choose which version to keep for each change."))}
	choices := make([][]bool, len(pages))
	for i, pa := range pages {
		parts = append(parts, widget.NewLabelWithStyle(pa.page.Path, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		choices[i] = make([]bool, course.Conflicts(pa.chunks))
		n := 0
		for _, c := range pa.chunks {
			if !c.Conflict {
				continue
			}
			k := n
			n++
			mine, theirs := lang.L("Keep mine"), lang.L("Use theirs")
			radio := widget.NewRadioGroup([]string{mine, theirs}, func(s string) { choices[i][k] = s == theirs })
			radio.Horizontal = true
			radio.Required = true
			radio.SetSelected(mine)
			parts = append(parts,
				container.NewGridWithColumns(2,
					container.NewBorder(widget.NewLabel(lang.L("Yours (not saved)")), nil, nil, nil, readOnlyText(c.Mine)),
					container.NewBorder(widget.NewLabel(lang.L("On disk now")), nil, nil, nil, readOnlyText(c.Theirs))),
				radio, widget.NewSeparator())
		}
	}
	content := container.NewVScroll(container.NewVBox(parts...))
	content.SetMinSize(fyne.NewSize(760, 420))
	dlg := dialog.NewCustomWithoutButtons(lang.L("Changed by another program"), content, w.Win)
	dlg.SetButtons(buttons(
		button(lang.L("Save my choices"), true, func() {
			dlg.Hide()
			for i, pa := range pages {
				w.View.Rebase(pa.page, pa.disk, course.JoinMerge(pa.chunks, choices[i]))
			}
			w.Save()
		}),
		button(lang.L("Cancel"), false, dlg.Hide),
	))
	dlg.Show()
}

// showDeleted puts up the notice for a page whose file another program
// deleted, once per page: the author keeps their version (saved as a
// new file) or closes the page.
func (w *CourseWindow) showDeleted(p *course.Page) {
	if w.deleted[p] {
		return
	}
	w.deleted[p] = true
	if p != w.View.Page.Page() {
		w.View.OpenPage(p)
	}
	w.notice(lang.L("This page was deleted outside Coursewright")+": "+p.Path,
		noticeAction{label: lang.L("Keep my version"), primary: true, do: func() {
			delete(w.deleted, p)
			w.View.KeepDeleted(p)
			w.Save()
		}},
		noticeAction{label: lang.L("Close it"), do: func() {
			delete(w.deleted, p)
			w.View.ForgetDeleted(p)
			w.writeJournal()
			w.ExternalChange()
		}})
}

// openPageDeleted reports whether the open page's file, which it was
// read from, is gone from disk.
func (w *CourseWindow) openPageDeleted() *course.Page {
	p := w.View.Page.Page()
	if p == nil || !p.HasFile() {
		return nil
	}
	if _, err := os.Stat(filepath.Join(w.dir, filepath.FromSlash(p.Path))); errors.Is(err, os.ErrNotExist) {
		return p
	}
	return nil
}
