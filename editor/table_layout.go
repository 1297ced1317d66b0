package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tableLayout lays a preview table's cells out row by row (the objects
// are the cells, cols to a row), as a browser does: each row is as tall
// as its tallest cell's text at its column's width — not, as Fyne's grid
// makes every row, as tall as the table's tallest cell — and the columns
// share the width by what their text needs: a column of short words
// keeps them on one line, a column of sentences takes the rest and wraps.
type tableLayout struct {
	cols int
	want []float32 // each column's widest cell on one line, measured once
}

func newTableLayout(cols int) *tableLayout { return &tableLayout{cols: max(cols, 1)} }

// oneLineWidth is the width a cell's text needs on one line: its text
// segments measured in their styles, and the padding around them.
func oneLineWidth(cell fyne.CanvasObject) float32 {
	rt := cellText(cell)
	if rt == nil {
		return cell.MinSize().Width
	}
	w := float32(0)
	for _, s := range rt.Segments {
		if ts, ok := s.(*widget.TextSegment); ok {
			size := theme.TextSize()
			if ts.Style.SizeName != "" {
				size = theme.Size(ts.Style.SizeName)
			}
			w += fyne.MeasureText(ts.Text, size, ts.Style.TextStyle).Width
		} else {
			w += s.Visual().MinSize().Width
		}
	}
	return w + 2*theme.InnerPadding()
}

// cellText is the rich text of a cell (cellBox: a background and the text).
func cellText(cell fyne.CanvasObject) *widget.RichText {
	if c, ok := cell.(*fyne.Container); ok {
		for _, o := range c.Objects {
			if rt, ok := o.(*widget.RichText); ok {
				return rt
			}
		}
	}
	return nil
}

// widths shares total among the columns: each gets what it wants when
// all fit; otherwise a column that wants no more than an equal share
// keeps what it wants and the others share the rest by what they want.
func (l *tableLayout) widths(objs []fyne.CanvasObject, total float32) []float32 {
	if l.want == nil {
		l.want = make([]float32, l.cols)
		for i, o := range objs {
			l.want[i%l.cols] = max(l.want[i%l.cols], oneLineWidth(o))
		}
	}
	out := make([]float32, l.cols)
	sum := float32(0)
	for _, w := range l.want {
		sum += w
	}
	if sum <= total {
		for i, w := range l.want {
			out[i] = w + (total-sum)/float32(l.cols)
		}
		return out
	}
	fixed := make([]bool, l.cols)
	for changed := true; changed; {
		changed = false
		left, wanting, n := total, float32(0), 0
		for i, w := range l.want {
			if fixed[i] {
				left -= w
			} else {
				wanting += w
				n++
			}
		}
		for i, w := range l.want {
			if !fixed[i] && w <= left/float32(n) {
				fixed[i], changed = true, true
			}
		}
		if !changed {
			for i, w := range l.want {
				if fixed[i] {
					out[i] = w
				} else {
					out[i] = left * w / wanting
				}
			}
		}
	}
	return out
}

func (l *tableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	ws := l.widths(objs, size.Width-pad*float32(l.cols-1))
	y := float32(0)
	for row := 0; row*l.cols < len(objs); row++ {
		cells := objs[row*l.cols : min((row+1)*l.cols, len(objs))]
		// Each cell at its column's width first: a wrapped text's
		// height follows its width.
		h := float32(0)
		for i, c := range cells {
			c.Resize(fyne.NewSize(ws[i], c.Size().Height))
			h = max(h, c.MinSize().Height)
		}
		x := float32(0)
		for i, c := range cells {
			c.Move(fyne.NewPos(x, y))
			c.Resize(fyne.NewSize(ws[i], h))
			x += ws[i] + pad
		}
		y += h + pad
	}
}

// MinSize is as narrow as the narrowest cells allow, as high as the rows
// are at the width they were laid out at.
func (l *tableLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	colMin := make([]float32, l.cols)
	height := float32(0)
	for row := 0; row*l.cols < len(objs); row++ {
		h := float32(0)
		for i, c := range objs[row*l.cols : min((row+1)*l.cols, len(objs))] {
			m := c.MinSize()
			colMin[i] = max(colMin[i], m.Width)
			h = max(h, m.Height)
		}
		if row > 0 {
			height += pad
		}
		height += h
	}
	width := pad * float32(l.cols-1)
	for _, w := range colMin {
		width += w
	}
	return fyne.NewSize(width, height)
}
