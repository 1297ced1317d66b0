package render

import (
	"reflect"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// A page's self-check questions are one block each in the preview model,
// built from the same parse as the site's, numbered as on the site; a
// question with a syntax error shows as the markdown it is.
func TestPreviewQuestions(t *testing.T) {
	text := func(s string, st Style) Run { return Run{Kind: RunText, Text: s, Style: st} }
	para := func(runs ...Run) Block { return Block{Kind: BlockParagraph, Runs: runs} }
	broken := "<!-- self-check -->\nNo answer here?\n\n1. a\n2. b\n<!-- /self-check -->\n"
	one := selfcheck.Question{Kind: selfcheck.One, Prompt: "**Who leads** a circle?", Options: []selfcheck.Option{
		{Text: "A *teacher*", Feedback: "No."}, {Text: "A peer", Correct: true}}, Hint: "Think.", Explanation: "Peers lead."}
	several := selfcheck.Question{Kind: selfcheck.Several, Prompt: "Which?", Options: []selfcheck.Option{
		{Text: "x", Correct: true}, {Text: "y"}, {Text: "z", Correct: true}}}
	tf := selfcheck.Question{Kind: selfcheck.TrueFalse, Prompt: "Circles need teachers.", Options: []selfcheck.Option{
		{Text: "True", Feedback: "No: peers."}, {Text: "False", Correct: true}}}
	short := selfcheck.Question{Kind: selfcheck.Short, Prompt: "Name it.", Accept: []string{"circle", "circles"}, Pattern: "^circles?$"}
	order := selfcheck.Question{Kind: selfcheck.Order, Prompt: "Order them.", Options: []selfcheck.Option{
		{Text: "second"}, {Text: "first"}}, Order: []int{1, 0}}
	page := "# Check yourself\n\n" + broken + "\n"
	for _, q := range []selfcheck.Question{one, several, tf, short, order} {
		page += selfcheck.Format(q) + "\n"
	}
	page += "The end.\n"

	pv, _ := New(Options{}).Preview(Input{Source: page})
	var kinds []BlockKind
	var qs []*PreviewQuestion
	for _, b := range pv.Blocks {
		kinds = append(kinds, b.Kind)
		if b.Kind == BlockQuestion {
			qs = append(qs, b.Question)
		}
	}
	// The heading, the broken question's markdown (its markers and list
	// as they are), five questions, the last paragraph.
	if len(qs) != 5 || kinds[0] != BlockHeading || kinds[len(kinds)-1] != BlockParagraph {
		t.Fatalf("blocks %v", kinds)
	}
	if pv.Blocks[len(pv.Blocks)-1].Runs[0].Text != "The end." {
		t.Errorf("last block %+v", pv.Blocks[len(pv.Blocks)-1])
	}
	for i, q := range qs {
		if q.Number != i+2 {
			t.Errorf("question %d numbered %d (the broken one is question 1)", i, q.Number)
		}
	}
	want := []PreviewQuestion{
		{Kind: selfcheck.One, Prompt: []Block{para(text("Who leads", Bold), text(" a circle?", 0))},
			Options:  [][]Run{{text("A ", 0), text("teacher", Italic)}, {text("A peer", 0)}},
			Correct:  []bool{false, true},
			Feedback: [][]Run{{text("No.", 0)}, nil},
			Hint:     []Block{para(text("Think.", 0))}, Explanation: []Block{para(text("Peers lead.", 0))}},
		{Kind: selfcheck.Several, Prompt: []Block{para(text("Which?", 0))},
			Options: [][]Run{{text("x", 0)}, {text("y", 0)}, {text("z", 0)}}, Correct: []bool{true, false, true}, Feedback: [][]Run{nil, nil, nil}},
		{Kind: selfcheck.TrueFalse, Prompt: []Block{para(text("Circles need teachers.", 0))},
			Correct: []bool{false, true}, Feedback: [][]Run{{text("No: peers.", 0)}, nil}},
		{Kind: selfcheck.Short, Prompt: []Block{para(text("Name it.", 0))}, Accept: []string{"circle", "circles"}, Pattern: "^circles?$"},
		{Kind: selfcheck.Order, Prompt: []Block{para(text("Order them.", 0))},
			Options: [][]Run{{text("second", 0)}, {text("first", 0)}}, Correct: []bool{false, false}, Feedback: [][]Run{nil, nil}, Order: []int{1, 0}},
	}
	for i, q := range qs {
		got := *q
		got.Number = 0
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("question %d:\ngot  %#v\nwant %#v", i+2, got, want[i])
		}
	}
	// The preview follows the cursor into a question: its block starts
	// at its opening marker's line.
	for _, b := range pv.Blocks {
		if b.Kind == BlockQuestion && b.Question.Number == 2 {
			if wantLine := 1 + strings.Count(page[:strings.Index(page, "<!-- self-check -->\n**Who")], "\n"); b.Line != wantLine {
				t.Errorf("question 2 at line %d, want %d", b.Line, wantLine)
			}
		}
	}
}
