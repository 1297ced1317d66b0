package adapt_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"github.com/coursewright/coursewright/publish"
	"github.com/coursewright/coursewright/repo"
	"github.com/zalando/go-keyring"
)

const (
	testUser  = "teacher"
	testToken = "right-token-5e1f"
)

// isolate gives the test its own home and git identity, the server's
// token in the environment, and no keychain or credential helper.
func isolate(t *testing.T) *repo.Auth {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_AUTHOR_NAME", "Adapter")
	t.Setenv("GIT_AUTHOR_EMAIL", "adapter@example.org")
	t.Setenv(repo.TokenEnv, testToken)
	t.Setenv(repo.UserEnv, testUser)
	keyring.MockInit()
	return &repo.Auth{NoCredentialHelper: true, NoKeyring: true, NoSSHAgent: true}
}

// source is a course in a bare repository on a real git http-backend, and
// a working copy to change it from with the git CLI.
type source struct {
	url, bare, work, branch string
}

// pushCourse commits the folder src to branch of a new bare repository
// name on srv (its HEAD names that branch) and returns it.
func pushCourse(t *testing.T, srv *gittest.Server, name, src, branch string) *source {
	t.Helper()
	s := &source{url: srv.URL(name), bare: srv.BareDir(name), work: filepath.Join(t.TempDir(), name), branch: branch}
	testcorpus.CopyTree(t, src, s.work)
	gittest.Git(t, s.work, "init", "-q", "-b", branch)
	gittest.Git(t, s.work, "add", "-A")
	gittest.Git(t, s.work, "commit", "-qm", "The course")
	gittest.Git(t, s.work, "push", "-q", s.bare, branch)
	gittest.Git(t, s.bare, "symbolic-ref", "HEAD", "refs/heads/"+branch)
	return s
}

// head is the commit the source's branch is at on the server.
func (s *source) head(t *testing.T) string {
	return strings.TrimSpace(gittest.Git(t, s.bare, "rev-parse", s.branch))
}

// change rewrites files of the source and pushes them as a new commit.
func (s *source) change(t *testing.T, files map[string]func(string) string) {
	t.Helper()
	for p, f := range files {
		full := filepath.Join(s.work, filepath.FromSlash(p))
		old, _ := os.ReadFile(full)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(f(string(old))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gittest.Git(t, s.work, "add", "-A")
	gittest.Git(t, s.work, "commit", "-qm", "Source changes")
	gittest.Git(t, s.work, "push", "-q", s.bare, s.branch)
}

func load(t *testing.T, dir string) *course.Course {
	t.Helper()
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func buildSite(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	res, err := publish.Build(context.Background(), load(t, dir), out, publish.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "changes made to the adapted course") {
			t.Errorf("build: %v", d)
		}
	}
	return out
}

// corpusCases: the content license and authors each corpus course states
// (its SOURCE.txt), the branch its source is kept on, and how its authors
// are joined in an English sentence.
var corpusCases = []struct {
	name, license, branch, authors string
}{
	{"ECS154B", "CC-BY-4.0", "main", "Jason Lowe-Power"},
	{"course-in-a-box", "CC-BY-SA-4.0", "gh-pages", "P2PU"},
	{"how-to-talk-about-race", "CC-BY-SA-4.0", "gh-pages", "Amrita Patel and Denise LaForce"},
	{"we-are-ai", "CC-BY-SA-4.0", "gh-pages", "NYU, P2PU and QPL"},
}

// TestAdaptCorpusOverHTTP adapts every corpus course from a bare
// repository served by git http-backend: the license is found (not the
// template's MIT), based_on is complete, the source is the upstream
// remote, and the built site credits the original in its footer and on
// its attributions page.
func TestAdaptCorpusOverHTTP(t *testing.T) {
	auth := isolate(t)
	srv := gittest.NewHTTPServer(t, testUser, testToken)
	ctx := context.Background()
	for _, tc := range corpusCases {
		t.Run(tc.name, func(t *testing.T) {
			src := pushCourse(t, srv, tc.name, filepath.Join(testcorpus.Dir(t), tc.name), tc.branch)
			sourceTitle := load(t, src.work).Title()
			dir := filepath.Join(t.TempDir(), "adapted")
			res, err := adapt.Adapt(ctx, src.url, dir, adapt.Options{Auth: auth})
			if err != nil {
				t.Fatal(err)
			}
			if res.Kind != adapt.SourceGit || res.Detection.ID != tc.license || res.License != tc.license {
				t.Errorf("kind %s, detected %s, chosen %s; want %s", res.Kind, res.Detection.ID, res.License, tc.license)
			}
			if res.Branch != tc.branch {
				t.Errorf("branch %q", res.Branch)
			}

			m := load(t, dir).Meta()
			b := m.BasedOn
			if b == nil {
				t.Fatal("no based_on")
			}
			want := course.BasedOn{Title: sourceTitle, URL: src.url, Commit: src.head(t), License: tc.license}
			if b.Title != want.Title || b.URL != want.URL || b.Commit != want.Commit || b.License != want.License {
				t.Errorf("based_on %+v, want %+v", *b, want)
			}
			if len(b.Authors) == 0 {
				t.Error("based_on names no authors")
			}
			if m.License != tc.license {
				t.Errorf("license %q", m.License)
			}
			if got := strings.TrimSpace(gittest.Git(t, dir, "remote", "get-url", "upstream")); got != src.url {
				t.Errorf("upstream remote %q", got)
			}
			if out, _, err := gittest.RunGit(t, dir, nil, "remote", "get-url", "origin"); err == nil {
				t.Errorf("origin is set: %s", out)
			}
			// The adaptation is saved on top of the source's history.
			if got := strings.TrimSpace(gittest.Git(t, dir, "rev-parse", "HEAD~1")); got != want.Commit {
				t.Errorf("HEAD~1 = %s, want the adapted commit", got)
			}
			if st := gittest.Git(t, dir, "status", "--porcelain"); strings.TrimSpace(st) != "" {
				t.Errorf("unsaved after adapting:\n%s", st)
			}

			// The site credits the original: title, authors, link, license.
			out := buildSite(t, dir)
			licenseURL := map[string]string{"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/", "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/"}[tc.license]
			for _, f := range []string{"index.html", "attributions/index.html"} {
				doc := readFile(t, filepath.Join(out, f))
				for _, s := range []string{`href="` + src.url + `"`, tc.authors, `href="` + licenseURL + `"`, escapeTitle(sourceTitle)} {
					if !strings.Contains(doc, s) {
						t.Errorf("%s lacks %q", f, s)
					}
				}
				if !strings.Contains(doc, "no changes yet") {
					t.Errorf("%s does not say what changed", f)
				}
			}
		})
	}
}

// escapeTitle is a title as html/template writes it in text.
func escapeTitle(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", `"`, "&#34;").Replace(s)
}

// TestChanges: what the adapter changes is summed up — modules and pages
// added, removed and edited — on the site too.
func TestChanges(t *testing.T) {
	auth := isolate(t)
	srv := gittest.NewHTTPServer(t, testUser, testToken)
	ctx := context.Background()
	src := pushCourse(t, srv, "race", filepath.Join(testcorpus.Dir(t), "how-to-talk-about-race"), "gh-pages")
	dir := filepath.Join(t.TempDir(), "adapted")
	if _, err := adapt.Adapt(ctx, src.url, dir, adapt.Options{Auth: auth, Title: "Talking About Race at Our Library"}); err != nil {
		t.Fatal(err)
	}
	c := load(t, dir)
	checkin := "modules/privilege/_posts/2000-01-01-checkin.md"
	p := c.PageByPath(checkin)
	p.SetBody(p.Body() + "\nAt our library, we start with tea.\n")
	for _, e := range []course.Edit{
		course.AddModule{Title: "Local Resources"},
		course.RemovePage{Module: "privilege", Slug: "reflection"},
	} {
		if _, err := c.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	ch, err := adapt.Changes(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.ModulesAdded) != 1 || ch.ModulesAdded[0].Title != "Local Resources" || ch.ModulesAdded[0].Pages != 1 {
		t.Errorf("modules added %+v", ch.ModulesAdded)
	}
	if len(ch.PagesEdited) != 1 || ch.PagesEdited[0].Path != checkin {
		t.Errorf("pages edited %+v", ch.PagesEdited)
	}
	if len(ch.PagesRemoved) != 1 || !strings.Contains(ch.PagesRemoved[0].Path, "reflection") {
		t.Errorf("pages removed %+v", ch.PagesRemoved)
	}
	if ch.TitleFrom != "How to Talk About Race" || len(ch.PagesAdded) != 0 || len(ch.ModulesRemoved) != 0 {
		t.Errorf("changes %+v", ch)
	}
	sum := ch.Summary()
	for _, s := range []string{"Renamed from “How to Talk About Race”", "added the module “Local Resources” (1 page)", "edited 1 page", "removed 1 page"} {
		if !strings.Contains(sum, s) {
			t.Errorf("summary %q lacks %q", sum, s)
		}
	}
	out := buildSite(t, dir)
	footer := readFile(t, filepath.Join(out, "index.html"))
	if !strings.Contains(footer, "Changes: renamed from “How to Talk About Race”; added the module “Local Resources” (1 page); edited 1 page; removed 1 page.") {
		t.Errorf("footer does not list the changes")
	}
	page := readFile(t, filepath.Join(out, "attributions", "index.html"))
	if !strings.Contains(page, "<li>edited 1 page (Check-in)</li>") && !strings.Contains(page, "<li>edited 1 page (") {
		t.Errorf("attributions page does not name the edited page")
	}
}

// TestAdaptLicenseMatrix: the source's license decides.
func TestAdaptLicenseMatrix(t *testing.T) {
	isolate(t)
	ctx := context.Background()
	mk := func(data string) string {
		dir := filepath.Join(t.TempDir(), "src")
		writeFile(t, filepath.Join(dir, "_data", "course.yml"), data)
		writeFile(t, filepath.Join(dir, "modules", "intro", "_posts", "2000-01-01-hello.md"), "---\ntitle: Hello\n---\nHi.\n")
		return dir
	}
	nd := mk("title: Closed\nmodules: [intro]\nlicense: CC-BY-ND-4.0\nauthors: [Ann]\n")
	dir := filepath.Join(t.TempDir(), "x")
	_, err := adapt.Adapt(ctx, nd, dir, adapt.Options{})
	if !errors.Is(err, adapt.ErrNoDerivatives) {
		t.Fatalf("ND: %v", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("a refused adaptation left its folder behind")
	}

	none := mk("title: Unlicensed\nmodules: [intro]\n")
	if _, err := adapt.Adapt(ctx, none, dir, adapt.Options{}); !errors.Is(err, adapt.ErrNoLicense) || !strings.Contains(err.Error(), "--i-have-permission") {
		t.Fatalf("no license: %v", err)
	}
	res, err := adapt.Adapt(ctx, none, dir, adapt.Options{IHavePermission: true, License: "CC-BY-4.0"})
	if err != nil {
		t.Fatal(err)
	}
	if res.License != "CC-BY-4.0" || res.Kind != adapt.SourceFolder {
		t.Errorf("with permission: %+v", res)
	}
	// A folder source: its state becomes the first version, which
	// based_on.commit names; there is no upstream remote.
	m := load(t, dir).Meta()
	if m.BasedOn == nil || m.BasedOn.Commit == "" || m.BasedOn.URL != none || m.BasedOn.License != "" {
		t.Errorf("based_on %+v", m.BasedOn)
	}
	if got := strings.TrimSpace(gittest.Git(t, dir, "rev-list", "--max-parents=0", "HEAD")); got != m.BasedOn.Commit {
		t.Errorf("based_on.commit %s is not the first version %s", m.BasedOn.Commit, got)
	}
	if _, _, err := gittest.RunGit(t, dir, nil, "remote", "get-url", "upstream"); err == nil {
		t.Error("a folder source got an upstream remote")
	}

	sa := mk("title: Shared\nmodules: [intro]\nlicense: CC-BY-SA-4.0\nauthors: [Ann, Bo]\n")
	if _, err := adapt.Adapt(ctx, sa, filepath.Join(t.TempDir(), "y"), adapt.Options{License: "CC-BY-4.0"}); !errors.Is(err, adapt.ErrLicenseNotAllowed) {
		t.Fatalf("BY-SA to BY: %v", err)
	}
	res, err = adapt.Adapt(ctx, sa, filepath.Join(t.TempDir(), "z"), adapt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m = load(t, res.Dir).Meta()
	if m.License != "CC-BY-SA-4.0" || !slices.Equal(m.BasedOn.Authors, []string{"Ann", "Bo"}) || len(m.Authors) != 0 {
		t.Errorf("license %s, based_on.authors %v, authors %v", m.License, m.BasedOn.Authors, m.Authors)
	}

	// Only the template's MIT license: the course itself is unlicensed.
	mit := mk("title: Template only\nmodules: [intro]\n")
	writeFile(t, filepath.Join(mit, "LICENSE"), "MIT License\n\nCopyright (c) 2020 Peer 2 Peer University\n")
	if _, err := adapt.Adapt(ctx, mit, filepath.Join(t.TempDir(), "m"), adapt.Options{}); !errors.Is(err, adapt.ErrNoLicense) || !strings.Contains(err.Error(), "software license (MIT, in LICENSE:1)") {
		t.Errorf("MIT only: %v", err)
	}

	// The template's MIT license beside a footer that licenses the site
	// under the Apache license, written in capitals over two lines: the
	// course is Apache-2.0 and may be adapted.
	apache := mk("title: Apache course\nmodules: [intro]\n")
	writeFile(t, filepath.Join(apache, "LICENSE"), "MIT License\n\nCopyright (c) 2020 Peer 2 Peer University\n")
	writeFile(t, filepath.Join(apache, "_includes", "footer.html"), "<footer>\n<p>LICENSED UNDER THE APACHE LICENSE,\nVERSION 2.0</p>\n</footer>\n")
	ares, err := adapt.Adapt(ctx, apache, filepath.Join(t.TempDir(), "apache"), adapt.Options{})
	if err != nil {
		t.Fatalf("Apache-2.0 course: %v", err)
	}
	if ares.Detection.ID != "Apache-2.0" || load(t, ares.Dir).Meta().BasedOn.License != "Apache-2.0" {
		t.Errorf("Apache-2.0 course: detected %+v", ares.Detection)
	}

	// An adaptation of an adaptation: the new based_on replaces the old,
	// whose credit the adapter is told to keep.
	second, firstDir := filepath.Join(t.TempDir(), "second"), res.Dir
	res, err = adapt.Adapt(ctx, firstDir, second, adapt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m = load(t, second).Meta()
	if m.BasedOn.Title != "Shared" || m.BasedOn.URL != firstDir || res.Kind != adapt.SourceGit {
		t.Errorf("based_on of the second adaptation %+v (%s)", m.BasedOn, res.Kind)
	}
	if len(res.Warnings) == 0 || !strings.Contains(strings.Join(res.Warnings, "\n"), "is itself adapted from “Shared”") {
		t.Errorf("warnings %q", res.Warnings)
	}

	// Not empty: refused before anything is written.
	full := t.TempDir()
	writeFile(t, filepath.Join(full, "mine.txt"), "mine")
	if _, err := adapt.Adapt(ctx, sa, full, adapt.Options{}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("non-empty folder: %v", err)
	}
	if readFile(t, filepath.Join(full, "mine.txt")) != "mine" {
		t.Error("the folder was changed")
	}
}
