// Package selfcheck is the model of a course page's self-check questions:
// the few questions at the end of a page that let learners check
// themselves before the next meeting. It reads and writes the markdown
// syntax documented in docs/self-checks.md; the site, the in-app preview,
// the facilitator guide and every export are built from this model.
//
// It depends only on the standard library, so the course model, the
// renderer, the exports and the editor can all share it.
package selfcheck

// Kind is what sort of answer a question wants.
type Kind string

// The kinds of question. The words are the ones an author may write in a
// question's opening marker (`<!-- self-check several -->`) to say the kind
// when the answer key alone would not tell it.
const (
	One       Kind = "one"        // choose one option
	Several   Kind = "several"    // choose every right option
	TrueFalse Kind = "true-false" // true or false
	Short     Kind = "short"      // type a short answer
	Order     Kind = "order"      // put the options in order
)

// Kinds lists every kind, in the order the app's form offers them.
var Kinds = []Kind{One, Several, TrueFalse, Short, Order}

// Option is one choice a learner sees.
type Option struct {
	Text     string // inline markdown
	Correct  bool   // for One, Several and TrueFalse
	Feedback string // inline markdown shown when the learner picks it; may be empty
}

// Question is one self-check question.
type Question struct {
	Kind   Kind
	Prompt string // markdown: the question itself (one or more blocks)
	// Options in the order the learner sees them. TrueFalse questions
	// have exactly two, "True" then "False", one of them Correct; Short
	// questions have none.
	Options []Option
	// Order, for Order questions, is the right sequence: indexes into
	// Options (0-based), each exactly once.
	Order []int
	// Accept, for Short questions, are the accepted answers, compared
	// with what the learner typed without regard to case and with runs
	// of white space made one space.
	Accept []string
	// Pattern, for Short questions and optional, is a regular expression
	// an answer may match instead (case-insensitively); written in the
	// syntax shared by Go's regexp and JavaScript's RegExp.
	Pattern     string
	Hint        string // markdown, optional
	Explanation string // markdown, optional: why the answer is what it is
}

// Block is one question as it stands in a page's markdown.
type Block struct {
	Question Question
	// Start and End are the byte offsets in the page body of the block,
	// from the first byte of its opening marker line to just after the
	// line break that ends its closing marker line: replacing
	// body[Start:End] with Format(q) edits the question in place.
	Start, End int
	Line       int // 1-based line of the body where the opening marker is
	// Err is the first thing wrong with the block's syntax, nil when the
	// question is whole. A block with an Err is shown as plain markdown
	// and reported by `check` as an error at Err.Line.
	Err *SyntaxError
}

// SyntaxError says what is wrong in a question's markdown and where.
type SyntaxError struct {
	Line    int    // 1-based line of the page body
	Problem string // English, for logs; Code and Args are for words
	Code    string // stable, e.g. "self-check-no-answer"
	Args    map[string]string
}

func (e *SyntaxError) Error() string { return e.Problem }
