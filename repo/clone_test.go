package repo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/gittest"
)

// sourceOnServer pushes a small course to branch gh-pages of a bare
// repository on a real git http-backend (whose HEAD names gh-pages, as
// Course-in-a-Box repositories on GitHub Pages do) and returns its address,
// the bare repository and a working copy to change it from.
func sourceOnServer(t *testing.T, srv *gittest.Server) (url, bare, work string) {
	t.Helper()
	url = srv.URL("source")
	bare = srv.BareDir("source")
	work = t.TempDir()
	writeFiles(t, work, map[string]string{
		"_data/course.yml":                           "title: Source\nmodules: [intro]\n",
		"modules/intro/_posts/2000-01-01-welcome.md": "---\ntitle: Welcome\n---\nHello.\n",
		"index.md": "Home\n",
	})
	gittest.Git(t, work, "init", "-q", "-b", "gh-pages")
	gittest.Git(t, work, "add", "-A")
	gittest.Git(t, work, "commit", "-qm", "first")
	gittest.Git(t, work, "push", "-q", bare, "gh-pages")
	gittest.Git(t, bare, "symbolic-ref", "HEAD", "refs/heads/gh-pages")
	return url, bare, work
}

func TestCloneAndFollowUpstream(t *testing.T) {
	isolate(t)
	t.Setenv(TokenEnv, testToken)
	t.Setenv(UserEnv, testUser)
	url, bare, work := sourceOnServer(t, gittest.NewHTTPServer(t, testUser, testToken))
	first := strings.TrimSpace(gittest.Git(t, work, "rev-parse", "HEAD"))
	ctx := context.Background()

	dir := filepath.Join(t.TempDir(), "copy")
	r, res, err := Clone(ctx, url, dir, CloneOptions{Options: Options{}})
	must(t, err)
	if res.Commit != first || res.Branch != "gh-pages" {
		t.Fatalf("clone result %+v, want commit %s on gh-pages", res, first)
	}
	// The copy is on main, at the source's commit, with its files.
	if b, _ := r.CurrentBranch(); b != "main" {
		t.Errorf("branch %q", b)
	}
	if h, _ := r.HeadCommit(); h != first {
		t.Errorf("head %s, want %s", h, first)
	}
	if got := readFile(t, filepath.Join(dir, "modules/intro/_posts/2000-01-01-welcome.md")); got != "---\ntitle: Welcome\n---\nHello.\n" {
		t.Errorf("page %q", got)
	}
	// git agrees: only Coursewright's .gitignore is new.
	status := gittest.Git(t, dir, "status", "--porcelain")
	if strings.TrimSpace(status) != "?? .gitignore" {
		t.Errorf("git status after clone:\n%s", status)
	}
	if got := strings.TrimSpace(gittest.Git(t, dir, "remote", "get-url", "upstream")); got != url {
		t.Errorf("upstream %q", got)
	}
	if got := strings.TrimSpace(gittest.Git(t, dir, "symbolic-ref", "refs/remotes/upstream/HEAD")); got != "refs/remotes/upstream/gh-pages" {
		t.Errorf("upstream/HEAD → %q", got)
	}
	if _, err := r.Remote(); !errors.Is(err, ErrNoRemote) {
		t.Errorf("origin is set: %v", err)
	}
	fsck(t, dir)

	// The source moves on; the copy fetches it without changing its folder.
	writeFiles(t, work, map[string]string{"modules/intro/_posts/2000-01-01-welcome.md": "---\ntitle: Welcome\n---\nHello again.\n"})
	gittest.Git(t, work, "commit", "-qam", "second")
	gittest.Git(t, work, "push", "-q", bare, "gh-pages")
	second := strings.TrimSpace(gittest.Git(t, work, "rev-parse", "HEAD"))
	tip, err := r.FetchUpstream(ctx, FetchOptions{})
	must(t, err)
	if tip != second {
		t.Fatalf("fetched tip %s, want %s", tip, second)
	}
	if c, b, err := r.UpstreamTip(); err != nil || c != second || b != "gh-pages" {
		t.Errorf("UpstreamTip = %s %s %v", c, b, err)
	}
	if got := readFile(t, filepath.Join(dir, "modules/intro/_posts/2000-01-01-welcome.md")); !strings.Contains(got, "Hello.") {
		t.Errorf("fetch changed the folder: %q", got)
	}
	changed, err := r.ChangedBetween(first, second)
	must(t, err)
	if !equalLists(changed, []string{"modules/intro/_posts/2000-01-01-welcome.md"}) {
		t.Errorf("changed %v", changed)
	}
	old, err := r.ReadAt(first, "modules/intro/_posts/2000-01-01-welcome.md")
	must(t, err)
	if string(old) != "---\ntitle: Welcome\n---\nHello.\n" {
		t.Errorf("old page %q", old)
	}
	if _, err := r.ReadAt(first, "nope.md"); !errors.Is(err, ErrNotInHistory) {
		t.Errorf("missing file: %v", err)
	}
	files, err := r.FilesAt(second)
	must(t, err)
	now := readFile(t, filepath.Join(work, "modules/intro/_posts/2000-01-01-welcome.md"))
	if files["modules/intro/_posts/2000-01-01-welcome.md"] != BlobHash([]byte(now)) {
		t.Error("FilesAt and BlobHash disagree")
	}
	if !r.HasCommit(first[:10]) || r.HasCommit(strings.Repeat("0", 40)) {
		t.Error("HasCommit")
	}
	authors, err := r.AuthorsOf(ctx, second, 0)
	must(t, err)
	if len(authors) != 1 || authors[0].Name != "Test Author" {
		t.Errorf("authors %v", authors)
	}
	if u, err := r.Upstream(); err != nil || u != url {
		t.Errorf("Upstream() = %q, %v", u, err)
	}
}

func TestCloneRefusals(t *testing.T) {
	isolate(t)
	t.Setenv(TokenEnv, testToken)
	t.Setenv(UserEnv, testUser)
	srv := gittest.NewHTTPServer(t, testUser, testToken)
	ctx := context.Background()

	// An empty repository: nothing to adapt.
	_, _, err := Clone(ctx, srv.URL("empty"), filepath.Join(t.TempDir(), "x"), CloneOptions{})
	mustIs(t, err, ErrEmptySource)

	// A folder that is not empty is never written into.
	full := t.TempDir()
	writeFiles(t, full, map[string]string{"mine.md": "mine\n"})
	_, _, err = Clone(ctx, srv.URL("empty"), full, CloneOptions{})
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("non-empty folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(full, ".git")); err == nil {
		t.Error("a repository was made in the non-empty folder")
	}
	if readFile(t, filepath.Join(full, "mine.md")) != "mine\n" {
		t.Error("the non-empty folder was changed")
	}
	// An empty folder that was there stays, empty.
	empty := t.TempDir()
	_, _, err = Clone(ctx, srv.URL("empty"), empty, CloneOptions{})
	mustIs(t, err, ErrEmptySource)
	if entries, err := os.ReadDir(empty); err != nil || len(entries) != 0 {
		t.Errorf("after a failed clone: %v %v", entries, err)
	}

	// A wrong token.
	t.Setenv(TokenEnv, "wrong")
	url, _, _ := sourceOnServer(t, srv)
	_, _, err = Clone(ctx, url, filepath.Join(t.TempDir(), "y"), CloneOptions{Auth: &Auth{NoCredentialHelper: true, NoKeyring: true}})
	mustIs(t, err, ErrAuth)
}

// TestCloneOverSSH: a source on a real sshd, reached with a key file;
// the host key must be accepted first, as for a push.
func TestCloneOverSSH(t *testing.T) {
	isolate(t)
	srv := gittest.NewSSHServer(t)
	bare := srv.BareDir("source")
	work := t.TempDir()
	writeFiles(t, work, map[string]string{"_data/course.yml": "title: Source\n", "index.md": "Home\n"})
	gittest.Git(t, work, "init", "-q", "-b", "main")
	gittest.Git(t, work, "add", "-A")
	gittest.Git(t, work, "commit", "-qm", "first")
	gittest.Git(t, work, "push", "-q", bare, "main")
	head := strings.TrimSpace(gittest.Git(t, work, "rev-parse", "HEAD"))
	ctx := context.Background()

	auth := &Auth{SSHKeyFile: srv.ClientKeyPath}
	dir := filepath.Join(t.TempDir(), "copy")
	_, _, err := Clone(ctx, srv.URL("source"), dir, CloneOptions{Auth: auth})
	var uh *ErrUnknownHost
	if !errors.As(err, &uh) {
		t.Fatalf("first connection: %v, want *ErrUnknownHost", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("a refused clone left its folder behind")
	}
	must(t, auth.AcceptHostKey(uh.Host, uh.Key))
	r, res, err := Clone(ctx, srv.URL("source"), dir, CloneOptions{Auth: auth})
	must(t, err)
	if res.Commit != head || res.Branch != "main" {
		t.Errorf("clone %+v, want %s on main", res, head)
	}
	if u, _ := r.Upstream(); u != srv.URL("source") {
		t.Errorf("upstream %q", u)
	}
	if readFile(t, filepath.Join(dir, "index.md")) != "Home\n" {
		t.Error("files not checked out")
	}
}
