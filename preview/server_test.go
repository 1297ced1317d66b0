package preview

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coursewright/coursewright/internal/testcorpus"
)

func copyCourse(t *testing.T, name string) string { return testcorpus.Copy(t, name) }

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The preview serves the built site, and an edit to a page on disk shows
// up in the served page within a second.
func TestServeRebuildsOnChange(t *testing.T) {
	dir := copyCourse(t, "course-in-a-box")
	s, err := Start(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Fatalf("url %s", s.URL())
	}
	page := s.URL() + "modules/setup/getting-started/"
	code, body := get(t, page)
	if code != 200 || !strings.Contains(body, "<title>") || !strings.Contains(body, "/__coursewright/live.js") {
		t.Fatalf("GET %s: %d\n%.300s", page, code, body)
	}

	// A browser tab listens for reloads.
	resp, err := http.Get(s.URL() + "__coursewright/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	if line, _ := events.ReadString('\n'); line != "event: hello\n" {
		t.Fatalf("first event line %q", line)
	}

	file := filepath.Join(dir, "modules/setup/_posts/2000-01-01-getting-started.md")
	b, _ := os.ReadFile(file)
	edited := strings.Replace(string(b), "\n---\n", "\n---\n\nFreshly typed sentence for the preview test.\n\n", 1)
	start := time.Now()
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	for {
		_, body = get(t, page)
		if strings.Contains(body, "Freshly typed sentence") {
			break
		}
		if time.Since(start) > time.Second {
			t.Fatalf("edit not served within 1 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("edit served after %s", time.Since(start))
	reload := make(chan string, 1)
	go func() {
		for {
			line, err := events.ReadString('\n')
			if err != nil || strings.HasPrefix(line, "event: reload") {
				reload <- line
				return
			}
		}
	}()
	select {
	case line := <-reload:
		if !strings.HasPrefix(line, "event: reload") {
			t.Errorf("no reload event: %q", line)
		}
	case <-time.After(2 * time.Second):
		t.Error("no reload event sent to the open tab")
	}
}

func TestServeRefusesNonLoopback(t *testing.T) {
	dir := copyCourse(t, "course-in-a-box")
	for _, host := range []string{"0.0.0.0", "192.0.2.1", "example.org"} {
		if _, err := Start(dir, Options{Host: host}); !errors.Is(err, ErrNotLoopback) {
			t.Errorf("host %s: err = %v, want ErrNotLoopback", host, err)
		}
	}
	for _, host := range []string{"localhost", "::1"} {
		if !isLoopback(host) {
			t.Errorf("%s should count as loopback", host)
		}
	}
}

func TestServeShowsDiagnosticsOverlay(t *testing.T) {
	dir := copyCourse(t, "course-in-a-box")
	s, err := Start(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// course-in-a-box has missing images (see its SOURCE.txt): warnings.
	_, body := get(t, s.URL())
	if !strings.Contains(body, `id="cw-diagnostics"`) || !strings.Contains(body, "warning:") {
		t.Errorf("no diagnostics overlay in\n%.500s", body)
	}
}
