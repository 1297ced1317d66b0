package adapt

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/coursewright/coursewright/course"
)

// Limits for a zip of a course: far above any real course (the corpus's
// largest is a few MB), far below what would fill a disk.
const (
	maxZipFiles = 20000
	maxZipBytes = 2 << 30
)

// copyCourse copies the course folder src into dst (empty or missing),
// leaving out git's data and build output and never following a link out
// of src.
func copyCourse(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("copying the course: %w", err)
		}
		rel, err := filepath.Rel(src, p)
		if err != nil || rel == "." {
			return err
		}
		if course.IsGitName(d.Name()) {
			// Another repository's data, in whatever spelling: its
			// config could make git run commands in the new course.
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if course.NotContentDir(d.Name()) && d.IsDir() {
			return filepath.SkipDir
		}
		out := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(out, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			return nil // links are left out: they may lead anywhere
		case !d.Type().IsRegular():
			return nil
		}
		return copyFile(p, out)
	})
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("copying %s: %w", from, err)
	}
	defer in.Close()
	f, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("copying %s: %w", from, err)
	}
	if _, err := io.Copy(f, in); err != nil {
		f.Close()
		return fmt.Errorf("copying %s: %w", from, err)
	}
	return f.Close()
}

// unzipCourse extracts a zip of a course into dst. A zip whose files all
// sit in one folder (GitHub's "Download ZIP" makes course-main/…) has
// that folder removed. Entries that would land outside dst, links and
// oversized archives are refused.
func unzipCourse(zipPath, dst string) error {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return fmt.Errorf("reading %s: %w (is it a zip file?)", zipPath, err)
	}
	defer zr.Close()
	if len(zr.File) > maxZipFiles {
		return fmt.Errorf("%s holds %d files, more than a course has (at most %d)", zipPath, len(zr.File), maxZipFiles)
	}
	prefix := commonFolder(zr.File)
	// Entries inside a .git folder (any case, any depth) are left out; an
	// entry that would become one elsewhere (".git.", "GIT~1", HFS+'s
	// invisible characters) can only be an attack: the zip is refused.
	for _, f := range zr.File {
		for _, part := range strings.Split(strings.ReplaceAll(f.Name, "\\", "/"), "/") {
			if course.IsGitName(part) && !course.IsExactGitName(part) {
				return fmt.Errorf("%s: the entry %q would create git's own data (.git) on some systems; the zip is refused", zipPath, f.Name)
			}
		}
	}
	var total uint64
	for _, f := range zr.File {
		name := strings.TrimPrefix(f.Name, prefix)
		if name == "" || strings.HasSuffix(name, "/") {
			continue
		}
		clean := path.Clean(name)
		if !filepath.IsLocal(filepath.FromSlash(clean)) || strings.Contains(name, "\\") {
			return fmt.Errorf("%s: the entry %q would be written outside the course folder; the zip is refused", zipPath, f.Name)
		}
		if first, _, _ := strings.Cut(clean, "/"); course.NotContentDir(first) || inGitDir(clean) {
			continue
		}
		if !f.Mode().IsRegular() {
			continue // links and devices are left out
		}
		total += f.UncompressedSize64
		if total > maxZipBytes {
			return fmt.Errorf("%s unpacks to more than %d GB: too large for a course", zipPath, maxZipBytes>>30)
		}
		out := filepath.Join(dst, filepath.FromSlash(clean))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := extract(f, out); err != nil {
			return fmt.Errorf("unpacking %s from %s: %w", f.Name, zipPath, err)
		}
	}
	return nil
}

// inGitDir reports whether the slash path rel is, or is inside, a .git
// of any case at any depth.
func inGitDir(rel string) bool {
	for _, part := range strings.Split(rel, "/") {
		if course.IsGitName(part) {
			return true
		}
	}
	return false
}

func extract(f *zip.File, out string) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	w, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	// The header's size may lie; never write more than it says.
	n, err := io.Copy(w, io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if err == nil && uint64(n) > f.UncompressedSize64 {
		err = errors.New("the entry is larger than its header says")
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// commonFolder is "name/" when every entry of the zip is inside that one
// folder, else "".
func commonFolder(files []*zip.File) string {
	prefix := ""
	for _, f := range files {
		first, _, ok := strings.Cut(f.Name, "/")
		if !ok || first == "" {
			if f.Name == "" || strings.HasSuffix(f.Name, "/") {
				continue
			}
			return "" // a file at the top
		}
		if prefix == "" {
			prefix = first + "/"
		} else if prefix != first+"/" {
			return ""
		}
	}
	return prefix
}
