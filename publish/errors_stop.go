package publish

import (
	"errors"
	"fmt"
	"strings"

	"github.com/coursewright/coursewright/course"
)

// ErrCourseErrors is matched by the error Publish returns when the course
// has error-level problems: an unreadable course.yml, a page that could
// not be read or rendered. Publishing then would silently take modules or
// pages off the public site, so nothing is published.
var ErrCourseErrors = errors.New("the course has errors, so nothing was published")

// CourseErrors lists the errors that stopped a publish.
type CourseErrors struct {
	Diagnostics []course.Diagnostic
}

func (e *CourseErrors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v (%d to fix):", ErrCourseErrors, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		if i == 10 {
			fmt.Fprintf(&b, "\n  … and %d more", len(e.Diagnostics)-10)
			break
		}
		b.WriteString("\n  " + d.String())
	}
	return b.String()
}

func (e *CourseErrors) Is(target error) bool { return target == ErrCourseErrors }

// ErrorsIn are the error-level diagnostics among the course's load
// problems (c may be nil) and diags.
func ErrorsIn(c *course.Course, diags []course.Diagnostic) []course.Diagnostic {
	var out []course.Diagnostic
	if c != nil {
		for _, d := range c.Problems {
			if d.Severity == course.SeverityError {
				out = append(out, d)
			}
		}
	}
	for _, d := range diags {
		if d.Severity == course.SeverityError {
			out = append(out, d)
		}
	}
	return out
}
