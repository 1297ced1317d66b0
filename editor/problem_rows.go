package editor

import (
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
)

// problemRows lays out the problem list and gives each of its rows the
// height its message needs, wrapped at the list's width: a message cut
// to "line 139: the link ../materials/in…" does not say what to do
// (issue 16's screen review found them cut at every window size). The
// heights are measured again when the width changes.
type problemRows struct {
	e     *PageEditor
	width float32
}

func (r *problemRows) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	if size.Width != r.width {
		r.width = size.Width
		r.e.sizeProblems()
	}
	// sizeProblems may have put a new list in.
	for _, o := range r.e.rows.Objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (r *problemRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// newProblemList makes the list of e.diags, each leading to its line.
func (e *PageEditor) newProblemList() *widget.List {
	l := widget.NewList(func() int { return len(e.diags) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("problem placeholder text")
			l.Wrapping = fyne.TextWrapWord // each row is as high as its message
			return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(e.diags) || i >= len(e.lines) {
				return
			}
			d := e.diags[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(e.lines[i])
			icon := c.Objects[1].(*widget.Icon)
			if d.Severity == course.SeverityError {
				icon.SetResource(theme.ErrorIcon())
			} else {
				icon.SetResource(theme.WarningIcon())
			}
		})
	l.OnSelected = func(i widget.ListItemID) {
		l.Unselect(i)
		e.GoToProblem(i)
	}
	return l
}

// sizeProblems gives each problem row the height of its message wrapped
// at the list's width. It runs on the UI thread whenever the problems
// change (after every check and preview), so its cost must not grow with
// what Fyne does per row: wrapping each message in a probe label shaped
// every word, and List.SetItemHeight lays the whole list out again for
// each row (a 50K page with 60 problems kept the UI thread 100–400 ms).
// Instead the rows are counted from the widths of the messages'
// characters (prewrap.go: measured once each, then remembered; the sum
// ignores kerning, so a row count comes out the same or one more, never
// one less), and when the heights differ from those the list was made
// with, a new list is made with them set before it is first laid out,
// when setting them costs nothing.
func (e *PageEditor) sizeProblems() {
	width := e.rows.Size().Width
	if width <= 0 {
		e.problems.Refresh()
		return
	}
	// The row: the list item's padding, the icon, the border's padding,
	// then the label (with its own inner padding); and room for the
	// scroll bar.
	pad := theme.Padding()
	text := width - theme.IconInlineSize() - 4*pad - theme.ScrollBarSize()
	avail := text - 2*theme.InnerPadding() - wrapSlack
	one, step := labelRowHeights()
	heights := make([]float32, len(e.lines))
	for i, line := range e.lines {
		rows := e.wrap.rows(line, avail, fyne.TextStyle{}, theme.TextSize())
		heights[i] = one + float32(rows-1)*step
	}
	if slices.Equal(heights, e.rowHeights) {
		e.problems.Refresh()
		return
	}
	e.rowHeights = heights
	l := e.newProblemList()
	for i, h := range heights {
		l.SetItemHeight(i, h) // no renderer yet: only noted
	}
	e.problems = l
	e.rows.Objects = []fyne.CanvasObject{l}
	// Resizing the new list makes and fills its visible rows; refreshing
	// e.rows would fill them all again.
	l.Resize(e.rows.Size())
	canvas.Refresh(e.rows)
}

// labelRowHeights are a wrapping label's height with one row of text,
// and what each more row adds.
func labelRowHeights() (one, step float32) {
	probe := widget.NewLabel("Ag")
	one = probe.MinSize().Height
	probe.SetText("Ag\nAg")
	return one, probe.MinSize().Height - one
}

// wordProblems puts e.diags in words (e.lines), reusing the words of the
// problems listed before and those worded in the background (keepWords).
func (e *PageEditor) wordProblems() {
	cache := make(map[string]string, len(e.diags))
	e.lines = e.lines[:0]
	for _, d := range e.diags {
		key := problemKey(d)
		line, ok := e.lineCache[key]
		if !ok {
			line = problemLine(e.v.words, d)
		}
		cache[key] = line
		e.lines = append(e.lines, line)
	}
	e.lineCache = cache
}

// problemKey says which problem a line of the list words: d's line is a
// line of the text being edited.
func problemKey(d course.Diagnostic) string {
	return strconv.Itoa(d.Line) + "\x00" + string(d.Code) + "\x00" + d.Message + "\x00" + d.Hint
}

// problemWording is what putting a page's problems in words needs, copied
// on the UI thread when background work starts, so that the goroutine can
// word the problems it finds (a template each: 170 of them held the UI
// thread 5–8 ms) and the UI thread only takes the lines.
type problemWording struct {
	words    Wording
	path     string // the page's; its problems only
	bodyLine int    // the file line its body starts at (PageEditor.bodyLine)
}

// wording is the page's problemWording now (UI thread).
func (e *PageEditor) wording() problemWording {
	pw := problemWording{words: e.v.words, bodyLine: e.bodyLine}
	if e.page != nil {
		pw.path = e.page.Path
	}
	return pw
}

// wordedProblems are problem lines by problemKey, worded off the UI thread.
type wordedProblems struct {
	problemWording
	lines map[string]string
}

// word puts the page's problems among ds in words; any goroutine. file
// says whether ds are the course's (check: only those of the page's file)
// or the page's own (the renderer's).
func (pw problemWording) word(ds []course.Diagnostic, file bool) wordedProblems {
	out := wordedProblems{problemWording: pw, lines: make(map[string]string, len(ds))}
	for _, d := range ds {
		if file && d.File != pw.path {
			continue
		}
		d.Line = max(1, d.Line-pw.bodyLine+1) // as showProblems numbers them
		key := problemKey(d)
		if _, ok := out.lines[key]; !ok {
			out.lines[key] = problemLine(pw.words, d)
		}
	}
	return out
}

// keepWords takes lines worded in the background for the next
// wordProblems, when they were worded for the page and language shown
// now (UI thread).
func (e *PageEditor) keepWords(w wordedProblems) {
	now := e.wording()
	if w.lines == nil || w.path != now.path || w.bodyLine != now.bodyLine || w.words.Language() != now.words.Language() {
		return
	}
	if e.lineCache == nil {
		e.lineCache = make(map[string]string, len(w.lines))
	}
	for k, line := range w.lines {
		e.lineCache[k] = line
	}
}

// rewordProblems puts the problems in words again (the interface
// language changed).
func (e *PageEditor) rewordProblems() {
	e.lineCache = nil
	e.wordProblems()
	e.rowHeights = nil
	e.sizeProblems()
}
