package main

import (
	"fmt"
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/publish"
)

const checkDoc = `List what would break the published course or confuse its readers, one
problem a line:

  file:line:col: severity: message (what to do)

then a count on stderr. The exit status is 1 when any problem is an error,
0 when there are only warnings or none.

With --json, the problems are an array of {file, line, col, severity,
message, hint}; line and col are 0 when the problem concerns the whole
file or line.

With --fix-images, every image over 500 KB that can be made smaller (JPEG
and PNG wider than 1600 pixels) is first replaced by a copy 1600 pixels
wide; what was done is printed on stderr. The course's saved versions
keep the originals.`

func (a *app) check(cmd command, args []string) error {
	f := a.flags(cmd).withJSON()
	fix := f.Bool("fix-images", false, "replace images over 500 KB by smaller copies first")
	if _, err := f.parse(args); err != nil {
		return err
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	if *fix {
		for _, r := range publish.FixImages(c) {
			if r.Err != nil {
				fmt.Fprintf(a.stderr, "%s: not made smaller: %v\n", r.File, r.Err)
				continue
			}
			fmt.Fprintf(a.stderr, "%s: made smaller, %d KB → %d KB\n", r.File, (r.Before+500)/1000, (r.After+500)/1000)
		}
	}
	diags := append(course.CheckWith(c, a.checkOptions(c)), publish.SiteChecks(c)...)
	if *f.json {
		out := make([]diagnosticJSON, 0, len(diags))
		for _, d := range diags {
			out = append(out, diagnosticAsJSON(d))
		}
		if err := a.printJSON(out); err != nil {
			return err
		}
	} else {
		for _, d := range diags {
			fmt.Fprintln(a.stdout, diagnosticLine(d))
		}
	}
	counts := map[course.Severity]int{}
	for _, d := range diags {
		counts[d.Severity]++
	}
	fmt.Fprintln(a.stderr, summary(counts))
	if counts[course.SeverityError] > 0 {
		return exitStatus(exitFail)
	}
	return nil
}

// summary is the count line, e.g. "2 errors, 5 warnings".
func summary(counts map[course.Severity]int) string {
	if len(counts) == 0 {
		return "no problems found"
	}
	parts := []string{
		plural(counts[course.SeverityError], "error", "errors"),
		plural(counts[course.SeverityWarning], "warning", "warnings"),
	}
	if n := counts[course.SeverityInfo]; n > 0 {
		parts = append(parts, plural(n, "note", "notes"))
	}
	return strings.Join(parts, ", ")
}
