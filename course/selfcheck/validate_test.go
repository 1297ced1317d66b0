package selfcheck

import (
	"testing"
)

func twoOptions(right ...bool) []Option {
	opts := []Option{{Text: "a"}, {Text: "b"}}
	for i, r := range right {
		opts[i].Correct = r
	}
	return opts
}

var validateCases = []struct {
	name string
	q    Question
	code string
}{
	{"unknown kind", Question{Kind: "essay", Prompt: "Q?"}, CodeUnknownKind},
	{"no prompt", Question{Kind: One, Prompt: " \n", Options: twoOptions(true)}, CodeNoPrompt},
	{"marker in the prompt", Question{Kind: One, Prompt: "Q?\n<!-- /self-check -->", Options: twoOptions(true)}, CodeMarkerInPrompt},
	{"one option", Question{Kind: One, Prompt: "Q?", Options: []Option{{Text: "a", Correct: true}}}, CodeTooFewOptions},
	{"empty option", Question{Kind: Several, Prompt: "Q?", Options: []Option{{Text: "a", Correct: true}, {Text: " "}}}, CodeEmptyOption},
	{"blank line in an option", Question{Kind: One, Prompt: "Q?", Options: []Option{{Text: "a\n\nb", Correct: true}, {Text: "c"}}}, CodeBlankLine},
	{"blank line in feedback", Question{Kind: One, Prompt: "Q?", Options: []Option{{Text: "a", Correct: true, Feedback: "x\n\ny"}, {Text: "c"}}}, CodeBlankLine},
	{"no right option", Question{Kind: One, Prompt: "Q?", Options: twoOptions()}, CodeNoRightOption},
	{"several: no right option", Question{Kind: Several, Prompt: "Q?", Options: twoOptions()}, CodeNoRightOption},
	{"one with two right", Question{Kind: One, Prompt: "Q?", Options: twoOptions(true, true)}, CodeSeveralRight},
	{"true-false with other options", Question{Kind: TrueFalse, Prompt: "Q?", Options: twoOptions(true)}, CodeBadTrueFalse},
	{"true-false none right", Question{Kind: TrueFalse, Prompt: "Q?", Options: []Option{{Text: "True"}, {Text: "False"}}}, CodeBadTrueFalse},
	{"short without accept", Question{Kind: Short, Prompt: "Q?"}, CodeBadAccept},
	{"accept with a semicolon", Question{Kind: Short, Prompt: "Q?", Accept: []string{"a;b"}}, CodeBadAccept},
	{"bad pattern", Question{Kind: Short, Prompt: "Q?", Accept: []string{"a"}, Pattern: "[a"}, CodeBadPattern},
	{"order not a permutation", Question{Kind: Order, Prompt: "Q?", Options: twoOptions(), Order: []int{0, 0}}, CodeBadOrder},
}

func TestValidate(t *testing.T) {
	for _, tt := range validateCases {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.q.Validate()
			if e == nil || e.Code != tt.code || e.Line != 0 {
				t.Fatalf("Validate = %+v; want %s at line 0", e, tt.code)
			}
		})
	}
	good := []Question{
		{Kind: One, Prompt: "Q?", Options: twoOptions(false, true)},
		{Kind: Several, Prompt: "Q?", Options: twoOptions(true, true)},
		{Kind: TrueFalse, Prompt: "Q?", Options: []Option{{Text: "True"}, {Text: "False", Correct: true}}},
		{Kind: Short, Prompt: "Q?", Accept: []string{"a b"}, Pattern: "^a+$"},
		{Kind: Order, Prompt: "Q?", Options: twoOptions(), Order: []int{1, 0}},
	}
	for _, q := range good {
		if e := q.Validate(); e != nil {
			t.Errorf("%s: Validate = %+v, want nil", q.Kind, e)
		}
	}
}

func TestFindReportsValidate(t *testing.T) {
	// A one-answer question whose marker says one, whose options and
	// answer are each fine: Validate still has nothing to say, but a
	// true/false question written with Answer and a list is not one.
	body := "<!-- self-check true-false -->\nQ?\n\n<details markdown=\"1\">\nAnswer: yes\n</details>\n<!-- /self-check -->\n"
	b := Find(body)[0]
	if b.Err == nil || b.Err.Code != CodeBadAnswer || b.Err.Line != 5 {
		t.Errorf("err = %+v; want %s at line 5", b.Err, CodeBadAnswer)
	}
}
