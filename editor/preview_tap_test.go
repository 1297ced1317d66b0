package editor

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// pieceAt finds where the preview draws text: the column position of the
// first drawn piece of a RichText on screen whose text starts with what.
func pieceAt(t *testing.T, p *Preview, what string) fyne.Position {
	t.Helper()
	for _, o := range p.box.shown {
		rt, ok := o.(*widget.RichText)
		if !ok {
			continue
		}
		for _, piece := range rt.CreateRenderer().Objects() {
			if txt, ok := piece.(*canvas.Text); ok && strings.HasPrefix(strings.TrimPrefix(txt.Text, segmentStart), what) {
				return o.Position().Add(piece.Position()).Add(fyne.NewPos(3, piece.Size().Height/2))
			}
		}
	}
	t.Fatalf("the preview shows no %q", what)
	return fyne.Position{}
}

func tapPreview(p *Preview, at fyne.Position) { p.box.Tapped(&fyne.PointEvent{Position: at}) }

// A tap on a link in the preview follows it: a web address through the
// app's open-URL path, another page of the course in the editor; a tap
// on a block off its links puts the editor's cursor on the block's
// source line (a heading, a paragraph, a list item's list, far down a
// long page).
func TestPreviewTaps(t *testing.T) {
	v, w := openView(t, corpusCourse(t, "course-in-a-box"), &fakePrompt{t: t})
	w.Resize(fyne.NewSize(1200, 700))
	target := v.Course().Modules[0].Pages[1]
	var opened []string
	v.OnOpenURL = func(u string) { opened = append(opened, u) }

	var md strings.Builder
	fmt.Fprintf(&md, "# Links\n\nRead [the next page]({{ site.baseurl }}%s) first, then the [P2PU site](https://www.p2pu.org/en/) and some more words after it.\n\n", target.URL())
	md.WriteString("- an item with [mail us](mailto:team@example.org)\n- Second item\n\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&md, "## Section %d\n\nWords of section %d go on for a while here.\n\n", i, i)
	}
	src := md.String()
	lineOf := func(s string) int { return strings.Count(src[:strings.Index(src, s)], "\n") + 1 }
	v.Page.Text.Replace(0, v.Page.Text.Text(), src)
	settle(t, v)
	p := v.Preview
	p.scroll.ScrollToTop()
	p.box.place()

	tapPreview(p, pieceAt(t, p, "P2PU site"))
	if len(opened) != 1 || opened[0] != "https://www.p2pu.org/en/" {
		t.Fatalf("after tapping the web link: opened %q", opened)
	}
	tapPreview(p, pieceAt(t, p, "mail us"))
	if len(opened) != 2 || opened[1] != "mailto:team@example.org" {
		t.Fatalf("after tapping the mail link: opened %q", opened)
	}

	// Off the links: the cursor goes to the block's line.
	tapPreview(p, pieceAt(t, p, "Second item"))
	if got, want := v.Page.Text.CursorPos().Para+1, lineOf("- an item"); got != want {
		t.Errorf("tap on the list: cursor on line %d, want %d", got, want)
	}
	tapPreview(p, pieceAt(t, p, "Words of section 3"))
	if got, want := v.Page.Text.CursorPos().Para+1, lineOf("Words of section 3"); got != want {
		t.Errorf("tap on section 3's paragraph: cursor on line %d, want %d", got, want)
	}
	tapPreview(p, pieceAt(t, p, "Section 2"))
	if got, want := v.Page.Text.CursorPos().Para+1, lineOf("## Section 2"); got != want {
		t.Errorf("tap on section 2's heading: cursor on line %d, want %d", got, want)
	}

	// The course page: opened in the editor.
	tapPreview(p, pieceAt(t, p, "the next page"))
	settle(t, v)
	if v.Page.Page() != target {
		t.Fatalf("after tapping the link to %s the editor shows %v", target.Path, v.Page.Page())
	}
	if len(opened) != 2 {
		t.Fatalf("a course link went to the browser: %q", opened)
	}
}
