package gittest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestServersWorkWithGitCLI checks the servers with git itself, so a
// failure in the repo tests is not the servers' fault.
func TestServersWorkWithGitCLI(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	work := t.TempDir()
	Git(t, work, "init", "-q", "-b", "main")
	Git(t, work, "commit", "-q", "--allow-empty", "-m", "first")

	s := NewHTTPServer(t, "alice", "s3cret-token")
	bad := strings.Replace(s.URL("c"), "http://", "http://alice:wrong@", 1)
	if _, _, err := RunGit(t, work, nil, "push", "-q", bad, "main"); err == nil {
		t.Fatal("a push with a wrong password was accepted")
	}
	good := strings.Replace(s.URL("c"), "http://", "http://alice:s3cret-token@", 1)
	Git(t, work, "push", "-q", good, "main")
	if s.Pushes() != 1 || s.AuthFailures() == 0 {
		t.Errorf("pushes %d, auth failures %d", s.Pushes(), s.AuthFailures())
	}
	if got := strings.TrimSpace(Git(t, s.BareDir("c"), "rev-parse", "main")); got != strings.TrimSpace(Git(t, work, "rev-parse", "main")) {
		t.Errorf("bare main = %s", got)
	}

	ss := NewSSHServer(t)
	cmd := exec.Command("git", "push", "-q", ss.URL("c"), "main")
	cmd.Dir = work
	cmd.Env = append(Env(home), "GIT_SSH_COMMAND=ssh -i "+ss.ClientKeyPath+" -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="+writeKnownHosts(t, ss))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git push over ssh: %v\n%s", err, out)
	}
	if !strings.HasPrefix(ss.Fingerprint(), "SHA256:") {
		t.Errorf("fingerprint %q", ss.Fingerprint())
	}
}

func writeKnownHosts(t *testing.T, s *SSHServer) string {
	p := t.TempDir() + "/known_hosts"
	if err := os.WriteFile(p, []byte(s.HostKeyLine+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
