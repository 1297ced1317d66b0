//go:build linux

package main

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

// Issue 12, item 11: multi-file edits are journaled, so a `module reslug`
// or `page move` killed at any moment leaves the course as it was or as
// the edit makes it — course.yml, the folders and every link at one name
// — once any command has opened the course again (Load completes an
// interrupted edit from .coursewright/edit-journal).
//
// The real CLI (this test binary, as in signals_test.go) is killed with
// SIGKILL at delays spread over the command's whole run, on a copy of the
// course-in-a-box corpus course to which linkPages pages are added, each
// linking to the module and page being moved: the edit rewrites all of
// them, which makes its save long enough (hundreds of files written and
// synced) to be cut at many points. After each kill `check` runs, and the
// course must be, byte for byte, the course before the edit or the course
// after it, with no temporary file left anywhere in it.

const (
	editKillTrials = 20 // split between the two edits
	linkPages      = 120
)

// editKillCourse is the corpus course with linkPages pages in a module of
// their own ("links"), listed in course.yml.
func editKillCourse(t *testing.T) string {
	t.Helper()
	dir := testcorpus.Copy(t, "course-in-a-box")
	posts := filepath.Join(dir, "modules", "links", "_posts")
	if err := os.MkdirAll(posts, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range linkPages {
		body := fmt.Sprintf("---\ntitle: Links %d\n---\nSee [the modules page](../../content/modules/), "+
			"[the homepage page]({{ site.baseurl }}/modules/content/homepage/) and [the first one](../../content/markdown-and-media/).\n", i)
		name := filepath.Join(posts, fmt.Sprintf("2000-%02d-%02d-links-%03d.md", 1+i/28, 1+i%28, i))
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(dir, filepath.FromSlash(course.DataFile))
	yml, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	yml = []byte(strings.Replace(string(yml), `"customize"]`, `"customize", "links"]`, 1))
	if !strings.Contains(string(yml), `"links"]`) {
		t.Fatalf("could not list the links module in %s", data)
	}
	if err := os.WriteFile(data, yml, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// courseTree is treeHash without .coursewright (locks, trash, journal).
func courseTree(t *testing.T, dir string) map[string]string {
	m := treeHash(t, dir)
	for k := range m {
		if k == ".coursewright" || strings.HasPrefix(k, ".coursewright"+string(filepath.Separator)) {
			delete(m, k)
		}
	}
	return m
}

// treeDiff names up to three paths that differ between a and b.
func treeDiff(a, b map[string]string) string {
	var d []string
	for k, v := range a {
		if b[k] != v {
			d = append(d, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			d = append(d, k)
		}
	}
	slices.Sort(d)
	if len(d) > 3 {
		d = append(d[:3], fmt.Sprintf("and %d more", len(d)-3))
	}
	return strings.Join(d, ", ")
}

// leftovers are the temporary files and journal a cut edit could leave.
func leftovers(t *testing.T, dir string) []string {
	var found []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if strings.HasSuffix(name, ".tmp") || strings.HasSuffix(name, ".cw-move") || strings.Contains(name, ".cw-tmp") {
			rel, _ := filepath.Rel(dir, p)
			found = append(found, rel)
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(course.EditJournalFile))); err == nil {
		found = append(found, course.EditJournalFile)
	}
	return found
}

// runToEnd runs the CLI and returns its stdout, whatever its exit status.
func runToEnd(t *testing.T, args ...string) string {
	t.Helper()
	c := startCLI(t, nil, args...)
	err := <-c.done
	c.done <- err
	return c.stdout.String()
}

func TestKill9DuringMultiFileEdit(t *testing.T) {
	if testing.Short() {
		t.Skip("kills the CLI 20 times in the middle of edits; skipped with -short")
	}
	base := editKillCourse(t)
	edits := []struct {
		name string
		args []string
	}{
		{"module reslug", []string{"module", "reslug", "content", "material"}},
		{"page move", []string{"page", "move", "--to", "setup", "content", "homepage", "1"}},
	}
	for _, e := range edits {
		t.Run(strings.ReplaceAll(e.name, " ", "-"), func(t *testing.T) {
			before := courseTree(t, base)
			beforeCheck := runToEnd(t, "-C", base, "check", "--json")
			ref := filepath.Join(t.TempDir(), "ref")
			testcorpus.CopyTree(t, base, ref)
			start := time.Now()
			runCLI(t, nil, append([]string{"-C", ref}, e.args...)...)
			took := time.Since(start)
			after := courseTree(t, ref)
			afterCheck := runToEnd(t, "-C", ref, "check", "--json")
			if treeDiff(before, after) == "" {
				t.Fatal("the edit changed nothing")
			}
			if strings.Contains(afterCheck, "/content/") {
				t.Fatalf("after the edit, check still finds links to the old place: %s", afterCheck)
			}
			t.Logf("%s takes %s", e.name, took.Round(time.Millisecond))
			var asBefore, asAfter, cut int
			trials := editKillTrials / len(edits)
			for i := range trials {
				dir := filepath.Join(t.TempDir(), "c")
				testcorpus.CopyTree(t, base, dir)
				// Spread over the run, with a random part within each slot.
				delay := time.Duration((float64(i) + rand.Float64()) / float64(trials) * float64(took))
				c := startCLI(t, nil, append([]string{"-C", dir}, e.args...)...)
				time.Sleep(delay)
				_ = c.cmd.Process.Signal(syscall.SIGKILL)
				err := <-c.done
				c.done <- err
				if _, jerr := os.Stat(filepath.Join(dir, filepath.FromSlash(course.EditJournalFile))); jerr == nil {
					cut++ // killed in the middle of its save
				}
				check := runToEnd(t, "-C", dir, "check", "--json")
				got := courseTree(t, dir)
				switch {
				case treeDiff(got, before) == "":
					asBefore++
					if check != beforeCheck {
						t.Errorf("trial %d (killed at %s): check differs from the course's before the edit:\n%s\nwant\n%s", i, delay, check, beforeCheck)
					}
				case treeDiff(got, after) == "":
					asAfter++
					if check != afterCheck {
						t.Errorf("trial %d (killed at %s): check differs from the course's after the edit:\n%s\nwant\n%s", i, delay, check, afterCheck)
					}
				default:
					t.Errorf("trial %d (killed at %s): the course is half edited: differs from before in %s; from after in %s",
						i, delay, treeDiff(got, before), treeDiff(got, after))
				}
				if left := leftovers(t, dir); len(left) > 0 {
					t.Errorf("trial %d (killed at %s): left behind: %v", i, delay, left)
				}
			}
			t.Logf("%d trials: %d as before, %d as after, %d killed in the middle of the save", trials, asBefore, asAfter, cut)
		})
	}
}
