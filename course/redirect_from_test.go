package course

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAddRedirectFrom: the old address is appended to redirect_from in
// whatever shape the front matter already has, once, and nothing else in
// the front matter changes by a byte.
func TestAddRedirectFrom(t *testing.T) {
	const old = "/modules/setup/old-name/"
	tests := []struct {
		name, front, want string
	}{
		{"no key", "title: Hi\n# a comment\nlayout: post\n",
			"title: Hi\n# a comment\nlayout: post\nredirect_from:\n  - /modules/setup/old-name/\n"},
		{"empty key", "title: Hi\nredirect_from:\nlayout: post\n",
			"title: Hi\nredirect_from:\n  - /modules/setup/old-name/\nlayout: post\n"},
		{"one address", "title: Hi\nredirect_from: /older/\n",
			"title: Hi\nredirect_from:\n  - /older/\n  - /modules/setup/old-name/\n"},
		{"block list", "title: 'Hi'\nredirect_from:\n    - /a/\n    - /b/\nlayout:  post   # keep\n",
			"title: 'Hi'\nredirect_from:\n    - /a/\n    - /b/\n    - /modules/setup/old-name/\nlayout:  post   # keep\n"},
		{"flow list", "redirect_from: [/a/, \"/b/\"]\ntitle: Hi\n",
			"redirect_from: [/a/, \"/b/\", /modules/setup/old-name/]\ntitle: Hi\n"},
		{"already listed", "redirect_from:\n  - modules/setup/old-name\n", "redirect_from:\n  - modules/setup/old-name\n"},
		{"moved back: the new address leaves the list", "redirect_from:\n  - /modules/setup/new-name/\n  - /a/\n",
			"redirect_from:\n  - /a/\n  - /modules/setup/old-name/\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parsePage("modules/setup/_posts/2000-01-01-new-name.md", "---\n"+tt.front+"---\n\nBody\n")
			if err != nil {
				t.Fatal(err)
			}
			p.Date, p.Slug = "2000-01-01", "new-name"
			if err := addRedirectFrom(p, old); err != nil {
				t.Fatal(err)
			}
			if got := string(p.front.src); got != tt.want {
				t.Errorf("front matter\n got %q\nwant %q", got, tt.want)
			}
			if !slices.Contains(p.RedirectFrom(), old) && !slices.Contains(p.RedirectFrom(), "modules/setup/old-name") {
				t.Errorf("RedirectFrom() = %q", p.RedirectFrom())
			}
		})
	}
}

// TestMovesRecordOldAddresses: every edit that changes where a page is
// published records the old address in that page's redirect_from (all
// the pages of a renamed module folder), leaves the front matter byte for
// byte as it was otherwise, and undo takes the record back out.
func TestMovesRecordOldAddresses(t *testing.T) {
	tests := []struct {
		name   string
		course string
		edit   Edit
		moved  map[string]string // page file after the edit → the old address it must list
	}{
		{"page file renamed", "course-in-a-box", ReslugPage{Module: "customize", Slug: "licensing", New: "choose-a-license"},
			map[string]string{"modules/customize/_posts/2000-01-06-choose-a-license.md": "/modules/customize/licensing/"}},
		{"page moved to another module", "course-in-a-box", MovePage{Module: "customize", Slug: "licensing", To: "setup", Pos: 1},
			map[string]string{"modules/setup/_posts/1999-12-31-licensing.md": "/modules/customize/licensing/"}},
		{"module folder renamed", "ECS154B", ReslugModule{Slug: "Introduction", New: "intro"},
			map[string]string{
				"modules/intro/_posts/2000-01-01-index.md":      "/modules/introduction/index/",
				"modules/intro/_posts/2000-02-01-intro.md":      "/modules/introduction/intro/",
				"modules/intro/_posts/2000-03-01-security.md":   "/modules/introduction/security/",
				"modules/intro/_posts/2000-04-01-technology.md": "/modules/introduction/technology/",
				"modules/intro/_posts/2000-05-01-evaluation.md": "/modules/introduction/evaluation/",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := gitCourse(t, tt.course)
			c := mustLoad(t, dir)
			fronts := map[*Page]string{}
			for _, p := range c.AllPages() {
				if p.front != nil {
					fronts[p] = string(p.front.src)
				}
			}
			undo, err := c.Apply(tt.edit)
			if err != nil {
				t.Fatal(err)
			}
			mustSave(t, c)
			again := mustLoad(t, dir)
			for file, old := range tt.moved {
				p := again.PageByPath(file)
				if p == nil {
					t.Fatalf("no page %s after the edit", file)
				}
				if !slices.Contains(p.RedirectFrom(), old) {
					t.Errorf("%s: redirect_from %q, want it to hold %s", file, p.RedirectFrom(), old)
				}
				// Only the record was added to the front matter.
				before := fronts[c.PageByPath(file)]
				after := string(p.front.src)
				if !strings.HasPrefix(after, before) || !strings.Contains(after[len(before):], old) {
					t.Errorf("%s: front matter\n%q\nbecame\n%q", file, before, after)
				}
			}
			// Pages whose address did not change record nothing.
			for _, p := range again.AllPages() {
				if _, moved := tt.moved[p.Path]; !moved && len(p.RedirectFrom()) > 0 {
					t.Errorf("%s was not moved, but lists %q", p.Path, p.RedirectFrom())
				}
			}
			if _, err := c.Apply(undo); err != nil {
				t.Fatal(err)
			}
			mustSave(t, c)
			if got := gitChanges(t, dir); len(got) != 0 {
				t.Errorf("after undo, git sees %q", got)
			}
		})
	}
}

// TestReorderKeepsAddresses: moving a page within its module changes only
// dates, which Course-in-a-Box's permalink does not show: no record.
// Where the permalink shows dates, the old address is recorded.
func TestReorderRecordsOnlyChangedAddresses(t *testing.T) {
	dir := gitCourse(t, "course-in-a-box")
	c := mustLoad(t, dir)
	if _, err := c.Apply(MovePage{Module: "customize", Slug: "licensing", Pos: 1}); err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Module("customize").Pages {
		if len(p.RedirectFrom()) > 0 {
			t.Errorf("%s: the address did not change, yet redirect_from is %q", p.Path, p.RedirectFrom())
		}
	}

	dir = gitCourse(t, "course-in-a-box")
	cfg := filepath.Join(dir, ConfigFile)
	raw, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	raw = []byte(strings.Replace(string(raw), "permalink: /:categories/:title/", "permalink: /:categories/:year/:month/:day/:title/", 1))
	if err := os.WriteFile(cfg, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	c = mustLoad(t, dir)
	p := c.Module("customize").Page("licensing")
	oldURL := p.URL()
	if !strings.Contains(oldURL, "/2000/") {
		t.Fatalf("the permalink did not apply: %s", oldURL)
	}
	if _, err := c.Apply(MovePage{Module: "customize", Slug: "licensing", Pos: 1}); err != nil {
		t.Fatal(err)
	}
	if p.URL() == oldURL {
		t.Fatalf("the move kept the address %s", oldURL)
	}
	if !slices.Contains(p.RedirectFrom(), oldURL) {
		t.Errorf("redirect_from %q, want %s", p.RedirectFrom(), oldURL)
	}
}
