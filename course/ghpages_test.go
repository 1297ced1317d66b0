package course

import (
	"sort"
	"strings"
	"testing"
)

func loadGH(t *testing.T, files map[string]string) *Course {
	t.Helper()
	dir := t.TempDir()
	base := map[string]string{"_data/course.yml": "title: T\nmodules: [m]\n", "modules/m/_posts/2000-01-01-p.md": "---\ntitle: P\n---\nx\n"}
	for k, v := range files {
		base[k] = v
	}
	writeCourse(t, dir, base)
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCheckPluginsNotRun: check names each plugin _config.yml asks for
// (plugins: or Jekyll 2's gems:) that Coursewright does not run, once,
// with a stable code; GitHub Pages' own plugins and those Coursewright
// does the work of are not named.
func TestCheckPluginsNotRun(t *testing.T) {
	c := loadGH(t, map[string]string{"_config.yml": "title: T\nplugins:\n  - jemoji\n  - jekyll-scholar\n  - jekyll-feed\n  - jekyll-scholar\ngems: [jekyll-mentions, jekyll-paginate-v2, jekyll-sitemap]\n"})
	var got []string
	for _, d := range Check(c) {
		if d.Code != CodePluginNotRun {
			continue
		}
		got = append(got, d.Args["Plugin"])
		want := "this course asks for the plugin " + d.Args["Plugin"] + ", which Coursewright does not run: its effects will be missing"
		if d.Message != want || d.File != ConfigFile || d.Line == 0 || d.Severity != SeverityWarning {
			t.Errorf("diagnostic %+v", d)
		}
	}
	sort.Strings(got)
	if strings.Join(got, " ") != "jekyll-paginate-v2 jekyll-scholar" {
		t.Errorf("named %v, want jekyll-paginate-v2 and jekyll-scholar once each", got)
	}
	if !c.UsesPlugin(PluginJemoji) || !c.UsesPlugin(PluginMentions) || c.UsesPlugin("jekyll-gist") {
		t.Error("UsesPlugin")
	}
}

// TestGitHubPagesPages: which files are pages and where they are, by
// jekyll-optional-front-matter and jekyll-readme-index; titles by
// jekyll-titles-from-headings.
func TestGitHubPagesPages(t *testing.T) {
	c := loadGH(t, map[string]string{
		"_config.yml":             "title: T\npermalink: /:categories/:title/\nexclude: [README.md]\n",
		"README.md":               "# Repository readme\n",
		"index.md":                "Welcome\n=======\n\nhi\n",
		"LICENSE.md":              "MIT\n",
		"guides/README.md":        "## Guides *here*\n",
		"guides/plain.md":         "Just text.\n\n# Not first\n",
		"guides/deep.md":          "#### Too deep\n",
		"notes/README.md":         "# Notes readme\n",
		"notes/index.html":        "<p>static index</p>\n",
		"docs/CODE_OF_CONDUCT.md": "Be kind.\n",
		"docs/README.markdown":    "Docs [^1]\n---\n\n[^1]: note\n",
		"titled/page.md":          "---\ntitle: Own\n---\n# Heading\n",
		"off/README.md":           "text\n",
		"off/index.md":            "---\ntitle: Off\n---\n",
	})
	urls := map[string]string{}
	for _, p := range c.AllPages() {
		urls[p.Path] = p.URL()
	}
	for path, want := range map[string]string{
		"index.md": "/", "guides/README.md": "/guides/", "guides/plain.md": "/guides/plain/", "guides/deep.md": "/guides/deep/",
		"docs/README.markdown": "/docs/", "titled/page.md": "/titled/page/", "off/index.md": "/off/",
		// not pages:
		"README.md": "", "LICENSE.md": "", "notes/README.md": "", "docs/CODE_OF_CONDUCT.md": "", "off/README.md": "",
	} {
		if urls[path] != want {
			t.Errorf("%s: address %q, want %q", path, urls[path], want)
		}
	}
	for path, want := range map[string]string{
		"index.md": "Welcome", "guides/README.md": "Guides here", "guides/plain.md": "", "guides/deep.md": "",
		// The plugin removes footnote marks after normalising spaces.
		"docs/README.markdown": "Docs ", "titled/page.md": "Own",
	} {
		if got := c.PageByPath(path).SiteTitle(); got != want {
			t.Errorf("%s: title %q, want %q", path, got, want)
		}
	}
	if got := c.Module("m").Page("p").DefaultLayout(); got != "default" {
		t.Errorf("a module page's default layout without _layouts/post.html: %q", got)
	}
}

// TestGitHubPagesSwitches: each always-on plugin can be turned off in
// _config.yml, as on GitHub Pages.
func TestGitHubPagesSwitches(t *testing.T) {
	c := loadGH(t, map[string]string{
		"_config.yml":      "title: T\noptional_front_matter: {enabled: false}\nreadme_index: {enabled: false}\ntitles_from_headings: {enabled: false}\nrelative_links: {enabled: false}\n",
		"guides/README.md": "# G\n",
		"guides/plain.md":  "# Plain\n",
		"about.md":         "---\n---\n# About\n[p](guides/plain.md)\n",
	})
	if c.PageByPath("guides/README.md") != nil || c.PageByPath("guides/plain.md") != nil {
		t.Error("a page without front matter with optional_front_matter and readme_index off")
	}
	about := c.PageByPath("about.md")
	if about.SiteTitle() != "" {
		t.Errorf("title with titles_from_headings off: %q", about.SiteTitle())
	}
	if _, ok := c.RelativeLinkTarget(about, "about.md"); ok {
		t.Error("relative link with relative_links off")
	}
}
