package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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

func (r *problemRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if size.Width != r.width {
		r.width = size.Width
		r.e.sizeProblems()
	}
}

func (r *problemRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// sizeProblems sets each problem row's height to its wrapped message's.
func (e *PageEditor) sizeProblems() {
	width := e.problems.Size().Width
	if width <= 0 {
		return
	}
	// The row: the list item's padding, the icon, the border's padding,
	// then the label (with its own inner padding); and room for the
	// scroll bar.
	pad := theme.Padding()
	text := width - theme.IconInlineSize() - 4*pad - theme.ScrollBarSize()
	probe := widget.NewLabel("")
	probe.Wrapping = fyne.TextWrapWord
	for i, d := range e.diags {
		probe.SetText(problemLine(e.v.words, d))
		probe.Resize(fyne.NewSize(text, probe.MinSize().Height))
		e.problems.SetItemHeight(i, probe.MinSize().Height)
	}
}
