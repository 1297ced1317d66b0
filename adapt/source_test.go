package adapt

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/coursewright/coursewright/repo"
)

func TestWebAddress(t *testing.T) {
	for in, want := range map[string]string{
		"https://github.com/p2pu/course-in-a-box.git":   "https://github.com/p2pu/course-in-a-box",
		"git@github.com:p2pu/course-in-a-box.git":       "https://github.com/p2pu/course-in-a-box",
		"ssh://git@codeberg.org/ann/course.git":         "https://codeberg.org/ann/course",
		"ssh://git@example.org:2222/srv/course.git":     "https://example.org/srv/course.git",
		"https://alice@gitlab.com/group/sub/course.git": "https://gitlab.com/group/sub/course",
		"http://127.0.0.1:8080/race.git":                "http://127.0.0.1:8080/race.git",
		"https://git.library.example/courses/race.git":  "https://git.library.example/courses/race.git",
	} {
		if got := webAddress(SourceGit, in); got != want {
			t.Errorf("webAddress(%q) = %q, want %q", in, got, want)
		}
	}
	if got := webAddress(SourceFolder, "/home/ann/course"); got != "/home/ann/course" {
		t.Errorf("folder: %q", got)
	}
}

func TestClassify(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "folder")
	bare := filepath.Join(dir, "bare.git")
	work := filepath.Join(dir, "work")
	for _, d := range []string{folder, filepath.Join(bare, "objects"), filepath.Join(bare, "refs"), filepath.Join(work, ".git")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for p, s := range map[string]string{filepath.Join(bare, "HEAD"): "ref: refs/heads/main\n", filepath.Join(dir, "c.zip"): "PK", filepath.Join(dir, "notes.txt"): "x"} {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for in, want := range map[string]SourceKind{
		folder:                          SourceFolder,
		bare:                            SourceGit,
		work:                            SourceGit,
		filepath.Join(dir, "c.zip"):     SourceZip,
		"https://github.com/a/b.git":    SourceGit,
		"git@github.com:a/b.git":        SourceGit,
		"ssh://git@host:2222/srv/c.git": SourceGit,
		"file:///srv/git/course.git":    SourceGit,
	} {
		if got, _, err := classify(in); err != nil || got != want {
			t.Errorf("classify(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", filepath.Join(dir, "notes.txt"), "no-such-folder", "owner/repo"} {
		if _, _, err := classify(in); err == nil {
			t.Errorf("classify(%q): no error", in)
		}
	}
	if _, _, err := classify("https://bob:ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/a/b.git"); !errors.Is(err, repo.ErrCredentialsInURL) {
		t.Errorf("a token in the address: %v", err)
	}
}
