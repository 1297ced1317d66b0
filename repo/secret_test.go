package repo

import (
	"context"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/coursewright/coursewright/internal/secretcorpus"
)

// Issue 12, items 1, 2 and 4: every secret of the corpus — by name, by
// content, or a link to one or into .git — is left out of the version, and
// the report names each with the reason the detector gave.
func TestSaveVersionLeavesEverySecretOut(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 2)
	r := newRepo(t, dir)
	save(t, r, "First")
	secrets := secretcorpus.Write(t, dir)
	_, rep, err := r.SaveVersion(context.Background(), SaveOptions{Message: "With secrets"})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, f := range lsTree(t, dir, "HEAD") {
		files[f] = true
	}
	reported := map[string]string{}
	for _, s := range rep.Skipped {
		if s.Reason == SkipSecret {
			reported[s.Path] = s.Detail
		}
	}
	for _, s := range secrets {
		if files[s.Path] {
			t.Errorf("%s was saved in the version", s.Path)
		}
		if reported[s.Path] == "" {
			t.Errorf("%s not reported as a secret with a reason: %+v", s.Path, rep.Skipped)
		}
	}
	for p := range secretcorpus.Innocent {
		if !files[p] {
			t.Errorf("%s (not a secret) is missing from the version", p)
		}
	}
	// No object of the repository holds a secret's bytes.
	all := strings.Join(catAll(t, dir), "\n")
	if !strings.Contains(all, "colour=blue") {
		t.Fatal("the object dump lacks the course's own files")
	}
	for _, s := range secrets {
		if s.Path != "repo-config" && strings.Contains(all, s.Needle) {
			t.Errorf("an object holds bytes of %s", s.Path)
		}
	}
	fsck(t, dir)
}

// catAll is the content of every object in the repository of dir.
func catAll(t *testing.T, dir string) []string {
	t.Helper()
	return []string{gittest.Git(t, dir, "cat-file", "--batch-all-objects", "--batch")}
}
