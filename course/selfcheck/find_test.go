package selfcheck

import (
	"reflect"
	"strings"
	"testing"
)

// The example of SELFCHECK.md and docs/self-checks.md.
const exampleOne = `<!-- self-check -->
**Who leads a learning circle?**

1. An expert teacher
2. A facilitator who is a peer
3. The library director

<details markdown="1">
<summary>Answer</summary>

Answer: 2

1. Not quite: learning circles have no teacher.
2. Right: the facilitator is a peer who keeps the group going.
3. No: the library hosts the circle but does not lead it.

Hint: Think about who organises the meetings.

Explanation: A learning circle is led by a peer facilitator.
</details>
<!-- /self-check -->
`

func TestFindEveryKind(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Question
	}{
		{"one", exampleOne, Question{
			Kind:   One,
			Prompt: "**Who leads a learning circle?**",
			Options: []Option{
				{Text: "An expert teacher", Feedback: "Not quite: learning circles have no teacher."},
				{Text: "A facilitator who is a peer", Correct: true, Feedback: "Right: the facilitator is a peer who keeps the group going."},
				{Text: "The library director", Feedback: "No: the library hosts the circle but does not lead it."},
			},
			Hint:        "Think about who organises the meetings.",
			Explanation: "A learning circle is led by a peer facilitator.",
		}},
		{"several", `<!-- self-check -->
Which of these does a facilitator do?
Choose every one.

1. Keeps time
2. Grades the learners
3. Asks questions
<details markdown="1">
Answers: 1, 3

1. Yes.
2.
3. Yes: questions keep the talk going
   among the peers.

Explanation: Facilitators
do not grade.

They *help*.
</details>
<!-- /self-check -->
`, Question{
			Kind:   Several,
			Prompt: "Which of these does a facilitator do?\nChoose every one.",
			Options: []Option{
				{Text: "Keeps time", Correct: true, Feedback: "Yes."},
				{Text: "Grades the learners"},
				{Text: "Asks questions", Correct: true, Feedback: "Yes: questions keep the talk going\namong the peers."},
			},
			Explanation: "Facilitators\ndo not grade.\n\nThey *help*.",
		}},
		{"several from the marker, one right", `<!-- self-check several -->
Which are fruits?

1. Apple
2. Chair

<details markdown="1">
<summary>Answer</summary>

Answer: 1
</details>
<!-- /self-check -->
`, Question{Kind: Several, Prompt: "Which are fruits?", Options: []Option{{Text: "Apple", Correct: true}, {Text: "Chair"}}}},
		{"several by the plural key", `<!-- self-check -->
Which are fruits?

1. Apple
2. Chair

<details markdown="1">
ANSWERS: 1
</details>
<!-- /self-check -->
`, Question{Kind: Several, Prompt: "Which are fruits?", Options: []Option{{Text: "Apple", Correct: true}, {Text: "Chair"}}}},
		{"true-false", `<!-- self-check -->
Learning circles meet in libraries.

<details markdown="1">
<summary>Answer</summary>

Answer: True

If true: Right, most do.

if false: Most of them do.

Hint: Where did yours meet?
</details>
<!-- /self-check -->
`, Question{Kind: TrueFalse, Prompt: "Learning circles meet in libraries.",
			Options: []Option{{Text: "True", Correct: true, Feedback: "Right, most do."}, {Text: "False", Feedback: "Most of them do."}},
			Hint:    "Where did yours meet?"}},
		{"true-false from the marker, a list in the prompt", `<!-- self-check true-false -->
Is this list in order?

1. one
2. two

<details markdown="1">
Answer: false
</details>
<!-- /self-check -->
`, Question{Kind: TrueFalse, Prompt: "Is this list in order?\n\n1. one\n2. two",
			Options: []Option{{Text: "True"}, {Text: "False", Correct: true}}}},
		{"short", `<!-- self-check -->
What do we call a group that meets to learn together?

<details markdown="1">
<summary>Answer</summary>

Accept: learning circle;  learning   circles ;

Pattern: ^(learning )?circles?$
</details>
<!-- /self-check -->
`, Question{Kind: Short, Prompt: "What do we call a group that meets to learn together?",
			Accept: []string{"learning circle", "learning circles"}, Pattern: "^(learning )?circles?$"}},
		{"order", `<!-- self-check order -->
Put the steps of a meeting in order.

1. Reflect
2. Check in
3. Work together

<details markdown="1">
<summary>Answer</summary>

Order: 2, 3, 1

1. Reflection ends a meeting.
</details>
<!-- /self-check -->
`, Question{Kind: Order, Prompt: "Put the steps of a meeting in order.",
			Options: []Option{{Text: "Reflect", Feedback: "Reflection ends a meeting."}, {Text: "Check in"}, {Text: "Work together"}},
			Order:   []int{1, 2, 0}}},
		{"prompt with a list of its own, lazy option lines, CRLF", "<!-- Self-Check -->\r\nConsider:\r\n\r\n1. a\r\n2. b\r\n\r\nWhich is first?\r\n1. the a\r\nline\r\n2. the b\r\n\r\n<details markdown=\"1\">\r\nAnswer: 1\r\n</details>\r\n<!-- /self-check -->\r\n",
			Question{Kind: One, Prompt: "Consider:\n\n1. a\n2. b\n\nWhich is first?",
				Options: []Option{{Text: "the a\nline", Correct: true}, {Text: "the b"}}}},
		{"summary on the details line", `<!-- self-check -->
Q?
1. x
2. y
<details markdown="1"><summary>Answer</summary>
Answer: 2
</details>
<!-- /self-check -->`, Question{Kind: One, Prompt: "Q?", Options: []Option{{Text: "x"}, {Text: "y", Correct: true}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks := Find(tt.body)
			if len(blocks) != 1 {
				t.Fatalf("Find found %d blocks, want 1", len(blocks))
			}
			b := blocks[0]
			if b.Err != nil {
				t.Fatalf("unexpected error: line %d %s: %s", b.Err.Line, b.Err.Code, b.Err.Problem)
			}
			if !reflect.DeepEqual(b.Question, tt.want) {
				t.Errorf("question:\n got %#v\nwant %#v", b.Question, tt.want)
			}
			if b.Start != 0 || b.End != len(tt.body) || b.Line != 1 {
				t.Errorf("Start, End, Line = %d, %d, %d; want 0, %d, 1", b.Start, b.End, b.Line, len(tt.body))
			}
			// Format writes what Find reads back.
			again := Find(Format(b.Question))
			if len(again) != 1 || again[0].Err != nil || !reflect.DeepEqual(again[0].Question, b.Question) {
				t.Errorf("Format does not round-trip:\n%s", Format(b.Question))
			}
		})
	}
}

func TestFindPlacesAndNumbers(t *testing.T) {
	q := "<!-- self-check -->\nQ?\n\n<details markdown=\"1\">\nAnswer: true\n</details>\n<!-- /self-check -->\n"
	body := "# Title\n\nSome text.\n\n" + q + "\n```markdown\n" + q + "```\n\n    " +
		strings.ReplaceAll(q, "\n", "\n    ") + "\nMore.\n" + strings.Replace(q, "Answer: true", "Answer: maybe", 1)
	blocks := Find(body)
	if len(blocks) != 2 {
		t.Fatalf("found %d blocks, want 2 (code blocks hold none)", len(blocks))
	}
	if blocks[0].Line != 5 || body[blocks[0].Start:blocks[0].End] != q || blocks[0].Err != nil {
		t.Errorf("first block: line %d, text %q, err %v", blocks[0].Line, body[blocks[0].Start:blocks[0].End], blocks[0].Err)
	}
	second := blocks[1]
	if !strings.HasSuffix(body, body[second.Start:second.End]) || second.End != len(body) {
		t.Errorf("second block does not end the body: %q", body[second.Start:second.End])
	}
	if second.Err == nil || second.Err.Code != CodeBadAnswer || second.Err.Line != second.Line+4 {
		t.Errorf("second block: line %d, err %+v; want %s at line %d", second.Line, second.Err, CodeBadAnswer, second.Line+4)
	}
}

// errorCase is a body with one block and the error Find must report.
type errorCase struct {
	name string
	body string
	code string
	line int
}

const answerOne = "<details markdown=\"1\">\nAnswer: 1\n</details>\n"

var errorCases = []errorCase{
	{"unclosed", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n" + answerOne, CodeUnclosed, 1},
	{"unclosed before the next question", "<!-- self-check -->\nQ?\n<!-- self-check -->\n", CodeUnclosed, 1},
	{"unknown kind", "<!-- self-check trivia -->\nQ?\n\n1. a\n2. b\n\n" + answerOne + "<!-- /self-check -->\n", CodeUnknownKind, 1},
	{"no prompt", "<!-- self-check -->\n\n1. a\n2. b\n\n" + answerOne + "<!-- /self-check -->\n", CodeNoPrompt, 1},
	{"no options", "<!-- self-check -->\nQ?\n\n" + answerOne + "<!-- /self-check -->\n", CodeNoOptions, 1},
	{"options then text", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\nNote.\n\n" + answerOne + "<!-- /self-check -->\n", CodeNoOptions, 1},
	{"one option", "<!-- self-check -->\nQ?\n\n1. a\n\n" + answerOne + "<!-- /self-check -->\n", CodeTooFewOptions, 1},
	{"option numbers", "<!-- self-check -->\nQ?\n\n1. a\n3. b\n\n" + answerOne + "<!-- /self-check -->\n", CodeOptionNumber, 5},
	{"empty option", "<!-- self-check -->\nQ?\n\n1. a\n2.\n\n" + answerOne + "<!-- /self-check -->\n", CodeEmptyOption, 5},
	{"no details", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n<!-- /self-check -->\n", CodeNoAnswer, 1},
	{"no answer key", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nHint: h\n</details>\n<!-- /self-check -->\n", CodeNoAnswer, 7},
	{"unclosed details", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswer: 1\n<!-- /self-check -->\n", CodeUnclosedAnswer, 7},
	{"text after the answer", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n" + answerOne + "\nMore\n<!-- /self-check -->\n", CodeTextAfterAnswer, 11},
	{"unknown line", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswer: 1\n\nSolution: a\n</details>\n<!-- /self-check -->\n", CodeUnknownLine, 10},
	{"duplicate key", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswer: 1\n\nHint: a\n\nhint: b\n</details>\n<!-- /self-check -->\n", CodeDuplicateKey, 12},
	{"Answer and Answers", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswer: 1\nAnswers: 1, 2\n</details>\n<!-- /self-check -->\n", CodeDuplicateKey, 9},
	{"conflicting keys", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswer: 1\n\nOrder: 2, 1\n</details>\n<!-- /self-check -->\n", CodeConflictingKeys, 10},
	{"kind mismatch", "<!-- self-check one -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswers: 1, 2\n</details>\n<!-- /self-check -->\n", CodeKindMismatch, 8},
	{"kind mismatch short", "<!-- self-check short -->\nQ?\n\n" + answerOne + "<!-- /self-check -->\n", CodeKindMismatch, 5},
	{"pattern in a one question", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswer: 1\n\nPattern: a\n</details>\n<!-- /self-check -->\n", CodeKeyNotForKind, 10},
	{"if true in a one question", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswer: 1\nIf true: x\n</details>\n<!-- /self-check -->\n", CodeKeyNotForKind, 9},
	{"feedback list in a short question", "<!-- self-check -->\nQ?\n\n<details markdown=\"1\">\nAccept: a\n\n1. x\n</details>\n<!-- /self-check -->\n", CodeKeyNotForKind, 7},
	{"bad answer", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswer: the first\n</details>\n<!-- /self-check -->\n", CodeBadAnswer, 8},
	{"answer twice", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswers: 1, 1\n</details>\n<!-- /self-check -->\n", CodeBadAnswer, 8},
	{"answer out of range", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswer: 3\n</details>\n<!-- /self-check -->\n", CodeAnswerRange, 8},
	{"bad order", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nOrder: 1, 1\n</details>\n<!-- /self-check -->\n", CodeBadOrder, 8},
	{"order not numbers", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nOrder: b, a\n</details>\n<!-- /self-check -->\n", CodeBadOrder, 8},
	{"bad pattern", "<!-- self-check -->\nQ?\n\n<details markdown=\"1\">\nAccept: a\nPattern: (a\n</details>\n<!-- /self-check -->\n", CodeBadPattern, 6},
	{"empty accept", "<!-- self-check -->\nQ?\n\n<details markdown=\"1\">\nAccept: ; ;\n</details>\n<!-- /self-check -->\n", CodeBadAccept, 5},
	{"feedback out of range", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswer: 1\n\n1. x\n2. y\n3. z\n</details>\n<!-- /self-check -->\n", CodeFeedbackRange, 12},
	{"feedback twice", "<!-- self-check -->\nQ?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswer: 1\n\n1. x\n1. y\n</details>\n<!-- /self-check -->\n", CodeDuplicateFeedback, 11},
	{"the earliest error wins", "<!-- self-check -->\nQ?\n\n1. a\n3. b\n\n<details markdown=\"1\">\nAnswer: 7\n</details>\n<!-- /self-check -->\n", CodeOptionNumber, 5},
}

func TestFindErrors(t *testing.T) {
	seen := map[string]bool{}
	for _, tt := range errorCases {
		t.Run(tt.name, func(t *testing.T) {
			body := "Intro.\n\n" + tt.body
			blocks := Find(body)
			if len(blocks) == 0 {
				t.Fatal("no block found")
			}
			e := blocks[0].Err
			if e == nil {
				t.Fatalf("no error; want %s at line %d", tt.code, tt.line)
			}
			if e.Code != tt.code || e.Line != tt.line+2 {
				t.Errorf("error %s at line %d (%s); want %s at line %d", e.Code, e.Line, e.Problem, tt.code, tt.line+2)
			}
			if e.Problem == "" || e.Error() != e.Problem {
				t.Errorf("error has no English problem: %+v", e)
			}
			if blocks[0].Line != 3 || blocks[0].Start != len("Intro.\n\n") {
				t.Errorf("block Line %d Start %d; want 3, %d", blocks[0].Line, blocks[0].Start, len("Intro.\n\n"))
			}
		})
		seen[tt.code] = true
	}
	for _, e := range validateCases {
		seen[e.code] = true
	}
	for _, c := range Codes {
		if !seen[c] {
			t.Errorf("no test reports %s", c)
		}
	}
}
