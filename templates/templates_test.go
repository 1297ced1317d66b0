package templates

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"
)

func TestNewCourseFiles(t *testing.T) {
	want := []string{
		"_config.yml",
		"_data/course.yml",
		"about.md",
		"img/.gitkeep",
		"index.md",
		"modules/introduction/_posts/2000-01-01-welcome.md",
	}
	if got := files(t, NewCourse()); !equal(got, want) {
		t.Errorf("NewCourse files:\n got %q\nwant %q", got, want)
	}

	cfg := yamlFile(t, NewCourse(), "_config.yml")
	for key, want := range map[string]any{
		"markdown":        "kramdown",
		"permalink":       "/:categories/:title/",
		"jumbotron_color": "#1f5f8b",
	} {
		if cfg[key] != want {
			t.Errorf("_config.yml %s = %v, want %v", key, cfg[key], want)
		}
	}
	if !strings.Contains(read(t, NewCourse(), "_config.yml"), `layout: "course_page"`) {
		t.Errorf("_config.yml does not default modules to layout course_page")
	}

	for _, name := range []string{"index.md", "about.md", "modules/introduction/_posts/2000-01-01-welcome.md"} {
		front, _ := frontMatter(t, NewCourse(), name)
		want := map[string]string{"index.md": "index", "about.md": "page"}[name]
		if got, _ := front["layout"].(string); got != want {
			t.Errorf("%s: layout = %q, want %q", name, got, want)
		}
		if front["title"] == nil {
			t.Errorf("%s: no title", name)
		}
	}
}

func TestNewCourseCopy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "course")
	vars := map[string]string{
		// Each value would break the YAML if written as is.
		"title":       "Sources: a how-to #1",
		"license":     "CC-BY-4.0",
		"language":    "no", // a boolean in YAML 1.1, which Jekyll reads
		"description": `Say "hello"`,
	}
	if err := CopyTo(NewCourse(), dir, vars); err != nil {
		t.Fatal(err)
	}
	out := os.DirFS(dir)
	if got, want := files(t, out), files(t, NewCourse()); !equal(got, want) {
		t.Errorf("copied files:\n got %q\nwant %q", got, want)
	}
	raw := read(t, out, "_data/course.yml")
	course := yamlFile(t, out, "_data/course.yml")
	for k, v := range vars {
		if course[k] != v {
			t.Errorf("course.yml %s = %#v, want %q\n%s", k, course[k], v, raw)
		}
	}
	if !strings.Contains(raw, `modules: ["introduction"]`) {
		t.Errorf("course.yml does not list modules as a flow list of folder names:\n%s", raw)
	}
	for key, want := range map[string]any{"meetings": 6, "meeting_minutes": 90, "authors": []any{}, "outcomes": []any{}} {
		if fmt.Sprint(course[key]) != fmt.Sprint(want) {
			t.Errorf("course.yml %s = %v, want %v", key, course[key], want)
		}
	}
	for _, key := range []string{"license", "language", "authors", "meetings", "meeting_minutes", "outcomes"} {
		if !regexp.MustCompile(`(?m)^#.*Jekyll ignores.*\n` + key + `:`).MatchString(raw) {
			t.Errorf("course.yml: %s has no comment saying Jekyll ignores it", key)
		}
	}
	if index := read(t, out, "index.md"); !strings.Contains(index, "**Sources: a how-to #1**") {
		t.Errorf("index.md body: title not substituted as is:\n%s", index)
	}
	noPlaceholders(t, out)
}

func TestCopyToSubstitution(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n{{cw.title}}")
	src := fstest.MapFS{
		"page.md": {Data: []byte("---\ntitle: {{cw.title}}\n---\n" +
			"# {{cw.title}} <{{cw.language}}>\n\n" +
			"![logo]({{ site.baseurl }}/img/logo.png) {{site.baseurl}} {{ page.title }}\n")},
		"_data/course.yml": {Data: []byte("title: {{cw.title}}\nlicense: {{cw.license}}\ndescription: {{cw.description}}\n")},
		"footer.html":      {Data: []byte("<p>{{cw.title}} · {{ site.baseurl }}</p>\n")},
		"notes.txt":        {Data: []byte("{{cw.title}} / {{cw.description}}.\n")},
		"img/logo.png":     {Data: png},
	}
	dir := t.TempDir()
	vars := map[string]string{"title": "Tips & Tricks: <Search>", "license": "CC0-1.0", "language": "en"}
	if err := CopyTo(src, dir, vars); err != nil {
		t.Fatal(err)
	}
	out := os.DirFS(dir)
	for name, want := range map[string]string{
		"page.md": "---\ntitle: \"Tips & Tricks: <Search>\"\n---\n" +
			"# Tips & Tricks: <Search> <en>\n\n" +
			"![logo]({{ site.baseurl }}/img/logo.png) {{site.baseurl}} {{ page.title }}\n",
		"_data/course.yml": "title: \"Tips & Tricks: <Search>\"\nlicense: CC0-1.0\ndescription: \"\"\n",
		"footer.html":      "<p>Tips &amp; Tricks: &lt;Search&gt; · {{ site.baseurl }}</p>\n",
		"notes.txt":        "Tips & Tricks: <Search> / .\n",
	} {
		if got := read(t, out, name); got != want {
			t.Errorf("%s:\n got %q\nwant %q", name, got, want)
		}
	}
	if got := []byte(read(t, out, "img/logo.png")); !bytes.Equal(got, png) {
		t.Errorf("binary file changed: %q", got)
	}
}

func TestCopySampleUnchanged(t *testing.T) {
	dir := t.TempDir()
	if err := CopyTo(Sample(), dir, nil); err != nil {
		t.Fatal(err)
	}
	out := os.DirFS(dir)
	if got, want := files(t, out), files(t, Sample()); !equal(got, want) {
		t.Fatalf("copied files:\n got %q\nwant %q", got, want)
	}
	for _, name := range files(t, Sample()) {
		if read(t, out, name) != read(t, Sample(), name) {
			t.Errorf("%s changed when copied", name)
		}
	}
	if !strings.Contains(read(t, out, "index.md"), "{{ site.baseurl }}/modules/") {
		t.Errorf("index.md lost its {{ site.baseurl }} links")
	}
}

func TestCopyToRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(mine, []byte("my work"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := CopyTo(NewCourse(), dir, nil)
	if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "notes.md") {
		t.Fatalf("CopyTo into a non-empty folder: err = %v, want ErrNotEmpty naming notes.md", err)
	}
	if b, _ := os.ReadFile(mine); string(b) != "my work" {
		t.Errorf("existing file changed: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "_config.yml")); err == nil {
		t.Errorf("CopyTo wrote into a non-empty folder")
	}

	if err := CopyTo(NewCourse(), mine, nil); err == nil {
		t.Errorf("CopyTo onto a file: no error")
	}

	empty := t.TempDir()
	if err := CopyTo(NewCourse(), empty, nil); err != nil {
		t.Errorf("CopyTo into an empty folder: %v", err)
	}
}

func TestCopyToRejectsUnknownNames(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	if err := CopyTo(NewCourse(), dir, map[string]string{"Title": "x"}); err == nil {
		t.Errorf("unknown variable Title: no error")
	}
	bad := fstest.MapFS{
		"a.md":    {Data: []byte("fine\n")},
		"b/c.yml": {Data: []byte("title: {{cw.titel}}\n")},
	}
	if err := CopyTo(bad, dir, nil); err == nil || !strings.Contains(err.Error(), "{{cw.titel}}") {
		t.Errorf("unknown placeholder: err = %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed CopyTo left files behind: %v", err)
	}
}

func TestYAMLScalar(t *testing.T) {
	for _, v := range []string{
		"Plain Title", "CC-BY-SA-4.0", "en", "", "yes", "No", "on", "123", "1.5", "null", "~",
		"a: b", "#hashtag", "a #b", "- item", "[x]", "{x}", "*star", "&amp", "!tag", "%p", "@at", "`tick",
		`"quoted"`, "'single'", "it's", "tab\there", "two\nlines", `back\slash`, " padded ", "2024-01-02",
		"Ünïcødé ✓", "?", ": ",
	} {
		enc := yamlScalar(v)
		var got map[string]any
		if err := yaml.Unmarshal([]byte("k: "+enc+"\n"), &got); err != nil {
			t.Errorf("yamlScalar(%q) = %s: %v", v, enc, err)
			continue
		}
		if s, ok := got["k"].(string); !ok || s != v {
			t.Errorf("yamlScalar(%q) = %s, reads back as %#v", v, enc, got["k"])
		}
	}
	if got := yamlScalar("Plain Title"); got != "Plain Title" {
		t.Errorf("yamlScalar quoted a plain-safe value: %s", got)
	}
}

func TestSplitFront(t *testing.T) {
	for _, tc := range []struct{ in, front string }{
		{"---\ntitle: x\n---\nbody\n", "---\ntitle: x\n---\n"},
		{"---\r\ntitle: x\r\n---\r\nbody", "---\r\ntitle: x\r\n---\r\n"},
		{"---\ntitle: x\n---", "---\ntitle: x\n---"},
		{"---\n---\n", "---\n---\n"},
		{"no front\n---\n", ""},
		{"---\nunterminated\n", ""},
	} {
		front, body := splitFront(tc.in)
		if front != tc.front || front+body != tc.in {
			t.Errorf("splitFront(%q) = %q, %q; want front %q", tc.in, front, body, tc.front)
		}
	}
}

// sampleModule is one entry of the sample's modules list.
type sampleModule struct {
	Title string `yaml:"title"`
	Slug  string `yaml:"slug"`
}

type sampleCourse struct {
	Title          string         `yaml:"title"`
	Description    string         `yaml:"description"`
	Modules        []sampleModule `yaml:"modules"`
	License        string         `yaml:"license"`
	Language       string         `yaml:"language"`
	Authors        []string       `yaml:"authors"`
	Audience       string         `yaml:"audience"`
	Meetings       int            `yaml:"meetings"`
	MeetingMinutes int            `yaml:"meeting_minutes"`
	Outcomes       []string       `yaml:"outcomes"`
}

func loadSample(t *testing.T) sampleCourse {
	t.Helper()
	var c sampleCourse
	if err := yaml.Unmarshal([]byte(read(t, Sample(), "_data/course.yml")), &c); err != nil {
		t.Fatalf("_data/course.yml: %v", err)
	}
	return c
}

var (
	pageName = regexp.MustCompile(`^2000-01-0[1-9]-([a-z0-9-]+)\.md$`)
	timing   = regexp.MustCompile(`(?m)^_Suggested timing: (\d+) minutes_$`)
)

func TestSampleCourse(t *testing.T) {
	s := Sample()
	for _, name := range []string{
		"README.md", "_config.yml", "_data/course.yml", "index.md", "about.md", "credits.md",
		"facilitator-guide/index.md", "facilitator-guide/meeting-1.md",
		"facilitator-guide/meeting-2.md", "facilitator-guide/meeting-3.md",
	} {
		if _, err := fs.Stat(s, name); err != nil {
			t.Errorf("sample: %v", err)
		}
	}
	for _, name := range []string{"LICENSE", "LICENSE.md"} {
		if _, err := fs.Stat(s, name); err == nil {
			t.Errorf("sample has %s; its license belongs in _data/course.yml", name)
		}
	}
	noPlaceholders(t, s)

	c := loadSample(t)
	if c.Title == "" || c.Description == "" || c.Audience == "" {
		t.Errorf("course.yml: missing title, description or audience: %+v", c)
	}
	if c.License != "CC-BY-SA-4.0" || c.Language != "en" || c.Meetings != 3 || c.MeetingMinutes != 90 {
		t.Errorf("course.yml: license %q language %q meetings %d meeting_minutes %d",
			c.License, c.Language, c.Meetings, c.MeetingMinutes)
	}
	if len(c.Authors) == 0 || len(c.Outcomes) != 3 {
		t.Errorf("course.yml: %d authors, %d outcomes; want some authors and 3 outcomes", len(c.Authors), len(c.Outcomes))
	}
	if !regexp.MustCompile(`(?m)^modules:\s*\n  - title: `).MatchString(read(t, s, "_data/course.yml")) {
		t.Errorf("course.yml: modules is not a block list of {title, slug}")
	}
	if len(c.Modules) != 3 {
		t.Fatalf("course.yml lists %d modules, want 3", len(c.Modules))
	}

	dirs, err := fs.ReadDir(s, "modules")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) != len(c.Modules) {
		t.Errorf("modules/ has %d folders, course.yml lists %d", len(dirs), len(c.Modules))
	}
	for _, m := range c.Modules {
		if m.Title == "" || m.Slug == "" {
			t.Errorf("module %+v: empty title or slug", m)
			continue
		}
		pages, err := fs.ReadDir(s, path.Join("modules", m.Slug, "_posts"))
		if err != nil {
			t.Errorf("module %s: %v", m.Slug, err)
			continue
		}
		if len(pages) < 3 || len(pages) > 4 {
			t.Errorf("module %s has %d pages, want 3 or 4", m.Slug, len(pages))
		}
		total := 0
		for _, p := range pages {
			name := path.Join("modules", m.Slug, "_posts", p.Name())
			if !pageName.MatchString(p.Name()) {
				t.Errorf("%s: name is not 2000-01-0N-<slug>.md", name)
			}
			front, body := frontMatter(t, s, name)
			if title, _ := front["title"].(string); title == "" {
				t.Errorf("%s: no title", name)
			}
			mm := timing.FindStringSubmatch(body)
			if mm == nil {
				t.Errorf("%s: no _Suggested timing: N minutes_ line", name)
				continue
			}
			n, _ := strconv.Atoi(mm[1])
			total += n
		}
		if total != c.MeetingMinutes {
			t.Errorf("module %s: suggested timings add up to %d minutes, want %d", m.Slug, total, c.MeetingMinutes)
		}
	}

	cfg := yamlFile(t, s, "_config.yml")
	if cfg["jumbotron_color"] == nil {
		t.Errorf("_config.yml: no jumbotron_color")
	}
	for _, key := range []string{"jumbotron_image", "jumbotron_icon"} {
		img, _ := cfg[key].(string)
		if _, err := fs.Stat(s, img); img == "" || err != nil {
			t.Errorf("_config.yml %s = %q: %v", key, img, err)
		}
	}
}

// TestSampleContent checks that the sample shows off what real courses
// contain, so that the renderer and editor have something to show.
func TestSampleContent(t *testing.T) {
	var all strings.Builder
	tips := 0
	pages := 0
	for _, name := range markdownFiles(t, Sample()) {
		text := read(t, Sample(), name)
		all.WriteString(text)
		if strings.HasPrefix(name, "modules/") {
			pages++
			if strings.Contains(text, "\n> Facilitator tip: ") {
				tips++
			}
		}
	}
	text := all.String()
	for what, re := range map[string]string{
		"a GFM table":       `(?m)^\|---\|`,
		"a task list":       `(?m)^- \[[ x]\] `,
		"a YouTube link":    `(?m)^\[[^\]]+\]\(https://www\.youtube\.com/watch\?v=[A-Za-z0-9_-]{11}\)$`,
		"a relative link":   `\]\(\.\./[a-z0-9-]+/\)`,
		"an image":          `!\[[^\]]+\]\(\{\{ site\.baseurl \}\}/img/`,
		"a cross-page link": `\]\(\{\{ site\.baseurl \}\}/modules/`,
	} {
		if !regexp.MustCompile(re).MatchString(text) {
			t.Errorf("sample has no %s", what)
		}
	}
	if tips*2 <= pages {
		t.Errorf("only %d of %d module pages have a facilitator tip", tips, pages)
	}
}

var (
	baseurlLink  = regexp.MustCompile(`\{\{ ?site\.baseurl ?\}\}(/[^)\s"'>]*)`)
	relativeLink = regexp.MustCompile(`\]\((\.\./[^)\s]*)\)`)
	rootLink     = regexp.MustCompile(`\]\(/|src="/|href="/`)
)

// TestSampleLinks checks that every link inside the sample resolves to a
// page or image in it, as Jekyll would publish them.
func TestSampleLinks(t *testing.T) {
	s := Sample()
	links := 0
	for _, name := range markdownFiles(t, s) {
		if name == "README.md" {
			continue // not published (excluded in _config.yml)
		}
		text := read(t, s, name)
		if rootLink.MatchString(text) {
			t.Errorf("%s: a link starts with / and will break on a project site; use {{ site.baseurl }}", name)
		}
		for _, m := range baseurlLink.FindAllStringSubmatch(text, -1) {
			links++
			if err := resolve(s, m[1]); err != nil {
				t.Errorf("%s: link %s: %v", name, m[0], err)
			}
		}
		for _, m := range relativeLink.FindAllStringSubmatch(text, -1) {
			links++
			url := pageURL(name)
			if url == "" {
				t.Errorf("%s: relative link %s outside a module page", name, m[1])
				continue
			}
			if err := resolve(s, path.Join(url, m[1])+"/"); err != nil {
				t.Errorf("%s: relative link %s: %v", name, m[1], err)
			}
		}
	}
	if links < 10 {
		t.Errorf("found only %d internal links; is the link pattern broken?", links)
	}
}

// pageURL is the URL Jekyll gives a module page, or "" for other files.
func pageURL(name string) string {
	parts := strings.Split(name, "/")
	if len(parts) != 4 || parts[0] != "modules" || parts[2] != "_posts" {
		return ""
	}
	m := pageName.FindStringSubmatch(parts[3])
	if m == nil {
		return ""
	}
	return "/modules/" + parts[1] + "/" + m[1] + "/"
}

// resolve finds the file that publishes at url (a path under the site root).
func resolve(s fs.FS, url string) error {
	p := strings.Trim(url, "/")
	if strings.HasPrefix(p, "img/") {
		_, err := fs.Stat(s, p)
		return err
	}
	if mod, page, ok := strings.Cut(strings.TrimPrefix(p, "modules/"), "/"); strings.HasPrefix(p, "modules/") && ok {
		if !strings.HasSuffix(url, "/") {
			return fmt.Errorf("page links end in /")
		}
		if _, err := modulePage(s, mod, page); err != nil {
			return err
		}
		return nil
	}
	for _, name := range []string{p + ".md", path.Join(p, "index.md")} {
		if _, err := fs.Stat(s, name); err == nil {
			return nil
		}
	}
	return fmt.Errorf("no page publishes at %s", url)
}

// modulePage returns the file of page slug in module mod.
func modulePage(s fs.FS, mod, slug string) (string, error) {
	matches, err := fs.Glob(s, path.Join("modules", mod, "_posts", "*-"+slug+".md"))
	if err != nil {
		return "", err
	}
	for _, m := range matches {
		if sm := pageName.FindStringSubmatch(path.Base(m)); sm != nil && sm[1] == slug {
			return m, nil
		}
	}
	return "", fmt.Errorf("no modules/%s/_posts/*-%s.md", mod, slug)
}

type guide struct {
	Layout  string `yaml:"layout"`
	Title   string `yaml:"title"`
	Meeting int    `yaml:"meeting"`
	Minutes int    `yaml:"minutes"`
	Agenda  []struct {
		Activity string `yaml:"activity"`
		Minutes  int    `yaml:"minutes"`
		Page     string `yaml:"page"`
	} `yaml:"agenda"`
}

func TestSampleGuide(t *testing.T) {
	s := Sample()
	c := loadSample(t)
	front, _ := frontMatter(t, s, "facilitator-guide/index.md")
	if front["layout"] != "page" || front["title"] != "Facilitator guide" {
		t.Errorf("facilitator-guide/index.md front matter: %v", front)
	}
	for n := 1; n <= c.Meetings; n++ {
		name := fmt.Sprintf("facilitator-guide/meeting-%d.md", n)
		raw := read(t, s, name)
		f, body := splitFront(raw)
		var g guide
		if err := yaml.Unmarshal([]byte(frontYAML(f)), &g); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		mod := c.Modules[n-1]
		if g.Layout != "page" || g.Meeting != n || g.Minutes != c.MeetingMinutes ||
			g.Title != fmt.Sprintf("Meeting %d: %s", n, mod.Title) {
			t.Errorf("%s: layout %q meeting %d minutes %d title %q", name, g.Layout, g.Meeting, g.Minutes, g.Title)
		}
		if len(g.Agenda) == 0 {
			t.Errorf("%s: empty agenda", name)
		}
		sum := 0
		for _, item := range g.Agenda {
			sum += item.Minutes
			if item.Activity == "" || item.Minutes <= 0 {
				t.Errorf("%s: bad agenda item %+v", name, item)
			}
			m, slug, ok := strings.Cut(item.Page, "/")
			if !ok || m != mod.Slug {
				t.Errorf("%s: agenda page %q is not in module %s", name, item.Page, mod.Slug)
				continue
			}
			file, err := modulePage(s, m, slug)
			if err != nil {
				t.Errorf("%s: agenda page %q: %v", name, item.Page, err)
				continue
			}
			// The plan and the page must agree on timing.
			if mm := timing.FindStringSubmatch(read(t, s, file)); mm == nil || mm[1] != strconv.Itoa(item.Minutes) {
				t.Errorf("%s: %s takes %d minutes in the agenda but %v on its page", name, item.Page, item.Minutes, mm)
			}
		}
		if sum != g.Minutes {
			t.Errorf("%s: agenda adds up to %d minutes, want %d", name, sum, g.Minutes)
		}
		for _, h := range []string{"## Preparation", "## Learner goals", "## Facilitator tips"} {
			if !strings.Contains(body, "\n"+h+"\n") {
				t.Errorf("%s: no %q section", name, h)
			}
		}
	}
}

// --- helpers ---

func files(t *testing.T, f fs.FS) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(f, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func markdownFiles(t *testing.T, f fs.FS) []string {
	var out []string
	for _, p := range files(t, f) {
		if strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
	}
	return out
}

func equal(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}

func read(t *testing.T, f fs.FS, name string) string {
	t.Helper()
	b, err := fs.ReadFile(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func yamlFile(t *testing.T, f fs.FS, name string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := yaml.Unmarshal([]byte(read(t, f, name)), &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

func frontMatter(t *testing.T, f fs.FS, name string) (map[string]any, string) {
	t.Helper()
	front, body := splitFront(read(t, f, name))
	if front == "" {
		t.Fatalf("%s: no front matter", name)
	}
	var m map[string]any
	if err := yaml.Unmarshal([]byte(frontYAML(front)), &m); err != nil {
		t.Fatalf("%s: front matter: %v", name, err)
	}
	return m, body
}

// frontYAML strips the --- lines from front matter returned by splitFront.
func frontYAML(front string) string {
	_, inner, _ := strings.Cut(front, "\n")
	if i := strings.LastIndex(strings.TrimRight(inner, "\r\n"), "\n"); i >= 0 {
		return inner[:i+1]
	}
	return ""
}

func noPlaceholders(t *testing.T, f fs.FS) {
	t.Helper()
	for _, name := range files(t, f) {
		if strings.Contains(read(t, f, name), "{{cw.") {
			t.Errorf("%s still contains a {{cw.…}} placeholder", name)
		}
	}
}
