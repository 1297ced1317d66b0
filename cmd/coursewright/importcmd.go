package main

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/course/selfcheck"
)

const importGIFTDoc = `Add the questions of a GIFT file (Moodle's question bank format) to the end
of a page, as self-check questions. PAGE is the page's file in the course
(modules/intro/_posts/2024-01-01-welcome.md) or MODULE/SLUG.

GIFT's one-answer, several-answer, true/false and short-answer questions
are read, with their feedback; the general feedback becomes the hint
("Hint: …" first) and the explanation. Essay, numerical, matching and
description items have no self-check kind: the file is refused, with the
line of each, and the page is left as it was.`

// importGIFT is "import gift FILE --page PAGE".
func (a *app) importGIFT(cmd command, args []string) error {
	f := a.flags(cmd)
	page := f.String("page", "", "add the questions to `PAGE` (its file, or MODULE/SLUG)")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if *page == "" {
		return f.usageErrorf("say which page the questions go to with --page PAGE")
	}
	file := pos[0]
	raw, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("cannot read the GIFT file: %w", err)
	}
	if !utf8.Valid(raw) {
		return advise(fmt.Errorf("%s is not UTF-8 text", file), "Save the file as UTF-8 (Moodle exports GIFT as UTF-8) and try again.")
	}
	qs, err := selfcheck.ReadGIFT(string(raw))
	if err != nil {
		return a.giftErrors(file, err)
	}
	if len(qs) == 0 {
		return advise(fmt.Errorf("%s holds no questions", file), nothingChanged)
	}
	var errs selfcheck.GIFTErrors
	for _, q := range qs {
		if e := q.Question.Validate(); e != nil {
			errs = append(errs, &selfcheck.GIFTError{Line: q.Line, Problem: "the question makes no sense as a self-check: " + e.Problem})
		}
	}
	if len(errs) > 0 {
		return a.giftErrors(file, errs)
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	unlock, err := course.LockForEdit(c.Dir, editLockWait)
	if err != nil {
		return advise(fmt.Errorf("cannot add questions to %s: %w", *page, err), nothingChanged)
	}
	defer unlock()
	if _, err := c.Reload(); err != nil {
		return advise(fmt.Errorf("cannot add questions to %s: %w", *page, err), nothingChanged)
	}
	p := pageByRef(c, *page)
	if p == nil {
		return advise(fmt.Errorf("the course has no page %s", *page),
			"Give the page's file (coursewright page list MODULE shows them) or MODULE/SLUG.")
	}
	before := len(selfcheck.Find(p.Body()))
	body, err := appendQuestions(p.Body(), qs)
	if err != nil {
		return advise(fmt.Errorf("%s: %w", file, err), nothingChanged)
	}
	p.SetBody(body)
	if _, err := c.Save(); err != nil {
		return advise(fmt.Errorf("cannot save %s: %w", p.Path, err),
			"Check that the folder is writable and that no other program has the file open, then try again.")
	}
	fmt.Fprintf(a.stdout, "added %s from %s to %s (questions %d to %d of the page)\n",
		plural(len(qs), "question", "questions"), file, p.Path, before+1, before+len(qs))
	return nil
}

// giftErrors prints every problem of a GIFT file as file:line: and fails.
func (a *app) giftErrors(file string, err error) error {
	errs, ok := err.(selfcheck.GIFTErrors)
	if !ok {
		return fmt.Errorf("%s: %w", file, err)
	}
	for _, e := range errs {
		fmt.Fprintf(a.stderr, "%s:%d: error: %s\n", file, e.Line, e.Problem)
	}
	fmt.Fprintf(a.stderr, "%s in %s; nothing was changed\n", plural(len(errs), "problem", "problems"), file)
	return exitStatus(exitFail)
}

// pageByRef finds a page by its file or by MODULE/SLUG.
func pageByRef(c *course.Course, ref string) *course.Page {
	ref = strings.TrimPrefix(strings.ReplaceAll(ref, "\\", "/"), "./")
	if p := c.PageByPath(ref); p != nil {
		return p
	}
	if mod, slug, ok := strings.Cut(ref, "/"); ok {
		if m := c.Module(mod); m != nil {
			return m.Page(slug)
		}
	}
	return nil
}

// appendQuestions adds the questions at the end of a page body, each in
// its canonical markdown, and checks that the page reads them back as
// they are: a question that would not survive is refused, never written.
func appendQuestions(body string, qs []selfcheck.GIFTQuestion) (string, error) {
	var b strings.Builder
	b.WriteString(body)
	if body != "" && !strings.HasSuffix(body, "\n") {
		b.WriteString("\n")
	}
	for _, q := range qs {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(selfcheck.Format(q.Question))
	}
	out := b.String()
	blocks := selfcheck.Find(out)
	added := blocks[len(blocks)-min(len(qs), len(blocks)):]
	if len(added) != len(qs) {
		return "", fmt.Errorf("the questions cannot be written as self-checks on this page")
	}
	for i, bl := range added {
		if bl.Err != nil || !reflect.DeepEqual(bl.Question, qs[i].Question) {
			problem := "its markdown does not read back as the same question"
			if bl.Err != nil {
				problem = bl.Err.Problem
			}
			return "", fmt.Errorf("line %d: the question cannot be written as a self-check: %s", qs[i].Line, problem)
		}
	}
	return out, nil
}
