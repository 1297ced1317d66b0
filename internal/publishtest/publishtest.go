// Package publishtest sets a test up to publish the way CI does: an empty
// home, no system git configuration, a fixed author and the token in
// COURSEWRIGHT_TOKEN, with the credential helper and the keychain off.
package publishtest

import (
	"path/filepath"
	"testing"

	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/coursewright/coursewright/repo"
)

// Env prepares the environment for publishing with token as user
// "teacher" (the user internal/gittest's servers know) and returns the
// Auth to publish with.
func Env(t *testing.T, token string) *repo.Auth {
	t.Helper()
	gittest.NeedGit(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_AUTHOR_NAME", "Test Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "author@example.org")
	t.Setenv("GIT_COMMITTER_NAME", "Test Author")
	t.Setenv("GIT_COMMITTER_EMAIL", "author@example.org")
	t.Setenv(repo.TokenEnv, token)
	t.Setenv(repo.UserEnv, "teacher")
	return &repo.Auth{NoCredentialHelper: true, NoKeyring: true}
}
