package publish

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/coursewright/coursewright/internal/secretcorpus"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"github.com/coursewright/coursewright/repo"
)

// Issue 12, items 1–4: a course holding every secret seen in the wild is
// published to a real git http-backend; no byte of any secret reaches the
// server (source branch or gh-pages, any object), each one is named in a
// warning, and the rest of the course is published.
func TestPublishLeavesEverySecretOut(t *testing.T) {
	auth := publishEnv(t, "s3cret-token")
	srv := gittest.NewHTTPServer(t, "teacher", "s3cret-token")
	dir := testcorpus.Copy(t, "how-to-talk-about-race")
	r, err := repo.Open(dir, repo.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.SetRemote(srv.URL("race")); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	secrets := secretcorpus.Write(t, c.Dir)
	// A page that is a link into .git, and a page holding a key.
	if err := os.Symlink("../../.git/config", filepath.Join(c.Dir, "modules", "privilege", "git-config.md")); err != nil {
		t.Fatal(err)
	}
	keyPage := filepath.Join(c.Dir, "modules", "privilege", "my-key.md")
	key, _ := os.ReadFile(filepath.Join(c.Dir, "img", "deploy_key"))
	if err := os.WriteFile(keyPage, append([]byte("---\ntitle: Key\n---\n\n"), key...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Reload(); err != nil {
		t.Fatal(err)
	}

	res, err := Publish(context.Background(), c, Options{Auth: auth})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Pushed || !res.SiteChanged {
		t.Fatalf("publish: %+v", res)
	}

	// What was said: every secret named once, with a reason.
	said := map[string]int{}
	for _, s := range res.Skipped {
		if s.Reason == repo.SkipSecret {
			said[s.Path]++
		}
	}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "secrets are never published") {
			said[d.File]++
		}
	}
	for _, s := range secrets {
		if !strings.HasPrefix(s.Path, ".") && said[s.Path] == 0 {
			t.Errorf("%s left out without a warning", s.Path)
		}
		if said[s.Path] > 1 {
			t.Errorf("%s warned about %d times, want once", s.Path, said[s.Path])
		}
	}

	// What the server holds: every object of every branch.
	bare := srv.BareDir("race")
	all := allObjects(t, bare)
	needles := map[string]string{}
	for _, s := range secrets {
		needles[s.Needle] = s.Path
	}
	needles[strings.Split(string(key), "\n")[1]] = "modules/privilege/my-key.md"
	needles["cw-extraheader-secret"] = "modules/privilege/git-config.md"
	for n, p := range needles {
		if bytes.Contains(all, []byte(n)) {
			t.Errorf("the server holds bytes of %s (%q)", p, n)
		}
	}
	// The rest of the course went out.
	site := clone(t, bare, "gh-pages")
	for _, f := range []string{"index.html", "modules/privilege/checkin/index.html", "notes/settings.txt", "notes/env-sample.cfg"} {
		f = strings.TrimSuffix(f, ".md") + map[bool]string{true: "/index.html", false: ""}[strings.HasSuffix(f, ".md")]
		if _, err := os.Stat(filepath.Join(site, f)); err != nil {
			t.Errorf("gh-pages lacks %s", f)
		}
	}
	for _, s := range secrets {
		if _, err := os.Lstat(filepath.Join(site, s.Path)); err == nil {
			t.Errorf("gh-pages has %s", s.Path)
		}
	}
}

// allObjects is the content of every object in a bare repository.
func allObjects(t *testing.T, bare string) []byte {
	t.Helper()
	cmd := exec.Command("git", "cat-file", "--batch-all-objects", "--batch")
	cmd.Dir = bare
	cmd.Env = gittest.Env(t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git cat-file: %v", err)
	}
	if len(out) < 1000 {
		t.Fatalf("the server holds only %d bytes", len(out))
	}
	return out
}

// Issue 12, item 3: build leaves id_rsa, key.pem, credentials.json and
// every other secret out of _site, says so, and the site holds no links.
func TestBuildLeavesSecretsOut(t *testing.T) {
	c, err := course.Load(testcorpus.Copy(t, "how-to-talk-about-race"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(c.Dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(c.Dir, ".git", "config"), []byte("[core]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	secrets := secretcorpus.Write(t, c.Dir)
	if err := os.Symlink("notes/settings.txt", filepath.Join(c.Dir, "settings-link.txt")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Reload(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	res := build(t, c, out, BuildOptions{})
	warned := map[string]bool{}
	for _, d := range res.Diagnostics {
		if d.Severity == course.SeverityWarning && strings.Contains(d.Message, "secrets are never published") {
			warned[d.File] = true
		}
	}
	for _, s := range secrets {
		if _, err := os.Lstat(filepath.Join(out, filepath.FromSlash(s.Path))); err == nil {
			t.Errorf("_site has %s", s.Path)
		}
		if !strings.HasPrefix(s.Path, ".") && !warned[s.Path] {
			t.Errorf("no warning names %s", s.Path)
		}
	}
	_ = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("the site holds a link: %s", p)
		}
		return nil
	})
	// A link to an ordinary file is published as a copy of it.
	if b, err := os.ReadFile(filepath.Join(out, "settings-link.txt")); err != nil || !strings.Contains(string(b), "colour=blue") {
		t.Errorf("settings-link.txt: %q %v", b, err)
	}
}
