package app

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// ExternalChange brings the course up to date after another program
// changed its folder: silently when nothing here is unsaved; otherwise
// the author sees both versions and chooses. Another program's change is
// never overwritten without the author saying so.
func (w *CourseWindow) ExternalChange() {
	if w.closed || w.asking {
		return
	}
	// The open page's file is gone: the author decides first (a reload
	// now would drop the page, and with it what the author sees).
	if p := w.openPageDeleted(); p != nil {
		w.showDeleted(p)
		return
	}
	if len(w.deleted) > 0 {
		return // the reload waits for the answer
	}
	v := w.View
	v.Flush()
	res, err := v.Course().Reload()
	if err != nil {
		fyne.LogError("reloading the course", err)
		return
	}
	v.Reloaded(res)
	w.markUnsaved(v.Unsaved())

	var pages []pageDiff
	other := 0
	for _, rel := range res.Conflicts {
		p := v.Course().PageByPath(rel)
		raw, err := os.ReadFile(filepath.Join(w.dir, filepath.FromSlash(rel)))
		if p == nil || err != nil {
			other++
			continue
		}
		h := hash(raw)
		if w.known[rel] == h {
			continue // the author has already decided about this version
		}
		pages = append(pages, pageDiff{path: rel, page: p, disk: bodyOf(string(raw)), raw: string(raw), journal: p.Body()})
		w.known[rel] = h
	}
	switch {
	case len(pages) > 0:
		sortDiffs(pages)
		w.askConflict(pages)
	case other > 0:
		w.askStructure(other)
	}
}

// normalText is a file's text as merges compare it: without a byte-order
// mark, with LF line endings.
func normalText(s string) string {
	return strings.ReplaceAll(strings.TrimPrefix(s, "\ufeff"), "\r\n", "\n")
}

func hash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// bodyOf is a page file's markdown after its front matter, as the
// course model reads it: without a byte-order mark, with LF endings.
func bodyOf(raw string) string {
	s := strings.TrimPrefix(raw, "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if !strings.HasPrefix(s, "---\n") && !strings.HasPrefix(s, "--- \n") {
		return s
	}
	rest := s[strings.IndexByte(s, '\n')+1:]
	for pos := 0; pos < len(rest); {
		end := strings.IndexByte(rest[pos:], '\n')
		line := rest[pos:]
		if end >= 0 {
			line = rest[pos : pos+end+1]
		}
		if t := strings.TrimRight(line, " \t\n"); t == "---" || t == "..." {
			return rest[pos+len(line):]
		}
		if end < 0 {
			break
		}
		pos += end + 1
	}
	return s
}

// askConflict shows pages changed both here and by another program, side
// by side, and takes the version the author chooses.
func (w *CourseWindow) askConflict(pages []pageDiff) {
	w.asking = true
	parts := []fyne.CanvasObject{newMessage(lang.N(
		"Another program changed {{.Count}} pages you have unsaved changes in. Which version do you want to keep?", len(pages), map[string]any{"Count": len(pages)}))}
	for _, d := range pages {
		mine := readOnlyText(d.journal)
		theirs := readOnlyText(d.disk)
		parts = append(parts,
			widget.NewLabelWithStyle(d.path, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			container.NewGridWithColumns(2,
				container.NewBorder(widget.NewLabel(lang.L("Yours (not saved)")), nil, nil, nil, mine),
				container.NewBorder(widget.NewLabel(lang.L("On disk now")), nil, nil, nil, theirs)),
			diffView(lineDiff(d.disk, d.journal, 20)))
	}
	content := container.NewVScroll(container.NewVBox(parts...))
	content.SetMinSize(fyne.NewSize(760, 420))
	dlg := dialog.NewCustomWithoutButtons(lang.L("Changed by another program"), content, w.Win)
	dlg.SetButtons(buttons(
		// Either way the file's new version is now known: saving then
		// writes the author's choice over it, and only if it is still
		// that version.
		button(lang.L("Keep mine"), true, func() {
			dlg.Hide()
			w.asking = false
			w.View.Flush()
			for _, d := range pages {
				w.View.Rebase(d.page, d.raw, normalText(string(d.page.Bytes())))
			}
		}),
		button(lang.L("Use theirs"), false, func() {
			dlg.Hide()
			w.asking = false
			for _, d := range pages {
				w.View.Rebase(d.page, d.raw, normalText(d.raw))
			}
		}),
	))
	dlg.Show()
}

// askStructure offers to save and reload when files appeared or vanished
// while there are unsaved changes here.
func (w *CourseWindow) askStructure(n int) {
	w.asking = true
	dlg := dialog.NewCustomWithoutButtons(lang.L("The course folder changed"),
		newMessage(lang.N("Another program added, removed or changed {{.Count}} files of the course (its settings or its pages) while you have unsaved changes. Save your changes and load the course again?", n, map[string]any{"Count": n})), w.Win)
	dlg.SetButtons(buttons(
		button(lang.L("Save and reload"), true, func() {
			dlg.Hide()
			w.asking = false
			if w.Save() {
				w.ExternalChange()
			}
		}),
		button(lang.L("Later"), false, func() {
			dlg.Hide()
			w.asking = false
		}),
	))
	dlg.Show()
}

func readOnlyText(s string) fyne.CanvasObject {
	e := widget.NewMultiLineEntry()
	e.SetText(s)
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(8)
	e.Disable()
	return e
}
