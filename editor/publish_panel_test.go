package editor

import (
	"context"
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"golang.org/x/crypto/ssh"

	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/coursewright/coursewright/internal/publishtest"
	"github.com/coursewright/coursewright/internal/uitest"
	"github.com/coursewright/coursewright/publish"
	"github.com/coursewright/coursewright/repo"
)

// publishEnv sets the test up to publish as CI does (internal/publishtest).
func publishEnv(t *testing.T, token string) *repo.Auth { return publishtest.Env(t, token) }

type publishOutcome struct {
	res *publish.Result
	err error
	// checked: the checks listed problems first
	checked bool
}

// publishAndWait taps Publish and lets the UI thread run until the
// background work is done.
func publishAndWait(t *testing.T, p *PublishPanel, done chan publishOutcome) publishOutcome {
	t.Helper()
	test.Tap(p.PublishBtn)
	var o publishOutcome
	got := false
	uitest.WaitFor(t, 60*time.Second, "the checks before publishing", func() bool {
		got = got || receive(done, &o)
		return got || !p.PublishAnywayBtn.Hidden
	})
	if got {
		return o
	}
	// The corpus course has warnings (missing images): listed first.
	if !strings.Contains(p.Checks.Text, "warnings") || !strings.Contains(p.Checks.Text, "is missing") {
		t.Fatalf("checks before publishing: %q", p.Checks.Text)
	}
	test.Tap(p.PublishAnywayBtn)
	o = waitOutcome(t, done, "publishing")
	o.checked = true
	return o
}

// waitOutcome lets the UI thread run until a publish reports its end.
func waitOutcome(t *testing.T, done chan publishOutcome, what string) publishOutcome {
	t.Helper()
	var o publishOutcome
	uitest.WaitFor(t, 60*time.Second, what, func() bool { return receive(done, &o) })
	return o
}

// receive takes an outcome from done if there is one.
func receive(done chan publishOutcome, o *publishOutcome) bool {
	select {
	case *o = <-done:
		return true
	default:
		return false
	}
}

// TestPublishPanel publishes to a real git http-backend from the panel,
// then runs into a co-author's change to the same page and takes theirs.
func TestPublishPanel(t *testing.T) {
	uitest.NewApp(t)
	auth := publishEnv(t, "tok")
	srv := gittest.NewHTTPServer(t, "teacher", "tok")
	dir := corpusCourse(t, "course-in-a-box")
	pr := &fakePrompt{t: t}
	v, _ := openView(t, dir, pr)
	p, done := publishingPanel(t, v, auth)

	if p.Remote.Text != "" {
		t.Fatalf("a new course has remote %q", p.Remote.Text)
	}
	test.Type(p.Remote, "not a url")
	if p.Remote.Validate() == nil {
		t.Fatal("\"not a url\" accepted as a remote")
	}
	p.Remote.SetText("")
	test.Type(p.Remote, srv.URL("box"))
	p.Host.SetSelected("GitHub") // keeps the address typed
	test.Type(p.Domain, "course.example.org")
	o := publishAndWait(t, p, done)
	if o.err != nil {
		t.Fatalf("publish: %v (%s)", o.err, p.Result.Text)
	}
	if !o.checked {
		t.Fatal("the course's warnings were not listed before publishing")
	}
	if p.Progress.Value != 1 || p.Phase.Text != "" || p.Phase.Visible() || !strings.HasPrefix(p.Result.Text, "Published") {
		t.Fatalf("after publishing: progress %v, phase %q, result %q", p.Progress.Value, p.Phase.Text, p.Result.Text)
	}
	if branches := gittest.Git(t, srv.BareDir("box"), "branch", "--format=%(refname:short)"); !strings.Contains(branches, "main") || !strings.Contains(branches, "gh-pages") {
		t.Fatalf("the server has branches %q", branches)
	}
	if site := gittest.Git(t, srv.BareDir("box"), "ls-tree", "--name-only", "gh-pages"); !strings.Contains(site, "index.html") || !strings.Contains(site, "CNAME") {
		t.Fatalf("gh-pages holds %q", site)
	}
	if !strings.Contains(p.Result.Text, "Deploy from a branch") || p.SiteURL.Hidden || p.SiteURL.Text != "https://course.example.org/" {
		t.Fatalf("after publishing to GitHub: result %q, address %q (shown: %v)", p.Result.Text, p.SiteURL.Text, !p.SiteURL.Hidden)
	}
	again := NewPublishPanel(v)
	waitPanel(t, again)
	if again.Host.Selected != "GitHub" || again.Remote.Text != srv.URL("box") {
		t.Fatalf("the panel opened again shows host %q, remote %q", again.Host.Selected, again.Remote.Text)
	}
	if yml := readFile(t, dir, "_data/course.yml"); !strings.Contains(yml, "domain: course.example.org") {
		t.Fatalf("the domain is not kept in course.yml:\n%s", yml)
	}

	// A co-author changes the page this author changes too.
	page := "modules/setup/_posts/2000-01-01-getting-started.md"
	coauthor := filepath.Join(t.TempDir(), "coauthor")
	remote := "http://teacher:tok@" + strings.TrimPrefix(srv.URL("box"), "http://")
	gittest.Git(t, "", "clone", "-q", remote, coauthor)
	f, err := os.OpenFile(filepath.Join(coauthor, page), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString("\nTheir version of the ending.\n")
	_ = f.Close()
	gittest.Git(t, coauthor, "commit", "-qam", "co-author edits the same page")
	gittest.Git(t, coauthor, "push", "-q", "origin", "main")

	v.OpenPage(v.Course().PageByPath(page))
	v.Page.Text.SetText(v.Page.Text.Text() + "\nMy version of the ending.\n")
	o = publishAndWait(t, p, done)
	var ce *repo.RemoteConflictError
	if !errors.As(o.err, &ce) || p.Conflict.Hidden {
		t.Fatalf("err = %v, conflict shown: %v", o.err, !p.Conflict.Hidden)
	}
	waitPanel(t, p) // the clashing page's two versions are read in the background
	if !strings.Contains(p.ConflictPaths.Text, page) || !strings.Contains(p.Theirs.Text, "Their version") || !strings.Contains(p.Mine.Text, "My version") {
		t.Fatalf("conflict view: %q\ntheirs %q\nmine %q", p.ConflictPaths.Text, p.Theirs.Text, p.Mine.Text)
	}

	// Keep mine as a branch: it reaches the server, and the publish goes on
	// with the server's version of the page.
	test.Tap(p.KeepBtn)
	o = waitOutcome(t, done, "publishing after the choice")
	if o.err != nil {
		t.Fatalf("publish after keeping mine: %v", o.err)
	}
	if branches := gittest.Git(t, srv.BareDir("box"), "branch", "--format=%(refname:short)"); !strings.Contains(branches, "my-version-") {
		t.Fatalf("the kept branch is not on the server: %q", branches)
	}
	if got := readFile(t, dir, page); !strings.Contains(got, "Their version") || strings.Contains(got, "My version") {
		t.Fatalf("the page after taking theirs:\n%s", got)
	}
	if strings.Contains(v.Page.Text.Text(), "My version") {
		t.Fatal("the editor still shows the local version")
	}
	if len(pr.errs) > 0 {
		t.Fatalf("errors shown: %v", pr.errs)
	}
}

// TestPublishPanelUnknownHost shows an SSH server's fingerprint on first
// contact and records its key when the author trusts it.
func TestPublishPanelUnknownHost(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "course-in-a-box")
	v, _ := openView(t, dir, &fakePrompt{t: t})
	p := NewPublishPanel(v)
	waitPanel(t, p)
	test.NewTempWindow(t, p.Content)
	sshDir := t.TempDir()
	p.Auth = &repo.Auth{SSHDir: sshDir, KnownHostsFile: filepath.Join(sshDir, "known_hosts"), NoSSHAgent: true}
	pub, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	p.finish(nil, &repo.ErrUnknownHost{Host: "git.example.org:22", Fingerprint: ssh.FingerprintSHA256(key), Key: key})
	if p.TrustBtn.Hidden || !strings.Contains(p.Result.Text, ssh.FingerprintSHA256(key)) {
		t.Fatalf("unknown host: %q, trust button hidden %v", p.Result.Text, p.TrustBtn.Hidden)
	}
	test.Tap(p.TrustBtn)
	known, err := os.ReadFile(filepath.Join(sshDir, "known_hosts"))
	if err != nil || !strings.Contains(string(known), "git.example.org") {
		t.Fatalf("known_hosts: %q, %v", known, err)
	}
	if !p.TrustBtn.Hidden {
		t.Fatal("the trust button stays")
	}
}

// TestPublishPanelHost starts the address for a known host and keeps an
// address the author typed.
func TestPublishPanelHost(t *testing.T) {
	uitest.NewApp(t)
	v, _ := openView(t, corpusCourse(t, "course-in-a-box"), &fakePrompt{t: t})
	p := NewPublishPanel(v)
	waitPanel(t, p)
	test.NewTempWindow(t, p.Content)
	p.Host.SetSelected("Codeberg")
	if p.Remote.Text != "https://codeberg.org/" {
		t.Fatalf("remote %q", p.Remote.Text)
	}
	p.Host.SetSelected("GitLab")
	if p.Remote.Text != "https://gitlab.com/" {
		t.Fatalf("remote %q", p.Remote.Text)
	}
	test.Type(p.Remote, "me/course.git")
	if err := p.Remote.Validate(); err != nil {
		t.Fatalf("%q: %v", p.Remote.Text, err)
	}
	p.Host.SetSelected("GitHub")
	if p.Remote.Text != "https://gitlab.com/me/course.git" {
		t.Fatalf("a typed address was replaced: %q", p.Remote.Text)
	}
}

// TestPublishPanelGitLab publishes from the panel as GitLab (a self-hosted
// one: the address does not say so, the choice does): the site branch
// carries the CI file, the address is given with GitLab's note.
func TestPublishPanelGitLab(t *testing.T) {
	uitest.NewApp(t)
	auth := publishEnv(t, "tok")
	srv := gittest.NewHTTPServer(t, "teacher", "tok")
	v, _ := openView(t, corpusCourse(t, "course-in-a-box"), &fakePrompt{t: t})
	p, done := publishingPanel(t, v, auth)
	test.Type(p.Remote, srv.URL("library/lab"))
	p.Host.SetSelected("GitLab")
	if p.Remote.Text != srv.URL("library/lab") {
		t.Fatalf("choosing GitLab replaced the address typed: %q", p.Remote.Text)
	}
	o := publishAndWait(t, p, done)
	if o.err != nil {
		t.Fatalf("publish: %v (%s)", o.err, p.Result.Text)
	}
	if o.res.Branch != "pages" || !strings.Contains(p.Result.Text, "the first pipeline takes a minute") || p.SiteURL.Text != "https://library.gitlab.io/lab/" || p.SiteURL.Hidden {
		t.Fatalf("after publishing to GitLab: branch %s, result %q, address %q", o.res.Branch, p.Result.Text, p.SiteURL.Text)
	}
	if site := gittest.Git(t, srv.BareDir("library/lab"), "ls-tree", "--name-only", "pages"); !strings.Contains(site, ".gitlab-ci.yml") || !strings.Contains(site, "index.html") {
		t.Fatalf("the branch pages holds %q", site)
	}
}

// waitPanel lets the UI thread run until the panel's background work
// (reading the remote, comparing a page) is done.
func waitPanel(t *testing.T, p *PublishPanel) {
	t.Helper()
	uitest.WaitFor(t, 30*time.Second, "the publish panel's background work", func() bool { return !p.Busy() })
}

// Preparing a publish (setting the remote, loading and checking the
// course) runs in the background with progress and Cancel; cancelled,
// nothing is published and the panel says so.
func TestPublishPanelPreparationCancels(t *testing.T) {
	uitest.NewApp(t)
	auth := publishEnv(t, "tok")
	srv := gittest.NewHTTPServer(t, "teacher", "tok")
	dir := corpusCourse(t, "course-in-a-box")
	v, _ := openView(t, dir, &fakePrompt{t: t})
	p, done := publishingPanel(t, v, auth)
	test.Type(p.Remote, srv.URL("box"))
	if p.CancelBtn.Visible() || p.Phase.Visible() || p.Checks.Visible() {
		t.Fatal("Cancel, or an empty phase or checks line, shows before anything started")
	}

	test.Tap(p.PublishBtn)
	if p.Phase.Text != "Preparing to publish…" || !p.Phase.Visible() || !p.CancelBtn.Visible() || p.CancelBtn.Disabled() || !p.PublishBtn.Disabled() {
		t.Fatalf("while preparing: phase %q, cancel shown %v, publish enabled %v", p.Phase.Text, p.CancelBtn.Visible(), !p.PublishBtn.Disabled())
	}
	test.Tap(p.CancelBtn)
	o := waitOutcome(t, done, "the cancelled publish")
	if !errors.Is(o.err, context.Canceled) || p.Result.Text != "Cancelled: nothing was published." || p.PublishBtn.Disabled() || p.CancelBtn.Visible() {
		t.Fatalf("after cancelling: %v, result %q, publish enabled %v, cancel shown %v", o.err, p.Result.Text, !p.PublishBtn.Disabled(), p.CancelBtn.Visible())
	}
	if branches := gittest.Git(t, srv.BareDir("box"), "branch", "--format=%(refname:short)"); strings.TrimSpace(branches) != "" {
		t.Fatalf("a cancelled publish reached the server: branches %q", branches)
	}
}

// The panel says only what is current: no progress bar before anything
// starts, an old "Not published" cleared by the next attempt; and the
// author's words on what changed become the version's message on the
// server (publish's default when left empty).
func TestPublishPanelSaysWhatChanged(t *testing.T) {
	uitest.NewApp(t)
	auth := publishEnv(t, "tok")
	srv := gittest.NewHTTPServer(t, "teacher", "tok")
	dir := corpusCourse(t, "course-in-a-box")
	v, _ := openView(t, dir, &fakePrompt{t: t})
	p, done := publishingPanel(t, v, auth)
	if p.Progress.Visible() {
		t.Fatal("a progress bar shows before anything started")
	}

	// No address: the panel says so, in words, and shows no progress.
	test.Tap(p.PublishBtn)
	if o := waitOutcome(t, done, "the refusal"); o.err == nil {
		t.Fatal("published without an address")
	}
	if !strings.HasPrefix(p.Result.Text, "Not published: where to publish") || p.Progress.Visible() {
		t.Fatalf("without an address: result %q, progress shown %v", p.Result.Text, p.Progress.Visible())
	}

	test.Type(p.Remote, srv.URL("box"))
	test.Type(p.Message, "Shorter check-in")
	test.Tap(p.PublishBtn)
	if p.Result.Text != "" || !p.Progress.Visible() {
		t.Fatalf("while preparing: the old result %q stays, progress shown %v", p.Result.Text, p.Progress.Visible())
	}
	var o publishOutcome
	got := false
	uitest.WaitFor(t, 60*time.Second, "the checks before publishing", func() bool {
		got = got || receive(done, &o)
		return got || !p.PublishAnywayBtn.Hidden
	})
	if !got {
		if p.Progress.Visible() {
			t.Fatal("the progress bar stays under the checks' list")
		}
		test.Tap(p.PublishAnywayBtn)
		o = waitOutcome(t, done, "publishing")
	}
	if o.err != nil {
		t.Fatalf("publish: %v (%s)", o.err, p.Result.Text)
	}
	if msg := strings.TrimSpace(gittest.Git(t, srv.BareDir("box"), "log", "-1", "--format=%s", "main")); msg != "Shorter check-in" {
		t.Fatalf("the version on the server says %q", msg)
	}
	if p.Progress.Visible() || p.Message.Text != "" {
		t.Fatalf("after publishing: progress shown %v, what changed still %q", p.Progress.Visible(), p.Message.Text)
	}

	// Left empty, the message is publish's default.
	v.Page.Text.SetText(v.Page.Text.Text() + "\nOne more line.\n")
	o = publishAndWait(t, p, done)
	if o.err != nil {
		t.Fatalf("second publish: %v (%s)", o.err, p.Result.Text)
	}
	if msg := strings.TrimSpace(gittest.Git(t, srv.BareDir("box"), "log", "-1", "--format=%s", "main")); msg != "Publish" {
		t.Fatalf("the second version on the server says %q", msg)
	}
}

// publishingPanel opens v's publish panel in a window, signing in with
// auth, with the outcome of each publish sent on done.
func publishingPanel(t *testing.T, v *CourseView, auth *repo.Auth) (p *PublishPanel, done chan publishOutcome) {
	t.Helper()
	p = NewPublishPanel(v)
	waitPanel(t, p)
	test.NewTempWindow(t, p.Content)
	p.Auth = auth
	done = make(chan publishOutcome, 4)
	p.OnFinished = func(res *publish.Result, err error) { done <- publishOutcome{res: res, err: err} }
	return p, done
}
