package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
)

// snapshot is every file and folder under dir: path → mode and content hash.
func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		v := fi.Mode().String()
		if fi.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			v += " " + hex.EncodeToString(sum[:8])
		}
		snap[filepath.ToSlash(rel)] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// snapshotDiff describes how two snapshots differ ("" when they do not).
func snapshotDiff(a, b map[string]string) string {
	var diffs []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			diffs = append(diffs, "removed "+k)
		} else if w != v {
			diffs = append(diffs, "changed "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diffs = append(diffs, "added "+k)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 8 {
		diffs = append(diffs[:8], fmt.Sprintf("and %d more", len(diffs)-8))
	}
	return strings.Join(diffs, ", ")
}

func writeFiles(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for rel, data := range files {
		full := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Issue 13: a _site that holds a committed Jekyll build ends with what
// the build wrote, plus .git, CNAME and what keep_files names — not the
// old build's pages beside the new ones.
func TestBuildCleansOldJekyllSite(t *testing.T) {
	c := sampleCourse(t)
	cfg := filepath.Join(c.Dir, course.ConfigFile)
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(data, "\nkeep_files: [downloads, .well-known/security.txt]\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, err = course.Load(c.Dir); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(c.Dir, "_site")
	kept := map[string]string{
		".git/HEAD":                "ref: refs/heads/gh-pages\n",
		".git/objects/ab/cdef":     "object",
		"CNAME":                    "course.example.org\n",
		"downloads/handout.pdf":    "%PDF-1.4",
		".well-known/security.txt": "Contact: mailto:x@example.org\n",
	}
	stale := map[string]string{
		"modules/Introduction/index.html":      "<p>old Jekyll page</p>",
		"modules/Introduction/welcome.html":    "<p>old</p>",
		"404.html":                             "<h1>Not found</h1>",
		"atom.xml":                             "<rss/>", // (feed.xml is the theme's own feed now)
		"assets/css/main.css":                  "body{}",
		".well-known/other.txt":                "not kept",
		"modules/who-made-this/check-in/x.txt": "beside a page this build writes",
	}
	writeFiles(t, site, kept)
	writeFiles(t, site, stale)

	res := build(t, c, "", BuildOptions{})
	if res.Removed != len(stale) {
		t.Errorf("removed %d files, want the %d stale ones", res.Removed, len(stale))
	}
	m, _, err := readManifest(site)
	if err != nil || m == nil {
		t.Fatalf("manifest: %v", err)
	}
	after := snapshot(t, site)
	for rel, mode := range after {
		if strings.HasPrefix(mode, "d") || rel == manifestFile || m.Outputs[rel] != nil {
			continue
		}
		if _, ok := kept[rel]; !ok {
			t.Errorf("%s is in the site folder but the build did not write it", rel)
		}
	}
	for rel := range m.Outputs {
		if _, ok := after[rel]; !ok {
			t.Errorf("%s was written but is missing", rel)
		}
	}
	for rel, want := range kept {
		if got, err := os.ReadFile(filepath.Join(site, rel)); err != nil || string(got) != want {
			t.Errorf("kept file %s: %q, %v", rel, got, err)
		}
	}
	for _, gone := range []string{"modules/Introduction"} {
		if _, err := os.Stat(filepath.Join(site, gone)); err == nil {
			t.Errorf("the old build's folder %s is still there", gone)
		}
	}
	// The folder the build staged in is gone, and is not course content.
	if _, err := os.Stat(stagingDir(site)); err == nil {
		t.Error("the staging folder was left behind")
	}
	if !course.NotContentDir(filepath.Base(stagingDir(site))) {
		t.Error("the staging folder's name is course content: watchers and versions would see it")
	}
}

// An incremental build writes only what changed into the staging folder
// and moves it in; the result is the same bytes as a fresh build.
func TestBuildStagedMatchesFresh(t *testing.T) {
	c := sampleCourse(t)
	out := filepath.Join(t.TempDir(), "site")
	build(t, c, out, BuildOptions{})
	p := c.Module("who-made-this").Page("activity")
	p.SetBody("Zebras first.\n\n" + p.Body())
	res := build(t, c, out, BuildOptions{})
	if res.Rendered != 1 {
		t.Errorf("one page edited, %d rendered", res.Rendered)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	build(t, c, fresh, BuildOptions{})
	if diff := snapshotDiff(snapshot(t, fresh), snapshot(t, out)); diff != "" {
		t.Errorf("incremental build differs from a fresh one: %s", diff)
	}
	// Neither the staging folder nor the spool of the pages' search
	// text (whose entries the manifests above hold) is left behind.
	for _, dir := range []string{out, fresh} {
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), stagingPrefix+"*")); len(left) > 0 {
			t.Errorf("left beside %s: %v", dir, left)
		}
	}
}
