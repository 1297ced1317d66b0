package repo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/zalando/go-keyring"
)

// isolate gives the test its own home (no real ~/.gitconfig, keys or
// known_hosts), no inherited credentials, and an in-memory keychain.
func isolate(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for _, k := range []string{"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", TokenEnv, UserEnv, "SSH_AUTH_SOCK", "GIT_ASKPASS", "SSH_ASKPASS"} {
		t.Setenv(k, "")
	}
	keyring.MockInit()
	return home
}

// writeFiles creates files (slash paths → content) under dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for p, c := range files {
		abs := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t testing.TB, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// makeCourse writes a Course-in-a-Box layout with pages spread over
// modules.
func makeCourse(t testing.TB, dir string, pages int) {
	t.Helper()
	files := map[string]string{
		"_config.yml":      "title: Test course\nbaseurl: /test\n",
		"_data/course.yml": "title: Test course\nmodules: [\"m0\", \"m1\", \"m2\", \"m3\"]\n",
		"index.md":         "---\nlayout: index\n---\nWelcome.\n",
	}
	for i := 0; i < pages; i++ {
		files[fmt.Sprintf("modules/m%d/_posts/2020-01-%02d-page-%03d.md", i%4, i%28+1, i)] =
			fmt.Sprintf("---\ntitle: Page %d\n---\n%s\n", i, strings.Repeat(fmt.Sprintf("Line %d of the page.\n", i), 20))
	}
	writeFiles(t, dir, files)
}

func newRepo(t *testing.T, dir string) *Repo {
	t.Helper()
	r, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func save(t *testing.T, r *Repo, msg string) string {
	t.Helper()
	h, _, err := r.SaveVersion(context.Background(), SaveOptions{Message: msg})
	if err != nil {
		t.Fatalf("SaveVersion(%q): %v", msg, err)
	}
	return h
}

// lsTree lists the files of rev as git itself sees them.
func lsTree(t testing.TB, dir, rev string) []string {
	t.Helper()
	out := gittest.Git(t, dir, "ls-tree", "-r", "--name-only", rev)
	list := strings.Fields(out)
	sort.Strings(list)
	return list
}

// fsck runs git fsck --full and fails the test on any complaint.
func fsck(t testing.TB, dir string) {
	t.Helper()
	out, errOut, err := gittest.RunGit(t, dir, nil, "fsck", "--full", "--no-progress")
	all := out + errOut
	if err != nil {
		t.Fatalf("git fsck --full failed: %v\n%s", err, all)
	}
	for _, line := range strings.Split(all, "\n") {
		l := strings.ToLower(line)
		if strings.Contains(l, "error") || strings.Contains(l, "missing") || strings.Contains(l, "broken") ||
			strings.Contains(l, "corrupt") || strings.Contains(l, "fatal") {
			t.Fatalf("git fsck --full complains: %s\n%s", line, all)
		}
	}
}

func mustIs(t testing.TB, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("got error %v, want %v", err, target)
	}
}

func equalLists(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
