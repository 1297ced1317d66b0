package selfcheck

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// giftCases are a question of every kind GIFT has, with the GIFT
// Coursewright writes for it.
var giftCases = []struct {
	name string
	q    Question
	gift string
}{
	{"one", Question{Kind: One, Prompt: "Who leads a learning circle?\n\nThink of {the} people: a=b~c #1",
		Options: []Option{
			{Text: "An expert teacher", Feedback: "Not quite: learning circles have no teacher."},
			{Text: "A facilitator who is a peer", Correct: true, Feedback: "Right."},
			{Text: `The library\'s director`},
		},
		Hint: "Think about who organises the meetings.", Explanation: "A learning circle is led by a peer."},
		`::sc-1::[markdown]Who leads a learning circle?\n\nThink of \{the\} people\: a\=b\~c \#1 {
	~An expert teacher#Not quite\: learning circles have no teacher.
	=A facilitator who is a peer#Right.
	~The library\\'s director
	####Hint\: Think about who organises the meetings.\n\nA learning circle is led by a peer.
}
`},
	{"several", Question{Kind: Several, Prompt: "Which are *free*?",
		Options: []Option{{Text: "Libraries", Correct: true, Feedback: "Yes."}, {Text: "Parks", Correct: true},
			{Text: "Cinemas", Feedback: "No."}, {Text: "Airlines"}, {Text: "Museums", Correct: true}},
		Explanation: "Public places."},
		`::sc-2::[markdown]Which are *free*? {
	~%33.33333%Libraries#Yes.
	~%33.33333%Parks
	~%-50%Cinemas#No.
	~%-50%Airlines
	~%33.33333%Museums
	####Public places.
}
`},
	{"true", Question{Kind: TrueFalse, Prompt: "Peers lead circles.",
		Options: []Option{{Text: "True", Correct: true, Feedback: "Yes: peers."}, {Text: "False", Feedback: "No: they do."}}},
		"::sc-3::[markdown]Peers lead circles. {T#No\\: they do.#Yes\\: peers.}\n"},
	{"false, feedback when right only", Question{Kind: TrueFalse, Prompt: "Circles need a teacher.",
		Options: []Option{{Text: "True"}, {Text: "False", Correct: true, Feedback: "Right."}}, Hint: "Who?"},
		"::sc-4::[markdown]Circles need a teacher. {F##Right.####Hint\\: Who?}\n"},
	{"false, no feedback", Question{Kind: TrueFalse, Prompt: "Q",
		Options: []Option{{Text: "True", Feedback: "Wrong."}, {Text: "False", Correct: true}}},
		"::sc-5::[markdown]Q {F#Wrong.}\n"},
	{"short", Question{Kind: Short, Prompt: "What do we call a study group?",
		Accept: []string{"learning circle", "learning circles"}, Pattern: `^circles?\b`, Hint: "Two words."},
		`// pattern: ^circles?\b
::sc-6::[markdown]What do we call a study group? {
	=learning circle
	=learning circles
	####Hint\: Two words.
}
`},
}

// TestWriteGIFT writes every kind, and reading it back gives the same
// question.
func TestWriteGIFT(t *testing.T) {
	for i, c := range giftCases {
		t.Run(c.name, func(t *testing.T) {
			title := "sc-" + string(rune('1'+i))
			got, err := WriteGIFT(title, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.gift {
				t.Errorf("GIFT:\n%s\nwant:\n%s", got, c.gift)
			}
			back, err := ReadGIFT(got)
			if err != nil {
				t.Fatalf("read back: %v", err)
			}
			// The question starts after the pattern's comment line.
			line := 1 + strings.Count(c.gift[:strings.Index(c.gift, "::")], "\n")
			if len(back) != 1 || back[0].Title != title || back[0].Line != line {
				t.Fatalf("read back %+v", back)
			}
			if !reflect.DeepEqual(back[0].Question, c.q) {
				t.Errorf("read back:\n%#v\nwant:\n%#v", back[0].Question, c.q)
			}
		})
	}
}

func TestWriteGIFTOrder(t *testing.T) {
	_, err := WriteGIFT("x", Question{Kind: Order, Prompt: "Sort", Options: []Option{{Text: "a"}, {Text: "b"}}, Order: []int{1, 0}})
	if !errors.Is(err, ErrNoGIFTKind) {
		t.Errorf("order: %v, want ErrNoGIFTKind", err)
	}
}

// GIFT written by others (Moodle's documentation's examples) reads into
// questions.
func TestReadGIFT(t *testing.T) {
	src := "\uFEFF// A comment\r\n$CATEGORY: $course$/top/Week 1\r\n\r\n" + `::Grant's tomb::Who's buried in Grant's tomb?{~Grant =no one#Right ~Napoleon}

Grant is buried in Grant's tomb.{FALSE}

::Q3::[html]Which <b>two</b>? {
  ~%50%Grant
  ~%50%Lincoln
  ~%-100%Napoleon#No
  ####Two presidents.
}

Two plus two equals {=four =4}.

Moodle costs {~lots of money =nothing ~a small amount} to download.
`
	got, err := ReadGIFT(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []GIFTQuestion{
		{Title: "Grant's tomb", Line: 4, Question: Question{Kind: One, Prompt: "Who's buried in Grant's tomb?",
			Options: []Option{{Text: "Grant"}, {Text: "no one", Correct: true, Feedback: "Right"}, {Text: "Napoleon"}}}},
		{Line: 6, Question: Question{Kind: TrueFalse, Prompt: "Grant is buried in Grant's tomb.",
			Options: []Option{{Text: "True"}, {Text: "False", Correct: true}}}},
		{Title: "Q3", Line: 8, Question: Question{Kind: Several, Prompt: "Which <b>two</b>?", Explanation: "Two presidents.",
			Options: []Option{{Text: "Grant", Correct: true}, {Text: "Lincoln", Correct: true}, {Text: "Napoleon", Feedback: "No"}}}},
		{Line: 15, Question: Question{Kind: Short, Prompt: "Two plus two equals _____.", Accept: []string{"four", "4"}}},
		{Line: 17, Question: Question{Kind: One, Prompt: "Moodle costs _____ to download.",
			Options: []Option{{Text: "lots of money"}, {Text: "nothing", Correct: true}, {Text: "a small amount"}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got:\n%#v\nwant:\n%#v", got, want)
	}
}

// Bad or unsupported GIFT is an error at its line, and nothing is read.
func TestReadGIFTErrors(t *testing.T) {
	for _, c := range []struct {
		name, src string
		line      int
		problem   string
	}{
		{"description", "// c\n\n\nJust some text.\n", 4, "a description"},
		{"unclosed", "Q1 {=a}\n\nQ2\n{=a\n~b\n", 4, "never closed"},
		{"title", "::Title\nQ {=a}\n", 1, "title's closing ::"},
		{"essay", "Write an essay. {}\n", 1, "essay"},
		{"numerical", "\n\nWhen? {#1822:5}\n", 3, "numerical"},
		{"matching", "Match {\n=a -> b\n=c -> d\n}\n", 2, "matching"},
		{"no right", "Q {~a ~b}\n", 1, "no right answer"},
		{"text first", "Q {\nstray ~a =b}\n", 1, "text before the first answer"},
		{"weight", "Q {\n~a\n~%fifty%b =c}\n", 3, "not a number"},
		{"two braces", "Q {=a} and {=b}\n", 1, "a second {"},
		{"no prompt", "::T:: {=a ~b}\n", 1, "no text"},
	} {
		t.Run(c.name, func(t *testing.T) {
			qs, err := ReadGIFT(c.src)
			var errs GIFTErrors
			if !errors.As(err, &errs) || len(errs) != 1 {
				t.Fatalf("got %v, %v; want one error", qs, err)
			}
			if errs[0].Line != c.line || !strings.Contains(errs[0].Problem, c.problem) {
				t.Errorf("got line %d %q; want line %d with %q", errs[0].Line, errs[0].Problem, c.line, c.problem)
			}
		})
	}
	// Every problem is listed, and a good question beside them is not read.
	qs, err := ReadGIFT("Q1 {=a ~b}\n\nQ2 {}\n\nQ3 {#1}\n")
	if qs != nil || err == nil || strings.Count(err.Error(), "line ") != 2 {
		t.Errorf("got %v, %v; want no questions and two errors", qs, err)
	}
}
