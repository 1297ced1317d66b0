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

func TestSaveVersionMakesTheFolderARepository(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 8)
	r := newRepo(t, dir)
	if r.IsRepository() {
		t.Fatal("a plain folder reported as a repository")
	}
	if v, err := r.History(context.Background(), 0); err != nil || len(v) != 0 {
		t.Fatalf("History before the first save = %v, %v; want empty", v, err)
	}

	h, rep, err := r.SaveVersion(context.Background(), SaveOptions{Message: "First version"})
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 40 {
		t.Fatalf("hash %q", h)
	}
	if got := strings.TrimSpace(gittest.Git(t, dir, "symbolic-ref", "HEAD")); got != "refs/heads/main" {
		t.Errorf("HEAD = %s, want refs/heads/main", got)
	}
	if got := strings.TrimSpace(gittest.Git(t, dir, "rev-parse", "HEAD")); got != h {
		t.Errorf("git rev-parse HEAD = %s, SaveVersion returned %s", got, h)
	}
	ignore := readFile(t, filepath.Join(dir, ".gitignore"))
	for _, want := range []string{"_site/", ".coursewright/", "*.swp", "*~", ".DS_Store"} {
		if !strings.Contains(ignore, want+"\n") {
			t.Errorf(".gitignore lacks %q:\n%s", want, ignore)
		}
	}
	files := lsTree(t, dir, "HEAD")
	if len(files) != 8+4 { // pages + _config.yml, course.yml, index.md, .gitignore
		t.Errorf("version holds %d files, want 12: %v", len(files), files)
	}
	if len(rep.Added) != 12 || len(rep.Modified)+len(rep.Deleted) != 0 {
		t.Errorf("report: %+v", rep)
	}
	// The index Coursewright wrote is git's: nothing staged, nothing dirty.
	if st := gittest.Git(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("git status after a save:\n%s", st)
	}
	fsck(t, dir)

	if _, _, err := r.SaveVersion(context.Background(), SaveOptions{}); !errors.Is(err, ErrNothingToSave) {
		t.Fatalf("second save without changes: %v, want ErrNothingToSave", err)
	}

	writeFiles(t, dir, map[string]string{"index.md": "Changed.\n", "about.md": "About.\n"})
	os.Remove(filepath.Join(dir, "modules/m0/_posts/2020-01-01-page-000.md"))
	_, rep, err = r.SaveVersion(context.Background(), SaveOptions{Message: "Second"})
	if err != nil {
		t.Fatal(err)
	}
	if !equalLists(rep.Added, []string{"about.md"}) || !equalLists(rep.Modified, []string{"index.md"}) ||
		!equalLists(rep.Deleted, []string{"modules/m0/_posts/2020-01-01-page-000.md"}) {
		t.Errorf("report after edits: %+v", rep)
	}
	if st := gittest.Git(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("git status after the second save:\n%s", st)
	}
	if n := strings.Count(gittest.Git(t, dir, "log", "--oneline"), "\n"); n != 2 {
		t.Errorf("git log shows %d versions, want 2", n)
	}
	fsck(t, dir)
}

func TestSaveVersionAuthor(t *testing.T) {
	home := isolate(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"index.md": "a\n"})
	r, err := Open(dir, Options{DefaultAuthor: Author{Name: "App User", Email: "app@example.org"}})
	if err != nil {
		t.Fatal(err)
	}
	save(t, r, "v1")
	if got := gittest.Git(t, dir, "log", "-1", "--format=%an <%ae>"); got != "App User <app@example.org>\n" {
		t.Errorf("without git config the author is %q, want the app's", got)
	}

	writeFiles(t, home, map[string]string{".gitconfig": "[user]\n\tname = Ada Lovelace\n\temail = ada@example.org\n"})
	writeFiles(t, dir, map[string]string{"index.md": "b\n"})
	save(t, r, "v2")
	if got := gittest.Git(t, dir, "log", "-1", "--format=%an <%ae>"); got != "Ada Lovelace <ada@example.org>\n" {
		t.Errorf("with ~/.gitconfig the author is %q, want the user's", got)
	}

	writeFiles(t, dir, map[string]string{"index.md": "c\n"})
	if _, _, err := r.SaveVersion(context.Background(), SaveOptions{Message: "v3", Author: Author{Name: "Grace", Email: "grace@example.org"}}); err != nil {
		t.Fatal(err)
	}
	if got := gittest.Git(t, dir, "log", "-1", "--format=%an <%ae> %s"); got != "Grace <grace@example.org> v3\n" {
		t.Errorf("explicit author: %q", got)
	}
}

func TestSaveVersionPaths(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 4)
	r := newRepo(t, dir)
	save(t, r, "v1")
	writeFiles(t, dir, map[string]string{
		"index.md": "home changed\n",
		"modules/m1/_posts/2020-01-02-page-001.md": "page changed\n",
	})
	_, rep, err := r.SaveVersion(context.Background(), SaveOptions{Message: "only m1", Paths: []string{"modules/m1"}})
	if err != nil {
		t.Fatal(err)
	}
	if !equalLists(rep.Modified, []string{"modules/m1/_posts/2020-01-02-page-001.md"}) || len(rep.Added)+len(rep.Deleted) != 0 {
		t.Errorf("report: %+v", rep)
	}
	if st := gittest.Git(t, dir, "status", "--porcelain"); st != " M index.md\n" {
		t.Errorf("index.md should still be unsaved; git status:\n%s", st)
	}
	if _, _, err := r.SaveVersion(context.Background(), SaveOptions{Paths: []string{"../outside"}}); err == nil {
		t.Error("a path outside the course was accepted")
	}
}

// TestSecretsAndStraysLeftOut: what must never be saved (and so never
// published) is left out of the version and listed in the report.
func TestSecretsAndStraysLeftOut(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	outside := t.TempDir()
	makeCourse(t, dir, 2)
	writeFiles(t, dir, map[string]string{
		".env":                "TOKEN=abc\n",
		".env.local":          "TOKEN=abc\n",
		"key.pem":             "-----BEGIN PRIVATE KEY-----\n",
		"id_ed25519":          "-----BEGIN OPENSSH PRIVATE KEY-----\n",
		"img/id_card.png":     "not a key, an image whose name starts with id_\n",
		"notes/backup.txt":    "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n",
		"_site/index.html":    "<html>built</html>\n",
		".coursewright/state": "{}\n",
		"modules/m0/page.swp": "editor swap\n",
		"modules/m0/page.md~": "editor backup\n",
	})
	writeFiles(t, outside, map[string]string{"secret.txt": "outside\n", "dir/x.txt": "x\n"})
	big, err := os.Create(filepath.Join(dir, "video.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(60 << 20); err != nil { // sparse: 60 MB that take no disk
		t.Fatal(err)
	}
	big.Close()
	must(t, os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "linked-secret.txt")))
	must(t, os.Symlink("../../"+filepath.Base(outside), filepath.Join(dir, "img", "outdir")))
	must(t, os.Symlink(filepath.Join(outside, "dir"), filepath.Join(dir, "outdir-abs")))
	must(t, os.Symlink("index.md", filepath.Join(dir, "home.md"))) // inside: kept, as a link

	r := newRepo(t, dir)
	_, rep, err := r.SaveVersion(context.Background(), SaveOptions{Message: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	files := lsTree(t, dir, "HEAD")
	for _, bad := range []string{".env", ".env.local", "key.pem", "id_ed25519", "notes/backup.txt", "_site/index.html",
		".coursewright/state", "video.mp4", "linked-secret.txt", "img/outdir", "outdir-abs",
		"modules/m0/page.swp", "modules/m0/page.md~"} {
		for _, f := range files {
			if f == bad {
				t.Errorf("%s was saved in the version", bad)
			}
		}
	}
	for _, good := range []string{"img/id_card.png", "home.md", "index.md"} {
		found := false
		for _, f := range files {
			found = found || f == good
		}
		if !found {
			t.Errorf("%s is missing from the version: %v", good, files)
		}
	}
	if mode := strings.Fields(gittest.Git(t, dir, "ls-tree", "HEAD", "home.md"))[0]; mode != "120000" {
		t.Errorf("home.md saved with mode %s, want a link (120000)", mode)
	}
	want := map[string]SkipReason{
		".env": SkipSecret, ".env.local": SkipSecret, "key.pem": SkipSecret, "id_ed25519": SkipSecret,
		"notes/backup.txt": SkipSecret, "_site/": SkipBuildOutput, ".coursewright/": SkipAppData,
		"video.mp4": SkipTooLarge, "linked-secret.txt": SkipOutsideLink, "img/outdir": SkipOutsideLink,
		"outdir-abs": SkipOutsideLink,
	}
	got := map[string]SkipReason{}
	for _, s := range rep.Skipped {
		got[s.Path] = s.Reason
	}
	for p, why := range want {
		if got[p] != why {
			t.Errorf("report for %s: %q, want %q", p, got[p], why)
		}
	}
	if len(got) != len(want) {
		t.Errorf("report lists %d skipped, want %d: %v", len(got), len(want), rep.Skipped)
	}

	// _site/ stays out even when git was told to track it and the
	// .gitignore no longer lists it.
	writeFiles(t, dir, map[string]string{".gitignore": "# nothing\n"})
	gittest.Git(t, dir, "add", "-f", "_site/index.html")
	gittest.Git(t, dir, "commit", "-q", "-m", "someone committed the built site")
	if _, _, err := r.SaveVersion(context.Background(), SaveOptions{Message: "v2"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range lsTree(t, dir, "HEAD") {
		if strings.HasPrefix(f, "_site/") || f == ".env" {
			t.Errorf("%s is in the saved version", f)
		}
	}
	fsck(t, dir)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestGitCLIInterop: the repository stays a normal one: git can commit in
// it between Coursewright saves, and Coursewright reads git's index
// (with its cache-tree extension) and keeps files git tracks even when
// .gitignore matches them.
func TestGitCLIInterop(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 3)
	r := newRepo(t, dir)
	save(t, r, "v1")

	writeFiles(t, dir, map[string]string{"cli.md": "by git\n", "build.log": "tracked on purpose\n"})
	writeFiles(t, dir, map[string]string{".gitignore": readFile(t, filepath.Join(dir, ".gitignore")) + "*.log\n"})
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "add", "-f", "build.log")
	gittest.Git(t, dir, "commit", "-q", "-m", "from the command line")

	writeFiles(t, dir, map[string]string{"cw.md": "by coursewright\n", "build.log": "changed\n", "other.log": "ignored\n"})
	_, rep, err := r.SaveVersion(context.Background(), SaveOptions{Message: "v3"})
	if err != nil {
		t.Fatal(err)
	}
	if !equalLists(rep.Added, []string{"cw.md"}) || !equalLists(rep.Modified, []string{"build.log"}) {
		t.Errorf("report: %+v", rep)
	}
	if st := gittest.Git(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("git status:\n%s", st)
	}
	gittest.Git(t, dir, "commit", "-q", "--allow-empty", "-m", "git still commits")
	if n := strings.Count(gittest.Git(t, dir, "log", "--oneline"), "\n"); n != 4 {
		t.Errorf("%d versions, want 4", n)
	}
	fsck(t, dir)
}
