// Package testcorpus gives tests the corpus of real Course-in-a-Box courses
// kept in the repository (testdata/corpus at its root, each course with its
// own licence in SOURCE.txt) and copies of it to change freely.
package testcorpus

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Courses are the corpus courses, each exercising another shape of the
// format (see the corpus README).
var Courses = []string{"course-in-a-box", "we-are-ai", "how-to-talk-about-race", "ECS154B"}

// Dir is the corpus folder; the test fails when it is missing.
func Dir(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "testdata", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
		t.Fatalf("the course corpus is missing at %s (it is part of the repository: is the checkout complete?): %v", dir, err)
	}
	return dir
}

// Copy copies corpus course name into a new temporary folder and returns it.
func Copy(t testing.TB, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	CopyTree(t, filepath.Join(Dir(t), name), dst)
	return dst
}

// CopyTree copies the regular files and folders of src into dst, following
// no links.
func CopyTree(t testing.TB, src, dst string) {
	t.Helper()
	if err := copyTree(src, dst); err != nil {
		t.Fatal(err)
	}
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := io.Copy(f, in); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}
