package publish

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/testcorpus"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/templates"
	"golang.org/x/net/html"
)

// corpusCourses lists the real courses of the corpus in testdata/corpus;
// the test fails when it is missing.
func corpusCourses(t testing.TB) []string {
	t.Helper()
	testcorpus.Dir(t)
	return testcorpus.Courses
}

// corpusCourse copies a corpus course into a temporary folder and loads it.
func corpusCourse(t testing.TB, name string) *course.Course {
	t.Helper()
	dir := testcorpus.Copy(t, name)
	c, err := course.Load(dir)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return c
}

// sampleCourse copies the sample course that ships with Coursewright.
func sampleCourse(t testing.TB) *course.Course {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "sample")
	if err := templates.CopyTo(templates.Sample(), dir, nil); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func build(t testing.TB, c *course.Course, out string, opts BuildOptions) *BuildResult {
	t.Helper()
	res, err := Build(context.Background(), c, out, opts)
	if err != nil {
		t.Fatalf("build %s: %v", filepath.Base(c.Dir), err)
	}
	return res
}

// skippedFiles reads the files a corpus course's SOURCE.txt says were not
// copied into the corpus: links to them are broken in the source too.
func skippedFiles(courseDir string) map[string]bool {
	out := map[string]bool{}
	f, err := os.Open(filepath.Join(courseDir, "SOURCE.txt"))
	if err != nil {
		return out
	}
	defer f.Close()
	re := regexp.MustCompile(`^\s+(\S+) \(`)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			out[m[1]] = true
		}
	}
	return out
}

// siteFiles lists every file of a built site, slash paths, sorted.
func siteFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// linkRef is one address found in a page.
type linkRef struct {
	tag, attr, val string
}

// pageLinks returns every address in an HTML page: href, src, srcset,
// poster, action and a refresh target, and the script elements.
func pageLinks(t testing.TB, doc string) (links []linkRef, scripts []map[string]string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				t.Fatalf("parse: %v", z.Err())
			}
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		attrs := map[string]string{}
		for _, a := range tok.Attr {
			attrs[a.Key] = a.Val
		}
		if tok.Data == "script" {
			scripts = append(scripts, attrs)
		}
		for _, a := range tok.Attr {
			switch a.Key {
			case "href", "src", "poster", "action", "data":
				links = append(links, linkRef{tok.Data, a.Key, a.Val})
			case "srcset":
				for _, part := range strings.Split(a.Val, ",") {
					if f := strings.Fields(part); len(f) > 0 {
						links = append(links, linkRef{tok.Data, a.Key, f[0]})
					}
				}
			case "content":
				if strings.EqualFold(attrs["http-equiv"], "refresh") {
					if _, u, ok := strings.Cut(a.Val, "url="); ok {
						links = append(links, linkRef{tok.Data, "refresh", u})
					}
				}
			}
		}
	}
}

var externalRE = regexp.MustCompile(`^(?i:https?:|mailto:|tel:|data:image/)`)

// checkLinks asserts that every internal address of every page of the
// site at dir is relative and leads to a file of the site (a folder to
// its index.html). allowMissing names site files whose absence is known.
func checkLinks(t *testing.T, dir string, allowMissing map[string]bool) {
	t.Helper()
	files := siteFiles(t, dir)
	have := map[string]bool{}
	for _, f := range files {
		have[f] = true
	}
	broken := 0
	for _, f := range files {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		links, _ := pageLinks(t, string(data))
		for _, l := range links {
			v := strings.TrimSpace(l.val)
			if v == "" {
				t.Errorf("%s: <%s %s=\"\">", f, l.tag, l.attr)
				continue
			}
			if externalRE.MatchString(v) || strings.HasPrefix(v, "#") {
				continue
			}
			if strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") {
				t.Errorf("%s: <%s %s=%q> is not relative", f, l.tag, l.attr, v)
				continue
			}
			u, err := url.Parse(v)
			if err != nil || u.Scheme != "" {
				t.Errorf("%s: <%s %s=%q>: not an internal address of the site", f, l.tag, l.attr, v)
				continue
			}
			target := path.Join(path.Dir(f), u.Path)
			if u.Path == "" {
				continue // a query or fragment of this page
			}
			if target == ".." || strings.HasPrefix(target, "../") {
				t.Errorf("%s: <%s %s=%q> leads out of the site", f, l.tag, l.attr, v)
				continue
			}
			if strings.HasSuffix(u.Path, "/") || target == "." {
				target = path.Join(target, "index.html")
			}
			if !have[target] && have[path.Join(target, "index.html")] {
				target = path.Join(target, "index.html")
			}
			if !have[target] && !allowMissing[target] {
				broken++
				if broken <= 30 {
					t.Errorf("%s: <%s %s=%q>: %s is not in the site", f, l.tag, l.attr, v, target)
				}
			}
		}
	}
	if broken > 30 {
		t.Errorf("… %d broken links in all", broken)
	}
}
