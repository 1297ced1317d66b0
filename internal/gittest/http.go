package gittest

import (
	"crypto/subtle"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Server is a real git smart-HTTP server: git's own http-backend run as a CGI
// program behind basic auth, listening on 127.0.0.1.
type Server struct {
	t          testing.TB
	srv        *httptest.Server
	root       string
	user       string
	token      string
	mu         sync.Mutex
	pushes     int
	authFails  int
	failStatus int
	failBody   string
	echo       bool
}

// NewHTTPServer starts a git server that accepts user with the password
// token (basic auth) and refuses everything else with 401. Repositories are
// created on first use by URL or BareDir.
func NewHTTPServer(t testing.TB, user, token string) *Server {
	t.Helper()
	gitPath := NeedGit(t)
	execPath, _, err := RunGit(t, t.TempDir(), nil, "--exec-path")
	if err != nil {
		t.Fatalf("git --exec-path: %v", err)
	}
	backend := filepath.Join(strings.TrimSpace(execPath), "git-http-backend")
	if _, err := os.Stat(backend); err != nil {
		t.Skipf("git-http-backend not found next to %s (%v)", gitPath, err)
	}
	s := &Server{t: t, root: t.TempDir(), user: user, token: token}
	s.srv = httptest.NewServer(s.handler(backend))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *Server) handler(backend string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		failStatus, failBody, echo := s.failStatus, s.failBody, s.echo
		s.mu.Unlock()
		u, p, ok := r.BasicAuth()
		if failStatus != 0 {
			if echo {
				failBody += " (you sent " + u + ":" + p + ")"
			}
			http.Error(w, failBody, failStatus)
			return
		}
		// Constant-time compare: a test server, but no reason to show how
		// not to check a password.
		if !ok || subtle.ConstantTimeCompare([]byte(u), []byte(s.user)) != 1 ||
			subtle.ConstantTimeCompare([]byte(p), []byte(s.token)) != 1 {
			s.mu.Lock()
			s.authFails++
			s.mu.Unlock()
			w.Header().Set("WWW-Authenticate", `Basic realm="git"`)
			body := "Authentication failed"
			if echo {
				// Some servers quote what they received; the client must
				// still never show the token.
				body += " for " + u + ":" + p
			}
			http.Error(w, body, http.StatusUnauthorized)
			return
		}
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/git-receive-pack") {
			s.mu.Lock()
			s.pushes++
			s.mu.Unlock()
		}
		h := &cgi.Handler{
			Path: backend,
			Dir:  s.root,
			Env: []string{
				"GIT_PROJECT_ROOT=" + s.root,
				"GIT_HTTP_EXPORT_ALL=1",
				// Set only after the password check above: http-backend
				// allows receive-pack for an authenticated user.
				"REMOTE_USER=" + u,
				"GIT_CONFIG_NOSYSTEM=1",
				"HOME=" + s.root,
			},
			InheritEnv: []string{"PATH"},
			Stderr:     testLogWriter{s.t, "git-http-backend: "},
		}
		h.ServeHTTP(w, r)
	})
}

// URL returns the clone URL of the repository name (created bare when
// missing), e.g. http://127.0.0.1:PORT/course.git.
func (s *Server) URL(name string) string {
	s.BareDir(name)
	return s.srv.URL + "/" + name + ".git"
}

// BaseURL is the server's address without a repository.
func (s *Server) BaseURL() string { return s.srv.URL }

// BareDir returns the path of the bare repository behind URL(name), creating
// it when missing.
func (s *Server) BareDir(name string) string {
	dir := filepath.Join(s.root, name+".git")
	if _, err := os.Stat(filepath.Join(dir, "HEAD")); err != nil {
		InitBare(s.t, dir)
	}
	return dir
}

// Pushes counts the receive-pack POST requests that passed the password
// check: a push that sends nothing makes none.
func (s *Server) Pushes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pushes
}

// AuthFailures counts the requests refused with 401.
func (s *Server) AuthFailures() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.authFails
}

// FailWith makes every request fail with status and body (0 restores normal
// service), to test what a client shows for a broken server.
func (s *Server) FailWith(status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failStatus, s.failBody = status, body
}

// EchoCredentials makes error bodies quote the user and password received,
// as a careless server might; clients must redact them.
func (s *Server) EchoCredentials(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.echo = on
}

// testLogWriter sends a child process's stderr to the test log.
type testLogWriter struct {
	t      testing.TB
	prefix string
}

func (w testLogWriter) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		if line != "" {
			w.t.Log(w.prefix + line)
		}
	}
	return len(p), nil
}

// String names the server for test logs.
func (s *Server) String() string { return "git http server at " + s.srv.URL }
