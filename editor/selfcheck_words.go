package editor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// selfCheckProblem is what is wrong with a self-check question's markdown
// (a selfcheck.SyntaxError's Code and Args) in the interface language w:
// the self-check form names it, and so does the self-check-invalid
// diagnostic. Every code has its words in every language
// (TestEverySelfCheckCodeHasWords); a code added later without words
// falls back to english, the library's.
func selfCheckProblem(w Wording, code string, args map[string]string, english string) string {
	a := make(map[string]any, len(args)+1)
	for k, v := range args {
		a[k] = v
	}
	switch code {
	case selfcheck.CodeUnclosed:
		return w.X("diagnostic.self-check-unclosed", "the question has no closing <!-- /self-check --> marker")
	case selfcheck.CodeUnknownKind:
		return w.X("diagnostic.self-check-unknown-kind", "“{{.Kind}}” is not a kind of question: write one, several, true-false, short or order", a)
	case selfcheck.CodeNoPrompt:
		return w.X("diagnostic.self-check-no-prompt", "the question has no text")
	case selfcheck.CodeNoOptions:
		return w.X("diagnostic.self-check-no-options", "a “{{.Kind}}” question needs its options as a numbered list (1. 2. …) just before <details>", a)
	case selfcheck.CodeTooFewOptions:
		return w.X("diagnostic.self-check-too-few-options", "a “{{.Kind}}” question needs at least two options", a)
	case selfcheck.CodeOptionNumber:
		return w.X("diagnostic.self-check-option-number", "the options are numbered 1, 2, 3… in order: option {{.Expected}} comes here, not {{.Found}}", a)
	case selfcheck.CodeEmptyOption:
		return w.X("diagnostic.self-check-empty-option", "option {{.Option}} has no text", a)
	case selfcheck.CodeNoAnswer:
		return w.X("diagnostic.self-check-no-answer", "the question has no answer: add <details markdown=\"1\"> with an Answer, Accept or Order line")
	case selfcheck.CodeUnclosedAnswer:
		return w.X("diagnostic.self-check-unclosed-answer", "the answer's <details> has no </details> before <!-- /self-check -->")
	case selfcheck.CodeTextAfterAnswer:
		return w.X("diagnostic.self-check-text-after-answer", "there is text after </details>: a question ends with its answer")
	case selfcheck.CodeUnknownLine:
		return w.X("diagnostic.self-check-unknown-line", "the line “{{.Text}}” does not belong in the answer, which holds only Answer, Accept, Order, Pattern, If true, If false, Hint and Explanation lines and a numbered list of feedback", a)
	case selfcheck.CodeMarkerInPrompt:
		return w.X("diagnostic.self-check-marker-in-prompt", "the question's text may not hold a self-check marker or a <details> line: “{{.Text}}”", a)
	case selfcheck.CodeDuplicateKey:
		return w.X("diagnostic.self-check-duplicate-key", "the “{{.Key}}” line is given twice", a)
	case selfcheck.CodeConflictingKeys:
		return w.X("diagnostic.self-check-conflicting-keys", "a question has one kind of answer line: “{{.Key}}” cannot go with “{{.Other}}”", a)
	case selfcheck.CodeKindMismatch:
		return w.X("diagnostic.self-check-kind-mismatch", "the marker says “{{.Kind}}” but the “{{.Key}}” line is for another kind of question", a)
	case selfcheck.CodeKeyNotForKind:
		return w.X("diagnostic.self-check-key-not-for-kind", "the “{{.Key}}” line does not belong in a “{{.Kind}}” question", a)
	case selfcheck.CodeBadAnswer:
		return w.X("diagnostic.self-check-bad-answer", "the answer “{{.Value}}” must be option numbers, each named once (Answer: 2, or Answers: 1, 3), or true or false", a)
	case selfcheck.CodeAnswerRange:
		return w.X("diagnostic.self-check-answer-out-of-range", "the answer {{.Option}} is not an option number (1 to {{.Options}})", a)
	case selfcheck.CodeNoRightOption:
		return w.X("diagnostic.self-check-no-right-option", "no option is marked right")
	case selfcheck.CodeSeveralRight:
		return w.X("diagnostic.self-check-several-right", "a one-answer question has more than one right option")
	case selfcheck.CodeBadOrder:
		return w.X("diagnostic.self-check-bad-order", "Order must name every option number once, in the right order (Order: 3, 1, 2)")
	case selfcheck.CodeBadPattern:
		return w.X("diagnostic.self-check-bad-pattern", "the pattern {{.Pattern}} is not a valid regular expression", a)
	case selfcheck.CodeBadAccept:
		return w.X("diagnostic.self-check-bad-accept", "Accept must list the accepted answers, separated by semicolons; none may be empty or hold a line break")
	case selfcheck.CodeFeedbackRange:
		return w.X("diagnostic.self-check-feedback-out-of-range", "feedback item {{.Option}} is not an option number (1 to {{.Options}})", a)
	case selfcheck.CodeDuplicateFeedback:
		return w.X("diagnostic.self-check-duplicate-feedback", "the feedback for option {{.Option}} is given twice", a)
	case selfcheck.CodeBadTrueFalse:
		return w.X("diagnostic.self-check-bad-true-false", "a true/false question has the two options True and False, one of them right")
	case selfcheck.CodeBlankLine:
		if args["Field"] == "feedback" {
			return w.X("diagnostic.self-check-blank-line-feedback", "the feedback for option {{.Option}} has a blank line: it must be one paragraph", a)
		}
		return w.X("diagnostic.self-check-blank-line", "option {{.Option}} has a blank line: it must be one paragraph", a)
	case selfcheck.CodeNested:
		return w.X("diagnostic.self-check-nested", "the question is inside a list or a quote: a question stands on its own, its markers at the start of their lines")
	}
	return english
}

// asSentence makes words written to follow a colon (as a diagnostic's
// are) a sentence of their own, as the form's other problems read: a
// capital first and a full stop last.
func asSentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
