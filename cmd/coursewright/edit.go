package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/coursewright/coursewright/course"
)

// open loads the course in dir, turning "this is not a course" into a
// message that says what to do.
func (a *app) open(dir string) (*course.Course, error) {
	c, err := course.Load(dir)
	switch {
	case err == nil:
		return c, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, advise(fmt.Errorf("the folder %s does not exist", dir),
			"Give the course folder with -C DIR, or create a course there with:\n"+
				"  coursewright new "+shellQuote(dir)+" --title \"Course title\"")
	case errors.Is(err, course.ErrNotCourse):
		what := "it has no _config.yml, _data/course.yml or modules folder"
		if st, serr := os.Stat(dir); serr == nil && !st.IsDir() {
			what = "it is a file"
		}
		return nil, advise(fmt.Errorf("%s is not a course folder: %s", describeDir(dir), what),
			"Run coursewright inside a course folder, give one with -C DIR, or start a new course with:\n"+
				"  coursewright new my-course --title \"Course title\"")
	default:
		return nil, fmt.Errorf("cannot open the course in %s: %w", describeDir(dir), err)
	}
}

func describeDir(dir string) string {
	if dir == "." || dir == "" {
		return "the current folder"
	}
	return dir
}

// openFor parses a verb's arguments and opens the course it works on.
func (a *app) openFor(f *verbFlags, args []string) ([]string, *course.Course, error) {
	pos, err := f.parse(args)
	if err != nil {
		return nil, nil, err
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return nil, nil, err
	}
	return pos, c, nil
}

// change applies one edit and saves the course. A refused edit changes
// nothing on disk. It returns the paths Save touched.
func (a *app) change(c *course.Course, e course.Edit) ([]string, error) {
	// Two commands editing at once would each write course.yml as they
	// read it: the course's edit lock makes the second wait, then take in
	// what the first wrote before applying its own edit.
	unlock, err := course.LockForEdit(c.Dir, editLockWait)
	if err != nil {
		return nil, advise(fmt.Errorf("cannot %s: %w", e, err), nothingChanged)
	}
	defer unlock()
	if _, err := c.Reload(); err != nil {
		return nil, advise(fmt.Errorf("cannot %s: %w", e, err), nothingChanged)
	}
	if _, err := c.Apply(e); err != nil {
		return nil, advise(fmt.Errorf("cannot %w", err), nothingChanged)
	}
	touched, err := c.Save()
	if err != nil {
		advice := "Check that the folder is writable and that no other program has the files open, then try again."
		if len(touched) > 0 {
			advice = "Some files were already written: " + strings.Join(touched, ", ") + ".\n" + advice
		}
		return touched, advise(fmt.Errorf("saving the course failed: %w", err), advice)
	}
	return touched, nil
}

// editLockWait is how long an edit waits for another program's edit of
// the same course to finish: CLI edits take milliseconds.
const editLockWait = 5 * time.Second

// nothingChanged is the advice for an edit that was refused.
const nothingChanged = "Nothing was changed."

// advisedError is a failure followed by what to do about it, on lines of
// their own.
type advisedError struct {
	err    error
	advice string
}

func (e *advisedError) Error() string { return e.err.Error() + "\n" + e.advice }
func (e *advisedError) Unwrap() error { return e.err }

// advise adds what to do to an error.
func advise(err error, advice string) error { return &advisedError{err, advice} }

// trashed finds where Save moved a removed file or folder: the path under
// .coursewright/trash that ends with what was removed.
func trashed(touched []string, removed string) string {
	for _, t := range touched {
		if strings.HasPrefix(t, course.TrashDir+"/") && strings.HasSuffix(t, "/"+removed) {
			return t
		}
	}
	return course.TrashDir
}

// reordered says how many other pages Save renamed to keep a module's
// order (their date prefix changed), so that the change is not a
// surprise: the paths it moved away from that are gone now, except the
// edited page's own.
func reordered(c *course.Course, touched []string, own string) string {
	n := 0
	seen := map[string]bool{own: true}
	for _, t := range touched {
		if seen[t] || strings.HasPrefix(t, course.TrashDir+"/") {
			continue
		}
		seen[t] = true
		if _, err := os.Lstat(filepath.Join(c.Dir, filepath.FromSlash(t))); errors.Is(err, fs.ErrNotExist) {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; renamed %s to keep the order", plural(n, "other page", "other pages"))
}

// findModule is a module by slug, with a message listing the slugs there
// are when it is not found.
func findModule(c *course.Course, slug string) (*course.Module, error) {
	if m := c.Module(slug); m != nil {
		return m, nil
	}
	var slugs []string
	for _, m := range c.Modules {
		slugs = append(slugs, m.Slug)
	}
	if len(slugs) == 0 {
		return nil, fmt.Errorf("there is no module %q: the course has no modules yet (add one with: coursewright module add \"Title\")", slug)
	}
	return nil, fmt.Errorf("there is no module %q; the modules are: %s (coursewright module list shows them)", slug, strings.Join(slugs, ", "))
}

// findPage is a page of a module by slug, with a message listing the
// pages there are when it is not found.
func findPage(m *course.Module, slug string) (*course.Page, error) {
	if p := m.Page(slug); p != nil {
		return p, nil
	}
	var slugs []string
	for _, p := range m.Pages {
		slugs = append(slugs, p.Slug)
	}
	return nil, fmt.Errorf("module %q has no page %q; its pages are: %s (coursewright page list %s shows them)",
		m.Slug, slug, strings.Join(slugs, ", "), shellQuote(m.Slug))
}

// modulePos is a module's 1-based place among the listed modules.
func modulePos(c *course.Course, slug string) (pos, listed int) {
	for _, m := range c.Modules {
		if m.Hidden {
			continue
		}
		listed++
		if m.Slug == slug {
			pos = listed
		}
	}
	return pos, listed
}

// pagePos is a page's 1-based place in its module.
func pagePos(m *course.Module, p *course.Page) int {
	for i, q := range m.Pages {
		if q == p {
			return i + 1
		}
	}
	return 0
}

// titleOf is a page's title, or its slug when it has none.
func titleOf(p *course.Page) string {
	if t := p.Title(); t != "" {
		return t
	}
	return p.Slug
}

// shellQuote quotes s for a command line shown to the user.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$&;|<>()*?![]{}#~`") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
