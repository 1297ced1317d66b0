package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// flowRow lays buttons out left to right at their natural widths and
// starts a new line when the next one does not fit, so that a narrow
// window or a long translation ("Enregistrer l'ordre du jour") never
// cuts a button or pushes one out of the window (issue 16's screen
// review found both in French at 900×650). Its height is that of the
// lines at the width it was last given: the frame after a resize has it.
type flowRow struct {
	height float32
}

func newFlowRow(objs ...fyne.CanvasObject) *fyne.Container {
	return &fyne.Container{Layout: &flowRow{}, Objects: objs}
}

func (r *flowRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	x, y, line := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > size.Width {
			x, y, line = 0, y+line+pad, 0
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(min(m.Width, size.Width), m.Height))
		x += m.Width + pad
		line = max(line, m.Height)
	}
	r.height = y + line
}

func (r *flowRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			w = max(w, m.Width)
			h = max(h, m.Height)
		}
	}
	return fyne.NewSize(w, max(h, r.height))
}
