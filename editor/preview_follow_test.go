package editor

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// longSections is a page of n sections, each a heading and a paragraph
// long enough to wrap; section i's heading is on line 1+4*(i-1).
func longSections(n int) string {
	var md strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&md, "## Section %d\n\n%s\n\n", i, strings.Repeat(fmt.Sprintf("Words of section %d go on. ", i), 12))
	}
	return md.String()
}

// headingOnScreen reports whether the preview shows section n's heading
// inside its scroll's view.
func headingOnScreen(p *Preview, n int) bool {
	want := fmt.Sprintf("Section %d", n)
	off, view := p.scroll.Offset.Y, p.scroll.Size().Height
	for _, o := range p.box.shown {
		rt, ok := o.(*widget.RichText)
		if !ok {
			continue
		}
		for _, s := range rt.Segments {
			if t, ok := s.(*widget.TextSegment); ok && t.Text == want {
				top := o.Position().Y
				return top+o.Size().Height > off && top < off+view
			}
		}
	}
	return false
}

// Editing section 37 of a long page shows section 37 in the preview, not
// section 1: the preview follows the editor's cursor, through the view's
// real page editor, preview and background parse.
func TestPreviewFollowsCursor(t *testing.T) {
	v, w := openView(t, corpusCourse(t, "course-in-a-box"), &fakePrompt{t: t})
	w.Resize(fyne.NewSize(1200, 700))
	text := v.Page.Text
	text.Replace(0, text.Text(), longSections(60))
	settle(t, v)
	p := v.Preview
	if !headingOnScreen(p, 60) {
		t.Errorf("cursor at the end after the paste: the preview's offset %.0f does not show the last section", p.scroll.Offset.Y)
	}
	text.GoToLine(1)
	settle(t, v) // what comes into view is laid out in slices
	if !headingOnScreen(p, 1) || headingOnScreen(p, 37) {
		t.Fatalf("cursor on line 1: the preview shows section 37 or not section 1 (offset %.0f)", p.scroll.Offset.Y)
	}

	text.GoToLine(1 + 4*36 + 2) // section 37's paragraph
	settle(t, v)
	if !headingOnScreen(p, 37) {
		t.Fatalf("cursor in section 37: the preview's offset %.0f of %.0f does not show its heading", p.scroll.Offset.Y, p.box.total())
	}
	if headingOnScreen(p, 1) {
		t.Error("cursor in section 37: the preview still shows section 1")
	}

	// Typing there re-renders the preview: it stays on section 37.
	at := text.CursorOffset()
	text.Replace(at, "", "More. ")
	settle(t, v)
	if !headingOnScreen(p, 37) {
		t.Errorf("after typing in section 37 the preview's offset %.0f does not show it", p.scroll.Offset.Y)
	}

	// Back to the top: the preview follows.
	text.GoToLine(2)
	settle(t, v)
	if !headingOnScreen(p, 1) {
		t.Errorf("cursor back in section 1: the preview's offset %.0f does not show it", p.scroll.Offset.Y)
	}
}

// A list inside a list item starts on a line of its own: after the
// item's text it used to join that line ("Nested• sub").
func TestPreviewNestedListOnItsOwnLine(t *testing.T) {
	objs := previewOf(t, nil, nil, "- [Nested](https://example.org) item\n  - sub one\n  - sub two\n- next\n")
	rt := objs[0].(*widget.RichText)
	outer := rt.Segments[0].(*widget.ListSegment)
	first := outer.Items[0].(*widget.ParagraphSegment).Texts
	var kinds []string
	for _, s := range first {
		switch s := s.(type) {
		case *widget.ListSegment:
			kinds = append(kinds, "list")
		case *widget.TextSegment:
			if s.Inline() {
				kinds = append(kinds, "text")
			} else {
				kinds = append(kinds, "end")
			}
		}
	}
	if got, want := strings.Join(kinds, " "), "text text end list"; got != want {
		t.Errorf("first item's segments are %q, want %q (the link, the text, a line end, the nested list)", got, want)
	}
}
