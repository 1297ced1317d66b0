package render

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
)

// ghCourse writes a small course whose _config.yml has the given extra
// lines and loads it.
func ghCourse(t *testing.T, config string, files map[string]string) *course.Course {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{
		"_config.yml":                      "title: T\npermalink: /:categories/:title/\n" + config,
		"_data/course.yml":                 "title: T\nmodules: [m]\n",
		"modules/m/_posts/2000-01-01-p.md": "---\ntitle: P\n---\nx\n",
	}
	for k, v := range files {
		all[k] = v
	}
	for name, text := range all {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEmojiShortcodes: a course that lists jemoji (under plugins: or
// gems:) gets GitHub's emoji for their shortcodes — the names and code
// points of GitHub's own list — and one that does not keeps the text, as
// on GitHub Pages. Code keeps its shortcodes either way.
func TestEmojiShortcodes(t *testing.T) {
	table := []struct {
		code string
		want []rune
	}{
		// Seen in a real course's list items.
		{":evergreen_tree:", []rune{0x1F332}},
		{":thinking:", []rune{0x1F914}},
		{":tropical_fish:", []rune{0x1F420}},
		// GitHub's aliases and names with + and -.
		{":+1:", []rune{0x1F44D}},
		{":thumbsup:", []rune{0x1F44D}},
		{":-1:", []rune{0x1F44E}},
		{":tada:", []rune{0x1F389}},
		{":smile:", []rune{0x1F604}},
		{":heart:", []rune{0x2764, 0xFE0F}},
		{":white_check_mark:", []rune{0x2705}},
		{":warning:", []rune{0x26A0, 0xFE0F}},
		{":books:", []rune{0x1F4DA}},
		{":earth_africa:", []rune{0x1F30D}},
		{":woman_technologist:", []rune{0x1F469, 0x200D, 0x1F4BB}},
		{":flag_ca:", nil}, // not GitHub's name (it is :canada:): stays text
		{":canada:", []rune{0x1F1E8, 0x1F1E6}},
	}
	r := New(Options{})
	for _, cfg := range []string{"plugins: [jemoji]\n", "gems:\n  - jemoji\n", "plugins: [jekyll-feed]\n", ""} {
		on := strings.Contains(cfg, "jemoji")
		c := ghCourse(t, cfg, nil)
		for _, tc := range table {
			out := r.Render(Input{Course: c, Source: "Look " + tc.code + " here, not `" + tc.code + "`.\n", File: "x.md", Line: 1}).HTML
			code := "<code>" + tc.code + "</code>"
			if !strings.Contains(out, code) {
				t.Errorf("%q %s: the code span lost its shortcode: %s", cfg, tc.code, out)
			}
			text := strings.Replace(out, code, "", 1)
			switch {
			case on && tc.want != nil:
				if !strings.Contains(text, "Look "+string(tc.want)+" here") || strings.Contains(text, tc.code) {
					t.Errorf("%q %s: want %U, got %s", cfg, tc.code, tc.want, out)
				}
			default:
				if !strings.Contains(text, "Look "+tc.code+" here") {
					t.Errorf("%q %s: want the shortcode as text, got %s", cfg, tc.code, out)
				}
			}
		}
	}
}

// TestMentions: with jekyll-mentions, @user becomes a link to the GitHub
// profile, as the plugin's filter decides it; never in code or links.
func TestMentions(t *testing.T) {
	c := ghCourse(t, "plugins: [jekyll-mentions]\n", nil)
	r := New(Options{})
	link := func(u string) string {
		return fmt.Sprintf(`<a href="https://github.com/%s" class="user-mention">@%s</a>`, u, u)
	}
	for _, tc := range []struct{ in, want, not string }{
		{"Hi @octocat!", "Hi " + link("octocat") + "!", ""},
		{"@p2pu-team, at the start", link("p2pu-team") + ", at", ""},
		{"(@a1) and @dots... end", "(" + link("a1") + ") and " + link("dots") + "...", ""},
		{"an email me@example.org", "", "user-mention"},
		{"a path @user/repo", "", "user-mention"},
		{"under_@score and @under_score", "", "user-mention"},
		{"`@incode`", "<code>@incode</code>", "user-mention"},
		{"[@inlink](https://example.org/)", "", "user-mention"},
		{"@-dash", "", "user-mention"},
	} {
		out := r.Render(Input{Course: c, Source: tc.in + "\n", File: "x.md", Line: 1}).HTML
		if tc.want != "" && !strings.Contains(out, tc.want) {
			t.Errorf("%q: want %s in %s", tc.in, tc.want, out)
		}
		if tc.not != "" && strings.Contains(out, tc.not) {
			t.Errorf("%q: want no %s in %s", tc.in, tc.not, out)
		}
	}
	off := ghCourse(t, "", nil)
	if out := r.Render(Input{Course: off, Source: "Hi @octocat\n", File: "x.md", Line: 1}).HTML; strings.Contains(out, "<a") {
		t.Errorf("mentions without the plugin: %s", out)
	}
}

// TestGitHubPagesLiquid: site.github from the course's remote (what
// jekyll-github-metadata answers on github.com: the values the
// differential test cannot get offline are checked here), {% gist %} as
// a link, {% seo %} and {% feed_meta %} as nothing, page.layout and
// page.title as the default-layout and titles plugins set them.
func TestGitHubPagesLiquid(t *testing.T) {
	r := New(Options{})
	src := "{{ site.github.repository_nwo }}|{{ site.github.url }}|{{ site.github.baseurl }}|{{ site.github.is_project_page }}|{{ site.github.repository_url }}|{{ site.github.owner_name }}\n"
	for _, tc := range []struct{ remote, config, want string }{
		{"https://github.com/p2pu/Course-A.git", "", "p2pu/Course-A|https://p2pu.github.io/Course-A|/Course-A|true|https://github.com/p2pu/Course-A|p2pu"},
		{"git@github.com:Anna-B/anna-b.github.io.git", "", "Anna-B/anna-b.github.io|https://anna-b.github.io||false|https://github.com/Anna-B/anna-b.github.io|Anna-B"},
		{"https://github.com/p2pu/x", "repository: other/site\n", "other/site|https://other.github.io/site|/site|true|https://github.com/other/site|other"},
		{"https://gitlab.com/p2pu/x.git", "", "|||||"},
	} {
		c := ghCourse(t, tc.config, map[string]string{".git/config": "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = " + tc.remote + "\n"})
		out := r.Render(Input{Course: c, Source: src, File: "x.md", Line: 1}).HTML
		if got := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(out), "<p>"), "</p>"); got != tc.want {
			t.Errorf("%s %s: got %s, want %s", tc.remote, tc.config, got, tc.want)
		}
	}

	c := ghCourse(t, "", map[string]string{
		"about.md":   "## About *us*\n\n{% seo %}{% feed_meta %}layout={{ page.layout }} title={{ page.title }}\n\n{% gist parkr/c08ee0f2726fd0e3909d %}\n\n{% gist 1234abcd notes.md %}\n",
		"framed.md":  "---\nlayout: wide\ntitle: Framed\n---\nlayout={{ page.layout }} title={{ page.title }}\n",
		"_layouts/x": "",
	})
	for _, tc := range []struct{ page, want string }{
		{"about.md", "layout=default title=About us"},
		{"about.md", `<a class="gist" href="https://gist.github.com/parkr/c08ee0f2726fd0e3909d">View gist parkr/c08ee0f2726fd0e3909d on GitHub</a>`},
		{"about.md", `<a class="gist" href="https://gist.github.com/1234abcd#file-notes-md">View gist 1234abcd (notes.md) on GitHub</a>`},
		{"framed.md", "layout=wide title=Framed"},
	} {
		out := r.Render(Input{Course: c, Page: c.PageByPath(tc.page)})
		if !strings.Contains(out.HTML, tc.want) || strings.Contains(out.HTML, "{%") {
			t.Errorf("%s: want %s in %s", tc.page, tc.want, out.HTML)
		}
		for _, d := range out.Diagnostics {
			t.Errorf("%s: %s", tc.page, d)
		}
	}
}

// TestRelativeLinks: a page's links to files of the course lead where
// jekyll-relative-links sends them (from the file's own folder, anchors
// and titles kept); a module page's are left as written.
func TestRelativeLinks(t *testing.T) {
	c := ghCourse(t, "", map[string]string{
		"articles/one.md": "# One\n\n[two](two.md#part \"Part\") [up](../about.md) [root](/about.md) [m](../modules/m/_posts/2000-01-01-p.md) [none](gone.md) [web](https://x.org/a.md)\n\n[ref]: two.md#r\n",
		"articles/two.md": "Two\n",
		"about.md":        "---\ntitle: About\n---\n[one](articles/one.md)\n",
	})
	one := c.PageByPath("articles/one.md")
	got := relativeLinks(one.Body(), Input{Course: c, Page: one})
	for _, want := range []string{`[two](/articles/two/#part "Part")`, `[up](/about/)`, `[root](/about/)`, `[m](/modules/m/p/)`, `[none](gone.md)`, `[web](https://x.org/a.md)`, "\n[ref]: /articles/two/#r"} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s in\n%s", want, got)
		}
	}
	post := c.Module("m").Page("p")
	if src := "[one](../../../articles/one.md)"; relativeLinks(src, Input{Course: c, Page: post}) != src {
		t.Error("a module page's link was rewritten")
	}
}

// TestEmojiInPreview: the desktop preview shows the emoji too.
func TestEmojiInPreview(t *testing.T) {
	c := ghCourse(t, "plugins: [jemoji]\n", nil)
	pv, _ := New(Options{}).Preview(Input{Course: c, Source: "Trees :evergreen_tree: here\n", File: "x.md", Line: 1})
	var text strings.Builder
	for _, b := range pv.Blocks {
		for _, r := range b.Runs {
			text.WriteString(r.Text)
		}
	}
	if text.String() != "Trees \U0001F332 here" {
		t.Errorf("preview text %q", text.String())
	}
}
