package publish

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"github.com/coursewright/coursewright/repo"
)

// hostCourse copies a corpus course into a repository whose remote is the
// test server's repository name.
func hostCourse(t *testing.T, name, remote string) *course.Course {
	t.Helper()
	dir := testcorpus.Copy(t, name)
	r, err := repo.Open(dir, repo.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.SetRemote(remote); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// serverBranches lists the branches of a bare repository.
func serverBranches(t *testing.T, bare string) []string {
	t.Helper()
	out := gittest.Git(t, bare, "for-each-ref", "--format=%(refname:short)", "refs/heads/")
	bs := strings.Fields(out)
	slices.Sort(bs)
	return bs
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// Publishing a corpus course as each kind of host puts the site where
// that host serves it, with the host's files and no other host's, and
// leaves the source branch as it was.
func TestPublishPerHost(t *testing.T) {
	auth := publishEnv(t, "tok")
	srv := gittest.NewHTTPServer(t, "teacher", "tok")
	cases := []struct {
		kind         HostKind
		domain       string
		branch       string   // the site branch on the server
		want, absent []string // files of the site branch
		url          string   // the address promised; %s: the repository's name
	}{
		{HostGitHub, "", "gh-pages", []string{".nojekyll"}, []string{"CNAME", ".gitlab-ci.yml", ".domains"}, "https://library.github.io/%s/"},
		{HostGitHub, "learn.example.org", "gh-pages", []string{".nojekyll", "CNAME"}, []string{".gitlab-ci.yml", ".domains"}, "https://learn.example.org/"},
		{HostGitLab, "", "pages", []string{".gitlab-ci.yml"}, []string{".nojekyll", "CNAME", ".domains"}, "https://library.gitlab.io/%s/"},
		{HostCodeberg, "", "pages", nil, []string{".nojekyll", "CNAME", ".gitlab-ci.yml", ".domains"}, "https://library.codeberg.page/%s/"},
		{HostCodeberg, "learn.example.org", "pages", []string{".domains"}, []string{".nojekyll", "CNAME", ".gitlab-ci.yml"}, "https://learn.example.org/"},
		{HostForgejo, "", "pages", nil, []string{".nojekyll", "CNAME", ".gitlab-ci.yml", ".domains"}, ""},
		{HostNone, "", "gh-pages", nil, []string{".nojekyll", "CNAME", ".gitlab-ci.yml", ".domains"}, ""},
	}
	for i, tc := range cases {
		t.Run(string(tc.kind)+tc.domain, func(t *testing.T) {
			repoName := "race" + string(rune('a'+i))
			name := "library/" + repoName
			c := hostCourse(t, "how-to-talk-about-race", srv.URL(name))
			res, err := Publish(context.Background(), c, Options{Auth: auth, Host: tc.kind, Domain: tc.domain})
			if err != nil {
				t.Fatal(err)
			}
			if res.Branch != tc.branch || res.Host.Kind != tc.kind || !res.Pushed || !res.SiteChanged {
				t.Errorf("result %+v", res)
			}
			want := []string{tc.branch, "main"}
			slices.Sort(want)
			if got := serverBranches(t, srv.BareDir(name)); !slices.Equal(got, want) {
				t.Errorf("server branches %v, want %v", got, want)
			}
			site := clone(t, srv.BareDir(name), tc.branch)
			for _, f := range append([]string{"index.html", "modules/privilege/checkin/index.html"}, tc.want...) {
				if !exists(filepath.Join(site, f)) {
					t.Errorf("%s lacks %s", tc.branch, f)
				}
			}
			for _, f := range tc.absent {
				if exists(filepath.Join(site, f)) {
					t.Errorf("%s has %s, which %s does not use", tc.branch, f, tc.kind)
				}
			}
			if tc.domain != "" {
				for _, f := range []string{"CNAME", ".domains"} {
					if b, err := os.ReadFile(filepath.Join(site, f)); err == nil && string(b) != tc.domain+"\n" {
						t.Errorf("%s = %q", f, b)
					}
				}
			}
			src := clone(t, srv.BareDir(name), "main")
			if !exists(filepath.Join(src, "_data/course.yml")) || exists(filepath.Join(src, "index.html")) || exists(filepath.Join(src, ".gitlab-ci.yml")) {
				t.Error("the source branch holds built files or lost its own")
			}
			if want := strings.ReplaceAll(tc.url, "%s", repoName); res.URL != want {
				t.Errorf("URL %q, want %q", res.URL, want)
			}
			if tc.kind == HostGitLab {
				checkGitLabPages(t, site, tc.branch)
			}
			// The choice is kept: publishing again without naming the
			// host goes to the same place and, nothing having changed,
			// sends nothing.
			if h := HostOf(c.Dir); h.Kind != tc.kind {
				t.Errorf("HostOf = %s after publishing to %s", h.Kind, tc.kind)
			}
			again, err := Publish(context.Background(), c, Options{Auth: auth, Domain: tc.domain})
			if err != nil {
				t.Fatal(err)
			}
			if again.Host.Kind != tc.kind || again.Branch != tc.branch || again.Pushed || again.SiteChanged {
				t.Errorf("publishing again: %+v", again)
			}
		})
	}
}

// gitlabCI is the part of .gitlab-ci.yml GitLab Pages depends on.
type gitlabCI struct {
	Workflow struct {
		Rules []map[string]any `yaml:"rules"`
	} `yaml:"workflow"`
	Pages *struct {
		Stage     string   `yaml:"stage"`
		Image     string   `yaml:"image"`
		Script    []string `yaml:"script"`
		Artifacts struct {
			Paths []string `yaml:"paths"`
		} `yaml:"artifacts"`
		Rules []map[string]any `yaml:"rules"`
	} `yaml:"pages"`
}

// checkGitLabPages parses the site branch's .gitlab-ci.yml as GitLab does
// (YAML) and runs its pages job's script with plain sh in the checkout:
// it must leave the site in public/.
func checkGitLabPages(t *testing.T, site, branch string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(site, ".gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var ci gitlabCI
	if err := yaml.Unmarshal(data, &ci); err != nil {
		t.Fatalf(".gitlab-ci.yml is not YAML: %v", err)
	}
	var top map[string]any
	_ = yaml.Unmarshal(data, &top)
	for k := range top {
		if k != "workflow" && k != "pages" {
			t.Errorf(".gitlab-ci.yml has a job %q besides pages", k)
		}
	}
	if ci.Pages == nil {
		t.Fatal(".gitlab-ci.yml has no job named pages")
	}
	if !slices.Equal(ci.Pages.Artifacts.Paths, []string{"public"}) {
		t.Errorf("pages artifacts %v, want [public]", ci.Pages.Artifacts.Paths)
	}
	if strings.Contains(strings.ToLower(ci.Pages.Image), "ruby") {
		t.Errorf("the pages job runs in %s", ci.Pages.Image)
	}
	rule := `$CI_COMMIT_BRANCH == "` + branch + `"`
	for what, rules := range map[string][]map[string]any{"workflow": ci.Workflow.Rules, "pages": ci.Pages.Rules} {
		if len(rules) != 1 || rules[0]["if"] != rule || len(rules[0]) != 1 {
			t.Errorf("%s rules %v, want only if: %s", what, rules, rule)
		}
	}
	script := strings.Join(ci.Pages.Script, "\n")
	for _, banned := range []string{"bundle", "jekyll", "gem ", "apk ", "apt", "curl", "wget", "npm"} {
		if strings.Contains(script, banned) {
			t.Errorf("the pages script runs %q", banned)
		}
	}
	cmd := exec.Command("sh", "-e", "-c", script)
	cmd.Dir = site
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pages script: %v\n%s", err, out)
	}
	for _, f := range []string{"public/index.html", "public/modules/privilege/checkin/index.html", "public/assets"} {
		if !exists(filepath.Join(site, f)) {
			t.Errorf("the pages job left no %s", f)
		}
	}
	for _, f := range []string{"public/.git", "public/.gitlab-ci.yml", "public/public"} {
		if exists(filepath.Join(site, f)) {
			t.Errorf("the pages job published %s", f)
		}
	}
}

// GitLab serves the site at owner.gitlab.io/name/ and Codeberg at
// owner.codeberg.page/name/: served under such a path, every page's
// links, styles, scripts and images resolve and none leaves the path.
func TestSiteWorksUnderHostPath(t *testing.T) {
	site := t.TempDir()
	for _, name := range testcorpus.Courses {
		t.Run(name, func(t *testing.T) {
			c, err := course.Load(testcorpus.Copy(t, name))
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(site, name)
			if _, err := Build(context.Background(), c, out, BuildOptions{}); err != nil {
				t.Fatal(err)
			}
			for _, prefix := range []string{"/" + name + "/", "/course/"} {
				crawlUnder(t, out, prefix)
			}
		})
	}
}

// crawlUnder serves dir at prefix and follows every internal address from
// the home page: each must be found, and stay under prefix.
func crawlUnder(t *testing.T, dir, prefix string) {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base, _ := url.Parse(srv.URL + prefix)
	seen := map[string]bool{base.String(): true}
	queue := []*url.URL{base}
	pages, broken := 0, 0
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		resp, err := http.Get(u.String())
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			if broken++; broken <= 10 {
				t.Errorf("under %s: %s: %s", prefix, u.Path, resp.Status)
			}
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		pages++
		links, _ := pageLinks(t, string(body))
		for _, l := range links {
			v := strings.TrimSpace(l.val)
			if v == "" || externalRE.MatchString(v) || strings.HasPrefix(v, "#") || strings.HasPrefix(v, "javascript:") {
				continue
			}
			ref, err := u.Parse(v)
			if err != nil || ref.Host != base.Host {
				continue
			}
			ref.Fragment, ref.RawQuery = "", ""
			if !strings.HasPrefix(ref.Path, prefix) {
				t.Errorf("under %s: %s links to %s, outside the site", prefix, u.Path, ref.Path)
				continue
			}
			if key := ref.String(); !seen[key] {
				seen[key] = true
				queue = append(queue, ref)
			}
		}
	}
	if pages < 3 {
		t.Errorf("under %s: only %d pages reached", prefix, pages)
	}
	t.Logf("under %s: %d addresses, %d pages", prefix, len(seen), pages)
}

// A source branch on the branch a host serves is never replaced: the
// refusal says what to do on that host.
func TestPublishSourceOnServedBranch(t *testing.T) {
	auth := publishEnv(t, "tok")
	srv := gittest.NewHTTPServer(t, "teacher", "tok")
	for _, tc := range []struct {
		kind   HostKind
		branch string
		advice string
	}{
		{HostGitHub, "gh-pages", "--source-only"},
		{HostCodeberg, "pages", "move the course's source"},
		{HostGitLab, "pages", "--branch site"},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			name := "src-" + string(tc.kind)
			dir := testcorpus.Copy(t, "course-in-a-box")
			gittest.Git(t, dir, "init", "-q", "-b", tc.branch)
			gittest.Git(t, dir, "add", "-A")
			gittest.Git(t, dir, "commit", "-qm", "source on "+tc.branch)
			remote := "http://teacher:tok@" + strings.TrimPrefix(srv.URL(name), "http://")
			gittest.Git(t, dir, "push", "-q", remote, tc.branch)
			gittest.Git(t, dir, "remote", "add", "origin", srv.URL(name))
			c, err := course.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			before := gittest.Git(t, srv.BareDir(name), "rev-parse", tc.branch)
			_, err = Publish(context.Background(), c, Options{Auth: auth, Host: tc.kind})
			if !errors.Is(err, ErrSourceBranchChoice) || !strings.Contains(err.Error(), tc.advice) {
				t.Fatalf("err = %v, want ErrSourceBranchChoice advising %q", err, tc.advice)
			}
			if after := gittest.Git(t, srv.BareDir(name), "rev-parse", tc.branch); after != before {
				t.Error("the source branch on the server changed")
			}
		})
	}
}

func TestHostSiteURL(t *testing.T) {
	cases := []struct {
		kind                   HostKind
		remote, domain, branch string
		want                   string
	}{
		{HostGitHub, "https://github.com/p2pu/course-in-a-box.git", "", "gh-pages", "https://p2pu.github.io/course-in-a-box/"},
		{HostGitLab, "https://gitlab.com/Library/course.git", "", "pages", "https://library.gitlab.io/course/"},
		{HostGitLab, "https://gitlab.example.org/library/course.git", "", "pages", "https://library.gitlab.io/course/"},
		{HostCodeberg, "git@codeberg.org:library/course.git", "", "pages", "https://library.codeberg.page/course/"},
		{HostCodeberg, "git@codeberg.org:library/course.git", "", "site", ""},
		{HostCodeberg, "git@codeberg.org:library/library.codeberg.page.git", "", "pages", "https://library.codeberg.page/"},
		{HostForgejo, "https://git.example.org/library/course.git", "", "pages", ""},
		{HostForgejo, "https://git.example.org/library/course.git", "learn.example.org", "pages", "https://learn.example.org/"},
		{HostNone, "https://git.example.org/library/course.git", "learn.example.org", "gh-pages", ""},
	}
	for _, tc := range cases {
		h, err := HostByKind(tc.kind)
		if err != nil {
			t.Fatal(err)
		}
		if got := h.SiteURL(tc.remote, tc.domain, tc.branch); got != tc.want {
			t.Errorf("%s.SiteURL(%q, %q, %q) = %q, want %q", tc.kind, tc.remote, tc.domain, tc.branch, got, tc.want)
		}
	}
	if _, err := HostByKind("gitea"); !errors.Is(err, ErrUnknownHost) {
		t.Errorf("HostByKind(gitea) = %v", err)
	}
	for remote, want := range map[string]HostKind{
		"https://github.com/a/b.git": HostGitHub, "git@gitlab.com:a/b.git": HostGitLab,
		"ssh://git@codeberg.org/a/b.git": HostCodeberg, "https://git.example.org/a/b.git": HostNone,
	} {
		if got := DetectHost(remote).Kind; got != want {
			t.Errorf("DetectHost(%q) = %s, want %s", remote, got, want)
		}
	}
}

// The notice after publishing promises an address only where the host
// serves one, names the one-time step, and speaks the four languages.
func TestNotice(t *testing.T) {
	host := func(k HostKind) Host { h, _ := HostByKind(k); return h }
	cases := []struct {
		res            Result
		lang           string
		url, stepHas   string
		noStep, noLead bool
	}{
		{Result{Host: host(HostGitHub), Branch: "gh-pages", URL: "https://a.github.io/b/"}, "en", "https://a.github.io/b/", "Deploy from a branch", false, false},
		{Result{Host: host(HostGitHub), Branch: "gh-pages", URL: "https://a.github.io/b/"}, "de_DE.UTF-8", "https://a.github.io/b/", "Nur beim ersten Mal", false, false},
		{Result{Host: host(HostGitLab), Branch: "pages", URL: "https://a.gitlab.io/b/"}, "fr-FR", "https://a.gitlab.io/b/", "le premier pipeline prend une minute", false, false},
		{Result{Host: host(HostGitLab), Branch: "pages", URL: "https://a.gitlab.io/b/"}, "es", "https://a.gitlab.io/b/", "la primera pipeline tarda un minuto", false, false},
		{Result{Host: host(HostCodeberg), Branch: "pages", URL: "https://a.codeberg.page/b/"}, "en", "https://a.codeberg.page/b/", "", true, false},
		{Result{Host: host(HostForgejo), Branch: "pages"}, "en", "", "pages server", false, true},
		{Result{Host: host(HostNone), Branch: "gh-pages"}, "en", "", "does not serve websites", false, true},
		{Result{Host: host(HostCodeberg), Branch: "site"}, "en", "", "serves only the branch pages", false, true},
		{Result{Host: host(HostGitLab), Branch: "gh-pages", SourceOnly: true}, "en", "", "does not build Jekyll", false, true},
	}
	for _, tc := range cases {
		n := tc.res.Notice(tc.lang)
		if n.URL != tc.url || (n.Lead == "") != tc.noLead || (n.Step == "") != tc.noStep || !strings.Contains(n.Step, tc.stepHas) {
			t.Errorf("%s %s: notice %+v", tc.res.Host.Kind, tc.lang, n)
		}
	}
	fields := func(tx *hostText) []string {
		return []string{tx.AppearsAt, tx.GitHubStep, tx.GitHubJekyll, tx.GitLabStep, tx.ForgejoNoAddress, tx.NotServedBranch, tx.NoPages, tx.NoBuild}
	}
	en := fields(hostTexts["en"])
	for l, tx := range hostTexts {
		for i, s := range fields(tx) {
			if s == "" || strings.Count(s, "%") != strings.Count(en[i], "%") {
				t.Errorf("%s: %q is missing or has other placeholders than %q", l, s, en[i])
			}
		}
	}
}

// A site moved from one host to another carries only the new host's
// files: moving from GitHub to GitLab drops .nojekyll and CNAME.
func TestHostExtrasReplaceOtherHosts(t *testing.T) {
	out := t.TempDir()
	gh, _ := HostByKind(HostGitHub)
	if err := gh.writeExtras(out, "learn.example.org", "gh-pages"); err != nil {
		t.Fatal(err)
	}
	gl, _ := HostByKind(HostGitLab)
	if err := gl.writeExtras(out, "learn.example.org", "pages"); err != nil {
		t.Fatal(err)
	}
	var names []string
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		names = append(names, path.Base(e.Name()))
	}
	if !slices.Equal(names, []string{".gitlab-ci.yml"}) {
		t.Errorf("files after moving to GitLab: %v", names)
	}
	if err := gl.writeExtras(out, "", `we"ird`); err == nil {
		t.Error("a branch name with a quotation mark was written into the CI rule")
	}
}
