package editor

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/internal/uitest"
)

// paragraphColumn shows n paragraphs in a lazy column in a window 600
// wide and height tall; wait is the column's wait.
func paragraphColumn(t *testing.T, height float32, n int, wait func() bool) *lazyColumn {
	t.Helper()
	uitest.NewApp(t)
	c := newLazyColumn()
	c.wait = wait
	w := test.NewTempWindow(t, c.scroll)
	w.Resize(fyne.NewSize(600, height))
	var objs []fyne.CanvasObject
	for i := 0; i < n; i++ {
		objs = append(objs, widget.NewRichTextFromMarkdown(fmt.Sprintf("Paragraph %d: learners read the article together and talk about what they found in it, then plan the next meeting.", i)))
	}
	c.SetObjects(objs)
	return c
}

// While another widget fills its view with new text (wait reports so),
// the column draws no new text and measures nothing; once it is done,
// the column fills its own view.
func TestLazyColumnWaitsForTheEditorToFill(t *testing.T) {
	filling := true
	c := paragraphColumn(t, 500, 60, func() bool { return filling })

	uitest.Idle(150 * time.Millisecond) // several frames' worth of timers
	measured := 0
	for _, m := range c.measured {
		if m {
			measured++
		}
	}
	if len(c.shown) != 0 || measured != 0 {
		t.Fatalf("while the editor fills: %d objects shown, %d measured; want none", len(c.shown), measured)
	}
	if !c.Pending() {
		t.Fatal("the column waits but says nothing is pending")
	}

	filling = false
	uitest.WaitFor(t, 10*time.Second, "the column to fill", func() bool { return !c.Pending() })
	if len(c.shown) < 5 {
		t.Fatalf("after the editor filled: %d objects shown", len(c.shown))
	}
	for _, o := range c.shown {
		if o.Position().Y > c.scroll.Size().Height+showMargin {
			t.Fatalf("an object at y=%v is shown, below the view and its margin", o.Position().Y)
		}
	}
}

// Measuring what is off screen, or placing again with nothing moved,
// redraws nothing: each redraw repaints the whole window.
func TestLazyColumnRedrawsOnlyWhatMoved(t *testing.T) {
	c := paragraphColumn(t, 300, 80, nil)
	uitest.WaitFor(t, 10*time.Second, "the column to fill", func() bool { return !c.Pending() })
	before := c.redraws
	c.place()
	c.place()
	if c.redraws != before {
		t.Fatalf("placing again with nothing moved redrew %d times", c.redraws-before)
	}
	// Scrolling shows other objects: that redraws.
	c.scroll.ScrollToOffset(fyne.NewPos(0, 600))
	c.place()
	if c.redraws == before {
		t.Fatal("scrolling to other objects redrew nothing")
	}
}
