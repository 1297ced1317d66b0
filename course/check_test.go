package course

import (
	"github.com/coursewright/coursewright/internal/testcorpus"

	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// wantDiag is a diagnostic a test expects: the file, the line (and the
// column when col > 0), the severity and words of the message.
type wantDiag struct {
	file     string
	line     int
	col      int
	sev      Severity
	contains string
}

func (w wantDiag) String() string {
	return fmt.Sprintf("%s:%d:%d %s %q", w.file, w.line, w.col, w.sev, w.contains)
}

func (w wantDiag) matches(d Diagnostic) bool {
	return d.File == w.file && d.Line == w.line && (w.col == 0 || d.Col == w.col) &&
		d.Severity == w.sev && strings.Contains(d.Message, w.contains)
}

func checkFind(ds []Diagnostic, w wantDiag) bool {
	for _, d := range ds {
		if w.matches(d) {
			return true
		}
	}
	return false
}

func checkDump(ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("\n  " + d.String())
	}
	return b.String()
}

func TestCheckCorpus(t *testing.T) {
	cases := []struct {
		name     string
		warnings int // exact number of warnings: each was checked by hand against the files
		want     []wantDiag
		// notIn lists files:lines that must have no diagnostic, e.g.
		// example links inside code blocks and links the checker must
		// resolve (Liquid filters, spaces in folder names, post_url).
		notIn []string
	}{
		{
			name: "course-in-a-box", warnings: 3,
			want: []wantDiag{
				{"modules/setup/_posts/2000-01-03-course-template.md", 8, 19, SeverityWarning, "img/course-template.png"},
				{"modules/customize/_posts/2000-01-01-single-pages.md", 9, 19, SeverityWarning, "img/example-single-page.png"},
				{"single-page.md", 1, 0, SeverityWarning, "no title"},
			},
			// The markdown guide shows links and images inside code blocks.
			notIn: []string{"modules/content/_posts/2000-01-01-markdown-and-media.md", "index.md"},
		},
		{
			name: "we-are-ai", warnings: 14, // 3 in comics/index.md, a page Jekyll builds
			want: []wantDiag{
				{"modules/what-is-ai/_posts/2000-01-01-index.md", 5, 19, SeverityWarning, "img/M1-banner.png"},
				{"modules/who-lives-who-dies-who-decides/_posts/2000-03-06-comic.md", 9, 19, SeverityWarning, "img/3-cover.png"},
				{"_config.yml", 33, 18, SeverityWarning, "img/We_Are_AI_Cover.png"},
				{"modules/design-notes", 0, 0, SeverityInfo, "not in the menu"},
				{"glossary.md", 1, 0, SeverityWarning, "no title"},
			},
			// ../../../glossary resolves to the glossary page; 2-cover.png exists.
			notIn: []string{"modules/what-is-ai/_posts/2000-01-04-wrap-up.md", "modules/learning-from-data/_posts/2000-02-05-comic.md"},
		},
		{
			name: "how-to-talk-about-race", warnings: 2,
			want: []wantDiag{
				{"about.md", 10, 11, SeverityWarning, "img/amrita.jpg"},
				{"about.md", 1, 0, SeverityWarning, "no title"},
			},
			notIn: []string{"about.md:14", "modules/privilege/_posts/2000-01-01-checkin.md"},
		},
		{
			name: "ECS154B", warnings: 12,
			want: []wantDiag{
				{"syllabus.md", 146, 56, SeverityWarning, "../materials/index.md"},
				{"syllabus.md", 299, 80, SeverityWarning, "../materials/processor/index.md"},
				{"syllabus.md", 299, 136, SeverityWarning, "../materials/memory/index.md"},
				{"syllabus.md", 299, 195, SeverityWarning, "../materials/parallel/index.md"},
				{"modules/Introduction/_posts/2000-02-01-intro.md", 113, 72, SeverityWarning, "assignments/assignment-1.md"},
				{"modules/Parallel Architecture/_posts/2000-01-10-index.md", 3, 42, SeverityWarning, "img/ampere.png"},
				{"modules/Parallel Architecture/_posts/2000-01-10-index.md", 5, 28, SeverityWarning, "../processor/index.md"},
				{"modules/Memory Architecture/_posts/2000-02-01-technology.md", 23, 25, SeverityWarning, "img/pcbtrace.png"},
				{"_config.yml", 35, 18, SeverityWarning, "img/1280px-Haswell_Chip.jpg"},
			},
			notIn: []string{
				"index.md", // {{ '…' | relative_url }} with spaces, post_url with folder
				"modules/Introduction/_posts/2000-02-01-intro.md:134",        // (../../processor architecture/index)
				"modules/Introduction/_posts/2000-01-01-index.md",            // post_url /modules/Introduction/…
				"modules/Processor Architecture/_posts/2000-02-01-isa.md:96", // post_url without folder
				"modules/Memory Architecture/_posts/2000-04-01-virtual.md",   // {{"/img/xzibit.jpg" | relative_url }}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := mustLoad(t, filepath.Join(corpusDir(t), tc.name))
			ds := Check(c)
			warnings := 0
			for _, d := range ds {
				switch d.Severity {
				case SeverityError:
					t.Errorf("unexpected error: %s", d)
				case SeverityWarning:
					warnings++
				}
			}
			if warnings != tc.warnings {
				t.Errorf("%d warnings, want %d:%s", warnings, tc.warnings, checkDump(ds))
			}
			for _, w := range tc.want {
				if !checkFind(ds, w) {
					t.Errorf("missing %v in:%s", w, checkDump(ds))
				}
			}
			for _, where := range tc.notIn {
				for _, d := range ds {
					if d.File == where || fmt.Sprintf("%s:%d", d.File, d.Line) == where {
						t.Errorf("unexpected diagnostic: %s", d)
					}
				}
			}
			if !sort.SliceIsSorted(ds, func(i, j int) bool {
				if ds[i].File != ds[j].File {
					return ds[i].File < ds[j].File
				}
				if ds[i].Line != ds[j].Line {
					return ds[i].Line < ds[j].Line
				}
				return ds[i].Col < ds[j].Col
			}) {
				t.Errorf("diagnostics not sorted by file, line, col:%s", checkDump(ds))
			}
		})
	}
}

// checkTreeHash fingerprints a folder without following links: names,
// modes, sizes, times, link targets and the content of small files. A
// sparse 50 MB page is fingerprinted by size and time, so it stays fast.
func checkTreeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		st, err := os.Lstat(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%v\x00%d\x00%d\x00", rel, st.Mode(), st.Size(), st.ModTime().UnixNano())
		switch {
		case st.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			io.WriteString(h, target)
		case st.Mode().IsRegular() && st.Size() < 1<<20:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func checkWrite(t *testing.T, dir, rel, content string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const checkProbe = "modules/setup/_posts/2000-01-09-probe.md"

// TestCheckBadInput builds broken courses from course-in-a-box and checks
// that each problem is reported at its file and line, and that loading
// and checking write nothing.
func TestCheckBadInput(t *testing.T) {
	const yml = DataFile
	cases := []struct {
		name   string
		mutate func(t *testing.T, dir string)
		want   wantDiag
	}{
		{
			name: "unclosed bracket in course.yml",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, yml, "title: Box\ndescription: A course\nmodules: [\"setup\", \"content\"\nlicense: CC-BY-4.0\n")
			},
			want: wantDiag{yml, 3, 0, SeverityError, "invalid YAML"},
		},
		{
			name: "bad indent in course.yml",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, yml, "title: Box\n  description: A course\nmodules: [setup]\n")
			},
			want: wantDiag{yml, 2, 0, SeverityError, "invalid YAML"},
		},
		{
			name: "binary file named .md",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, "modules/setup/_posts/2000-01-09-photo.md", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
			},
			want: wantDiag{"modules/setup/_posts/2000-01-09-photo.md", 0, 0, SeverityError, "not a text file"},
		},
		{
			name: "50 MB page",
			mutate: func(t *testing.T, dir string) {
				p := filepath.Join(dir, "modules", "setup", "_posts", "2000-01-09-huge.md")
				checkWrite(t, dir, "modules/setup/_posts/2000-01-09-huge.md", "---\ntitle: Huge\n---\n")
				if err := os.Truncate(p, 50<<20); err != nil {
					t.Fatal(err)
				}
			},
			want: wantDiag{"modules/setup/_posts/2000-01-09-huge.md", 0, 0, SeverityError, "too large"},
		},
		{
			name: "link to a file outside the course",
			mutate: func(t *testing.T, dir string) {
				secret := filepath.Join(t.TempDir(), "secret.md")
				if err := os.WriteFile(secret, []byte("---\ntitle: SECRET-CONTENT\n---\nSECRET-CONTENT\n"), 0o600); err != nil {
					t.Fatal(err)
				}
				posts := filepath.Join(dir, "modules", "x", "_posts")
				if err := os.MkdirAll(posts, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(secret, filepath.Join(posts, "2000-01-01-evil.md")); err != nil {
					t.Skip("cannot create symlinks here:", err)
				}
			},
			want: wantDiag{"modules/x/_posts/2000-01-01-evil.md", 0, 0, SeverityError, "outside the course"},
		},
		{
			name: "module listed twice",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, yml, "title: Box\nmodules:\n  - setup\n  - content\n  - setup\n")
			},
			want: wantDiag{yml, 5, 5, SeverityError, "listed twice (first on line 3)"},
		},
		{
			name: "module listed twice on one line",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, yml, "title: Box\nmodules: [setup, content, setup]\n")
			},
			want: wantDiag{yml, 2, 27, SeverityError, "listed twice (also earlier on this line)"},
		},
		{
			name: "modules not a list",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, yml, "title: Box\nmodules: setup\n")
			},
			want: wantDiag{yml, 2, 10, SeverityError, "must be written as a list"},
		},
		{
			name: "image that links out of the course",
			mutate: func(t *testing.T, dir string) {
				outside := filepath.Join(t.TempDir(), "secret.png")
				if err := os.WriteFile(outside, []byte("SECRET-CONTENT"), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(outside, filepath.Join(dir, "img", "evil.png")); err != nil {
					t.Skip("cannot create symlinks here:", err)
				}
				checkWrite(t, dir, checkProbe, "---\ntitle: Probe\n---\n![Evil](/img/evil.png)\n")
			},
			want: wantDiag{checkProbe, 4, 9, SeverityWarning, "outside the course"},
		},
		{
			name: "module without folder",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, yml, "title: Box\nmodules: [\"setup\", \"ghost\"]\n")
			},
			want: wantDiag{yml, 2, 20, SeverityError, `"ghost" is listed but there is no folder`},
		},
		{
			name: "page file name without date",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, "modules/setup/_posts/intro.md", "---\ntitle: Intro\n---\n")
			},
			want: wantDiag{"modules/setup/_posts/intro.md", 0, 0, SeverityError, "does not start with a date"},
		},
		{
			name: "two pages with one name",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, "modules/setup/_posts/2000-01-09-getting-started.md", "---\ntitle: Again\n---\n")
			},
			want: wantDiag{"modules/setup/_posts/2000-01-09-getting-started.md", 0, 0, SeverityError, "same name"},
		},
		{
			name: "unknown license",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, yml, "title: Box\nmodules: [setup]\nlicense: CC-BY-SA-9.9\n")
			},
			want: wantDiag{yml, 3, 10, SeverityError, `"CC-BY-SA-9.9" is not a license`},
		},
		{
			name: "bad language",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, yml, "title: Box\nmodules: [setup]\nlanguage: english!\n")
			},
			want: wantDiag{yml, 3, 11, SeverityWarning, "not a language code"},
		},
		{
			name: "missing course.yml",
			mutate: func(t *testing.T, dir string) {
				if err := os.Remove(filepath.Join(dir, "_data", "course.yml")); err != nil {
					t.Fatal(err)
				}
			},
			want: wantDiag{yml, 0, 0, SeverityWarning, "no _data/course.yml"},
		},
		{
			name: "Latin-1 page",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, checkProbe, "---\ntitle: Caf\xe9\n---\n")
			},
			want: wantDiag{checkProbe, 2, 0, SeverityError, "not UTF-8"},
		},
		{
			name: "module page without title",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, checkProbe, "---\nlayout: course_page\n---\nText.\n")
			},
			want: wantDiag{checkProbe, 1, 0, SeverityError, "no title"},
		},
		{
			name: "module page with empty title",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, checkProbe, "---\nlayout: course_page\ntitle: \"\"\n---\nText.\n")
			},
			want: wantDiag{checkProbe, 3, 0, SeverityError, "title is empty"},
		},
		{
			name: "single page without title",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, "extra.md", "---\nlayout: page\n---\nText.\n")
			},
			want: wantDiag{"extra.md", 1, 0, SeverityWarning, "no title"},
		},
		{
			name: "link to a missing page",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, checkProbe, "---\ntitle: Probe\n---\n\nSee [the next step](../no-such-page/).\n")
			},
			want: wantDiag{checkProbe, 5, 21, SeverityWarning, `"../no-such-page/" leads nowhere`},
		},
		{
			name: "link position after CRLF front matter, BOM and accents",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, checkProbe, "\ufeff---\r\ntitle: Probe\r\nnote: x\r\n---\r\nÉté, déjà: [lien](/modules/setup/nowhere/)\r\n")
			},
			want: wantDiag{checkProbe, 5, 19, SeverityWarning, "leads nowhere"},
		},
		{
			name: "image without alt",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, checkProbe, "---\ntitle: Probe\n---\n\nLogo: ![](/img/logo.png)\n")
			},
			want: wantDiag{checkProbe, 5, 7, SeverityWarning, "no description (alt text)"},
		},
		{
			name: "html image without alt",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, checkProbe, "---\ntitle: Probe\n---\n<p>\n  <img src=\"/img/logo.png\" width=\"20\">\n</p>\n")
			},
			want: wantDiag{checkProbe, 5, 3, SeverityWarning, "no description (alt text)"},
		},
		{
			name: "missing image",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, checkProbe, "---\ntitle: Probe\n---\n![Our logo]({{ site.baseurl }}/img/logo2.png)\n")
			},
			want: wantDiag{checkProbe, 4, 13, SeverityWarning, "there is no file img/logo2.png"},
		},
		{
			name: "image name in other capitals",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, checkProbe, "---\ntitle: Probe\n---\n![Our logo](/img/Logo.png)\n")
			},
			want: wantDiag{checkProbe, 4, 13, SeverityWarning, "capital letters of img/logo.png"},
		},
		{
			name: "post_url to a missing page",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, checkProbe, "---\ntitle: Probe\n---\n[Next]({% post_url 2000-01-01-nowhere %})\n")
			},
			want: wantDiag{checkProbe, 4, 20, SeverityError, "the site will not build"},
		},
		{
			name: "post_url in the wrong module",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, checkProbe, "---\ntitle: Probe\n---\n[Next]({% post_url /modules/content/2000-01-01-getting-started %})\n")
			},
			want: wantDiag{checkProbe, 4, 20, SeverityWarning, "is in modules/setup, not in modules/content"},
		},
		{
			name: "link to an unpublished page",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, "modules/setup/_posts/2000-01-08-draft.md", "---\ntitle: Draft\npublished: false\n---\n")
				checkWrite(t, dir, checkProbe, "---\ntitle: Probe\n---\n[Draft](../draft/)\n")
			},
			want: wantDiag{checkProbe, 4, 9, SeverityWarning, "which is not published"},
		},
		{
			name: "unpublished page",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, checkProbe, "---\ntitle: Probe\npublished: false\n---\n")
			},
			want: wantDiag{checkProbe, 3, 0, SeverityInfo, "not published"},
		},
		{
			name: "hidden module",
			mutate: func(t *testing.T, dir string) {
				checkWrite(t, dir, "modules/extra/_posts/2000-01-01-a.md", "---\ntitle: A\n---\n")
			},
			want: wantDiag{"modules/extra", 0, 0, SeverityInfo, "not in the menu"},
		},
	}
	src := filepath.Join(corpusDir(t), "course-in-a-box")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyTree(t, src)
			tc.mutate(t, dir)
			before := checkTreeHash(t, dir)
			c, err := Load(dir)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			ds := Check(c)
			if after := checkTreeHash(t, dir); after != before {
				t.Error("Load and Check changed the course folder")
			}
			if !checkFind(ds, tc.want) {
				t.Errorf("missing %v in:%s", tc.want, checkDump(ds))
			}
			for _, d := range ds {
				if d.File == "" || d.Message == "" || d.Hint == "" {
					t.Errorf("diagnostic without file, message or hint: %#v", d)
				}
				for _, jargon := range []string{"YAML node", "yaml.Node", "nil"} {
					if strings.Contains(d.Message, jargon) {
						t.Errorf("jargon %q in %s", jargon, d)
					}
				}
			}
			if strings.Contains(checkDump(ds), "SECRET-CONTENT") {
				t.Error("a file outside the course was read")
			}
			for _, p := range c.AllPages() {
				if strings.Contains(p.Body(), "SECRET-CONTENT") || strings.Contains(p.Title(), "SECRET-CONTENT") {
					t.Errorf("%s holds the content of a file outside the course", p.Path)
				}
			}
		})
	}
}

// TestCheckIgnoresCode checks which link-like text in a page is a link a
// reader sees: not examples in code blocks, code spans or comments.
func TestCheckIgnoresCode(t *testing.T) {
	cases := []struct {
		name    string
		body    string
		reports bool
	}{
		{"plain link", "[x](/nowhere/)\n", true},
		{"backtick fence", "```\n[x](/nowhere/)\n```\n", false},
		{"tilde fence with info", "~~~ markdown\n![](/nowhere.png)\n~~~\n", false},
		{"indented fence", "   ```\n<img src=\"/nowhere.png\">\n   ```\n", false},
		{"longer closing fence", "```\n[x](/nowhere/)\n`````\n", false},
		{"shorter fence does not close", "````\n```\n[x](/nowhere/)\n````\n", false},
		{"after a closed fence", "```\ncode\n```\n[x](/nowhere/)\n", true},
		{"unclosed fence runs to the end", "```\n[x](/nowhere/)\n", false},
		{"code span", "Write `[x](/nowhere/)` for a link.\n", false},
		{"double code span", "Write ``a ` [x](/nowhere/)`` here.\n", false},
		{"unmatched backtick", "A ` tick, then [x](/nowhere/)\n", true},
		{"code span ends at a blank line", "A `tick\n\n[x](/nowhere/) `\n", true},
		{"html comment", "<!-- [x](/nowhere/) -->\n", false},
		{"liquid comment", "{% comment %}\n[x](/nowhere/)\n{% endcomment %}\n", false},
		{"liquid raw", "{% raw %}[x]({{site.baseurl}}/nowhere/){% endraw %}\n", false},
		{"liquid highlight", "{% highlight html %}\n<img src=\"/nowhere.png\">\n{% endhighlight %}\n", false},
		{"after a liquid comment", "{% comment %}x{% endcomment %}\n[x](/nowhere/)\n", true},
		{"raw is not closed by endcomment", "{% raw %}x{% endcomment %}\n[x](/nowhere/)\n", true},
	}
	src := filepath.Join(corpusDir(t), "course-in-a-box")
	dir := copyTree(t, src)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkWrite(t, dir, checkProbe, "---\ntitle: Probe\n---\n"+tc.body)
			ds := Check(mustLoad(t, dir))
			got := false
			for _, d := range ds {
				if d.File == checkProbe {
					got = true
				}
			}
			if got != tc.reports {
				t.Errorf("reported = %v, want %v:%s", got, tc.reports, checkDump(ds))
			}
		})
	}
}

// TestCheckLinkForms checks link forms real courses use that lead to
// existing pages and files, so none may be reported.
func TestCheckLinkForms(t *testing.T) {
	links := []string{
		"[a](../getting-started/)",
		"[a](../getting-started)",
		"[a](../getting-started/index.html)",
		"[a](/modules/SETUP/getting-started/)",
		"[a](/modules/setup/getting-started/#part)",
		"[a]({{ site.baseurl }}/modules/content/modules/)",
		"[a]({{site.baseurl}}/single-page)",
		"[a]({{ '/single-page/' | relative_url }})",
		"[a]({{ \"modules/setup/required-setup\" | relative_url }}#x)",
		"[a](/)",
		"[a](../../../)",
		"[a](2000-01-02-required-setup.md)",
		"[a](/single-page.md)",
		"[a](../../../img/)", // a folder with an index, created below
		"[a]({% post_url 2000-01-02-required-setup %})",
		"[a]({% post_url /modules/setup/2000-01-02-required-setup %})",
		"[a](../../customize/custom-domain/ \"a title\")",
		"[a](../../my module/page/)",
		"![a](/img/logo.png)",
		"<img src=\"../../../img/logo.png\" alt=\"\">",
		"<a href=\"https://example.org/nowhere\">a</a>",
		"[a](mailto:someone@example.org)",
		"[a](#section)",
		"[a]({{ page.url }})",
		"![a map](../../../img/my map.png) and [a](../../my module/page/ \"title\")", // kramdown allows spaces
		"A note.[^1]",
		"[^1]: A footnote definition is not a link reference.",
		"*[GIS]: Geographic Information System",
	}
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	checkWrite(t, dir, "img/my map.png", "png")
	checkWrite(t, dir, "img/index.html", "<p>gallery</p>")
	checkWrite(t, dir, "modules/my module/_posts/2000-01-01-page.md", "---\ntitle: Page\n---\n")
	checkWrite(t, dir, DataFile, "title: Box\nmodules: [setup, content, customize, my module]\n")
	checkWrite(t, dir, checkProbe, "---\ntitle: Probe\n---\n"+strings.Join(links, "\n\n")+"\n")
	for _, d := range Check(mustLoad(t, dir)) {
		if d.File == checkProbe {
			line := d.Line - 4
			if line >= 0 && line%2 == 0 && line/2 < len(links) {
				t.Errorf("%s reported: %s", links[line/2], d)
			} else {
				t.Errorf("reported: %s", d)
			}
		}
	}
}

func TestCheckKeepsProblems(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	checkWrite(t, dir, "modules/setup/_posts/notes.md", "no date\n")
	c := mustLoad(t, dir)
	n := len(c.Problems)
	if n == 0 {
		t.Fatal("Load found no problem")
	}
	ds := Check(c)
	if !checkFind(ds, wantDiag{"modules/setup/_posts/notes.md", 0, 0, SeverityError, "date"}) {
		t.Errorf("load problem not in Check's result:%s", checkDump(ds))
	}
	Check(c)
	if len(c.Problems) != n {
		t.Errorf("Check changed c.Problems: %d → %d", n, len(c.Problems))
	}
}

func TestDiagnosticString(t *testing.T) {
	cases := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "about.md", Line: 12, Col: 5, Severity: SeverityWarning, Message: "the link \"x\" leads nowhere", Hint: "fix the link"},
			`about.md:12:5: warning: the link "x" leads nowhere (fix the link)`},
		{Diagnostic{File: "_data/course.yml", Line: 3, Col: 10, Severity: SeverityError, Message: "bad license"},
			"_data/course.yml:3:10: error: bad license"},
		{Diagnostic{File: "modules/extra", Severity: SeverityInfo, Message: "hidden", Hint: "list it"},
			"modules/extra:1:1: info: hidden (list it)"},
		{Diagnostic{File: "modules/a b/_posts/2000-01-01-x.md", Line: 7, Severity: SeverityError, Message: "no title", Hint: "add one"},
			"modules/a b/_posts/2000-01-01-x.md:7:1: error: no title (add one)"},
	}
	for _, tc := range cases {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

// TestCheckExtractLinksSameAsWhole checks the paragraph-by-paragraph
// shortcut finds exactly the links ExtractLinks finds in the whole body of
// every corpus page.
func TestCheckExtractLinksSameAsWhole(t *testing.T) {
	key := func(rs []LinkRef) []string {
		var out []string
		for _, r := range rs {
			out = append(out, fmt.Sprintf("%d:%d:%d:%v:%v:%q", r.Kind, r.Start, r.End, r.Image, r.HasAlt, r.Target))
		}
		sort.Strings(out)
		return out
	}
	pages := 0
	for _, name := range corpusCourses {
		c := mustLoad(t, filepath.Join(corpusDir(t), name))
		for _, p := range c.AllPages() {
			pages++
			whole, parts := key(ExtractLinks(p.Body())), key(checkExtractLinks(p.Body()))
			if strings.Join(whole, "\n") != strings.Join(parts, "\n") {
				t.Errorf("%s/%s: by paragraph\n%s\nwhole\n%s", name, p.Path, strings.Join(parts, "\n"), strings.Join(whole, "\n"))
			}
		}
	}
	if pages < 80 {
		t.Errorf("only %d corpus pages", pages)
	}
}

// Every problem the check finds in the corpus has a stable code.
func TestEveryDiagnosticHasACode(t *testing.T) {
	for _, name := range testcorpus.Courses {
		c, err := Load(filepath.Join(testcorpus.Dir(t), name))
		if err != nil {
			t.Fatal(err)
		}
		ds := append(Check(c), c.Problems...)
		if len(ds) == 0 {
			continue
		}
		for _, d := range ds {
			if d.Code == "" {
				t.Errorf("%s: no code: %v", name, d)
			}
		}
	}
}
