package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The course tree's side of the window takes the width its titles need,
// between sideMinShare and sideMaxShare of the window, until the author
// moves the divider (then it keeps theirs). A title that does not fit
// even so ends in an ellipsis, and the page header shows it in full when
// the page is selected: a tree row cannot wrap (Fyne's tree gives every
// row the same height).
const (
	sideMinShare = 0.22
	sideMaxShare = 0.30
)

// NeedWidth is the width the tree needs to show every open row's text
// in full: a row's text starts after the padding, its depth's indent
// and the branch icon (as Fyne's tree lays its rows out: the hidden
// root's children are at depth 0), and a little room is left for the
// scroll bar that lies over the rows' right end.
func (t *CourseTree) NeedWidth() float32 {
	th := t.Theme()
	pad, icon := th.Size(theme.SizeNamePadding), th.Size(theme.SizeNameInlineIcon)
	need := float32(0)
	var walk func(id string, depth int)
	walk = func(id string, depth int) {
		for _, c := range t.children(id) {
			text, _ := t.label(c)
			w := 2*pad + float32(depth)*(icon+pad) + icon + t.titleWidth(text, th.Size(theme.SizeNameText))
			need = max(need, w+th.Size(theme.SizeNameScrollBarSmall)+pad)
			if t.IsBranch(c) && t.IsBranchOpen(c) {
				walk(c, depth+1)
			}
		}
	}
	walk("", 0)
	return need
}

// titleWidth is a row label's width for text, measured once per title and
// text size: a label made for every row on every layout held the UI
// thread about 245 ms after a 3,000-page course was read again.
func (t *CourseTree) titleWidth(text string, size float32) float32 {
	if t.titleWidths == nil || t.titleWidthsSize != size {
		t.titleWidths, t.titleWidthsSize = map[string]float32{}, size
	}
	w, ok := t.titleWidths[text]
	if !ok {
		w = widget.NewLabel(text).MinSize().Width
		t.titleWidths[text] = w
	}
	return w
}

// sideLayout sets the tree's share of the window (v.Outer's offset) to
// what NeedWidth asks, within the bounds above, each time the window is
// laid out, while the offset is still the one it set last.
type sideLayout struct {
	v    *CourseView
	auto float64 // the offset set last; another one is the author's
}

func (l *sideLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if o := l.v.Outer; o.Offset == l.auto && size.Width > 0 {
		l.auto = min(max(float64(l.v.Tree.NeedWidth()/size.Width), sideMinShare), sideMaxShare)
		o.Offset = l.auto
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *sideLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	min := fyne.NewSize(0, 0)
	for _, o := range objs {
		min = min.Max(o.MinSize())
	}
	return min
}

// SideWidthChosen says whether the author moved the divider between the
// tree and the page (the window keeps their choice for next time; a width
// the tree chose itself is chosen again for the next window's size).
func (v *CourseView) SideWidthChosen() bool { return v.Outer.Offset != v.side.auto }
