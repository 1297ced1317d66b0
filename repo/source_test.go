package repo

import (
	"context"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/gittest"
)

// TestSourceOnGhPagesIsNeverReplaced: a Course-in-a-Box repository whose
// Jekyll source lives on gh-pages (as many do) is recognised, locally and
// through origin/gh-pages, and CommitTree refuses to put built pages there.
func TestSourceOnGhPagesIsNeverReplaced(t *testing.T) {
	isolate(t)
	srv := gittest.NewHTTPServer(t, testUser, testToken)
	envToken(t, testUser, testToken)
	ctx := context.Background()

	// The original course, made by someone with git: source on gh-pages.
	orig := t.TempDir()
	testcorpus.CopyTree(t, filepath.Join(testcorpus.Dir(t), "course-in-a-box"), orig)
	gittest.Git(t, orig, "init", "-q", "-b", "gh-pages")
	gittest.Git(t, orig, "add", "-A")
	gittest.Git(t, orig, "commit", "-q", "-m", "course source")
	gittest.Git(t, orig, "push", "-q", srv.BareDir("cib"), "gh-pages")
	srcTip := strings.TrimSpace(gittest.Git(t, orig, "rev-parse", "gh-pages"))

	o := newRepo(t, orig)
	isSrc, err := o.IsSourceBranch(ctx, "gh-pages")
	must(t, err)
	if !isSrc {
		t.Fatal("gh-pages holding _config.yml and modules/ is not recognised as source")
	}
	site := t.TempDir()
	writeFiles(t, site, map[string]string{"index.html": "<h1>built</h1>\n", ".nojekyll": ""})
	_, _, err = o.CommitTree(ctx, "gh-pages", site, "built")
	mustIs(t, err, ErrCheckedOutBranch)

	// An adapted copy on main, publishing with Coursewright: the server's
	// gh-pages is source too, and stays so.
	dir := t.TempDir()
	testcorpus.CopyTree(t, filepath.Join(testcorpus.Dir(t), "course-in-a-box"), dir)
	r := newRepo(t, dir)
	save(t, r, "adapted copy")
	must(t, r.SetRemote(srv.URL("cib")))
	must(t, r.Fetch(ctx, FetchOptions{Auth: noStoredCreds()}))
	isSrc, err = r.IsSourceBranch(ctx, "gh-pages")
	must(t, err)
	if !isSrc {
		t.Fatal("origin/gh-pages holding the source is not recognised")
	}
	if isSrc, _ := r.IsSourceBranch(ctx, "no-such-branch"); isSrc {
		t.Error("a missing branch is reported as source")
	}
	_, _, err = r.CommitTree(ctx, "gh-pages", site, "built")
	mustIs(t, err, ErrSourceBranch)
	if _, err := os.Stat(filepath.Join(dir, ".git", "refs", "heads", "gh-pages")); err == nil {
		t.Error("a local gh-pages was created anyway")
	}
	// Publishing to another branch is fine, and that branch is not source.
	_, changed, err := r.CommitTree(ctx, "site", site, "built")
	must(t, err)
	if !changed {
		t.Error("the first built-site commit reported no change")
	}
	isSrc, err = r.IsSourceBranch(ctx, "site")
	must(t, err)
	if isSrc {
		t.Error("the built-site branch is reported as source")
	}
	must(t, r.Push(ctx, PushOptions{Branches: []string{"main", "site"}, Auth: noStoredCreds()}))
	if got := strings.TrimSpace(gittest.Git(t, srv.BareDir("cib"), "rev-parse", "gh-pages")); got != srcTip {
		t.Error("the server's source branch changed")
	}
}
