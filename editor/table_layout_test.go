package editor

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A preview table's rows are as tall as their own text (issue 16: a
// syllabus table whose one long cell made every row about 110 px tall in
// Fyne's grid), and a column of short words keeps them on one line while
// the column of sentences wraps.
func TestPreviewTableRowsAsTallAsTheirText(t *testing.T) {
	objs := previewOf(t, nil, nil, `| Category | Percentage | How to get points? |
|---|---|---|
| Participation | 20% | Attend synchronous discussions, participating in discussion site, attending office hours |
| Project (5x) | 40% | Gradescope will auto-grade most of the project |
| Quizzes | 20% | Quizzes will be on canvas |
| Tests | 20% | Tests |
`)
	table := objs[0].(*fyne.Container)
	w := test.NewTempWindow(t, container.NewVScroll(container.NewVBox(table)))
	line := widget.NewRichTextWithText("Tests").MinSize().Height
	for _, width := range []float32{420, 600, 900} {
		w.Resize(fyne.NewSize(width, 600))
		w.Resize(fyne.NewSize(width+1, 600)) // a wrapped text's height follows its width after a layout
		w.Resize(fyne.NewSize(width, 600))
		cell := func(row, col int) fyne.CanvasObject { return table.Objects[row*3+col] }
		for row := range 5 {
			h := cell(row, 0).Size().Height
			if (row == 0 || row >= 3) && h > line+1 {
				t.Errorf("width %.0f: row %d is %.0f px tall, its text one line (%.0f px)", width, row, h, line)
			}
			tallest := float32(0)
			for col := range 3 {
				tallest = max(tallest, cell(row, col).MinSize().Height)
			}
			if h > tallest+1 {
				t.Errorf("width %.0f: row %d is %.0f px tall, its tallest text %.0f", width, row, h, tallest)
			}
			for col := range 3 {
				if c := cell(row, col); c.Position().Y != cell(row, 0).Position().Y || c.Size().Height != h {
					t.Errorf("width %.0f: cell %d,%d at %v %v, its row at %v, %.0f tall", width, row, col, c.Position(), c.Size(), cell(row, 0).Position(), h)
				}
			}
			if row > 0 && cell(row, 0).Position().Y < cell(row-1, 0).Position().Y+cell(row-1, 0).Size().Height {
				t.Errorf("width %.0f: row %d overlaps the row above", width, row)
			}
		}
		if h := cell(1, 2).Size().Height; width < 900 && h <= line+1 {
			t.Errorf("width %.0f: the long cell is one line (%.0f px): it should wrap", width, h)
		}
		if pct := cell(0, 1); pct.Size().Width < oneLineWidth(pct) {
			t.Errorf("width %.0f: the Percentage column is %.0f px, its heading needs %.0f", width, pct.Size().Width, oneLineWidth(pct))
		}
	}
}

// Inline code and links wrap like text: never one letter per line,
// whatever room the text before them leaves (Fyne 2.7 broke a segment
// that started where not one letter fitted into a column of letters:
// "#sign-up" and "materials page" in the syllabus's preview).
func TestPreviewInlineCodeNeverOneLetterPerLine(t *testing.T) {
	for _, md := range []string{
		"4. Sign up for a discussion section on the `#sign-up-for-sections` channel.\n",
		"The exam schedule is available on the [materials page](materials.md). Per official policy, ask.\n",
		"Some words and then **bold words** and _italic ones_ after them.\n",
	} {
		objs := previewOf(t, nil, nil, md)
		rt := objs[0].(*widget.RichText)
		test.NewTempWindow(t, rt)
		line := widget.NewRichTextWithText("x").MinSize().Height
		for width := float32(120); width <= 420; width++ {
			rt.Resize(fyne.NewSize(width, 600))
			// Each sentence has at most 14 words: at 120 px it takes at
			// most about 8 lines; letter by letter it took more than 10.
			if h := rt.MinSize().Height; h > 10*line {
				t.Fatalf("%q at %.0f px is %.0f px tall (%.0f lines): a segment broke letter by letter", md, width, h, h/line)
			}
		}
	}
}
