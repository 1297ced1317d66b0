package publish

import (
	"context"
	"errors"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/coursewright/coursewright/internal/publishtest"
	"github.com/coursewright/coursewright/repo"
)

// publishEnv sets the test up to publish as CI does (internal/publishtest).
func publishEnv(t *testing.T, token string) *repo.Auth { return publishtest.Env(t, token) }

// courseWithRemote copies a corpus course and points it at the server.
func courseWithRemote(t *testing.T, name, remote string) *course.Course {
	t.Helper()
	dir := testcorpus.Copy(t, name)
	r, err := repo.Open(dir, repo.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.SetRemote(remote); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func clone(t *testing.T, bare, branch string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "clone")
	gittest.Git(t, "", "clone", "-q", "-b", branch, bare, dir)
	return dir
}

func TestPublishToHTTPServer(t *testing.T) {
	auth := publishEnv(t, "s3cret-token")
	srv := gittest.NewHTTPServer(t, "teacher", "s3cret-token")
	c := courseWithRemote(t, "how-to-talk-about-race", srv.URL("race"))
	var phases []string
	res, err := Publish(context.Background(), c, Options{Auth: auth, Host: HostGitHub, Progress: func(p Phase, pct int) {
		phases = append(phases, string(p))
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Pushed || !res.SiteChanged || res.Version == "" {
		t.Errorf("first publish: %+v", res)
	}
	if len(phases) == 0 || phases[len(phases)-1] != "Done" {
		t.Errorf("progress phases %v", phases)
	}
	site := clone(t, srv.BareDir("race"), "gh-pages")
	for _, f := range []string{"index.html", ".nojekyll", "modules/privilege/checkin/index.html"} {
		if _, err := os.Stat(filepath.Join(site, f)); err != nil {
			t.Errorf("gh-pages lacks %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(site, ".coursewright-build.json")); err == nil {
		t.Error("the build manifest was published")
	}
	src := clone(t, srv.BareDir("race"), "main")
	for _, f := range []string{"_data/course.yml", "modules/privilege/_posts/2000-01-01-checkin.md"} {
		if _, err := os.Stat(filepath.Join(src, f)); err != nil {
			t.Errorf("main lacks %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "_site")); err == nil {
		t.Error("_site was committed to the source branch")
	}

	// Publishing again with nothing changed pushes nothing.
	pushes := srv.Pushes()
	res, err = Publish(context.Background(), c, Options{Auth: auth, Host: HostGitHub})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pushed || res.SiteChanged || res.Version != "" || srv.Pushes() != pushes {
		t.Errorf("second publish sent something: %+v (pushes %d → %d)", res, pushes, srv.Pushes())
	}
}

func TestPublishWrongTokenLeaksNothing(t *testing.T) {
	auth := publishEnv(t, "wrong-token-123456")
	srv := gittest.NewHTTPServer(t, "teacher", "right-token")
	c := courseWithRemote(t, "course-in-a-box", srv.URL("box"))
	_, err := Publish(context.Background(), c, Options{Auth: auth})
	if !errors.Is(err, repo.ErrAuth) {
		t.Fatalf("err = %v, want ErrAuth", err)
	}
	if strings.Contains(err.Error(), "wrong-token-123456") {
		t.Errorf("token in the error: %v", err)
	}
	cfg, _ := os.ReadFile(filepath.Join(c.Dir, ".git", "config"))
	if strings.Contains(string(cfg), "wrong-token") {
		t.Error("token written to .git/config")
	}
}

// A co-author's change to another file is merged; a change to the same
// page stops the publish with a conflict and leaves the server as it was.
func TestPublishMergesOrStopsOnConflict(t *testing.T) {
	auth := publishEnv(t, "tok")
	srv := gittest.NewHTTPServer(t, "teacher", "tok")
	c := courseWithRemote(t, "course-in-a-box", srv.URL("box"))
	if _, err := Publish(context.Background(), c, Options{Auth: auth}); err != nil {
		t.Fatal(err)
	}
	remote := "http://teacher:tok@" + strings.TrimPrefix(srv.URL("box"), "http://")
	coauthor := filepath.Join(t.TempDir(), "coauthor")
	gittest.Git(t, "", "clone", "-q", remote, coauthor)
	page := "modules/setup/_posts/2000-01-01-getting-started.md"
	appendFile(t, filepath.Join(coauthor, "single-page.md"), "\nA co-author's note.\n")
	gittest.Git(t, coauthor, "commit", "-qam", "co-author edit")
	gittest.Git(t, coauthor, "push", "-q", "origin", "main")

	// Another file changed here: merged and published.
	appendFile(t, filepath.Join(c.Dir, page), "\nMy own addition.\n")
	if _, err := c.Reload(); err != nil {
		t.Fatal(err)
	}
	res, err := Publish(context.Background(), c, Options{Auth: auth})
	if err != nil {
		t.Fatalf("publish after a co-author's change to another file: %v", err)
	}
	if !res.Pushed || len(res.Merged) != 1 || res.Merged[0] != "single-page.md" {
		t.Errorf("merge result %+v", res)
	}
	b, _ := os.ReadFile(filepath.Join(c.Dir, "single-page.md"))
	if !strings.Contains(string(b), "co-author's note") {
		t.Error("co-author's change not in the folder")
	}

	// The same page changed on both sides: a conflict, nothing pushed.
	gittest.Git(t, coauthor, "pull", "-q", "origin", "main")
	appendFile(t, filepath.Join(coauthor, page), "\nTheir version of the ending.\n")
	gittest.Git(t, coauthor, "commit", "-qam", "co-author edits the same page")
	gittest.Git(t, coauthor, "push", "-q", "origin", "main")
	before := gittest.Git(t, srv.BareDir("box"), "rev-parse", "main", "gh-pages")
	appendFile(t, filepath.Join(c.Dir, page), "\nMy version of the ending.\n")
	if _, err := c.Reload(); err != nil {
		t.Fatal(err)
	}
	_, err = Publish(context.Background(), c, Options{Auth: auth})
	var ce *repo.RemoteConflictError
	if !errors.As(err, &ce) || len(ce.Paths) != 1 || ce.Paths[0] != page {
		t.Fatalf("err = %v, want a conflict on %s", err, page)
	}
	if after := gittest.Git(t, srv.BareDir("box"), "rev-parse", "main", "gh-pages"); after != before {
		t.Errorf("the server changed during a conflicting publish:\n%s\n%s", before, after)
	}
}

// A Course-in-a-Box repository whose source is on gh-pages: publishing the
// built site there is refused; --source-only pushes the source.
func TestPublishNeverOverwritesSourceBranch(t *testing.T) {
	auth := publishEnv(t, "tok")
	srv := gittest.NewHTTPServer(t, "teacher", "tok")
	dir := testcorpus.Copy(t, "course-in-a-box")
	gittest.Git(t, dir, "init", "-q", "-b", "gh-pages")
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "commit", "-qm", "source on gh-pages")
	remote := "http://teacher:tok@" + strings.TrimPrefix(srv.URL("box"), "http://")
	gittest.Git(t, dir, "push", "-q", remote, "gh-pages")
	gittest.Git(t, dir, "remote", "add", "origin", srv.URL("box"))
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	before := gittest.Git(t, srv.BareDir("box"), "rev-parse", "gh-pages")
	if _, err := Publish(context.Background(), c, Options{Auth: auth}); !errors.Is(err, ErrSourceBranchChoice) {
		t.Fatalf("err = %v, want ErrSourceBranchChoice", err)
	}
	if after := gittest.Git(t, srv.BareDir("box"), "rev-parse", "gh-pages"); after != before {
		t.Error("the source branch on the server changed")
	}
	appendFile(t, filepath.Join(dir, "single-page.md"), "\nEdited.\n")
	res, err := Publish(context.Background(), c, Options{Auth: auth, SourceOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Pushed {
		t.Error("source not pushed")
	}
	src := clone(t, srv.BareDir("box"), "gh-pages")
	if _, err := os.Stat(filepath.Join(src, "_config.yml")); err != nil {
		t.Error("gh-pages no longer holds the source")
	}
	if _, err := os.Stat(filepath.Join(src, "index.html")); err == nil {
		t.Error("built output reached the source branch")
	}
}

func TestSiteURL(t *testing.T) {
	cases := []struct{ remote, domain, want string }{
		{"https://github.com/p2pu/course-in-a-box.git", "", "https://p2pu.github.io/course-in-a-box/"},
		{"git@github.com:P2PU/how-to-talk-about-race.git", "", "https://p2pu.github.io/how-to-talk-about-race/"},
		{"https://github.com/p2pu/p2pu.github.io", "", "https://p2pu.github.io/"},
		{"https://gitlab.com/library/course.git", "", "https://library.gitlab.io/course/"},
		{"ssh://git@codeberg.org/library/course.git", "", "https://library.codeberg.page/course/"},
		{"https://git.example.org/library/course.git", "", ""},
		{"https://github.com/p2pu/course.git", "learn.example.org", "https://learn.example.org/"},
	}
	for _, tc := range cases {
		if got := SiteURL(tc.remote, tc.domain); got != tc.want {
			t.Errorf("SiteURL(%q, %q) = %q, want %q", tc.remote, tc.domain, got, tc.want)
		}
	}
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// Publishing over SSH to a real sshd: an unknown host is refused until
// the author accepts its key; then a key file and an ssh-agent both work.
func TestPublishOverSSH(t *testing.T) {
	publishEnv(t, "")
	srv := gittest.NewSSHServer(t)
	known := filepath.Join(t.TempDir(), "known_hosts")
	c := courseWithRemote(t, "course-in-a-box", srv.URL("box"))
	keyAuth := &repo.Auth{SSHKeyFile: srv.ClientKeyPath, KnownHostsFile: known, NoCredentialHelper: true, NoKeyring: true}

	_, err := Publish(context.Background(), c, Options{Auth: keyAuth})
	var unknown *repo.ErrUnknownHost
	if !errors.As(err, &unknown) {
		t.Fatalf("first connection: err = %v, want *repo.ErrUnknownHost", err)
	}
	if out := gittest.Git(t, srv.BareDir("box"), "for-each-ref"); out != "" {
		t.Fatalf("something reached the server before its key was accepted: %s", out)
	}
	if err := keyAuth.AcceptHostKey(unknown.Host, unknown.Key); err != nil {
		t.Fatal(err)
	}
	res, err := Publish(context.Background(), c, Options{Auth: keyAuth})
	if err != nil || !res.Pushed {
		t.Fatalf("publish with a key file: %+v, %v", res, err)
	}
	appendFile(t, filepath.Join(c.Dir, "single-page.md"), "\nOver the agent.\n")
	agentAuth := &repo.Auth{SSHAgentSocket: srv.AgentSock, SSHDir: t.TempDir(), KnownHostsFile: known, NoCredentialHelper: true, NoKeyring: true}
	res, err = Publish(context.Background(), c, Options{Auth: agentAuth})
	if err != nil || !res.Pushed {
		t.Fatalf("publish with the ssh-agent: %+v, %v", res, err)
	}
	site := clone(t, srv.BareDir("box"), "gh-pages")
	if _, err := os.Stat(filepath.Join(site, "index.html")); err != nil {
		t.Error("gh-pages has no index.html")
	}
}
