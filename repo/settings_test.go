package repo

import (
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/gittest"
)

// A setting survives reopening, sits in .git/config where git reads it,
// and leaves the remote alone.
func TestSettings(t *testing.T) {
	dir := t.TempDir()
	r, err := Open(dir, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := r.Setting("host"); err != nil || v != "" {
		t.Fatalf("unset setting = %q, %v", v, err)
	}
	if err := r.SetRemote("https://gitlab.example.org/library/course.git"); err != nil {
		t.Fatal(err)
	}
	if err := r.SetSetting("host", "gitlab"); err != nil {
		t.Fatal(err)
	}
	r2, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := r2.Setting("host"); v != "gitlab" {
		t.Errorf("after reopening: %q", v)
	}
	if u, _ := r2.Remote(); u != "https://gitlab.example.org/library/course.git" {
		t.Errorf("remote became %q", u)
	}
	gittest.NeedGit(t)
	if out := gittest.Git(t, dir, "config", "coursewright.host"); strings.TrimSpace(out) != "gitlab" {
		t.Errorf("git config coursewright.host = %q", out)
	}
	if err := r2.SetSetting("host", ""); err != nil {
		t.Fatal(err)
	}
	if v, _ := r2.Setting("host"); v != "" {
		t.Errorf("after removing: %q", v)
	}
}
