package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
)

// visiblePages lists the site paths of the module pages a published site
// must have: pages of listed modules that are not `published: false`.
func visiblePages(c *course.Course) (visible, hidden []string) {
	for _, m := range c.Modules {
		for _, p := range m.Pages {
			file := outFile(p.URL())
			// A module course.yml does not list is built (out of the
			// menu), as Jekyll builds it; only published: false is not.
			if m.Missing || !p.Published() {
				hidden = append(hidden, file)
			} else {
				visible = append(visible, file)
			}
		}
	}
	return visible, hidden
}

func readSite(t testing.TB, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var (
	headRE    = regexp.MustCompile(`(?s)<head>\s*(<[^>]*>)`)
	titleRE   = regexp.MustCompile(`<title>([^<]*)</title>`)
	iframeRE  = regexp.MustCompile(`<iframe[^>]*\ssrc="([^"]*)"`)
	langRE    = regexp.MustCompile(`<html lang="([^"]+)"`)
	codeRE    = regexp.MustCompile(`(?s)<pre[ >].*?</pre>|<code[ >].*?</code>`)
	allowedFr = []string{"youtube.com", "youtube-nocookie.com", "player.vimeo.com", "kaltura.com", "docs.google.com",
		"drive.google.com", "archive.org", "commons.wikimedia.org", "h5p.org", "h5p.com"}
)

// checkPages checks what every page of a site must have and must not.
func checkPages(t *testing.T, dir, courseTitle string) {
	t.Helper()
	for _, f := range siteFiles(t, dir) {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		doc := readSite(t, dir, f)
		if m := headRE.FindStringSubmatch(doc); m == nil || !strings.HasPrefix(m[1], `<meta http-equiv="Content-Security-Policy"`) {
			t.Errorf("%s: the CSP is not the first element of <head>", f)
		}
		if i := strings.Index(doc, `<meta charset="utf-8">`); i < 0 || i > 1000 {
			t.Errorf("%s: <meta charset> at byte %d, must be within the first 1024", f, i)
		}
		if !langRE.MatchString(doc) {
			t.Errorf("%s: no <html lang>", f)
		}
		if !strings.Contains(doc, `<meta name="viewport"`) {
			t.Errorf("%s: no viewport", f)
		}
		if m := titleRE.FindStringSubmatch(doc); m == nil || !strings.Contains(htmlUnescape(m[1]), courseTitle) {
			t.Errorf("%s: <title> %v does not name the course %q", f, m, courseTitle)
		}
		// Code may show Liquid on purpose ({% raw %}); nothing else may.
		text := codeRE.ReplaceAllString(doc, "")
		for _, bad := range []string{"{%", "{{"} {
			if i := strings.Index(text, bad); i >= 0 {
				doc := text
				t.Errorf("%s: %q reached the output: …%s…", f, bad, doc[max(0, i-60):min(len(doc), i+60)])
			}
		}
		_, scripts := pageLinks(t, doc)
		for _, s := range scripts {
			switch {
			case s["type"] == "application/ld+json" && s["src"] == "":
			case strings.HasSuffix(s["src"], "assets/search.js") && len(s) <= 3:
			case strings.HasSuffix(s["src"], "assets/selfcheck.js") && len(s) <= 3:
			default:
				t.Errorf("%s: a script that is not the theme's: %v", f, s)
			}
		}
		for _, m := range iframeRE.FindAllStringSubmatch(doc, -1) {
			u, err := url.Parse(htmlUnescape(m[1]))
			ok := false
			if err == nil {
				for _, h := range allowedFr {
					host := strings.ToLower(u.Hostname())
					ok = ok || host == h || strings.HasSuffix(host, "."+h)
				}
			}
			if !ok {
				t.Errorf("%s: iframe from a host not allowed: %s", f, m[1])
			}
		}
		if f != "index.html" && strings.HasSuffix(f, "/index.html") && !strings.Contains(doc, `class="skip-link"`) && !strings.Contains(doc, "kind-redirect") {
			t.Errorf("%s: no skip link", f)
		}
	}
}

func htmlUnescape(s string) string {
	r := strings.NewReplacer("&amp;", "&", "&#39;", "'", "&#34;", `"`, "&quot;", `"`, "&lt;", "<", "&gt;", ">")
	return r.Replace(s)
}

// TestBuildCorpus builds every real course of the corpus and the sample
// course, and checks the sites: pages where Course-in-a-Box puts them,
// links that all lead somewhere, nothing of Liquid or content scripts.
func TestBuildCorpus(t *testing.T) {
	names := append(corpusCourses(t), "sample")
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var c *course.Course
			allow := map[string]bool{}
			if name == "sample" {
				c = sampleCourse(t)
			} else {
				c = corpusCourse(t, name)
				allow = skippedFiles(c.Dir)
			}
			out := filepath.Join(t.TempDir(), "site")
			res := build(t, c, out, BuildOptions{})
			visible, hidden := visiblePages(c)
			if len(visible) == 0 {
				t.Fatal("no visible pages")
			}
			for _, f := range visible {
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(f))); err != nil {
					t.Errorf("page missing: %v", err)
				}
			}
			for _, f := range hidden {
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(f))); err == nil {
					t.Errorf("hidden or unpublished page was built: %s", f)
				}
			}
			for _, f := range []string{"index.html", "assets/site.css", "assets/search.js", searchIndexFile, manifestFile} {
				if _, err := os.Stat(filepath.Join(out, f)); err != nil {
					t.Error(err)
				}
			}
			for _, a := range c.Assets {
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(a))); err != nil {
					t.Errorf("asset not copied: %v", err)
				}
			}
			for _, p := range c.Pages {
				if p.Published() {
					if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(outFile(p.URL())))); err != nil {
						t.Errorf("single page missing: %v", err)
					}
				}
			}
			for _, m := range c.Modules {
				if !m.Hidden && !m.Missing && len(m.Pages) > 0 {
					doc := readSite(t, out, "modules/"+strings.ToLower(m.Slug)+"/index.html")
					if !strings.Contains(doc, `http-equiv="refresh"`) {
						t.Errorf("module %s: no redirect page", m.Slug)
					}
				}
			}
			if res.Pages < len(visible)+1 || res.Rendered != res.Pages {
				t.Errorf("result %+v for %d visible module pages", res, len(visible))
			}
			checkLinks(t, out, allow)
			checkPages(t, out, titleOf(c))
			t.Logf("%d pages, %d files written, %d diagnostics, %v", res.Pages, res.Written, len(res.Diagnostics), res.Duration)
		})
	}
}

func titleOf(c *course.Course) string {
	if t := c.Meta().Title; t != "" {
		return t
	}
	return humanize(filepath.Base(c.Dir))
}

// TestBuildDeterministic builds the same course twice, into two folders,
// and compares every byte, the manifest included.
func TestBuildDeterministic(t *testing.T) {
	for _, name := range []string{"ECS154B", "sample"} {
		t.Run(name, func(t *testing.T) {
			var c *course.Course
			if name == "sample" {
				c = sampleCourse(t)
			} else {
				c = corpusCourse(t, name)
			}
			a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
			build(t, c, a, BuildOptions{})
			build(t, c, b, BuildOptions{})
			fa, fb := siteFiles(t, a), siteFiles(t, b)
			if strings.Join(fa, "\n") != strings.Join(fb, "\n") {
				t.Fatalf("different files:\n%v\n%v", fa, fb)
			}
			for _, f := range fa {
				if !bytes.Equal([]byte(readSite(t, a, f)), []byte(readSite(t, b, f))) {
					t.Errorf("%s differs", f)
				}
			}
		})
	}
}

func TestBuildIncremental(t *testing.T) {
	c := sampleCourse(t)
	out := filepath.Join(t.TempDir(), "site")
	first := build(t, c, out, BuildOptions{})
	if first.Rendered != first.Pages || first.Skipped != 0 {
		t.Fatalf("first build: %+v", first)
	}
	// A kept file in the site folder (CNAME: the custom domain) must
	// survive every build.
	keep := filepath.Join(out, "CNAME")
	if err := os.WriteFile(keep, []byte("course.example.org"), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("unchanged", func(t *testing.T) {
		res := build(t, c, out, BuildOptions{})
		if res.Rendered != 0 || res.Written != 0 || res.Removed != 0 || res.Pages != first.Pages {
			t.Errorf("nothing changed, but: %+v", res)
		}
	})

	m := c.Module("who-made-this")
	p := m.Page("activity")
	t.Run("body", func(t *testing.T) {
		p.SetBody("Zebras first: a new opening paragraph.\n\n" + p.Body())
		res := build(t, c, out, BuildOptions{})
		// The page, and the search index that holds its text.
		if res.Rendered != 1 || res.Written != 2 {
			t.Errorf("one body edited: %+v", res)
		}
		if !strings.Contains(readSite(t, out, "modules/who-made-this/activity/index.html"), "Zebras first") {
			t.Error("the page was not rebuilt")
		}
		if !strings.Contains(readSite(t, out, searchIndexFile), "Zebras first") {
			t.Error("the search index does not have the new text")
		}
	})

	t.Run("page title", func(t *testing.T) {
		if _, err := c.Apply(course.RenamePage{Module: m.Slug, Slug: p.Slug, Title: "Meet the Makers"}); err != nil {
			t.Fatal(err)
		}
		res := build(t, c, out, BuildOptions{})
		// The module's pages show it in their sidebar, the home page in
		// its module list, meeting 1 in its agenda; nothing else does.
		// Written: those, the search index and the feed (it lists pages
		// by title).
		want := len(m.Pages) + 2
		if res.Rendered != want || res.Written != want+2 {
			t.Errorf("page renamed: want %d pages rendered, %d files written; got %+v", want, want+2, res)
		}
		for _, f := range []string{"index.html", "modules/who-made-this/check-in/index.html", "facilitator-guide/meeting-1/index.html"} {
			if !strings.Contains(readSite(t, out, f), "Meet the Makers</a>") {
				t.Errorf("%s does not show the new title", f)
			}
		}
	})

	t.Run("module title", func(t *testing.T) {
		if _, err := c.Apply(course.RenameModule{Slug: m.Slug, Title: "Who Made It?"}); err != nil {
			t.Fatal(err)
		}
		res := build(t, c, out, BuildOptions{})
		if res.Rendered != res.Pages {
			t.Errorf("module renamed: every page shows it, but %+v", res)
		}
	})

	t.Run("remove page", func(t *testing.T) {
		if _, err := c.Apply(course.RemovePage{Module: m.Slug, Slug: "reflection"}); err != nil {
			t.Fatal(err)
		}
		res := build(t, c, out, BuildOptions{})
		if res.Removed != 1 || res.Pages != first.Pages-1 {
			t.Errorf("page removed: %+v", res)
		}
		if _, err := os.Stat(filepath.Join(out, "modules/who-made-this/reflection")); err == nil {
			t.Error("the removed page's folder is still there")
		}
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("a kept file was deleted: %v", err)
		}
	})

	t.Run("output edited", func(t *testing.T) {
		f := filepath.Join(out, "about", "index.html")
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
		res := build(t, c, out, BuildOptions{})
		if res.Written != 1 {
			t.Errorf("one output deleted by hand: %+v", res)
		}
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
	})

	t.Run("new image", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(c.Dir, "img", "new.png"), []byte("png"), 0o644); err != nil {
			t.Fatal(err)
		}
		res := build(t, c, out, BuildOptions{})
		if _, err := os.Stat(filepath.Join(out, "img", "new.png")); err != nil {
			t.Errorf("new image not copied: %v (%+v)", err, res)
		}
		res = build(t, c, out, BuildOptions{})
		if res.Written != 0 {
			t.Errorf("copied files are copied again: %+v", res)
		}
	})
}

func TestBuildDrafts(t *testing.T) {
	c := sampleCourse(t)
	// An unpublished page and a module folder course.yml does not list.
	p := c.Module("checking-claims").Page("activity")
	if err := p.SetFront("published", "false"); err != nil {
		t.Fatal(err)
	}
	extra := filepath.Join(c.Dir, "modules", "extra", "_posts")
	if err := os.MkdirAll(extra, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(extra, "2000-01-01-bonus.md"), []byte("---\ntitle: Bonus\n---\nBonus page.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(c.Dir)
	if err != nil {
		t.Fatal(err)
	}
	draftFiles := []string{"modules/checking-claims/activity/index.html", "modules/extra/bonus/index.html"}

	pub := filepath.Join(t.TempDir(), "pub")
	res := build(t, c, pub, BuildOptions{})
	// published: false keeps a page off the site; a module course.yml
	// does not list is built, as Jekyll builds it, out of menu and search.
	if _, err := os.Stat(filepath.Join(pub, draftFiles[0])); err == nil {
		t.Errorf("published build has the unpublished %s", draftFiles[0])
	}
	if doc := readSite(t, pub, draftFiles[1]); strings.Contains(doc, `class="badge"`) {
		t.Errorf("%s, built as Jekyll builds it, is marked as a draft", draftFiles[1])
	}
	if idx := readSite(t, pub, searchIndexFile); strings.Contains(idx, "Bonus") {
		t.Error("search index lists a page of a module not in the menu")
	}
	// Course text may link to a draft (the renderer reports it); the
	// site's own navigation must not.
	allow := map[string]bool{}
	for _, f := range draftFiles {
		allow[f] = true
	}
	checkLinks(t, pub, allow)
	navRE := regexp.MustCompile(`(?s)<nav class="(?:sidebar|pager|modules-nav)".*?</nav>|<section class="module-list".*?</section>|<table class="agenda">.*?</table>`)
	for _, f := range siteFiles(t, pub) {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		if f == draftFiles[1] {
			continue // its own module's sidebar
		}
		for _, nav := range navRE.FindAllString(readSite(t, pub, f), -1) {
			if strings.Contains(nav, "checking-claims/activity/") || strings.Contains(nav, "extra/") {
				t.Errorf("%s: navigation links to a draft:\n%s", f, nav)
			}
		}
	}

	drafts := filepath.Join(t.TempDir(), "drafts")
	dres := build(t, c, drafts, BuildOptions{Drafts: true})
	for _, f := range draftFiles {
		doc := readSite(t, drafts, f)
		if !strings.Contains(doc, `class="badge"`) {
			t.Errorf("%s is not marked as a draft", f)
		}
	}
	if dres.Pages != res.Pages+1 {
		t.Errorf("drafts: %d pages, published: %d", dres.Pages, res.Pages)
	}
	if !strings.Contains(readSite(t, drafts, "index.html"), "Extra") {
		t.Error("the hidden module is not in the draft site's navigation")
	}
	checkLinks(t, drafts, nil)
}

func TestBuildOutputFolder(t *testing.T) {
	c := sampleCourse(t)
	ctx := context.Background()
	for _, bad := range []string{c.Dir, filepath.Dir(c.Dir), filepath.Join(c.Dir, "img", "site"), filepath.Join(c.Dir, "modules", "x")} {
		if _, err := Build(ctx, c, bad, BuildOptions{}); !errors.Is(err, ErrOutputInCourse) {
			t.Errorf("build into %s: %v, want ErrOutputInCourse", bad, err)
		}
	}
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "thesis.docx"), []byte("work"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(ctx, c, full, BuildOptions{}); !errors.Is(err, ErrOutputNotEmpty) {
		t.Errorf("build into a folder with files: %v, want ErrOutputNotEmpty", err)
	}
	// _site in the course may hold an old Jekyll build: it is filled, and
	// what Coursewright did not write is removed (issue 13; see
	// TestBuildCleansOldJekyllSite).
	site := filepath.Join(c.Dir, "_site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(site, "atom.xml")
	if err := os.WriteFile(old, []byte("<rss/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(ctx, c, "", BuildOptions{}); err != nil {
		t.Fatalf("build into _site: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, "index.html")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("a stale file of the old site is still there")
	}
	// A course folder inside the site folder it builds would be copied into itself.
	other := filepath.Join(c.Dir, "public")
	res, err := Build(ctx, c, other, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(other, "public")); err == nil {
		t.Errorf("the site folder was copied into itself (%+v)", res)
	}
}

// A cancelled build leaves the output folder exactly as the last build
// left it — nothing half-written, no staging folder — and the next build
// completes it.
func TestBuildCancel(t *testing.T) {
	c := sampleCourse(t)
	out := filepath.Join(t.TempDir(), "site")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, c, out, BuildOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a build cancelled before it began made the output folder")
	}
	build(t, c, out, BuildOptions{})
	before := snapshot(t, out)

	// Every page changes (the course's title is on each), and the build
	// is stopped once the first file is done, from the progress callback.
	setData(t, c, "title", "A New Title")
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	_, err := Build(ctx, c, out, BuildOptions{Progress: func(done, total int) {
		if done == 1 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("build cancelled while running: %v", err)
	}
	if diff := snapshotDiff(before, snapshot(t, out)); diff != "" {
		t.Errorf("the cancelled build changed the site: %s", diff)
	}
	if _, err := os.Stat(stagingDir(out)); err == nil {
		t.Error("the staging folder was left behind")
	}
	res := build(t, c, out, BuildOptions{})
	if res.Rendered != res.Pages {
		t.Errorf("the build after a cancelled one did not finish the job: %+v", res)
	}
	if !strings.Contains(readSite(t, out, "index.html"), "A New Title") {
		t.Error("the new title is not on the home page")
	}
	checkLinks(t, out, nil)
}

func TestBuildProgress(t *testing.T) {
	c := sampleCourse(t)
	last, calls := 0, 0
	build(t, c, filepath.Join(t.TempDir(), "site"), BuildOptions{Progress: func(done, total int) {
		calls++
		if done < last || done > total {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last = done
		if done == total && calls < 10 {
			t.Errorf("done after %d calls", calls)
		}
	}})
	if calls == 0 {
		t.Error("no progress")
	}
}

// homeJSONLD returns the home page's schema.org data.
func homeJSONLD(t *testing.T, doc string) map[string]any {
	t.Helper()
	re := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	m := re.FindStringSubmatch(doc)
	if m == nil {
		t.Fatal("no JSON-LD on the home page")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, m[1])
	}
	return v
}

func setData(t *testing.T, c *course.Course, kv ...string) *course.Course {
	t.Helper()
	for i := 0; i < len(kv); i += 2 {
		if _, err := c.Apply(course.SetMeta{Key: kv[i], Value: kv[i+1]}); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestJSONLDAndLicense(t *testing.T) {
	c := setData(t, sampleCourse(t),
		"meetings", "4",
		"language", "es",
		"based_on.title", "Civic Online Reasoning",
		"based_on.url", "https://example.org/cor",
		"based_on.authors", "Ana Pérez, Bo Li",
		"based_on.license", "CC-BY-4.0",
	)
	out := filepath.Join(t.TempDir(), "site")
	build(t, c, out, BuildOptions{})
	doc := readSite(t, out, "index.html")
	ld := homeJSONLD(t, doc)
	want := map[string]any{
		"@context":     `["https://w3id.org/kim/amb/context.jsonld","https://schema.org",{"@language":"es"}]`,
		"type":         `["LearningResource","Course"]`,
		"name":         `"Finding Good Information Online"`,
		"license":      `{"id":"https://creativecommons.org/licenses/by-sa/4.0/"}`,
		"inLanguage":   `["es"]`,
		"timeRequired": `"PT6H"`, // 4 × 90 minutes
		"creator":      `[{"name":"Coursewright contributors","type":"Person"}]`,
	}
	for k, v := range want {
		if got, _ := json.Marshal(ld[k]); string(got) != v {
			t.Errorf("JSON-LD %s = %s, want %s", k, got, v)
		}
	}
	if _, ok := ld["id"]; ok {
		t.Errorf("JSON-LD id %v without a published address", ld["id"])
	}
	if d, _ := ld["description"].(string); !strings.HasPrefix(d, "A three-week learning circle") {
		t.Errorf("description %q", d)
	}
	if _, ok := ld["hasPart"]; ok {
		t.Errorf("hasPart without a published address (its parts would have no id): %v", ld["hasPart"])
	}
	based, _ := ld["isBasedOn"].([]any)
	if len(based) != 1 {
		t.Fatalf("isBasedOn = %v", ld["isBasedOn"])
	}
	b := based[0].(map[string]any)
	if b["name"] != "Civic Online Reasoning" || b["id"] != "https://example.org/cor" || b["license"].(map[string]any)["id"] != "https://creativecommons.org/licenses/by/4.0/" {
		t.Errorf("isBasedOn = %v", b)
	}
	if authors, _ := b["creator"].([]any); len(authors) != 2 {
		t.Errorf("isBasedOn.creator = %v", b["creator"])
	}
	if !strings.Contains(doc, `<html lang="es">`) {
		t.Error("lang is not the course's")
	}

	// Footer: the license, linked with rel=license to its deed, and the
	// attribution of the adapted course on every page.
	for _, f := range []string{"index.html", "modules/who-made-this/activity/index.html", "facilitator-guide/meeting-1/index.html"} {
		doc := readSite(t, out, f)
		if !strings.Contains(doc, `<a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">Creative Commons Attribution-ShareAlike 4.0 International</a>`) {
			t.Errorf("%s: no rel=license link to the CC BY-SA deed", f)
		}
		// The course is in Spanish, and so is the theme's wording.
		for _, s := range []string{`class="attribution"`, `href="https://example.org/cor"`, "Civic Online Reasoning", "Ana Pérez y Bo Li", `href="https://creativecommons.org/licenses/by/4.0/"`} {
			if !strings.Contains(doc, s) {
				t.Errorf("%s: attribution lacks %s", f, s)
			}
		}
	}
}

// TestJSONLDEscaping: no course text can end the script element.
func TestJSONLDEscaping(t *testing.T) {
	c := sampleCourse(t)
	data := filepath.Join(c.Dir, course.DataFile)
	raw, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	evil := `Evil</script><script>alert(1)</script> & co`
	raw = []byte(strings.Replace(string(raw), "title: Finding Good Information Online", "title: '"+evil+"'", 1))
	if err := os.WriteFile(data, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err = course.Load(c.Dir)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	build(t, c, out, BuildOptions{})
	doc := readSite(t, out, "index.html")
	if strings.Contains(doc, "<script>alert") {
		t.Fatal("course title closed the JSON-LD script")
	}
	if ld := homeJSONLD(t, doc); ld["name"] != evil {
		t.Errorf("name = %q", ld["name"])
	}
	checkPages(t, out, "Evil")
}

func TestReadableTextColor(t *testing.T) {
	for _, tc := range []struct {
		bg, fg   string
		min, max float64
	}{
		{"#000000", "#ffffff", 21, 21},
		{"#fff", "#1a1a1a", 17, 18},
		{"#58D7CB", "#1a1a1a", 9, 11},    // Course-in-a-Box's default turquoise
		{"#0e54b8", "#ffffff", 7, 8},     // how-to-talk-about-race
		{"#b5b3aa", "#1a1a1a", 8, 9},     // ECS154B
		{"#20607a", "#ffffff", 6.5, 7.5}, // the sample course
		{"#777777", "#000000", 4.5, 5},   // mid grey: near-black is not enough
		{"#808080", "#000000", 5, 6},
		{"#ff0000", "#000000", 5, 6},
		{"#767676", "#ffffff", 4.5, 4.6},
		{"1f5f8b", "#ffffff", 6, 8},
		{"blue", "", 0, 0},
		{"#12345", "", 0, 0},
		{"", "", 0, 0},
	} {
		fg, ratio := ReadableTextColor(tc.bg)
		if fg != tc.fg || ratio < tc.min || ratio > tc.max {
			t.Errorf("ReadableTextColor(%q) = %s, %.2f; want %s, %.1f–%.1f", tc.bg, fg, ratio, tc.fg, tc.min, tc.max)
		}
	}
	// Every colour gets text of at least 4.5:1.
	for v := 0; v < 1<<24; v += 0x010307 {
		bg := normalizeHex(strings.TrimPrefix(hexColor(v), "#"))
		if _, ratio := ReadableTextColor(bg); ratio < minContrast {
			t.Fatalf("%s: contrast %.2f", bg, ratio)
		}
	}
}

func hexColor(v int) string {
	const digits = "0123456789abcdef"
	b := []byte("#000000")
	for i := 6; i >= 1; i-- {
		b[i] = digits[v&15]
		v >>= 4
	}
	return string(b)
}

func TestTheme(t *testing.T) {
	c := sampleCourse(t)
	out := filepath.Join(t.TempDir(), "site")
	build(t, c, out, BuildOptions{})
	home := readSite(t, out, "index.html")
	for _, s := range []string{
		`class="jumbotron"`, `url(&#34;img/jumbotron.png&#34;)`, `class="jumbotron-icon" src="img/magnifier.png"`,
		`--brand:#20607a;--brand-fg:#ffffff`, `<details class="modules-menu">`, `data-root="./"`,
		`<title>Finding Good Information Online</title>`, `class="module-card"`,
	} {
		if !strings.Contains(home, s) && !strings.Contains(home, strings.ReplaceAll(s, "&#34;", `"`)) {
			t.Errorf("home page lacks %s", s)
		}
	}
	const reflection = "modules/who-made-this/reflection/index.html"
	page := readSite(t, out, reflection)
	for _, s := range []string{
		`<title>Reflection — Finding Good Information Online</title>`,
		`data-root="../../../"`, `<a class="skip-link" href="#main">`, `<main id="main"`,
		`<link rel="stylesheet" href="../../../assets/site.css">`,
	} {
		if !strings.Contains(page, s) {
			t.Errorf("module page lacks %s", s)
		}
	}
	// Links by what they lead to, however the renderer spells them.
	for re, want := range map[string]string{
		`<a href="([^"]*)" aria-current="page">Reflection</a>`:          reflection,
		`<a class="pager-prev" rel="prev" href="([^"]*)">`:              "modules/who-made-this/activity/index.html",
		`<a class="pager-next pager-module" href="([^"]*)">`:            "modules/checking-claims/check-in/index.html",
		`<a href="([^"]*)" aria-current="true" class="active">Who Made`: "modules/who-made-this/check-in/index.html",
		`<a class="brand" href="([^"]*)">`:                              "index.html",
	} {
		m := regexp.MustCompile(re).FindStringSubmatch(page)
		if m == nil {
			t.Errorf("module page has no %s", re)
		} else if got := path.Join(path.Dir(reflection), m[1]); got != want {
			t.Errorf("%s leads to %s, want %s", re, got, want)
		}
	}
	redirect := readSite(t, out, "modules/who-made-this/index.html")
	links, _ := pageLinks(t, redirect)
	targets := map[string]bool{}
	for _, l := range links {
		if l.attr == "refresh" || l.tag == "a" {
			targets[l.attr+" "+path.Join("modules/who-made-this", l.val)] = true
		}
	}
	if !targets["refresh modules/who-made-this/check-in/index.html"] || !targets["href modules/who-made-this/check-in/index.html"] {
		t.Errorf("module redirect leads to %v", targets)
	}
	guide := readSite(t, out, "facilitator-guide/meeting-1/index.html")
	for _, s := range []string{`<table class="agenda">`, `<th scope="row">Total</th><td class="num">90</td>`,
		`href="../../modules/who-made-this/check-in/index.html"`} {
		if !strings.Contains(guide, s) {
			t.Errorf("guide page lacks %s", s)
		}
	}
	index := readSite(t, out, "facilitator-guide/index.html")
	if !strings.Contains(index, `<table class="meetings">`) || !strings.Contains(index, "meeting-3/index.html") {
		t.Error("guide index lists no meetings")
	}
	css := readSite(t, out, "assets/site.css")
	for _, s := range []string{"@media print", ":focus-visible", ".facilitator-tip", ".timing", ".video-embed", ".missing-include", "prefers-reduced-motion", "prefers-color-scheme: dark"} {
		if !strings.Contains(css, s) {
			t.Errorf("site.css lacks %s", s)
		}
	}
	if strings.Contains(css, "http://") || strings.Contains(css, "https://") || strings.Contains(css, "@import") {
		t.Error("site.css loads something from elsewhere")
	}
	idx := readSite(t, out, searchIndexFile)
	if !strings.HasPrefix(idx, "/*") || !strings.Contains(idx, "window.coursewrightSearch = [") {
		t.Errorf("search index: %.100s", idx)
	}
	js := strings.TrimSuffix(strings.TrimSpace(idx[strings.Index(idx, "= ")+2:]), ";")
	var entries []searchEntry
	if err := json.Unmarshal([]byte(js), &entries); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		if e.U == "/modules/who-made-this/activity/" && e.M == "Who Made This?" && e.X != "" {
			found = true
		}
		if !strings.HasPrefix(e.U, "/") {
			t.Errorf("search entry url %q", e.U)
		}
	}
	if !found {
		t.Error("search index lacks a module page")
	}
	if js := readSite(t, out, "assets/search.js"); len(js) > 8<<10 {
		t.Errorf("search.js is %d bytes", len(js))
	}
}

func TestRelURL(t *testing.T) {
	for _, tc := range []struct{ page, target, want string }{
		{"/", "/", "index.html"},
		{"/", "/img/a b.png", "img/a%20b.png"},
		{"/modules/m/", "/modules/m/p/", "../../modules/m/p/index.html"},
		{"/modules/m/p/", "/", "../../../index.html"},
		{"/about/", "/img/x.png", "../img/x.png"},
		{"/", "https://example.org/x", "https://example.org/x"},
	} {
		if got := relURL(tc.page, tc.target); got != tc.want {
			t.Errorf("relURL(%q, %q) = %q, want %q", tc.page, tc.target, got, tc.want)
		}
	}
	for page, want := range map[string]string{"/": "./", "/about/": "../", "/modules/a b/p/": "../../../"} {
		if got := rootPath(page); got != want {
			t.Errorf("rootPath(%q) = %q", page, got)
		}
	}
	if got := isoDuration(270); got != "PT4H30M" {
		t.Error(got)
	}
	if got := path.Clean(outFile("/modules/a/b/")); got != "modules/a/b/index.html" {
		t.Error(got)
	}
}

func TestCSPAndBanner(t *testing.T) {
	c := sampleCourse(t)
	data := filepath.Join(c.Dir, course.DataFile)
	raw, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	raw = append(raw, "iframe_hosts: [media.example.org, \"evil.org; script-src *\"]\n"...)
	if err := os.WriteFile(data, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(c.Dir, course.ConfigFile)
	raw, err = os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	raw = []byte(strings.Replace(string(raw), `jumbotron_color: "#20607a"`, `jumbotron_color: "#58D7CB"`, 1))
	raw = append(raw, "jumbotron_mask: img/missing-mask.svg\n"...)
	if err := os.WriteFile(cfg, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if c, err = course.Load(c.Dir); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	res := build(t, c, out, BuildOptions{})
	home := readSite(t, out, "index.html")
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(home)
	if csp == nil {
		t.Fatal("no CSP")
	}
	policy := htmlUnescape(csp[1])
	for _, want := range []string{"default-src 'self'", "img-src 'self' data: https:", "script-src 'self'",
		"style-src 'self' 'unsafe-inline'", "object-src 'none'", "https://media.example.org",
		"https://youtube.com https://*.youtube.com", "https://player.vimeo.com", "https://*.kaltura.com",
		"https://docs.google.com", "https://archive.org", "https://commons.wikimedia.org", "https://h5p.org"} {
		if !strings.Contains(policy, want) {
			t.Errorf("CSP lacks %q: %s", want, policy)
		}
	}
	if strings.Contains(policy, "evil") || strings.Count(policy, "script-src") != 1 {
		t.Errorf("a bad iframe host got into the CSP: %s", policy)
	}
	// Turquoise takes dark text; the missing mask is reported, not linked.
	if !strings.Contains(home, "--brand:#58d7cb;--brand-fg:#1a1a1a") {
		t.Error("banner text colour is not the readable one")
	}
	if strings.Contains(home, "missing-mask") {
		t.Error("a missing banner mask is linked")
	}
	var found []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "missing-mask.svg") || strings.Contains(d.Message, "evil.org") {
			found = append(found, d.String())
		}
	}
	if len(found) != 2 {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
}
