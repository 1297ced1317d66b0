package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/coursewright/coursewright/course"
)

// Sentinel errors of Build; the errors it returns wrap them with the
// folder concerned.
var (
	// ErrOutputInCourse: the output folder is the course folder, contains
	// it, or is a part of the course that the site is built from.
	ErrOutputInCourse = errors.New("the website can't be built there: it would overwrite the course")
	// ErrOutputNotEmpty: the output folder holds files and no manifest of
	// an earlier build, so they may be someone's work.
	ErrOutputNotEmpty = errors.New("the output folder is not empty and was not made by Coursewright")
)

// siteDir is the usual output folder inside a course. Jekyll uses it too,
// so an existing one may be filled without a manifest.
const siteDir = "_site"

// checkOutput resolves out and refuses the folders Build must not write
// into. It returns the absolute folder and, when it lies inside the
// course, its course-relative path (to leave out of the files copied).
func checkOutput(c *course.Course, out string) (abs, inCourse string, err error) {
	if out == "" {
		out = filepath.Join(c.Dir, siteDir)
	}
	abs, err = filepath.Abs(out)
	if err != nil {
		return "", "", err
	}
	cdir := resolve(c.Dir)
	real := resolve(abs)
	if real == cdir || isWithin(cdir, real) {
		return "", "", fmt.Errorf("build into %s: %w", abs, ErrOutputInCourse)
	}
	if isWithin(real, cdir) {
		rel, _ := filepath.Rel(cdir, real)
		inCourse = filepath.ToSlash(rel)
		first, _, _ := strings.Cut(inCourse, "/")
		switch first {
		case course.ModulesDir, course.ImageDir, course.GuideDir:
			return "", "", fmt.Errorf("build into %s: %w (choose a folder such as %s)", abs, ErrOutputInCourse, siteDir)
		}
	}
	st, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return abs, inCourse, nil
	case err != nil:
		return "", "", fmt.Errorf("build into %s: %w", abs, err)
	case !st.IsDir():
		return "", "", fmt.Errorf("build into %s: it is a file, not a folder", abs)
	}
	if _, err := os.Stat(filepath.Join(abs, manifestFile)); err == nil {
		return abs, inCourse, nil
	}
	if inCourse != "" && real == filepath.Join(cdir, siteDir) {
		return abs, inCourse, nil
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return "", "", fmt.Errorf("build into %s: %w", abs, err)
	}
	if len(entries) > 0 {
		return "", "", fmt.Errorf("build into %s: %w; choose an empty folder", abs, ErrOutputNotEmpty)
	}
	return abs, inCourse, nil
}

// resolve follows links in p as far as it exists, so that two spellings
// of one folder compare equal.
func resolve(p string) string {
	p = filepath.Clean(p)
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	dir, base := filepath.Split(p)
	if dir == "" || filepath.Clean(dir) == p {
		return p
	}
	return filepath.Join(resolve(filepath.Clean(dir)), base)
}

// isWithin reports whether p is strictly inside dir.
func isWithin(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// writer writes files into the site folder. It remembers the folders it
// made, so a build of a thousand pages makes each folder once.
type writer struct {
	root string
	// base, when set, is the folder whose files copies are compared with
	// (the output folder, while root is the staging folder).
	base string
}

// mkdir makes the folder dir. It remembers nothing: most pages have a
// folder of their own, and a set of the folders made grew with every page
// (one mkdir call for a folder that is there already costs less than the
// lookup saved).
func (w *writer) mkdir(dir string) error {
	err := os.Mkdir(dir, 0o755)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return nil
	}
	return os.MkdirAll(dir, 0o755)
}

// create opens root/rel for writing. A file that is not there yet is
// written in place; one that is (replace) gets a temporary file beside
// it, renamed over it when complete, so a browser or server reading the
// site never sees half a page. Nothing is flushed to disk: unlike a
// course, a site can always be built again. commit finishes the file.
func (w *writer) create(rel string, replace bool) (f *os.File, commit func(error) error, err error) {
	full := filepath.Join(w.root, filepath.FromSlash(rel))
	dir := filepath.Dir(full)
	if err := w.mkdir(dir); err != nil {
		return nil, nil, fmt.Errorf("write %s: %w", rel, err)
	}
	if !replace {
		f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			return f, func(werr error) error {
				if cerr := f.Close(); werr == nil {
					werr = cerr
				}
				if werr != nil {
					os.Remove(full)
					return fmt.Errorf("write %s: %w", rel, werr)
				}
				return nil
			}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, nil, fmt.Errorf("write %s: %w", rel, err)
		}
	}
	for range 100 {
		tmp := filepath.Join(dir, ".cw-"+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err = os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("write %s: %w", rel, err)
		}
		return f, func(werr error) error {
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			if werr == nil {
				werr = os.Rename(tmp, full)
			}
			if werr != nil {
				os.Remove(tmp)
				return fmt.Errorf("write %s: %w", rel, werr)
			}
			return nil
		}, nil
	}
	return nil, nil, fmt.Errorf("write %s: no temporary file name is free", rel)
}

// write writes data to root/rel; replace says a file may be there.
func (w *writer) write(rel string, data []byte, replace bool) error {
	f, commit, err := w.create(rel, replace)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return commit(err)
}

// fileHas reports whether root/rel is a regular file of the given size.
func fileHas(root, rel string, size int64) bool {
	st, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
	return err == nil && st.Mode().IsRegular() && st.Size() == size
}

// copyFile copies a course file into the site unless the copy there
// already has its size and modification time, or its content. Copies get
// the source's modification time, so the next build needs only a stat.
func (w *writer) copyFile(f staticFile) (written bool, err error) {
	sst, err := os.Stat(f.full)
	if err != nil {
		return false, fmt.Errorf("copy %s: %w", f.rel, err)
	}
	cmpRoot := w.root
	if w.base != "" {
		cmpRoot = w.base
	}
	dfull := filepath.Join(cmpRoot, filepath.FromSlash(f.rel))
	dst, derr := os.Lstat(dfull)
	if derr == nil && dst.Mode().IsRegular() && dst.Size() == sst.Size() {
		if dst.ModTime().Equal(sst.ModTime()) {
			return false, nil
		}
		if same, _ := sameContent(f.full, dfull); same {
			_ = os.Chtimes(dfull, sst.ModTime(), sst.ModTime())
			return false, nil
		}
	}
	src, err := os.Open(f.full)
	if err != nil {
		return false, fmt.Errorf("copy %s: %w", f.rel, err)
	}
	defer src.Close()
	out, commit, err := w.create(f.rel, derr == nil && w.base == "")
	if err != nil {
		return false, err
	}
	_, err = io.Copy(out, src)
	if err == nil {
		err = os.Chtimes(out.Name(), sst.ModTime(), sst.ModTime())
	}
	if err := commit(err); err != nil {
		return false, err
	}
	return true, nil
}

// sameContent compares two files byte by byte.
func sameContent(a, b string) (bool, error) {
	fa, err := os.Open(a)
	if err != nil {
		return false, err
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false, err
	}
	defer fb.Close()
	ba, bb := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		na, ea := io.ReadFull(fa, ba)
		nb, eb := io.ReadFull(fb, bb)
		if na != nb || !bytes.Equal(ba[:na], bb[:nb]) {
			return false, nil
		}
		if ea == io.EOF || ea == io.ErrUnexpectedEOF {
			return eb == ea, nil
		}
		if ea != nil {
			return false, ea
		}
		if eb != nil {
			return false, eb
		}
	}
}
