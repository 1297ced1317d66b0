package publish

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/render"
)

// Issue 12, item 7: a page whose markdown costs goldmark minutes (3 MB of
// unclosed links; goldmark cannot be stopped midway) is given up after
// the page time limit with an error naming it, and the build goes on
// with the other pages; cancelling the build stops it within a second
// even while that page is being parsed.
func TestBuildGivesUpSlowMarkdown(t *testing.T) {
	c := sampleCourse(t)
	first := c.Modules[0].Pages[0].Path
	slow := path.Join(path.Dir(first), "2001-01-01-slow.md")
	src := "---\ntitle: Slow\n---\n" + strings.Repeat("[a](", 3<<20/4) + "\n"
	if err := os.WriteFile(filepath.Join(c.Dir, filepath.FromSlash(slow)), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(c.Dir)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("limit", func(t *testing.T) {
		start := time.Now()
		out := filepath.Join(t.TempDir(), "site")
		res, err := Build(context.Background(), c, out, BuildOptions{})
		took := time.Since(start)
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, d := range res.Diagnostics {
			if d.Code == course.CodeRenderLimit && d.File == slow && d.Severity == course.SeverityError {
				found = true
			}
		}
		if !found {
			t.Errorf("no render-limit error on %s: %v", slow, res.Diagnostics)
		}
		if res.Rendered < 10 || res.Rendered != res.Pages {
			t.Errorf("%+v: the other pages were not all built", res)
		}
		// The page's markdown is bounded; its Liquid and the rest of
		// the build are not counted against it.
		if took > render.MaxPageMarkdownTime+10*time.Second {
			t.Errorf("build took %s", took)
		}
		t.Logf("build with the slow page: %s", took.Round(time.Millisecond))
		// A page given up is not recorded as built: a busy machine may
		// have been all that made it slow, so the next build tries again.
		again := build(t, c, out, BuildOptions{})
		if again.Rendered != 1 {
			t.Errorf("the next build rendered %d pages, want the slow one again", again.Rendered)
		}
	})

	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		out := filepath.Join(t.TempDir(), "site")
		time.AfterFunc(time.Second, cancel) // the slow page is being parsed by then
		start := time.Now()
		_, err := Build(ctx, c, out, BuildOptions{Renderer: render.New(render.Options{})}) // a renderer that has not seen the page
		if err == nil {
			t.Fatal("a cancelled build succeeded")
		}
		if took := time.Since(start) - time.Second; took > time.Second {
			t.Errorf("build returned %s after it was cancelled", took)
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("a cancelled build left a site")
		}
	})
}
