// Package gittest starts real git servers on 127.0.0.1 for tests: the git
// http-backend behind net/http/cgi with basic auth, and an OpenSSH sshd with
// key-only auth. Tests of the repo, publish and CLI packages push to them, so
// what is proven against them is what a real git host does, not what a fake
// transport imagines.
//
// Every server and process belongs to one test and is stopped by t.Cleanup.
// When a needed binary is missing the test is skipped with a message naming
// the Debian package that brings it (.ci/run installs both).
package gittest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// NeedGit returns the path of the git binary, or skips the test when git is
// not installed.
func NeedGit(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed (apt-get install git); .ci/run installs it")
	}
	return p
}

// Env is the environment the helpers run git with: the caller's, minus
// anything that would make a test depend on the machine's git settings
// (system and global config) or open a prompt.
func Env(home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "HOME", "XDG_CONFIG_HOME", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
			"GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM",
			"GIT_ASKPASS", "SSH_ASKPASS", "GIT_TERMINAL_PROMPT", "GIT_SSH_COMMAND":
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"HOME="+home,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_TERMINAL_PROMPT=0",
		"GIT_AUTHOR_NAME=Test Author", "GIT_AUTHOR_EMAIL=author@example.org",
		"GIT_COMMITTER_NAME=Test Author", "GIT_COMMITTER_EMAIL=author@example.org",
	)
}

// Git runs the git CLI in dir and returns its standard output; the test fails
// when git fails. HOME is the test's own $HOME (tests that care set it with
// t.Setenv), never the machine's real global config.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	out, errOut, err := RunGit(t, dir, nil, args...)
	if err != nil {
		t.Fatalf("git %s (in %s): %v\n%s%s", strings.Join(args, " "), dir, err, out, errOut)
	}
	return out
}

// RunGit runs the git CLI in dir with extra environment variables and returns
// stdout, stderr and the error, for tests that expect git to fail.
func RunGit(t testing.TB, dir string, extraEnv []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	gitPath := NeedGit(t)
	home := os.Getenv("HOME")
	if home == "" {
		home = t.TempDir()
	}
	cmd := exec.Command(gitPath, args...)
	cmd.Dir = dir
	cmd.Env = append(Env(home), extraEnv...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

// InitBare creates a bare repository at dir whose default branch is main and
// which accepts pushes over HTTP.
func InitBare(t testing.TB, dir string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	Git(t, filepath.Dir(dir), "init", "-q", "--bare", "--initial-branch=main", dir)
	Git(t, dir, "config", "http.receivepack", "true")
}
