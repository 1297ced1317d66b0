package adapt_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gittest"
)

const fsmonitor = "[core]\n\tfsmonitor = touch PWNED\n"

// Issue 12, item 13: a zip holding .git folders at any depth and in any
// case is adapted without them; one whose entries would become .git on
// another system is refused; the new course's git runs no command from
// them.
func TestAdaptZipLeavesEveryGitOut(t *testing.T) {
	isolate(t)
	ctx := context.Background()
	src := smallCourse(t)
	zipPath := filepath.Join(t.TempDir(), "c.zip")
	writeZip(t, zipPath, src, "c-main/", map[string]string{
		"c-main/modules/intro/.git/config":  fsmonitor,
		"c-main/.GIT/config":                fsmonitor,
		"c-main/img/.Git/hooks/post-commit": "#!/bin/sh\ntouch PWNED\n",
	})
	dir := filepath.Join(t.TempDir(), "z")
	if _, err := adapt.Adapt(ctx, zipPath, dir, adapt.Options{}); err != nil {
		t.Fatal(err)
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && p != filepath.Join(dir, ".git") && course.IsGitName(d.Name()) {
			t.Errorf("adapted course holds %s", p)
		}
		return nil
	})
	gittest.Git(t, filepath.Join(dir, "modules", "intro"), "status")
	if _, err := os.Stat(filepath.Join(dir, "modules", "intro", "PWNED")); err == nil {
		t.Error("git ran the zip's fsmonitor command")
	}
	if out := gittest.Git(t, dir, "ls-tree", "-r", "--name-only", "HEAD"); strings.Contains(strings.ToLower(out), ".git/") {
		t.Errorf("a .git folder was committed:\n%s", out)
	}

	for _, alias := range []string{"c-main/.git./config", "c-main/modules/GIT~1/config", "c-main/.g\u200cit/config", "c-main/img/.git /config"} {
		evil := filepath.Join(t.TempDir(), "evil.zip")
		writeZip(t, evil, src, "c-main/", map[string]string{alias: fsmonitor})
		if _, err := adapt.Adapt(ctx, evil, filepath.Join(t.TempDir(), "e"), adapt.Options{}); err == nil || !strings.Contains(err.Error(), "refused") {
			t.Errorf("%s: %v, want the zip refused", alias, err)
		}
	}
}

// Folder import skips .git in any case at any depth.
func TestAdaptFolderLeavesEveryGitOut(t *testing.T) {
	isolate(t)
	src := smallCourse(t)
	for _, d := range []string{"modules/intro/.git", ".GIT", "img/.Git"} {
		if err := os.MkdirAll(filepath.Join(src, d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, d, "config"), []byte(fsmonitor), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "f")
	if _, err := adapt.Adapt(context.Background(), src, dir, adapt.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"modules/intro/.git", ".GIT", "img/.Git"} {
		if d == ".GIT" {
			continue // on a case-insensitive disk this is the new repository's own
		}
		if _, err := os.Stat(filepath.Join(dir, d)); err == nil {
			t.Errorf("%s was copied", d)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, ".git", "config")); err == nil && strings.Contains(string(b), "fsmonitor") {
		t.Error("the source's .GIT/config became the new course's git config")
	}
}
