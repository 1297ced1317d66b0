package main

import (
	"github.com/coursewright/coursewright/course"
)

// The CLI's words for a diagnostic: the library's English, except where
// the command line has a command that fixes the problem, which the
// library does not name (the app has buttons instead).

// diagnosticWords is what the CLI says about d.
func diagnosticWords(d course.Diagnostic) (message, hint string) {
	message, hint = d.Message, d.Hint
	switch d.Code {
	case course.CodeTranslationOutdated:
		hint = "see what changed with `coursewright upstream status`, update the translation, then record it with `coursewright translate --done " + d.Args["Page"] + "`"
	case course.CodeTranslationMissing:
		hint = "bring it in with `coursewright upstream pull " + d.Args["Source"] + "` and translate it"
	}
	return message, hint
}

// diagnosticLine is d as file:line:col: severity: message (hint), in the
// CLI's words.
func diagnosticLine(d course.Diagnostic) string {
	d.Message, d.Hint = diagnosticWords(d)
	return d.String()
}

// diagnosticJSON is one line of check --json; code is the stable name of
// the kind of problem.
type diagnosticJSON struct {
	File     string            `json:"file"`
	Line     int               `json:"line"`
	Col      int               `json:"col"`
	Severity string            `json:"severity"`
	Code     string            `json:"code"`
	Args     map[string]string `json:"args,omitempty"`
	Message  string            `json:"message"`
	Hint     string            `json:"hint"`
}

func diagnosticAsJSON(d course.Diagnostic) diagnosticJSON {
	msg, hint := diagnosticWords(d)
	return diagnosticJSON{File: d.File, Line: d.Line, Col: d.Col, Severity: d.Severity.String(),
		Code: string(d.Code), Args: d.Args, Message: msg, Hint: hint}
}
