package course

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// check reports a self-check question the site cannot read as an error at
// its file line (front matter counted), with its number on the page; a
// whole question and an example in a code block are no problem.
func TestCheckSelfCheckErrors(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	p := "modules/setup/_posts/2000-01-01-getting-started.md"
	body := "---\ntitle: Getting started\n---\n\n" +
		"<!-- self-check -->\nWhole?\n\n<details markdown=\"1\">\nAnswer: true\n</details>\n<!-- /self-check -->\n\n" +
		"```\n<!-- self-check -->\n```\n\n" +
		"<!-- self-check -->\nBroken?\n\n1. a\n2. b\n\n<details markdown=\"1\">\nAnswer: 3\n</details>\n<!-- /self-check -->\n"
	if err := os.WriteFile(filepath.Join(dir, p), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []Diagnostic
	for _, d := range Check(mustLoad(t, dir)) {
		if d.Code == CodeSelfCheckInvalid {
			got = append(got, d)
		}
	}
	if len(got) != 1 {
		t.Fatalf("self-check diagnostics: %v, want 1", got)
	}
	d := got[0]
	if d.File != p || d.Line != 24 || d.Severity != SeverityError || d.Args["Number"] != "2" ||
		d.Args["Syntax"] != selfcheck.CodeAnswerRange || d.Args["Options"] != "2" || d.Message == "" || d.Hint == "" {
		t.Errorf("diagnostic = %+v; want an error at %s:24 for question 2", d, p)
	}
}
