package repo

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckRemoteURL(t *testing.T) {
	for _, c := range []struct {
		url  string
		want error
	}{
		{"https://github.com/p2pu/course-in-a-box.git", nil},
		{"https://gitlab.com/group/sub/course", nil},
		{"http://127.0.0.1:8080/course.git", nil},
		{"https://alice@codeberg.org/alice/course.git", ErrCredentialsInURL}, // issue 12 item 5: hosts take TOKEN@ as a token
		{"https://TOKEN@example.org/x.git", ErrCredentialsInURL},
		{"https://example.org/x.git?access_token=abc", ErrCredentialsInURL},
		{"https://example.org/x.git?private_token=abc", ErrCredentialsInURL},
		{"https://example.org/x.git?ref=0123456789abcdef0123456789abcdef01234567", ErrCredentialsInURL},
		{"ssh://git@example.org/x.git?token=abc", ErrCredentialsInURL},
		{"https://example.org/x.git?ref=main", nil},
		{"ssh://git@example.org/course.git", nil},
		{"ssh://git@github.com/p2pu/course.git", nil},
		{"ssh://git@example.org:2222/srv/course.git", nil},
		{"git@github.com:p2pu/course-in-a-box.git", nil},
		{"github.com:p2pu/course.git", nil},
		{"/srv/git/course.git", nil},
		{"file:///srv/git/course.git", nil},
		{"https://alice:ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/a/b.git", ErrCredentialsInURL},
		{"https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/a/b.git", ErrCredentialsInURL},
		{"https://oauth2:glpat-abcdefabcdef@gitlab.com/a/b.git", ErrCredentialsInURL},
		{"https://0123456789abcdef0123456789abcdef01234567@github.com/a/b.git", ErrCredentialsInURL},
		{"ssh://git:hunter2@example.org/course.git", ErrCredentialsInURL},
		{"git:hunter2@example.org:course.git", ErrCredentialsInURL},
		{"", ErrInvalidURL},
		{"course", ErrInvalidURL},
		{"https://github.com", ErrInvalidURL},
		{"ftp://example.org/course.git", ErrInvalidURL},
		{"https://exa mple.org/course.git", ErrInvalidURL},
	} {
		err := CheckRemoteURL(c.url)
		if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
			t.Errorf("CheckRemoteURL(%q) = %v, want %v", c.url, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("the error repeats the password: %v", err)
		}
	}
}

func TestSetRemote(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"index.md": "x\n"})
	r := newRepo(t, dir)
	if _, err := r.Remote(); !errors.Is(err, ErrNoRemote) {
		t.Errorf("Remote() before SetRemote: %v", err)
	}
	must(t, r.SetRemote("git@github.com:p2pu/course.git"))
	must(t, r.SetRemote(" https://github.com/p2pu/course.git "))
	if got, _ := r.Remote(); got != "https://github.com/p2pu/course.git" {
		t.Errorf("Remote() = %q", got)
	}
	const token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
	err := r.SetRemote("https://alice:" + token + "@github.com/p2pu/course.git")
	mustIs(t, err, ErrCredentialsInURL)
	if !strings.Contains(err.Error(), "keychain") || strings.Contains(err.Error(), token) {
		t.Errorf("message: %v", err)
	}
	cfg := readFile(t, filepath.Join(dir, ".git", "config"))
	if strings.Contains(cfg, token) || !strings.Contains(cfg, "url = https://github.com/p2pu/course.git") {
		t.Errorf(".git/config:\n%s", cfg)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "config.lock")); err == nil {
		t.Error("config.lock left behind")
	}

	// A token someone put in the URL with git is not used (or shown):
	// the user is asked to set the address again.
	must(t, os.WriteFile(filepath.Join(dir, ".git", "config"),
		[]byte(strings.Replace(cfg, "https://github.com", "https://alice:"+token+"@github.com", 1)), 0o644))
	save(t, r, "v1")
	err = r.Push(context.Background(), PushOptions{Auth: noStoredCreds()})
	mustIs(t, err, ErrCredentialsInURL)
	if strings.Contains(err.Error(), token) {
		t.Errorf("the push error shows the token: %v", err)
	}
}

func TestProgressParsing(t *testing.T) {
	var got []string
	pw := newProgressWriter(func(phase Phase, pct int) { got = append(got, fmt.Sprintf("%s=%d", phase, pct)) })
	for _, chunk := range []string{
		"Enumerating objects: 5, done.\n",
		"Counting objects:  20% (1/5)\rCounting obj", "ects:  40% (2/5)\r",
		"Counting objects:  40% (2/5)\r", // repeated: reported once
		"Counting objects: 100% (5/5), done.\n",
		"remote: Resolving deltas:  50% (1/2)\r",
		"remote: Resolving deltas: 100% (2/2), done.\n",
		"Total 5 (delta 1), reused 0 (delta 0)\n",
	} {
		if _, err := pw.Write([]byte(chunk)); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"Counting objects=20", "Counting objects=40", "Counting objects=100", "Resolving deltas=50", "Resolving deltas=100"}
	if !equalLists(got, want) {
		t.Errorf("progress %v, want %v", got, want)
	}
}

func TestRedactor(t *testing.T) {
	red := &redactor{}
	red.add("alice", "s3cr3t/t0ken")
	red.add("", "abc") // too short to redact safely
	msg := red.text("auth for alice:s3cr3t/t0ken failed; url-escaped s3cr3t%2Ft0ken; header YWxpY2U6czNjcjN0L3Qwa2Vu; abc")
	if strings.Contains(msg, "s3cr3t") || strings.Contains(msg, "YWxpY2U6czNjcjN0L3Qwa2Vu") || !strings.HasSuffix(msg, "abc") {
		t.Errorf("redacted: %s", msg)
	}
	cause := fmt.Errorf("server said s3cr3t/t0ken: %w", ErrNotInHistory)
	err := red.wrap(ErrAuth, cause, "publishing")
	if !errors.Is(err, ErrAuth) || !errors.Is(err, ErrNotInHistory) || strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("wrapped: %v", err)
	}
	if errors.Unwrap(err) != nil {
		t.Error("a redacted error must not hand out its unredacted cause")
	}
}

func TestCancellation(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 10)
	r := newRepo(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := r.SaveVersion(ctx, SaveOptions{Message: "never"})
	mustIs(t, err, context.Canceled)
	if v, _ := r.History(context.Background(), 0); len(v) != 0 {
		t.Error("a cancelled save made a version")
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "index.lock")); err == nil {
		t.Error("a cancelled save left its lock")
	}
	save(t, r, "v1")
	must(t, r.SetRemote("https://127.0.0.1:1/course.git"))
	err = r.Push(ctx, PushOptions{Auth: noStoredCreds()})
	mustIs(t, err, context.Canceled)
}

// Validating options fills defaults into the options' own copy of the
// Auth: one Auth shared by every push and fetch of a session stays as the
// caller made it.
func TestOptionsValidateLeavesTheSharedAuthAlone(t *testing.T) {
	t.Setenv("SSH_AUTH_SOCK", "/tmp/agent.sock")
	shared := &Auth{NoKeyring: true}
	branches := []string{"refs/heads/main"}
	push := PushOptions{Auth: shared, Branches: branches}
	fetch := FetchOptions{Auth: shared}
	clone := CloneOptions{Auth: shared}
	for name, validate := range map[string]func() error{"push": push.Validate, "fetch": fetch.Validate, "clone": clone.Validate} {
		if err := validate(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if shared.SSHAgentSocket != "" || shared.SSHDir != "" || shared.KnownHostsFile != "" || !shared.NoKeyring {
		t.Errorf("the shared Auth was changed: %+v", *shared)
	}
	if branches[0] != "refs/heads/main" {
		t.Errorf("the caller's branches were changed: %v", branches)
	}
	if push.Auth == shared || push.Auth.SSHAgentSocket != "/tmp/agent.sock" || push.Auth.KnownHostsFile == "" || !push.Auth.NoKeyring {
		t.Errorf("the options' own Auth lacks the defaults or the caller's choices: %+v", *push.Auth)
	}
	if push.Branches[0] != "main" {
		t.Errorf("push branches %v", push.Branches)
	}
}

// Issue 12, item 5: a token comes back redacted whatever form a server
// echoes it in: raw, percent-encoded in either case or every byte,
// base64 alone or with the user, in either alphabet.
func TestRedactorEncodings(t *testing.T) {
	red := &redactor{}
	const tok = "s3cr3t/t0k+en?x"
	red.add("alice", tok)
	every := ""
	for _, b := range []byte(tok) {
		every += fmt.Sprintf("%%%02x", b)
	}
	for _, form := range []string{
		tok,
		url.QueryEscape(tok),
		strings.ToLower(url.QueryEscape(tok)),
		every,
		base64.StdEncoding.EncodeToString([]byte(tok)),
		base64.RawURLEncoding.EncodeToString([]byte(tok)),
		base64.StdEncoding.EncodeToString([]byte("alice:" + tok)),
		base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(tok))),
	} {
		msg := red.text("server said: token=" + form + " was refused")
		if strings.Contains(msg, form) || !strings.Contains(msg, "***") || !strings.HasSuffix(msg, " was refused") {
			t.Errorf("%q redacted as %q", form, msg)
		}
	}
	if got := red.text("an ordinary message about page-2 and aGVsbG8="); got != "an ordinary message about page-2 and aGVsbG8=" {
		t.Errorf("ordinary text changed: %q", got)
	}
}

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://alice:tok@github.com/a/b.git":      "https://***@github.com/a/b.git",
		"https://TOKEN@example.org/x.git":           "https://***@example.org/x.git",
		"https://example.org/x.git?access_token=ab": "https://example.org/x.git?***",
		"git@github.com:a/b.git":                    "git@github.com:a/b.git",
		"https://github.com/a/b.git":                "https://github.com/a/b.git",
	} {
		if got := RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
}
