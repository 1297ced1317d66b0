package course

import (
	"errors"
	"fmt"
)

// Sentinel errors. Functions wrap them with the details (which name, which
// file, what to do instead), so callers test with errors.Is and show
// err.Error() to the author as it is.
var (
	// ErrBadSlug: a page or module name that would break the site, git or
	// another operating system.
	ErrBadSlug = errors.New("this name can't be used")
	// ErrBadTitle: a title that can't be stored as a one-line YAML value.
	ErrBadTitle = errors.New("this title can't be used")
	// ErrOutsideCourse: a path that leads out of the course folder.
	ErrOutsideCourse = errors.New("this path leads outside the course folder")

	// ErrNotInCourse: a module, page or meeting the course does not have.
	ErrNotInCourse = errors.New("not in the course")
	ErrExists      = errors.New("already exists")
	ErrNotCourse   = errors.New("not a Course-in-a-Box folder")
)

// kindError is an error worded for the author that still matches one of
// the sentinels above with errors.Is, without repeating its text.
type kindError struct {
	msg  string
	kind error
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// errorOf formats an error of the given kind.
func errorOf(kind error, format string, args ...any) error {
	return &kindError{msg: fmt.Sprintf(format, args...), kind: kind}
}
