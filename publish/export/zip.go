package export

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/publish"
)

// The offline copy is the website itself: the site build already writes
// every link relative and pointing at files (…/index.html, never a
// folder), and loads its search index as a script, so the site works
// opened from disk (file://), where folders do not open their index and
// fetch() is refused. The zip holds a fresh build, minus the build's own
// record, with fixed times. It holds the facilitator guide whenever the
// website does, so --guide changes nothing here (Export says so in a
// note): the guide is already public on the published site, every page's
// menu links it, and an offline copy that differed from the website
// would need a second build with its own navigation and search index.

// writeZipSite builds the site into a temporary folder and zips it.
func writeZipSite(ctx context.Context, c *course.Course, w io.Writer, opts Options, res *Result) error {
	publish.RemoveTrash(filepath.Join(os.TempDir(), "coursewright-export-*"))
	tmp, err := os.MkdirTemp("", "coursewright-export-")
	if err != nil {
		return err
	}
	// Bounded, so that Ctrl+C ends the export at once; leftovers go at
	// the next export.
	defer publish.RemoveAllWithin(tmp, 300*time.Millisecond)
	out := filepath.Join(tmp, "site")
	built, err := publish.Build(ctx, c, out, publish.BuildOptions{Drafts: opts.Drafts, Progress: func(done, total int) {
		opts.report(StageRender, done, total)
	}})
	if err != nil {
		return err
	}
	res.Diagnostics = built.Diagnostics
	files := map[string]string{}
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, ".coursewright-") {
			return nil // the build's record of itself
		}
		files[rel] = p
		return nil
	})
	if err != nil {
		return err
	}
	opts.report(StagePackage, 0, len(files))
	return zipFiles(ctx, w, files)
}
