package course

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/testcorpus"
)

// corpusDir is the shared folder of real Course-in-a-Box courses.
func corpusDir(t testing.TB) string { return testcorpus.Dir(t) }

var corpusCourses = testcorpus.Courses

// copyTree copies src into a new temp folder.
func copyTree(t testing.TB, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "course")
	testcorpus.CopyTree(t, src, dst)
	return dst
}

// gitCourse copies a corpus course into a fresh git repository with one
// commit, so tests can ask git exactly what an operation changed.
func gitCourse(t testing.TB, name string) string {
	t.Helper()
	dir := copyTree(t, filepath.Join(corpusDir(t), name))
	git(t, dir, "init", "-q")
	git(t, dir, "add", "-A")
	git(t, dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "corpus")
	return dir
}

func git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// gitChanges lists what git sees changed: "M path", "D path", "?? path"
// (untracked files listed one by one), sorted; the trash is left out.
func gitChanges(t testing.TB, dir string) []string {
	t.Helper()
	out := git(t, dir, "status", "--porcelain", "--untracked-files=all")
	var ch []string
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if l == "" || strings.Contains(l, ".coursewright/") {
			continue
		}
		ch = append(ch, strings.TrimSpace(l[:2])+" "+strings.Trim(l[3:], `"`))
	}
	sort.Strings(ch)
	return ch
}

func mustLoad(t testing.TB, dir string) *Course {
	t.Helper()
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustSave(t testing.TB, c *Course) {
	t.Helper()
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
}
