package app

import (
	"errors"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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
		both, a := w.mergeWithDisk(p, dc.Disk)
		if a != nil {
			waiting = true
			ask = append(ask, *a)
			continue
		}
		rebased = true
		if both {
			merged = append(merged, p.Path)
		}
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
		w.askMerge(ask, true)
	}
	return saved && !waiting
}

// mergeWithDisk merges a page's unsaved changes with another program's
// version of its file (disk, the whole file), paragraph by paragraph,
// against the version both started from; saving and the folder watch
// both come here. When the two changed different paragraphs the editor
// takes the merge at once (unsaved), and both reports whether it holds
// changes of both sides (the author is told); when they changed the same
// paragraphs, nothing changes yet and ask is what to put to the author.
func (w *CourseWindow) mergeWithDisk(p *course.Page, disk string) (both bool, ask *mergeAsk) {
	chunks := p.MergeWithDisk(disk)
	if course.Conflicts(chunks) > 0 {
		return false, &mergeAsk{page: p, disk: disk, chunks: chunks}
	}
	text := course.JoinMerge(chunks, nil)
	w.View.Rebase(p, disk, text)
	// Taking the other program's version as it is needs no word.
	return text != normalText(disk), nil
}

// mergeAsk is a page both the author and another program changed in the
// same paragraphs.
type mergeAsk struct {
	page   *course.Page
	disk   string
	chunks []course.MergeChunk
}

// mergeChoice is what the author keeps of one change both sides made.
type mergeChoice int

const (
	// keepBoth is the default: nothing is lost, the author edits after.
	keepBoth mergeChoice = iota
	keepMine
	useTheirs
)

// joinChoices puts a merge back together with the author's choice for
// each conflict, in order.
func joinChoices(chunks []course.MergeChunk, choices []mergeChoice) string {
	var sb strings.Builder
	n := 0
	for _, c := range chunks {
		if !c.Conflict {
			sb.WriteString(c.Text)
			continue
		}
		choice := keepBoth
		if n < len(choices) {
			choice = choices[n]
		}
		n++
		switch choice {
		case keepMine:
			sb.WriteString(c.Mine)
		case useTheirs:
			sb.WriteString(c.Theirs)
		default:
			sb.WriteString(bothVersions(c.Mine, c.Theirs))
		}
	}
	return sb.String()
}

// bothVersions is the author's version of some paragraphs followed by the
// other program's, a blank line between them, keeping the line breaks
// that join them to the paragraphs around.
func bothVersions(mine, theirs string) string {
	m, t := strings.Trim(mine, "\n"), strings.Trim(theirs, "\n")
	switch {
	case m == "":
		return theirs
	case t == "" || m == t:
		return mine
	}
	lead := mine[:len(mine)-len(strings.TrimLeft(mine, "\n"))]
	tail := theirs[len(strings.TrimRight(theirs, "\n")):]
	return lead + m + "\n\n" + t + tail
}

// askMerge shows each change both sides made to the same paragraphs side
// by side, the author's version and the one on disk, in normal text, with
// a choice for each. The choice starts on keeping both, so that the
// highlighted button loses nothing; the dialog says what each choice
// does. Applying takes the choices into the editor (and saves, when the
// author was saving); "Decide later" changes nothing: the page stays
// unsaved and the next save asks again.
func (w *CourseWindow) askMerge(pages []mergeAsk, saving bool) {
	w.asking = true
	both, mine, theirs := lang.L("Keep both"), lang.L("Keep mine"), lang.L("Use theirs")
	parts := []fyne.CanvasObject{
		wrapped(lang.L("Another program changed the same paragraphs you changed. Choose which version to keep for each change.")),
		wrapped(lang.L("Keep both: your version and the other program's stay in the page, yours first, for you to edit. Keep mine: your version replaces the other program's. Use theirs: your change to those paragraphs is dropped. Paragraphs only one side changed are already merged. Decide later: nothing changes now, and the next save asks again.")),
	}
	choices := make([][]mergeChoice, len(pages))
	for i, pa := range pages {
		parts = append(parts, widget.NewLabelWithStyle(pa.page.Path, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		choices[i] = make([]mergeChoice, course.Conflicts(pa.chunks))
		n := 0
		for _, c := range pa.chunks {
			if !c.Conflict {
				continue
			}
			k := n
			n++
			radio := widget.NewRadioGroup([]string{both, mine, theirs}, func(s string) {
				switch s {
				case mine:
					choices[i][k] = keepMine
				case theirs:
					choices[i][k] = useTheirs
				default:
					choices[i][k] = keepBoth
				}
			})
			radio.Horizontal = true
			radio.Required = true
			radio.SetSelected(both)
			parts = append(parts,
				container.NewGridWithColumns(2,
					container.NewBorder(widget.NewLabelWithStyle(lang.L("Yours (not saved)"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, versionText(c.Mine)),
					container.NewBorder(widget.NewLabelWithStyle(lang.L("On disk now"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, versionText(c.Theirs))),
				radio, widget.NewSeparator())
		}
	}
	content := container.NewVScroll(container.NewVBox(parts...))
	content.SetMinSize(fyne.NewSize(760, 420))
	dlg := dialog.NewCustomWithoutButtons(lang.L("Changed by another program"), content, w.Win)
	apply := lang.L("Apply my choices")
	if saving {
		apply = lang.L("Save my choices")
	}
	dlg.SetButtons(buttons(
		button(apply, true, func() {
			dlg.Hide()
			w.asking = false
			w.View.Flush()
			for i, pa := range pages {
				w.View.Rebase(pa.page, pa.disk, joinChoices(pa.chunks, choices[i]))
			}
			if saving {
				w.Save()
			}
		}),
		button(lang.L("Decide later"), false, func() {
			dlg.Hide()
			w.asking = false
		}),
	))
	dlg.Show()
}

// versionText shows one side's version of some paragraphs in normal
// text (readable, unlike a disabled entry's grey) inside a thin frame.
func versionText(s string) fyne.CanvasObject {
	var seg *widget.TextSegment
	if strings.TrimSpace(s) == "" {
		seg = &widget.TextSegment{Text: lang.L("(removed)"), Style: widget.RichTextStyleEmphasis}
	} else {
		seg = &widget.TextSegment{Text: strings.Trim(s, "\n"), Style: widget.RichTextStyleParagraph}
	}
	rt := widget.NewRichText(seg)
	rt.Wrapping = fyne.TextWrapWord
	frame := canvas.NewRectangle(color.Transparent)
	frame.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	frame.StrokeWidth = 1
	frame.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(frame, rt)
}

// wrapped is a label that wraps at the dialog's width.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
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
