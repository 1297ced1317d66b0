package editor

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// shownText is the text of the objects shown under o (hidden ones and
// what is inside them left out), widgets through their renderers.
func shownText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.RichText:
			// List items start with "|".
			for _, s := range segments([]fyne.CanvasObject{w}) {
				switch s := s.(type) {
				case *widget.TextSegment:
					b.WriteString(strings.TrimPrefix(s.Text, segmentStart))
				case *widget.ParagraphSegment:
					b.WriteString("|")
				}
			}
			b.WriteString("\n")
			return
		case *widget.Label:
			b.WriteString(w.Text + "\n")
			return
		case *widget.Button:
			b.WriteString(w.Text + "\n")
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// The preview of a page holding each kind of question shows each as
// learners see it: the prompt, the options with their markers, a box for
// a short answer, the list to order; its Answer is closed and opens on
// the key and the feedback.
func TestPreviewShowsQuestions(t *testing.T) {
	qs := []selfcheck.Question{
		{Kind: selfcheck.One, Prompt: "Who leads a **circle**?", Options: []selfcheck.Option{
			{Text: "A teacher", Feedback: "No: nobody teaches."}, {Text: "A peer", Correct: true}}, Hint: "Think of the meetings."},
		{Kind: selfcheck.Several, Prompt: "Which help?", Options: []selfcheck.Option{{Text: "Snacks", Correct: true}, {Text: "Grades"}}},
		{Kind: selfcheck.TrueFalse, Prompt: "Circles need teachers.", Options: []selfcheck.Option{{Text: "True"}, {Text: "False", Correct: true}},
			Explanation: "Peers lead them."},
		{Kind: selfcheck.Short, Prompt: "Name the group.", Accept: []string{"circle", "learning circle"}},
		{Kind: selfcheck.Order, Prompt: "Order the meeting.", Options: []selfcheck.Option{{Text: "Reflect"}, {Text: "Check in"}}, Order: []int{1, 0}},
	}
	var md strings.Builder
	md.WriteString("Before.\n\n")
	for _, q := range qs {
		md.WriteString(selfcheck.Format(q) + "\n")
	}
	objs := previewOf(t, nil, nil, md.String())
	var boxes []*QuestionBox
	for _, o := range objs {
		if b, ok := o.(*QuestionBox); ok {
			boxes = append(boxes, b)
		}
	}
	if len(boxes) != len(qs) {
		t.Fatalf("%d questions shown, want %d", len(boxes), len(qs))
	}
	w := test.NewTempWindow(t, boxes[0])
	w.Resize(fyne.NewSize(500, 800))
	for i, tc := range []struct{ shown, key []string }{
		{[]string{"Question 1", "Who leads a circle?", "○ A teacher", "○ A peer", "Hint", "Answer"},
			[]string{"✗ Not right: A teacher — No: nobody teaches.", "✓ Right: A peer"}},
		{[]string{"Question 2", "Which help?", "☐ Snacks", "☐ Grades", "Answer"},
			[]string{"✓ Right: Snacks", "✗ Not right: Grades"}},
		{[]string{"Question 3", "Circles need teachers.", "○ True", "○ False"},
			[]string{"✗ Not right: True", "✓ Right: False", "Peers lead them."}},
		{[]string{"Question 4", "Name the group.", "Your answer"},
			[]string{"Accepted answers: circle, learning circle"}},
		{[]string{"Question 5", "Order the meeting.", "|Reflect|Check in"},
			[]string{"Right order", "|Check in|Reflect"}},
	} {
		b := boxes[i]
		w.SetContent(b)
		closed := shownText(b)
		for _, s := range tc.shown {
			if !strings.Contains(closed, s) {
				t.Errorf("question %d does not show %q:\n%s", i+1, s, closed)
			}
		}
		for _, s := range tc.key {
			if strings.Contains(closed, s) {
				t.Errorf("question %d shows %q with its Answer closed", i+1, s)
			}
		}
		b.Reveal.Open(len(b.Reveal.Items) - 1)
		open := shownText(b)
		for _, s := range tc.key {
			if !strings.Contains(open, s) {
				t.Errorf("question %d's open Answer lacks %q:\n%s", i+1, s, open)
			}
		}
	}
	if !strings.Contains(allText(objs[:1]), "Before.") {
		t.Errorf("the text before the questions: %q", allText(objs[:1]))
	}
}
