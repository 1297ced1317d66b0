package course

import (
	"strconv"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// checkSelfChecks reports every self-check question of a page whose
// markdown cannot be read: the site shows it as plain markdown, so the
// learners would see the answers' markup instead of a question.
func (ck *checker) checkSelfChecks(p *Page) {
	if p.IsHTMLPage() {
		return
	}
	blocks := selfcheck.Find(p.Body())
	var bl *checkBodyLines
	for i, b := range blocks {
		if b.Err == nil {
			continue
		}
		if bl == nil {
			bl = newCheckBodyLines(p)
		}
		ck.out = append(ck.out, SelfCheckDiagnostic(p.Path, bl.offset+b.Err.Line, i+1, b.Err))
	}
}

// SelfCheckDiagnostic is the error `check` and the site build report for
// question number (1-based on its page) whose syntax error is e, at line
// of file.
func SelfCheckDiagnostic(file string, line, number int, e *selfcheck.SyntaxError) Diagnostic {
	args := map[string]string{}
	for k, v := range e.Args {
		args[k] = v
	}
	args["Number"] = strconv.Itoa(number)
	args["Syntax"] = e.Code
	args["Problem"] = e.Problem
	return Diagnostic{File: file, Line: line, Severity: SeverityError, Code: CodeSelfCheckInvalid, Args: args,
		Message: "self-check question " + strconv.Itoa(number) + " cannot be read, so it is shown as plain markdown: " + e.Problem,
		Hint:    "write it as docs/self-checks.md shows: the question, its options as a numbered list, then the answer inside <details markdown=\"1\">"}
}
