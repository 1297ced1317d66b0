package course

import "errors"

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

	ErrNotFound  = errors.New("not found")
	ErrExists    = errors.New("already exists")
	ErrNotCourse = errors.New("not a Course-in-a-Box folder")
)
