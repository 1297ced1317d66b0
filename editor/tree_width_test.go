package editor

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// treeRows are the course tree's rows on screen.
func treeRows(o fyne.CanvasObject) []*treeRow {
	var out []*treeRow
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *treeRow:
			if x.Text != "" && x.Size().Width > 0 {
				out = append(out, x)
			}
			return
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// The course tree takes the width its titles need (issue 16: at 1400 px
// "Parallel Architectures and Programm" ran past its edge), within 22–30%
// of the window; where even that is too narrow, a title ends in an
// ellipsis and the page header shows it in full once the page is
// selected. A divider the author moved stays where they put it.
func TestCourseTreeFitsItsTitles(t *testing.T) {
	v, w := openView(t, corpusCourse(t, "ECS154B"), &fakePrompt{t: t})
	resize := func(s fyne.Size) {
		w.Resize(s.AddWidthHeight(1, 1))
		w.Resize(s)
	}

	resize(fyne.NewSize(1400, 900))
	if o := v.Outer.Offset; o <= sideMinShare || o > sideMaxShare {
		t.Errorf("at 1400 px the tree's share is %.2f, want more than %.2f (its titles need %.0f px)", o, sideMinShare, v.Tree.NeedWidth())
	}
	rows := treeRows(v.Tree)
	if len(rows) < 10 {
		t.Fatalf("%d tree rows on screen", len(rows))
	}
	for _, r := range rows {
		if need := widget.NewLabel(r.Text).MinSize().Width; need > r.Size().Width+1 {
			t.Errorf("at 1400 px %q needs %.0f px, its row has %.0f", r.Text, need, r.Size().Width)
		}
	}

	resize(fyne.NewSize(900, 650))
	if o := v.Outer.Offset; o > sideMaxShare {
		t.Errorf("at 900 px the tree takes %.2f of the window", o)
	}
	var cut *treeRow
	for _, r := range treeRows(v.Tree) {
		if r.Truncation != fyne.TextTruncateEllipsis {
			t.Fatalf("row %q is cut without an ellipsis", r.Text)
		}
		if widget.NewLabel(r.Text).MinSize().Width > r.Size().Width+1 {
			cut = r
		}
	}
	if cut == nil {
		t.Fatal("at 900 px no title is cut: the test shows nothing")
	}
	v.Tree.Select(cut.id)
	if p := v.nodePage(cut.id); p == nil || v.Page.Title.Text != cut.Text {
		t.Errorf("selecting %q shows %q in the page header", cut.Text, v.Page.Title.Text)
	}

	v.Outer.SetOffset(0.4) // the author drags the divider
	resize(fyne.NewSize(1400, 900))
	if v.Outer.Offset != 0.4 || !v.SideWidthChosen() {
		t.Errorf("after the author moved the divider to 0.40 it is at %.2f (chosen %v)", v.Outer.Offset, v.SideWidthChosen())
	}
}

// Measuring the tree's titles is remembered per title: a label made for
// every row on every layout held the UI thread about 245 ms each time a
// 3,000-page course was read again (issue 11). Laying the tree out again
// makes no label at all.
func TestCourseTreeNeedWidthRemembersTitles(t *testing.T) {
	v, _ := openView(t, corpusCourse(t, "ECS154B"), &fakePrompt{t: t})
	v.Tree.OpenAllBranches()
	rows := 0
	var count func(id string)
	count = func(id string) {
		for _, c := range v.Tree.children(id) {
			rows++
			count(c)
		}
	}
	count("")
	first := v.Tree.NeedWidth()
	again := 0.0
	allocs := testing.AllocsPerRun(5, func() {
		if w := v.Tree.NeedWidth(); w != first {
			again = float64(w)
		}
	})
	if again != 0 {
		t.Errorf("NeedWidth %.1f, then %.1f", first, again)
	}
	// A label measured again costs about 40 allocations a row (1,239 for
	// ECS154B's 30 rows); the walk itself about 4 (its rows' ids and titles).
	if allocs > 10*float64(rows) {
		t.Errorf("NeedWidth over %d rows made %.0f allocations a time after the first: titles measured again", rows, allocs)
	}
	t.Logf("%d rows, %.0f allocations a call", rows, allocs)
}
