package selfcheck

import "fmt"

// The codes of SyntaxError, stable: the CLI and the app turn a syntax
// error into words by its Code and Args (course.Diagnostic carries both),
// so a code never changes once released. Each names what an author has
// to fix; Args says which values the words may use. An option's number is
// Option, never Number: the diagnostic's Number is the question's.
const (
	CodeUnclosed          = "self-check-unclosed"        // no closing marker
	CodeUnknownKind       = "self-check-unknown-kind"    // Args: Kind
	CodeNoPrompt          = "self-check-no-prompt"       // nothing before the options
	CodeNoOptions         = "self-check-no-options"      // Args: Kind
	CodeTooFewOptions     = "self-check-too-few-options" // Args: Kind
	CodeOptionNumber      = "self-check-option-number"   // Args: Expected, Found
	CodeEmptyOption       = "self-check-empty-option"    // Args: Option
	CodeNoAnswer          = "self-check-no-answer"       // no Answer/Accept/Order key
	CodeUnclosedAnswer    = "self-check-unclosed-answer" // <details> without </details>
	CodeTextAfterAnswer   = "self-check-text-after-answer"
	CodeUnknownLine       = "self-check-unknown-line"        // Args: Text: a line the answer has no place for
	CodeMarkerInPrompt    = "self-check-marker-in-prompt"    // Args: Text: a marker or <details> line in the question's text
	CodeDuplicateKey      = "self-check-duplicate-key"       // Args: Key
	CodeConflictingKeys   = "self-check-conflicting-keys"    // Args: Key, Other
	CodeKindMismatch      = "self-check-kind-mismatch"       // Args: Kind, Key
	CodeKeyNotForKind     = "self-check-key-not-for-kind"    // Args: Key, Kind
	CodeBadAnswer         = "self-check-bad-answer"          // Args: Value
	CodeAnswerRange       = "self-check-answer-out-of-range" // Args: Option, Options
	CodeNoRightOption     = "self-check-no-right-option"
	CodeSeveralRight      = "self-check-several-right"         // a one-answer question with more
	CodeBadOrder          = "self-check-bad-order"             // Args: Value, Options
	CodeBadPattern        = "self-check-bad-pattern"           // Args: Pattern, Reason
	CodeBadAccept         = "self-check-bad-accept"            // Args: Value
	CodeFeedbackRange     = "self-check-feedback-out-of-range" // Args: Option, Options
	CodeDuplicateFeedback = "self-check-duplicate-feedback"    // Args: Option
	CodeBadTrueFalse      = "self-check-bad-true-false"
	// A one-paragraph field has a blank line. Args: Field, "option" (an
	// option's text) or "feedback" (its feedback), and Option, the
	// option's number or, in a true/false question, True or False.
	CodeBlankLine = "self-check-blank-line"
)

// CodeNested is the code render reports (not this package, so it is not
// in Codes) for a whole question indented into a list item or a quote,
// which the page shows as plain markdown.
const CodeNested = "self-check-nested"

// Codes lists every code, for tests that every one has words.
var Codes = []string{
	CodeUnclosed, CodeUnknownKind, CodeNoPrompt, CodeNoOptions, CodeTooFewOptions,
	CodeOptionNumber, CodeEmptyOption, CodeNoAnswer, CodeUnclosedAnswer,
	CodeTextAfterAnswer, CodeUnknownLine, CodeMarkerInPrompt, CodeDuplicateKey, CodeConflictingKeys,
	CodeKindMismatch, CodeKeyNotForKind, CodeBadAnswer, CodeAnswerRange,
	CodeNoRightOption, CodeSeveralRight, CodeBadOrder, CodeBadPattern, CodeBadAccept,
	CodeFeedbackRange, CodeDuplicateFeedback, CodeBadTrueFalse, CodeBlankLine,
}

// syntaxError builds a SyntaxError; args are name, value pairs.
func syntaxError(line int, code, problem string, args ...string) *SyntaxError {
	e := &SyntaxError{Line: line, Code: code, Problem: problem}
	if len(args) > 0 {
		e.Args = make(map[string]string, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			e.Args[args[i]] = args[i+1]
		}
	}
	return e
}

func itoa(n int) string { return fmt.Sprint(n) }
