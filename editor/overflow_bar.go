package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// overflowBar is a row of buttons that shows as many as fit, in order,
// and puts the rest in a "More ▾" menu, so that a narrow window never
// cuts a button in half or pushes it off-screen.
type overflowBar struct {
	buttons []*widget.Button
	More    *widget.Button
	box     *fyne.Container
	hidden  []*widget.Button // the buttons in the More menu, in order
}

func newOverflowBar(buttons []*widget.Button) *overflowBar {
	b := &overflowBar{buttons: buttons}
	b.More = widget.NewButtonWithIcon(lang.L("More"), theme.MenuDropDownIcon(), b.showMore)
	b.More.IconPlacement = widget.ButtonIconTrailingText
	b.More.Importance = widget.LowImportance
	objs := make([]fyne.CanvasObject, 0, len(buttons)+1)
	for _, x := range buttons {
		objs = append(objs, x)
	}
	objs = append(objs, b.More)
	b.box = container.New(b, objs...)
	return b
}

// Layout places the buttons that fit at their natural width; the others
// are hidden and offered by More.
func (b *overflowBar) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	total := float32(0)
	for i, x := range b.buttons {
		if i > 0 {
			total += pad
		}
		total += x.MinSize().Width
	}
	room := size.Width
	b.hidden = b.hidden[:0]
	if total > room {
		room -= b.More.MinSize().Width + pad
	}
	x := float32(0)
	for _, btn := range b.buttons {
		w := btn.MinSize().Width
		if len(b.hidden) > 0 || x+w > room {
			b.hidden = append(b.hidden, btn)
			btn.Hide()
			continue
		}
		btn.Show()
		btn.Move(fyne.NewPos(x, 0))
		btn.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
	if len(b.hidden) == 0 {
		b.More.Hide()
		return
	}
	b.More.Show()
	mw := b.More.MinSize().Width
	b.More.Move(fyne.NewPos(size.Width-mw, 0))
	b.More.Resize(fyne.NewSize(mw, size.Height))
}

// MinSize is the More button's: the bar never asks for more room than
// that, whatever its buttons.
func (b *overflowBar) MinSize([]fyne.CanvasObject) fyne.Size {
	h := b.More.MinSize().Height
	for _, x := range b.buttons {
		h = max(h, x.MinSize().Height)
	}
	return fyne.NewSize(b.More.MinSize().Width, h)
}

// moreMenu is the menu of the buttons that do not fit.
func (b *overflowBar) moreMenu() *fyne.Menu {
	items := make([]*fyne.MenuItem, 0, len(b.hidden))
	for _, btn := range b.hidden {
		tap := btn.OnTapped
		it := fyne.NewMenuItem(btn.Text, tap)
		it.Icon = btn.Icon
		if btn.Disabled() {
			it.Disabled = true
		}
		items = append(items, it)
	}
	return fyne.NewMenu("", items...)
}

func (b *overflowBar) showMore() {
	c := fyne.CurrentApp().Driver().CanvasForObject(b.More)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.More)
	widget.ShowPopUpMenuAtPosition(b.moreMenu(), c, pos.Add(fyne.NewPos(0, b.More.Size().Height)))
}
