package textview

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// uniqueText is n paragraphs whose rows all differ (a row of a text
// drawn before costs nothing, see freshText).
func uniqueText(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString("\n\n")
		}
		for j := 0; j < 12; j++ {
			fmt.Fprintf(&b, "Learners %d.%d read and talk. ", i, j)
		}
	}
	return b.String()
}

// drawnRows are the texts of the rows the view draws now, and how many
// rows are on screen.
func drawnRows(v *View) (texts []string, rows int) {
	for _, o := range v.rend.objs {
		if t, ok := o.(*canvas.Text); ok {
			texts = append(texts, t.Text)
		}
	}
	return texts, len(v.rows)
}

// A page opened in a tall view is drawn over several frames, at most a
// frame's share of new text in each, top first; rows drawn before cost
// nothing; and once every row shows, nothing is held back and the frames
// stop. (Fyne's test driver ticks an animation once, when it starts; the
// real driver's ticks are played here by hand.)
func TestNewRowsAreDrawnOverFrames(t *testing.T) {
	v, w := newTestView(t, "short")
	w.Resize(fyne.NewSize(900, 1400))
	v.rend.fresh.start = func(*fyne.Animation) {} // no tick until a frame
	now := time.Now()
	v.rend.fresh.clock = func() time.Time { return now }
	v.SetText(uniqueText(80))

	texts, rows := drawnRows(v)
	if rows < 40 {
		t.Fatalf("only %d rows on screen: the view is not tall enough for this test", rows)
	}
	if len(texts) == 0 || len(texts) >= rows {
		t.Fatalf("first frame drew %d of %d rows: want some, not all", len(texts), rows)
	}
	chars, longest := 0, 0
	for _, s := range texts {
		chars += len(s)
		longest = max(longest, len(s))
	}
	// The row that used up the share is drawn whole.
	if chars > perFrame+longest {
		t.Fatalf("first frame drew %d characters of new rows, more than %d and a row", chars, perFrame)
	}
	first := texts[0]
	if !strings.HasPrefix(v.Text(), first) {
		t.Fatalf("the first row drawn is %q, not the page's top", first)
	}
	if !v.Filling() {
		t.Fatal("rows are held back but Filling is false")
	}

	for n := 1; v.Filling(); n++ {
		if n > 20 {
			t.Fatal("still filling after 20 frames")
		}
		before, _ := drawnRows(v)
		// A frame too soon after the last that drew draws nothing new.
		now = now.Add(fillGap / 2)
		v.rend.fresh.anim.Tick(0.001)
		if soon, _ := drawnRows(v); len(soon) != len(before) {
			t.Fatalf("frame %d, %v after the last, drew %d rows more", n, fillGap/2, len(soon)-len(before))
		}
		now = now.Add(fillGap / 2)
		v.rend.fresh.anim.Tick(0.001)
		after, _ := drawnRows(v)
		if v.Filling() && len(after) <= len(before) {
			t.Fatalf("frame %d drew no more rows (%d)", n, len(after))
		}
	}
	texts, rows = drawnRows(v)
	if len(texts) != rows {
		t.Fatalf("after the frames %d of %d rows drawn", len(texts), rows)
	}
	if v.rend.fresh.anim != nil {
		t.Fatal("the frames go on after every row shows")
	}

	// Drawn before: scrolling back and forth draws them all at once.
	v.ScrollToLine(3)
	v.ScrollToLine(1)
	if texts, rows = drawnRows(v); len(texts) != rows || v.Filling() {
		t.Fatalf("rows drawn before held back: %d of %d drawn", len(texts), rows)
	}
}

// In Fyne's test driver (one tick, at the start) the view draws every
// row at once: nothing stays held back for good.
func TestTestDriverDrawsEveryRow(t *testing.T) {
	v, w := newTestView(t, "short")
	w.Resize(fyne.NewSize(900, 1400))
	v.SetText(uniqueText(80))
	texts, rows := drawnRows(v)
	if len(texts) != rows || v.Filling() {
		t.Fatalf("%d of %d rows drawn, filling %v", len(texts), rows, v.Filling())
	}
}

func TestFreshTextShare(t *testing.T) {
	now := time.Unix(1000, 0)
	f := freshText{clock: func() time.Time { return now }}
	f.frame()
	font := fontKey{size: 14}
	row := strings.Repeat("x", 100)
	n := 0
	for i := 0; i < 20; i++ {
		if f.take(row+string(rune('a'+i)), font) {
			n++
		}
	}
	if want := (perFrame + 100) / 101; n != want {
		t.Fatalf("one frame took %d new rows of 101 characters, want %d", n, want)
	}
	if !f.take(row+"a", font) {
		t.Fatal("a row drawn before is held back")
	}
	now = now.Add(frameShare / 2)
	f.frame()
	if f.take(row+"z", font) {
		t.Fatal("a new row taken within the same frame's share, after it ran out")
	}
	now = now.Add(frameShare / 2)
	f.frame()
	if !f.take(row+"z", font) {
		t.Fatal("the next frame has no share")
	}
}
