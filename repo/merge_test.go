package repo

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/gittest"
)

// coAuthor is a second clone made with the git CLI, pushing straight to
// the bare repository behind the HTTP server.
type coAuthor struct {
	t   *testing.T
	dir string
}

func newCoAuthor(t *testing.T, bare string) *coAuthor {
	dir := filepath.Join(t.TempDir(), "coauthor")
	gittest.Git(t, t.TempDir(), "clone", "-q", bare, dir)
	return &coAuthor{t: t, dir: dir}
}

func (c *coAuthor) publish(files map[string]string, msg string) string {
	c.t.Helper()
	gittest.Git(c.t, c.dir, "pull", "-q", "--no-rebase")
	writeFiles(c.t, c.dir, files)
	gittest.Git(c.t, c.dir, "add", "-A")
	gittest.Git(c.t, c.dir, "commit", "-q", "-m", msg)
	gittest.Git(c.t, c.dir, "push", "-q", "origin", "main")
	return strings.TrimSpace(gittest.Git(c.t, c.dir, "rev-parse", "HEAD"))
}

func TestMergeAfterACoAuthorPublished(t *testing.T) {
	isolate(t)
	r, srv, dir, _ := publishedCourse(t)
	ctx := context.Background()
	envToken(t, testUser, testToken)
	auth := noStoredCreds()
	must(t, r.Push(ctx, PushOptions{Auth: auth}))
	bare := srv.BareDir("course")
	serverMain := func() string { return strings.TrimSpace(gittest.Git(t, bare, "rev-parse", "main")) }
	co := newCoAuthor(t, bare)
	page := "modules/m1/_posts/2020-01-02-page-001.md"
	other := "modules/m2/_posts/2020-01-03-page-002.md"

	// Only the co-author changed something: a fast-forward.
	co.publish(map[string]string{other: "co-author's first edit\n"}, "co 1")
	must(t, r.Fetch(ctx, FetchOptions{Auth: auth}))
	res, err := r.MergeRemote(ctx, "")
	must(t, err)
	if !res.FastForward || res.Merged || !equalLists(res.Incoming, []string{other}) {
		t.Errorf("fast-forward result: %+v", res)
	}
	if readFile(t, filepath.Join(dir, other)) != "co-author's first edit\n" {
		t.Error("the incoming file was not written to the course folder")
	}
	if st := gittest.Git(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("git status after the fast-forward:\n%s", st)
	}

	// Both changed different files: a merge with two parents, then a push.
	co.publish(map[string]string{other: "co-author's second edit\n"}, "co 2")
	writeFiles(t, dir, map[string]string{page: "my edit\n"})
	save(t, r, "mine")
	before := serverMain()
	err = r.Push(ctx, PushOptions{Auth: auth})
	mustIs(t, err, ErrRemoteAhead)
	if serverMain() != before {
		t.Fatal("a rejected push changed the server")
	}
	must(t, r.Fetch(ctx, FetchOptions{Auth: auth}))
	res, err = r.MergeRemote(ctx, "main")
	must(t, err)
	if !res.Merged || res.FastForward || !equalLists(res.Incoming, []string{other}) {
		t.Errorf("merge result: %+v", res)
	}
	parents := strings.Fields(gittest.Git(t, dir, "rev-list", "--parents", "-n1", "HEAD"))
	if len(parents) != 3 {
		t.Fatalf("the merge commit has %d parents, want 2", len(parents)-1)
	}
	if readFile(t, filepath.Join(dir, other)) != "co-author's second edit\n" || readFile(t, filepath.Join(dir, page)) != "my edit\n" {
		t.Error("the merged folder lacks one side's change")
	}
	if st := gittest.Git(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("git status after the merge:\n%s", st)
	}
	must(t, r.Push(ctx, PushOptions{Auth: auth}))
	if serverMain() != res.Hash {
		t.Error("the merge was not published")
	}
	fsck(t, dir)
}

func TestConflictChangesNothing(t *testing.T) {
	isolate(t)
	r, srv, dir, _ := publishedCourse(t)
	ctx := context.Background()
	envToken(t, testUser, testToken)
	auth := noStoredCreds()
	must(t, r.Push(ctx, PushOptions{Auth: auth}))
	bare := srv.BareDir("course")
	serverMain := func() string { return strings.TrimSpace(gittest.Git(t, bare, "rev-parse", "main")) }
	co := newCoAuthor(t, bare)
	page := "modules/m1/_posts/2020-01-02-page-001.md"

	theirs := co.publish(map[string]string{page: "their version of the page\n"}, "theirs")
	writeFiles(t, dir, map[string]string{page: "my version of the page\n"})
	mine := save(t, r, "mine")

	mustIs(t, r.Push(ctx, PushOptions{Auth: auth}), ErrRemoteAhead)
	must(t, r.Fetch(ctx, FetchOptions{Auth: auth}))
	res, err := r.MergeRemote(ctx, "")
	mustIs(t, err, ErrConflict)
	var ce *RemoteConflictError
	if !errors.As(err, &ce) || !equalLists(ce.Paths, []string{page}) || !equalLists(res.Conflicts, []string{page}) {
		t.Fatalf("conflict: %v (%+v)", err, res)
	}
	if !strings.Contains(err.Error(), page) {
		t.Errorf("the message does not name the page: %v", err)
	}
	if head := strings.TrimSpace(gittest.Git(t, dir, "rev-parse", "HEAD")); head != mine {
		t.Error("a conflict moved the branch")
	}
	if readFile(t, filepath.Join(dir, page)) != "my version of the page\n" {
		t.Error("a conflict changed the course folder")
	}
	if serverMain() != theirs {
		t.Error("the server's branch changed")
	}
	if st := gittest.Git(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("git status after the conflict:\n%s", st)
	}

	// Way out: keep mine as a branch, take theirs for the page, merge,
	// publish — nothing forced, nothing lost.
	must(t, r.KeepMineAsBranch("my-version"))
	mustIs(t, r.KeepMineAsBranch("my-version"), ErrBranchExists)
	if got := strings.TrimSpace(gittest.Git(t, dir, "rev-parse", "my-version")); got != mine {
		t.Errorf("my-version = %s, want %s", got, mine)
	}
	_, err = r.TakeTheirs(ctx, page)
	must(t, err)
	if readFile(t, filepath.Join(dir, page)) != "their version of the page\n" {
		t.Error("TakeTheirs did not bring the server's page")
	}
	res, err = r.MergeRemote(ctx, "")
	must(t, err)
	if !res.Merged {
		t.Errorf("after taking theirs: %+v", res)
	}
	must(t, r.Push(ctx, PushOptions{Auth: auth}))
	if serverMain() != res.Hash {
		t.Error("the resolved version was not published")
	}
	gittest.Git(t, bare, "merge-base", "--is-ancestor", theirs, "main") // their work is kept
	fsck(t, dir)
}

func TestMergeRefusesToOverwriteUnsavedWork(t *testing.T) {
	isolate(t)
	r, srv, dir, _ := publishedCourse(t)
	ctx := context.Background()
	envToken(t, testUser, testToken)
	auth := noStoredCreds()
	must(t, r.Push(ctx, PushOptions{Auth: auth}))
	co := newCoAuthor(t, srv.BareDir("course"))
	co.publish(map[string]string{"index.md": "theirs\n"}, "theirs")
	writeFiles(t, dir, map[string]string{"index.md": "typing, not saved\n"})
	must(t, r.Fetch(ctx, FetchOptions{Auth: auth}))
	_, err := r.MergeRemote(ctx, "")
	mustIs(t, err, ErrUnsavedChanges)
	if readFile(t, filepath.Join(dir, "index.md")) != "typing, not saved\n" {
		t.Error("unsaved work was overwritten")
	}
}

func TestMergeFiles(t *testing.T) {
	f := func(s string) treeFile { return treeFile{Hash: [20]byte{s[0]}, Mode: 0o100644} }
	base := map[string]treeFile{"a": f("1"), "b": f("1"), "c": f("1"), "d": f("1")}
	local := map[string]treeFile{"a": f("2"), "b": f("1"), "c": f("3"), "e": f("1")}
	remote := map[string]treeFile{"a": f("1"), "b": f("2"), "c": f("3"), "d": f("1"), "f/g": f("1")}
	merged, conflicts := mergeFiles(base, local, remote)
	if len(conflicts) != 0 {
		t.Fatalf("conflicts %v", conflicts)
	}
	want := map[string]treeFile{"a": f("2"), "b": f("2"), "c": f("3"), "e": f("1"), "f/g": f("1")}
	if len(merged) != len(want) {
		t.Fatalf("merged %v", merged)
	}
	for p, v := range want {
		if merged[p] != v {
			t.Errorf("%s: %v, want %v", p, merged[p], v)
		}
	}
	// Same file both sides differently; deleted on one side and changed
	// on the other; a file against a folder.
	_, conflicts = mergeFiles(
		map[string]treeFile{"x": f("1"), "y": f("1")},
		map[string]treeFile{"x": f("2"), "z": f("1")},
		map[string]treeFile{"x": f("3"), "y": f("2"), "z/w": f("1")})
	if !equalLists(conflicts, []string{"x", "y", "z", "z/w"}) {
		t.Errorf("conflicts %v", conflicts)
	}
}
