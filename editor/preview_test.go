package editor

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/uitest"
	"github.com/coursewright/coursewright/render"
)

// previewOf renders markdown the way the preview does.
func previewOf(t *testing.T, c *course.Course, p *course.Page, md string) []fyne.CanvasObject {
	t.Helper()
	uitest.NewApp(t)
	pv, _ := render.New(render.Options{}).Preview(render.Input{Course: c, Page: p, Source: md})
	return buildPreview(pv, previewContext{course: c, page: p})
}

// segments flattens the RichText segments of objects, lists included.
func segments(objs []fyne.CanvasObject) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	var add func(segs []widget.RichTextSegment)
	add = func(segs []widget.RichTextSegment) {
		for _, s := range segs {
			out = append(out, s)
			switch b := s.(type) {
			case *widget.ListSegment:
				add(b.Items)
			case *widget.ParagraphSegment:
				add(b.Texts)
			}
		}
	}
	for _, o := range objs {
		if rt, ok := o.(*widget.RichText); ok {
			add(rt.Segments)
		}
	}
	return out
}

// allText is all the text the objects show, widgets inside boxes too.
func allText(objs []fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.RichText:
			for _, s := range segments([]fyne.CanvasObject{w}) {
				switch s := s.(type) {
				case *widget.TextSegment:
					b.WriteString(s.Text)
				case *widget.HyperlinkSegment:
					b.WriteString(s.Text)
				}
			}
			b.WriteString("\n")
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Hyperlink:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	for _, o := range objs {
		walk(o)
	}
	return strings.ReplaceAll(b.String(), segmentStart, "") // the wrap guard is not shown
}

func TestPreviewTableIsAGrid(t *testing.T) {
	objs := previewOf(t, nil, nil, "Before\n\n| Step | Minutes |\n| :--- | ---: |\n| Check-in | 10 |\n| Activity | 40 |\n\nAfter\n")
	if len(objs) != 3 {
		t.Fatalf("want text, table, text; got %d objects", len(objs))
	}
	grid, ok := objs[1].(*fyne.Container)
	if !ok || len(grid.Objects) != 6 {
		t.Fatalf("the table is not a grid of 6 cells: %T %v", objs[1], objs[1])
	}
	if l, ok := grid.Layout.(*tableLayout); !ok || l.cols != 2 {
		t.Fatalf("the table is laid out by %T, not a table of 2 columns", grid.Layout)
	}
	text := allText(objs)
	if strings.Contains(text, "|") || strings.Contains(text, "---") {
		t.Fatalf("table shown as literal pipes:\n%s", text)
	}
	cell := func(i int) *widget.RichText { return grid.Objects[i].(*fyne.Container).Objects[1].(*widget.RichText) }
	if cell(0).String() != "Step" || cell(3).String() != "10" || cell(4).String() != "Activity" {
		t.Fatalf("cells: %q %q %q", cell(0).String(), cell(3).String(), cell(4).String())
	}
	if ts := cell(0).Segments[0].(*widget.TextSegment); !ts.Style.TextStyle.Bold {
		t.Error("header cells are not bold")
	}
	if ts := cell(3).Segments[0].(*widget.TextSegment); ts.Style.Alignment != fyne.TextAlignTrailing {
		t.Error("a right-aligned column is not right-aligned")
	}
}

func TestPreviewTaskList(t *testing.T) {
	objs := previewOf(t, nil, nil, "- [x] Book the room\n- [ ] Test the projector\n")
	segs := segments(objs)
	var list *widget.ListSegment
	for _, s := range segs {
		if l, ok := s.(*widget.ListSegment); ok {
			list = l
		}
	}
	if list == nil || len(list.Items) != 2 {
		t.Fatalf("no list of two items: %#v", segs)
	}
	text := allText(objs)
	if !strings.Contains(text, "☑ Book the room") || !strings.Contains(text, "☐ Test the projector") {
		t.Fatalf("task marks: %q", text)
	}
	if strings.Contains(text, "[x]") || strings.Contains(text, "[ ]") {
		t.Fatalf("literal task markers: %q", text)
	}
}

func TestPreviewStrikethrough(t *testing.T) {
	objs := previewOf(t, nil, nil, "Meet ~~Tuesday~~ Wednesday.\n")
	text := allText(objs)
	if strings.Contains(text, "~~") {
		t.Fatalf("literal tildes: %q", text)
	}
	if !strings.Contains(text, "T\u0336u\u0336e\u0336s\u0336d\u0336a\u0336y\u0336") || !strings.Contains(text, " Wednesday.") {
		t.Fatalf("struck text: %q", text)
	}
}

func TestPreviewCodeBlock(t *testing.T) {
	objs := previewOf(t, nil, nil, "Run:\n\n```sh\ncoursewright check\n```\n\nand `inline` code.\n")
	var block, inline bool
	for _, s := range segments(objs) {
		if ts, ok := s.(*widget.TextSegment); ok {
			switch {
			case ts.Style == widget.RichTextStyleCodeBlock && ts.Text == "coursewright check":
				block = true
			case ts.Style == widget.RichTextStyleCodeInline && ts.Text == segmentStart+"inline":
				inline = true
			}
		}
	}
	if !block || !inline {
		t.Fatalf("code block %v, inline code %v: %#v", block, inline, segments(objs))
	}
}

func TestPreviewEmphasisAndLinks(t *testing.T) {
	objs := previewOf(t, nil, nil, "# Title\n\nSome **bold**, _italic_ and a [link](https://p2pu.org).\n")
	segs := segments(objs)
	var heading, bold, italic, link bool
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.TextSegment:
			heading = heading || (s.Style == widget.RichTextStyleHeading && s.Text == "Title")
			bold = bold || (s.Style.TextStyle.Bold && s.Text == segmentStart+"bold")
			italic = italic || (s.Style.TextStyle.Italic && s.Text == segmentStart+"italic")
		}
		if ts, ok := s.(*widget.TextSegment); ok && ts.Text == segmentStart+"link" {
			link = ts.Style.ColorName == theme.ColorNameHyperlink
		}
	}
	if !heading || !bold || !italic || !link {
		t.Fatalf("heading %v bold %v italic %v link %v", heading, bold, italic, link)
	}
}

// Facilitator tips in the forms real courses write them become a tinted
// box labelled "Facilitator tip", not a plain quote.
func TestPreviewFacilitatorTip(t *testing.T) {
	for _, md := range []string{
		"> Facilitator tip: ask everyone to introduce themselves.\n",
		"> **Facilitator tip:** ask everyone to introduce themselves.\n",
		"> _Facilitator's tips_\n>\n> ask everyone to introduce themselves.\n",
	} {
		objs := previewOf(t, nil, nil, md)
		if len(objs) != 1 {
			t.Fatalf("%q: %d objects", md, len(objs))
		}
		box, ok := objs[0].(*fyne.Container)
		if !ok {
			t.Fatalf("%q: the tip is a %T, not a box", md, objs[0])
		}
		text := allText([]fyne.CanvasObject{box})
		if !strings.HasPrefix(text, "Facilitator tip\n") || !strings.Contains(text, "ask everyone to introduce themselves") {
			t.Fatalf("%q: tip text %q", md, text)
		}
	}
	// The label is in the interface language the preview is handed, not
	// the environment's.
	pv, _ := render.New(render.Options{}).Preview(render.Input{Source: "> Facilitator tip: ask everyone.\n"})
	es := allText(buildPreview(pv, previewContext{words: WordingIn("es")}))
	if !strings.HasPrefix(es, "Consejo para el facilitador\n") {
		t.Fatalf("the tip in Spanish: %q", es)
	}
	// A plain quote stays a quote.
	objs := previewOf(t, nil, nil, "> To be or not to be.\n")
	if _, ok := objs[0].(*widget.RichText); !ok {
		t.Fatalf("a plain quote became %T", objs[0])
	}
}

// Timing lines, in the forms real courses use, get a clock and their own
// colour.
func TestPreviewTiming(t *testing.T) {
	for _, md := range []string{
		"_Suggested timing: 30 minutes_\n",
		"**Suggested time:** 20 minutes\n",
		"Suggested timing: 10 minutes\n",
	} {
		objs := previewOf(t, nil, nil, md)
		if len(objs) != 1 {
			t.Fatalf("%q: %d objects", md, len(objs))
		}
		box, ok := objs[0].(*fyne.Container)
		if !ok || len(box.Objects) != 2 {
			t.Fatalf("%q: not an icon beside text: %T", md, objs[0])
		}
		rt := box.Objects[0].(*widget.RichText)
		if _, icon := box.Objects[1].(*widget.Icon); !icon {
			t.Fatalf("%q: no clock", md)
		}
		for _, s := range rt.Segments {
			if ts := s.(*widget.TextSegment); ts.Style.ColorName == "" || !ts.Style.TextStyle.Italic {
				t.Fatalf("%q: timing text is not styled: %+v", md, ts.Style)
			}
		}
		if !strings.Contains(rt.String(), "minutes") {
			t.Fatalf("%q: text %q", md, rt.String())
		}
	}
}

func TestPreviewVideoPlaceholder(t *testing.T) {
	for _, md := range []string{
		"[The danger of a single story](https://www.youtube.com/watch?v=D9Ihs241zeg)\n",
		"<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/D9Ihs241zeg\" title=\"The danger of a single story\"></iframe>\n",
	} {
		objs := previewOf(t, nil, nil, md)
		if len(objs) != 1 {
			t.Fatalf("%q: %d objects", md, len(objs))
		}
		text := allText(objs)
		if !strings.Contains(text, "The danger of a single story") || !strings.Contains(text, "Watch on YouTube") {
			t.Fatalf("%q: placeholder text %q", md, text)
		}
	}
}

func TestPreviewImagesFromTheCourse(t *testing.T) {
	dir := corpusCourse(t, "how-to-talk-about-race")
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := c.Module("privilege").Page("checkin")
	objs := previewOf(t, c, p, p.Body())
	var img *imageSegment
	for _, s := range segments(objs) {
		if i, ok := s.(*imageSegment); ok {
			img = i
		}
	}
	if img == nil || !strings.HasSuffix(filepath.ToSlash(img.Path()), "img/privilege.jpg") {
		t.Fatalf("no image segment for img/privilege.jpg: %v", img)
	}
	missing := previewOf(t, c, p, "![gone](/img/nope.png)\n")
	if text := allText(missing); !strings.Contains(text, "[missing image: gone]") {
		t.Fatalf("a missing image shows %q", text)
	}
}

// The preview follows the editor after the typing pauses.
func TestPreviewFollowsTyping(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	v, _ := openView(t, dir, &fakePrompt{t: t})
	v.Page.Text.Select(0, 0)
	test.Type(v.Page.Text, "| A | B |\n| - | - |\n| 1 | 2 |\n\n")
	if strings.Contains(allText(v.Preview.Objects()), "| A | B |") {
		t.Fatal("preview changed before the pause")
	}
	settle(t, v)
	if _, ok := v.Preview.Objects()[0].(*fyne.Container); !ok {
		t.Fatalf("after the pause the preview starts with %T, not the table", v.Preview.Objects()[0])
	}
}

// A link near the end of a line must not break the wrapping of the rest
// of the paragraph (Fyne's RichText does, after a hyperlink segment).
func TestPreviewLinksWrapWithTheText(t *testing.T) {
	md := "The course is made to be run as a small study group, and everything you need is here, including a [facilitator guide with a plan for every meeting](/facilitator-guide/) with a plan for each meeting and notes on what to prepare before it starts.\n"
	objs := previewOf(t, nil, nil, md)
	rt := objs[0].(*widget.RichText)
	w := test.NewTempWindow(t, rt)
	for _, width := range []float32{240, 300, 420, 555} {
		w.Resize(fyne.NewSize(width, 100))
		one := widget.NewRichTextWithText("x")
		lines := rt.MinSize().Height / one.MinSize().Height
		if lines > 20 {
			t.Fatalf("at width %v the paragraph takes %.0f lines", width, lines)
		}
	}
}

// A page just opened is parsed for its preview once the page editor has
// drawn it (wait), not beside its first frames.
func TestPreviewParsesOnceTheEditorHasDrawn(t *testing.T) {
	uitest.NewApp(t)
	p := NewPreview(render.New(render.Options{}))
	filling := true
	p.box.wait = func() bool { return filling }
	w := test.NewTempWindow(t, p)
	w.Resize(fyne.NewSize(600, 500))
	p.ShowPage(nil, nil, "# A page\n\nLearners read the article together.\n")
	uitest.Idle(150 * time.Millisecond)
	if len(p.Objects()) != 0 || !p.Pending() {
		t.Fatalf("while the editor draws: %d objects, pending %v; want none, pending", len(p.Objects()), p.Pending())
	}
	filling = false
	uitest.WaitFor(t, 10*time.Second, "the preview", func() bool { return !p.Pending() })
	if got := allText(p.Objects()); !strings.Contains(got, "Learners read the article together.") {
		t.Fatalf("preview after the editor drew: %q", got)
	}
}
