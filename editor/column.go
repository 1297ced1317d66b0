package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// blockColumn stacks the blocks of a TextEditor with no gaps. Unlike a
// container, refreshing it only lays the blocks out again: a container's
// Refresh refreshes every child, which would re-wrap the whole page on
// every key.
type blockColumn struct {
	widget.BaseWidget
	blocks []*blockEntry
}

func newBlockColumn() *blockColumn {
	c := &blockColumn{}
	c.ExtendBaseWidget(c)
	return c
}

func (c *blockColumn) CreateRenderer() fyne.WidgetRenderer {
	return &columnRenderer{c: c}
}

type columnRenderer struct {
	c    *blockColumn
	objs []fyne.CanvasObject
}

func (r *columnRenderer) Layout(size fyne.Size) {
	y := float32(0)
	for _, b := range r.c.blocks {
		h := b.MinSize().Height
		b.Move(fyne.NewPos(0, y))
		b.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func (r *columnRenderer) MinSize() fyne.Size {
	h := float32(0)
	for _, b := range r.c.blocks {
		h += b.MinSize().Height
	}
	return fyne.NewSize(60, h)
}

func (r *columnRenderer) Refresh() {
	r.sync()
	r.Layout(r.c.Size())
}

func (r *columnRenderer) sync() {
	r.objs = make([]fyne.CanvasObject, len(r.c.blocks))
	for i, b := range r.c.blocks {
		r.objs[i] = b
	}
}

func (r *columnRenderer) Objects() []fyne.CanvasObject {
	if len(r.objs) != len(r.c.blocks) {
		r.sync()
	}
	return r.objs
}

func (r *columnRenderer) Destroy() {}
