package preview

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/secretcorpus"
)

// Issue 12, item 3: serve answers 404 for every secret of the corpus (the
// build left them out, and the server judges again what it sends).
func TestServeNeverServesSecrets(t *testing.T) {
	dir := copyCourse(t, "course-in-a-box")
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".git", "config"), []byte("[core]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	secrets := secretcorpus.Write(t, dir)
	s, err := Start(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, sec := range secrets {
		code, body := get(t, s.URL()+sec.Path)
		if code != http.StatusNotFound || strings.Contains(body, sec.Needle) {
			t.Errorf("GET /%s: %d %.80q", sec.Path, code, body)
		}
	}
	// A secret that appears in the build folder after the build (written
	// there by something else) is not served either.
	if err := os.WriteFile(filepath.Join(s.out, "late.txt"), []byte("AKIAQWERTYUIOPASDFGH\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _ := get(t, s.URL()+"late.txt"); code != http.StatusNotFound {
		t.Errorf("GET /late.txt holding an AWS key: %d", code)
	}
	if code, _ := get(t, s.URL()+"notes/settings.txt"); code != http.StatusOK {
		t.Errorf("GET /notes/settings.txt: %d", code)
	}
}

// Issue 12, item 16: only Host 127.0.0.1:PORT and localhost:PORT are
// answered, so a page on another site cannot read the preview through DNS
// rebinding.
func TestServeRefusesForeignHost(t *testing.T) {
	s, err := Start(copyCourse(t, "course-in-a-box"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	port := s.port()
	for host, want := range map[string]int{
		"127.0.0.1:" + port:        200,
		"localhost:" + port:        200,
		"LOCALHOST:" + port:        200,
		"[::1]:" + port:            200,
		"evil.example:" + port:     http.StatusMisdirectedRequest,
		"127.0.0.1.nip.io:" + port: http.StatusMisdirectedRequest,
		"127.0.0.1":                http.StatusMisdirectedRequest,
		"localhost:1":              http.StatusMisdirectedRequest,
		"evil.example":             http.StatusMisdirectedRequest,
	} {
		req, _ := http.NewRequest("GET", s.URL(), nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
		if want != 200 && strings.Contains(string(b), "<html") {
			t.Errorf("Host %s got the site", host)
		}
	}
}
