package editor

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// TestPageHeaderFits: at a small laptop window and a large one, the page
// title takes the editor's width, and the toolbar shows whole buttons
// that do not overlap, the others in its More menu (issue 16).
func TestPageHeaderFits(t *testing.T) {
	dir := corpusCourse(t, "course-in-a-box")
	v, w := openView(t, dir, &fakePrompt{t: t})
	v.OpenPage(v.Course().Modules[0].Pages[0])
	e := v.Page
	for _, size := range []fyne.Size{{Width: 900, Height: 650}, {Width: 1400, Height: 900}} {
		w.Resize(size)
		abs := func(o fyne.CanvasObject) fyne.Position {
			return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		}
		column := e.bar.box.Size().Width
		if tw := e.Title.Size().Width; tw < column-1 || tw < 150 {
			t.Errorf("%v: the title field is %.0f px wide in a %.0f px editor", size, tw, column)
		}
		if sw := e.Slug.Size().Width; sw < 80 {
			t.Errorf("%v: the address field is %.0f px wide", size, sw)
		}
		all := append(append([]*widget.Button{}, e.Toolbar...), e.ImageBtn, e.VideoBtn, e.SelfCheckBtn)
		left := abs(e.bar.box).X
		var shown []*widget.Button
		for _, b := range all {
			if !b.Visible() {
				continue
			}
			shown = append(shown, b)
			if b.Size().Width < b.MinSize().Width {
				t.Errorf("%v: %q is cut to %.0f of %.0f px", size, b.Text, b.Size().Width, b.MinSize().Width)
			}
			if right := abs(b).X + b.Size().Width; right > left+column+0.5 {
				t.Errorf("%v: %q ends at %.0f, past the toolbar's end %.0f", size, b.Text, right, left+column)
			}
		}
		for i := 1; i < len(shown); i++ {
			if abs(shown[i]).X < abs(shown[i-1]).X+shown[i-1].Size().Width {
				t.Errorf("%v: %q overlaps %q", size, shown[i].Text, shown[i-1].Text)
			}
		}
		hidden := len(all) - len(shown)
		if hidden > 0 {
			if !e.bar.More.Visible() || len(e.bar.moreMenu().Items) != hidden {
				t.Errorf("%v: %d buttons hidden, More visible %v with %d items", size, hidden, e.bar.More.Visible(), len(e.bar.moreMenu().Items))
			}
			if last := shown[len(shown)-1]; abs(last).X+last.Size().Width > abs(e.bar.More).X {
				t.Errorf("%v: %q runs under More", size, last.Text)
			}
		} else if e.bar.More.Visible() {
			t.Errorf("%v: More shown with nothing in it", size)
		}
		t.Logf("%v: editor %.0f px, title %.0f px, %d of %d toolbar buttons shown", size, column, e.Title.Size().Width, len(shown), len(all))
	}
	// A narrow editor still gives the title its width and hides the rest.
	v.Outer.SetOffset(0.45)
	v.Inner.SetOffset(0.6)
	w.Resize(fyne.NewSize(900, 650))
	if e.bar.More.Visible() {
		items := e.bar.moreMenu().Items
		if len(items) == 0 || items[len(items)-1].Label != e.SelfCheckBtn.Text || items[len(items)-1].Action == nil {
			t.Errorf("the More menu ends with %v", items)
		}
	} else {
		t.Errorf("a %.0f px editor shows all the toolbar", e.bar.box.Size().Width)
	}
}
