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

// TestPushOverSSH: a real sshd with key-only auth. An unknown host key is
// refused with its fingerprint until accepted; then pushing works with a
// key file and with an ssh-agent; wrong, missing and locked keys give
// clear errors; a changed host key is refused.
func TestPushOverSSH(t *testing.T) {
	home := isolate(t)
	srv := gittest.NewSSHServer(t)
	dir := t.TempDir()
	makeCourse(t, dir, 4)
	r := newRepo(t, dir)
	ctx := context.Background()
	save(t, r, "v1")
	must(t, r.SetRemote(srv.URL("course")))
	bare := srv.BareDir("course")
	serverMain := func() string {
		out, _, err := gittest.RunGit(t, bare, nil, "rev-parse", "--verify", "-q", "main")
		if err != nil {
			return ""
		}
		return strings.TrimSpace(out)
	}
	localMain := func() string { return strings.TrimSpace(gittest.Git(t, dir, "rev-parse", "main")) }

	keyAuth := &Auth{SSHKeyFile: srv.ClientKeyPath}
	err := r.Push(ctx, PushOptions{Auth: keyAuth})
	var uh *ErrUnknownHost
	if !errors.As(err, &uh) {
		t.Fatalf("first connection: %v, want *ErrUnknownHost", err)
	}
	if uh.Fingerprint != srv.Fingerprint() {
		t.Errorf("fingerprint %s, ssh-keygen -lf says %s", uh.Fingerprint, srv.Fingerprint())
	}
	if !strings.Contains(err.Error(), uh.Fingerprint) {
		t.Errorf("the message does not show the fingerprint: %v", err)
	}
	if serverMain() != "" {
		t.Fatal("something was pushed to an unverified host")
	}
	must(t, keyAuth.AcceptHostKey(uh.Host, uh.Key))
	kh := readFile(t, filepath.Join(home, ".ssh", "known_hosts"))
	if !strings.Contains(kh, strings.Fields(srv.HostKeyLine)[2]) || !strings.HasPrefix(kh, strings.Fields(srv.HostKeyLine)[0]+" ") {
		t.Errorf("known_hosts after accepting:\n%s\nwant a line like %s", kh, srv.HostKeyLine)
	}
	var phases []string
	must(t, r.Push(ctx, PushOptions{Auth: keyAuth, Progress: func(p Phase, _ int) { phases = append(phases, string(p)) }}))
	if serverMain() != localMain() {
		t.Fatalf("server main %s, local %s", serverMain(), localMain())
	}
	if phases[len(phases)-1] != "Done" {
		t.Errorf("progress %v", phases)
	}
	mustIs(t, r.Push(ctx, PushOptions{Auth: keyAuth}), ErrUpToDate)

	// The agent, with no key files at all.
	writeFiles(t, dir, map[string]string{"index.md": "via the agent\n"})
	save(t, r, "v2")
	t.Setenv("SSH_AUTH_SOCK", srv.AgentSock)
	must(t, r.Push(ctx, PushOptions{Auth: &Auth{}}))
	if serverMain() != localMain() {
		t.Fatal("the push through the agent did not arrive")
	}
	// The push updated origin/main already: nothing new to fetch.
	mustIs(t, r.Fetch(ctx, FetchOptions{Auth: &Auth{}}), ErrUpToDate)
	t.Setenv("SSH_AUTH_SOCK", "")

	// A default key in ~/.ssh is found without being named.
	writeFiles(t, dir, map[string]string{"index.md": "via ~/.ssh/id_ed25519\n"})
	save(t, r, "v3")
	keyBytes, err := os.ReadFile(srv.ClientKeyPath)
	must(t, err)
	must(t, os.WriteFile(filepath.Join(home, ".ssh", "id_ed25519"), keyBytes, 0o600))
	must(t, r.Push(ctx, PushOptions{Auth: &Auth{}}))
	must(t, os.Remove(filepath.Join(home, ".ssh", "id_ed25519")))

	writeFiles(t, dir, map[string]string{"index.md": "v4\n"})
	save(t, r, "v4")
	// No key anywhere.
	mustIs(t, r.Push(ctx, PushOptions{Auth: &Auth{NoSSHAgent: true}}), ErrAuth)
	// A key the server does not know.
	stranger := srv.NewKey("stranger", "")
	mustIs(t, r.Push(ctx, PushOptions{Auth: &Auth{SSHKeyFile: stranger}}), ErrAuth)
	// A key locked by a passphrase: asked for, then works.
	locked := srv.NewKey("locked", "correct horse")
	srv.AuthorizeKey(locked + ".pub")
	err = r.Push(ctx, PushOptions{Auth: &Auth{SSHKeyFile: locked}})
	var pe *PassphraseError
	if !errors.As(err, &pe) || !errors.Is(err, ErrPassphraseNeeded) || pe.KeyFile != locked {
		t.Fatalf("a locked key: %v, want a PassphraseError for %s", err, locked)
	}
	must(t, r.Push(ctx, PushOptions{Auth: &Auth{SSHKeyFile: locked, SSHPassphrase: "correct horse"}}))
	if serverMain() != localMain() {
		t.Fatal("the push with the unlocked key did not arrive")
	}

	// A host that shows another key than the one recorded is refused.
	other := srv.NewKey("impostor", "")
	pub := readFile(t, other+".pub")
	f := strings.Fields(pub)
	must(t, os.WriteFile(filepath.Join(home, ".ssh", "known_hosts"), []byte(strings.Fields(srv.HostKeyLine)[0]+" "+f[0]+" "+f[1]+"\n"), 0o600))
	writeFiles(t, dir, map[string]string{"index.md": "v5\n"})
	save(t, r, "v5")
	mustIs(t, r.Push(ctx, PushOptions{Auth: keyAuth}), ErrHostKeyChanged)
}
