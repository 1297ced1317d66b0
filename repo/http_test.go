package repo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/zalando/go-keyring"
)

const (
	testUser  = "alice"
	testToken = "cw-test-token-7f3a9c1e5b"
)

// logRecorder collects Options.Logf output, to prove no secret reaches it.
type logRecorder struct {
	mu    sync.Mutex
	lines []string
}

func (l *logRecorder) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logRecorder) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// publishedCourse is a saved course whose origin is a fresh repository on
// a real git HTTP server.
func publishedCourse(t *testing.T) (*Repo, *gittest.Server, string, *logRecorder) {
	t.Helper()
	srv := gittest.NewHTTPServer(t, testUser, testToken)
	dir := t.TempDir()
	makeCourse(t, dir, 6)
	logs := &logRecorder{}
	r, err := Open(dir, Options{Logf: logs.logf})
	must(t, err)
	save(t, r, "v1")
	must(t, r.SetRemote(srv.URL("course")))
	return r, srv, dir, logs
}

// noSecretAnywhere fails when token appears in text or in any file under
// the repository's .git.
func noSecretAnywhere(t *testing.T, dir, token string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(s, token) {
			t.Errorf("the token appears in: %s", s)
		}
	}
	err := filepath.WalkDir(filepath.Join(dir, ".git"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(token)) {
			t.Errorf("the token is written in %s", p)
		}
		return nil
	})
	must(t, err)
}

func envToken(t *testing.T, user, token string) {
	t.Setenv(TokenEnv, token)
	t.Setenv(UserEnv, user)
}

// noStoredCreds: only the sources a test chooses.
func noStoredCreds() *Auth { return &Auth{NoCredentialHelper: true, NoKeyring: true} }

func TestPushOverHTTP(t *testing.T) {
	isolate(t)
	r, srv, dir, logs := publishedCourse(t)
	ctx := context.Background()
	envToken(t, testUser, testToken)

	var phases []string
	err := r.Push(ctx, PushOptions{Branches: []string{"main"}, Auth: noStoredCreds(), Progress: func(phase Phase, pct int) {
		phases = append(phases, fmt.Sprintf("%s %d", phase, pct))
	}})
	must(t, err)
	if len(phases) < 2 || phases[0] != "Connecting 0" || phases[len(phases)-1] != "Done 100" {
		t.Errorf("progress: %v", phases)
	}
	if srv.Pushes() != 1 {
		t.Errorf("%d pushes reached the server, want 1", srv.Pushes())
	}
	clone := filepath.Join(t.TempDir(), "clone")
	gittest.Git(t, t.TempDir(), "clone", "-q", "-b", "main", srv.BareDir("course"), clone)
	if got, want := strings.Fields(gittest.Git(t, clone, "ls-files")), lsTree(t, dir, "HEAD"); !equalLists(got, want) {
		t.Errorf("clone has %v, want %v", got, want)
	}
	if readFile(t, filepath.Join(clone, "index.md")) != readFile(t, filepath.Join(dir, "index.md")) {
		t.Error("index.md differs in the clone")
	}

	// Nothing new: nothing is sent, and the caller is told.
	err = r.Push(ctx, PushOptions{Branches: []string{"main"}, Auth: noStoredCreds()})
	mustIs(t, err, ErrUpToDate)
	if srv.Pushes() != 1 {
		t.Errorf("an up-to-date push sent a pack (%d pushes)", srv.Pushes())
	}
	if got, _ := r.Remote(); got != srv.URL("course") {
		t.Errorf("Remote() = %q", got)
	}
	// The default branch list is the current branch.
	writeFiles(t, dir, map[string]string{"index.md": "v2\n"})
	save(t, r, "v2")
	must(t, r.Push(ctx, PushOptions{Auth: noStoredCreds()}))
	noSecretAnywhere(t, dir, testToken, logs.text())
}

// TestWrongTokenIsRedactedEverywhere: refused credentials give ErrAuth,
// and the token is in no error text (even when the server quotes it), no
// file under .git, no log line — on every failure path.
func TestWrongTokenIsRedactedEverywhere(t *testing.T) {
	isolate(t)
	r, srv, dir, logs := publishedCourse(t)
	ctx := context.Background()
	srv.EchoCredentials(true)
	const wrong = "cw-wrong-token-0d8e2b"
	envToken(t, testUser, wrong)

	var texts []string
	err := r.Push(ctx, PushOptions{Auth: noStoredCreds()})
	mustIs(t, err, ErrAuth)
	mustIs(t, err, transport.ErrAuthenticationRequired)
	texts = append(texts, err.Error())
	err = r.Fetch(ctx, FetchOptions{Auth: noStoredCreds()})
	mustIs(t, err, ErrAuth)
	texts = append(texts, err.Error())
	if srv.Pushes() != 0 {
		t.Errorf("a refused push reached receive-pack")
	}

	// A broken server quoting the (right) token back.
	envToken(t, testUser, testToken)
	srv.FailWith(500, "internal error while handling token "+testToken)
	err = r.Push(ctx, PushOptions{Auth: noStoredCreds()})
	if err == nil {
		t.Fatal("push to a failing server succeeded")
	}
	texts = append(texts, err.Error())
	if !strings.Contains(err.Error(), "***") {
		t.Errorf("the quoted token was not visibly redacted: %v", err)
	}
	srv.FailWith(0, "")

	// No server at all.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://" + l.Addr().String() + "/course.git"
	l.Close()
	must(t, r.SetRemote(closed))
	err = r.Push(ctx, PushOptions{Auth: noStoredCreds()})
	if err == nil {
		t.Fatal("push to a closed port succeeded")
	}
	texts = append(texts, err.Error())

	for _, s := range texts {
		t.Logf("error shown: %s", s)
	}
	noSecretAnywhere(t, dir, wrong, append(texts, logs.text())...)
	noSecretAnywhere(t, dir, testToken, append(texts, logs.text())...)
}

// TestCredentialSources: the git credential helper, the keychain and the
// Ask callback, in that order; a refused credential is forgotten (helper
// reject, keychain delete) and the next source is asked.
func TestCredentialSources(t *testing.T) {
	home := isolate(t)
	gittest.NeedGit(t)
	r, srv, dir, logs := publishedCourse(t)
	ctx := context.Background()
	u := strings.TrimPrefix(srv.BaseURL(), "http://")
	host := u

	// A credential helper (git's "store") holding a wrong password.
	store := filepath.Join(home, "git-credentials")
	must(t, os.WriteFile(store, []byte("http://"+testUser+":wrong-password-123@"+host+"\n"), 0o600))
	writeFiles(t, home, map[string]string{".gitconfig": "[credential]\n\thelper = store --file=" + store + "\n"})

	asked := 0
	auth := &Auth{Ask: func(h string) (string, string, error) {
		asked++
		if h != host {
			t.Errorf("asked for host %q, want %q", h, host)
		}
		return testUser, testToken, nil
	}}
	must(t, r.Push(ctx, PushOptions{Auth: auth}))
	if asked != 1 {
		t.Errorf("Ask called %d times, want 1", asked)
	}
	if b, _ := os.ReadFile(store); bytes.Contains(b, []byte("wrong-password-123")) {
		t.Error("the refused helper credential was not rejected (still in the store)")
	}
	stored, err := keyring.Get(KeyringService, host)
	if err != nil || stored != testUser+"\n"+testToken {
		t.Errorf("keychain after a working Ask: %q, %v", stored, err)
	}

	// Next time the keychain answers; nobody is asked.
	writeFiles(t, dir, map[string]string{"index.md": "v2\n"})
	save(t, r, "v2")
	must(t, r.Push(ctx, PushOptions{Auth: &Auth{Ask: func(string) (string, string, error) {
		t.Error("asked although the keychain holds a working token")
		return "", "", errors.New("no")
	}}}))

	// A stale keychain token is deleted when refused, then Ask is used
	// and the new token stored.
	must(t, keyring.Set(KeyringService, host, testUser+"\nstale-token-456"))
	writeFiles(t, dir, map[string]string{"index.md": "v3\n"})
	save(t, r, "v3")
	must(t, r.Push(ctx, PushOptions{Auth: &Auth{NoCredentialHelper: true, Ask: func(string) (string, string, error) {
		return testUser, testToken, nil
	}}}))
	if stored, _ := keyring.Get(KeyringService, host); stored != testUser+"\n"+testToken {
		t.Errorf("keychain after replacing a stale token: %q", stored)
	}

	// The helper holding the right password is used (and approved).
	must(t, keyring.Delete(KeyringService, host))
	must(t, os.WriteFile(store, []byte("http://"+testUser+":"+testToken+"@"+host+"\n"), 0o600))
	writeFiles(t, dir, map[string]string{"index.md": "v4\n"})
	save(t, r, "v4")
	must(t, r.Push(ctx, PushOptions{Auth: &Auth{NoKeyring: true}}))

	// Cancelling the question is an authentication failure.
	must(t, os.WriteFile(store, nil, 0o600))
	writeFiles(t, dir, map[string]string{"index.md": "v5\n"})
	save(t, r, "v5")
	err = r.Push(ctx, PushOptions{Auth: &Auth{NoKeyring: true, Ask: func(string) (string, string, error) {
		return "", "", errors.New("user cancelled")
	}}})
	mustIs(t, err, ErrAuth)
	noSecretAnywhere(t, dir, testToken, err.Error(), logs.text())

	// The push cancelled while its question is open: AskContext gets the
	// push's context, sees it end and returns; the push ends with the
	// context's error, not an authentication failure, and asks no more.
	pushCtx, cancel := context.WithCancel(ctx)
	asks := 0
	err = r.Push(pushCtx, PushOptions{Auth: &Auth{NoKeyring: true, AskContext: func(c context.Context, _ string) (string, string, error) {
		asks++
		cancel()
		<-c.Done()
		return "", "", c.Err()
	}}})
	mustIs(t, err, context.Canceled)
	if asks != 1 {
		t.Errorf("asked %d times after the push was cancelled", asks)
	}
}

// TestCommitTreeLeavesTheCourseAlone: the built site goes to gh-pages
// through plumbing only; the course folder, its index and git status are
// untouched; a clone of gh-pages has exactly the site's files; publishing
// the same site again sends nothing.
func TestCommitTreeLeavesTheCourseAlone(t *testing.T) {
	isolate(t)
	r, srv, dir, _ := publishedCourse(t)
	ctx := context.Background()
	envToken(t, testUser, testToken)
	writeFiles(t, dir, map[string]string{"index.md": "an unsaved edit\n", "draft.md": "untracked\n"})

	site := t.TempDir()
	siteFiles := map[string]string{
		"index.html":                     "<h1>Course</h1>\n",
		".nojekyll":                      "",
		"css/site.css":                   "body{}\n",
		"modules/m0/page-000/index.html": "<p>page</p>\n",
		"modules/m1/page-001/index.html": "<p>page 1</p>\n",
	}
	writeFiles(t, site, siteFiles)

	statusBefore := gittest.Git(t, dir, "status", "--porcelain")
	indexBefore, err := os.ReadFile(filepath.Join(dir, ".git", "index"))
	must(t, err)
	filesBefore := snapshot(t, dir)
	headBefore := gittest.Git(t, dir, "rev-parse", "HEAD")

	h, changed, err := r.CommitTree(ctx, "gh-pages", site, "Publish the site")
	must(t, err)
	if !changed || len(h) != 40 {
		t.Fatalf("CommitTree = %s, %v", h, changed)
	}
	if got := gittest.Git(t, dir, "status", "--porcelain"); got != statusBefore {
		t.Errorf("git status changed:\n%s\nwas:\n%s", got, statusBefore)
	}
	indexAfter, _ := os.ReadFile(filepath.Join(dir, ".git", "index"))
	if !bytes.Equal(indexBefore, indexAfter) {
		t.Error("CommitTree changed .git/index")
	}
	if !sameSnapshot(filesBefore, snapshot(t, dir)) {
		t.Error("CommitTree changed the course folder")
	}
	if gittest.Git(t, dir, "rev-parse", "HEAD") != headBefore {
		t.Error("CommitTree moved HEAD")
	}
	if gittest.Git(t, dir, "rev-list", "--count", "gh-pages") != "1\n" {
		t.Error("gh-pages should start as a branch of its own")
	}

	must(t, r.Push(ctx, PushOptions{Branches: []string{"main", "gh-pages"}, Auth: noStoredCreds()}))
	clone := filepath.Join(t.TempDir(), "pages")
	gittest.Git(t, t.TempDir(), "clone", "-q", "-b", "gh-pages", srv.BareDir("course"), clone)
	got := strings.Fields(gittest.Git(t, clone, "ls-files"))
	var want []string
	for p := range siteFiles {
		want = append(want, p)
	}
	if !equalLists(got, sortedCopy(want)) {
		t.Errorf("gh-pages clone has %v, want %v", got, sortedCopy(want))
	}
	for p, c := range siteFiles {
		if readFile(t, filepath.Join(clone, p)) != c {
			t.Errorf("%s differs in the clone", p)
		}
	}

	// Rebuilt identical site (new file times): nothing new to commit or
	// send.
	writeFiles(t, site, siteFiles)
	pushes := srv.Pushes()
	h2, changed, err := r.CommitTree(ctx, "gh-pages", site, "Publish again")
	must(t, err)
	if changed || h2 != h {
		t.Errorf("unchanged site: %s, changed=%v; want %s, false", h2, changed, h)
	}
	mustIs(t, r.Push(ctx, PushOptions{Branches: []string{"main", "gh-pages"}, Auth: noStoredCreds()}), ErrUpToDate)
	if srv.Pushes() != pushes {
		t.Error("an unchanged publish sent a pack")
	}

	// One page changed: a second commit on top of the first.
	writeFiles(t, site, map[string]string{"modules/m1/page-001/index.html": "<p>changed</p>\n"})
	h3, changed, err := r.CommitTree(ctx, "gh-pages", site, "Publish a change")
	must(t, err)
	if !changed || gittest.Git(t, dir, "rev-parse", h3+"^") != h+"\n" {
		t.Errorf("the changed site's commit does not follow the previous one")
	}

	_, _, err = r.CommitTree(ctx, "main", site, "x")
	mustIs(t, err, ErrCheckedOutBranch)
	writeFiles(t, site, map[string]string{".env": "SECRET=1\n"})
	_, _, err = r.CommitTree(ctx, "gh-pages", site, "x")
	mustIs(t, err, ErrUnsafeFile)
	fsck(t, dir)
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

// TestPushToLocalBareRepository: a plain bare repository on disk (a path
// remote) works too; go-git runs git's own receive-pack for it.
func TestPushToLocalBareRepository(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 3)
	r := newRepo(t, dir)
	h := save(t, r, "v1")
	bare := filepath.Join(t.TempDir(), "course.git")
	gittest.InitBare(t, bare)
	must(t, r.SetRemote(bare))
	ctx := context.Background()
	must(t, r.Push(ctx, PushOptions{Auth: noStoredCreds()}))
	if got := strings.TrimSpace(gittest.Git(t, bare, "rev-parse", "main")); got != h {
		t.Errorf("bare main = %s, want %s", got, h)
	}
	mustIs(t, r.Push(ctx, PushOptions{Auth: noStoredCreds()}), ErrUpToDate)
	mustIs(t, r.Fetch(ctx, FetchOptions{Auth: noStoredCreds()}), ErrUpToDate)
}

// TestPublishingBranchFromTwoMachines: when another machine published the
// site since, the built-site commit follows the server's tip after a
// fetch, so publishing never needs a force.
func TestPublishingBranchFromTwoMachines(t *testing.T) {
	isolate(t)
	a, srv, _, _ := publishedCourse(t)
	ctx := context.Background()
	envToken(t, testUser, testToken)
	auth := noStoredCreds()
	must(t, a.Push(ctx, PushOptions{Auth: auth}))
	siteA := t.TempDir()
	writeFiles(t, siteA, map[string]string{"index.html": "from A\n"})
	_, _, err := a.CommitTree(ctx, "gh-pages", siteA, "A publishes")
	must(t, err)
	must(t, a.Push(ctx, PushOptions{Branches: []string{"main", "gh-pages"}, Auth: auth}))

	// Machine B: a clone of the course, publishing before fetching.
	bDir := filepath.Join(t.TempDir(), "b")
	gittest.Git(t, t.TempDir(), "clone", "-q", srv.BareDir("course"), bDir)
	gittest.Git(t, bDir, "update-ref", "-d", "refs/remotes/origin/gh-pages")
	b := newRepo(t, bDir)
	must(t, b.SetRemote(srv.URL("course")))
	siteB := t.TempDir()
	writeFiles(t, siteB, map[string]string{"index.html": "from B\n"})
	_, _, err = b.CommitTree(ctx, "gh-pages", siteB, "B publishes")
	must(t, err)
	mustIs(t, b.Push(ctx, PushOptions{Branches: []string{"gh-pages"}, Auth: auth}), ErrRemoteAhead)
	must(t, b.Fetch(ctx, FetchOptions{Auth: auth}))
	h, changed, err := b.CommitTree(ctx, "gh-pages", siteB, "B publishes")
	must(t, err)
	if !changed {
		t.Fatal("B's site reported unchanged")
	}
	must(t, b.Push(ctx, PushOptions{Branches: []string{"gh-pages"}, Auth: auth}))
	if got := strings.TrimSpace(gittest.Git(t, srv.BareDir("course"), "rev-parse", "gh-pages")); got != h {
		t.Errorf("server gh-pages = %s, want B's %s", got, h)
	}
	if gittest.Git(t, srv.BareDir("course"), "rev-list", "--count", "gh-pages") != "2\n" {
		t.Error("B's commit does not follow A's")
	}
}
