package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
)

// ExternalChange brings the course up to date after another program
// changed its folder: silently when nothing here is unsaved; a page with
// unsaved changes here takes the other program's changes to other
// paragraphs (the author is told), and where both changed the same
// paragraphs the author sees both versions and chooses. Another program's
// change is never overwritten without the author saying so.
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
	// The folder is read in the background (a whole course may be read
	// again); one read at a time, and a change reported meanwhile reads
	// again once it is done.
	if w.reloading {
		w.reloadAgain = true
		return
	}
	w.reloading = true
	ctx, stop := context.WithCancel(context.Background())
	// Stop ends the re-read for the author at once: a file slow to read
	// (a network disk) may keep the scan a while longer, and what it
	// brings then is dropped.
	var hide func()
	stopped := false
	hide = w.showReloading(func() {
		if stopped || !w.reloading {
			return
		}
		stopped = true
		stop()
		w.reloading, w.reloadAgain = false, false
		hide()
		w.notice(lang.L("Stopped reading the course folder again: changes another program made there do not show yet."),
			noticeAction{label: lang.L("Read it again"), primary: true, do: w.ExternalChange},
			noticeAction{label: lang.L("OK")})
	})
	w.View.ReloadFolderContext(ctx, func(res course.ReloadResult, err error) {
		if stopped {
			return
		}
		stop()
		w.reloading = false
		hide()
		if w.closed {
			return
		}
		if err != nil {
			fyne.LogError("reloading the course", err)
		} else {
			w.externalChanged(res)
		}
		if w.reloadAgain {
			w.reloadAgain = false
			w.ExternalChange()
		}
	})
}

// reloadingNoticeAfter is how long a re-read of the folder runs before a
// notice says so: most take a few milliseconds (one page changed), and a
// bar that flashes up and away at each save of another program is noise.
const reloadingNoticeAfter = 300 * time.Millisecond

// showReloading shows, once the re-read of the folder has run for
// reloadingNoticeAfter, a bar with a progress bar saying what the app is
// doing (a whole course on a slow disk can take seconds, during which the
// tree and the editor do not show the other program's change yet), and
// Stop, which calls stop. The function it returns takes the bar away (UI
// thread).
func (w *CourseWindow) showReloading(stop func()) (done func()) {
	var bar *fyne.Container
	var progress *widget.ProgressBarInfinite
	ended := false
	t := time.AfterFunc(reloadingNoticeAfter, func() {
		fyne.Do(func() {
			if ended || w.closed {
				return
			}
			msg := lang.L("Another program changed the course folder: reading it again…")
			progress = widget.NewProgressBarInfinite()
			label := widget.NewLabel(msg)
			label.Wrapping = fyne.TextWrapWord
			w.StopReadingBtn = widget.NewButton(lang.L("Stop"), stop)
			bar = container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), w.StopReadingBtn, container.NewVBox(label, progress))
			w.notices.Add(bar)
			w.noticeText[bar] = msg
		})
	})
	return func() {
		ended = true
		t.Stop()
		if bar != nil {
			progress.Stop()
			w.notices.Remove(bar)
			delete(w.noticeText, bar)
			w.StopReadingBtn = nil
		}
	}
}

// externalChanged tells the author what the re-read of the folder found
// (the view already shows it): merges, and questions where both sides
// changed the same paragraphs or files appeared while work is unsaved.
func (w *CourseWindow) externalChanged(res course.ReloadResult) {
	v := w.View
	w.markUnsaved(v.Unsaved())

	var merged []string
	var ask []mergeAsk
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
		w.known[rel] = h
		// As when saving: different paragraphs are merged, the same
		// paragraphs are the author's to choose, change by change.
		both, a := w.mergeWithDisk(p, string(raw))
		switch {
		case a != nil:
			ask = append(ask, *a)
		case both:
			merged = append(merged, rel)
		}
	}
	if len(merged) > 0 {
		w.notice(lang.L("Another program also changed {{.Pages}} while you were editing. Both changes are kept; they are saved with yours.",
			map[string]any{"Pages": strings.Join(merged, ", ")}),
			noticeAction{label: lang.L("OK")})
	}
	switch {
	case len(ask) > 0:
		sort.Slice(ask, func(i, j int) bool { return ask[i].page.Path < ask[j].page.Path })
		w.askMerge(ask, false)
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
