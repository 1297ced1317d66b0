package publish

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"github.com/coursewright/coursewright/repo"
)

// Issue 12, item 8: an invalid course.yml, a page with broken front
// matter or binary content stop the publish before anything is sent, with
// the file and line named; the site on the server stays as it was.
func TestPublishRefusesACourseWithErrors(t *testing.T) {
	for name, breakIt := range map[string]func(dir string) (file string, line int){
		"invalid course.yml": func(dir string) (string, int) {
			write(t, filepath.Join(dir, "_data", "course.yml"), "description: d\ntitle: [unclosed\n")
			return course.DataFile, 2
		},
		"broken front matter": func(dir string) (string, int) {
			p := "modules/setup/_posts/2000-01-01-getting-started.md"
			write(t, filepath.Join(dir, p), "---\ntitle: [x\n---\nbody\n")
			return p, 0
		},
		// Issue 18: a self-check question the site would show as plain
		// markdown, its answer markup and all.
		"self-check question with an error": func(dir string) (string, int) {
			p := "modules/setup/_posts/2000-01-01-getting-started.md"
			write(t, filepath.Join(dir, p), "---\ntitle: Getting started\n---\n\n<!-- self-check -->\nQ?\n\n1. a\n2. b\n<!-- /self-check -->\n")
			return p, 5
		},
		"binary page": func(dir string) (string, int) {
			p := "modules/setup/_posts/2000-01-02-required-setup.md"
			write(t, filepath.Join(dir, p), "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
			return p, 0
		},
	} {
		t.Run(name, func(t *testing.T) {
			auth := publishEnv(t, "tok")
			srv := gittest.NewHTTPServer(t, "teacher", "tok")
			dir := testcorpus.Copy(t, "course-in-a-box")
			r, err := repo.Open(dir, repo.Options{Create: true})
			if err != nil {
				t.Fatal(err)
			}
			if err := r.SetRemote(srv.URL("box")); err != nil {
				t.Fatal(err)
			}
			file, line := breakIt(dir)
			c, err := course.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Publish(context.Background(), c, Options{Auth: auth})
			if !errors.Is(err, ErrCourseErrors) {
				t.Fatalf("publish: %v, want ErrCourseErrors", err)
			}
			if res != nil && res.Pushed || srv.Pushes() != 0 {
				t.Errorf("something was pushed: %+v, %d pushes", res, srv.Pushes())
			}
			if !strings.Contains(err.Error(), file) {
				t.Errorf("the error does not name %s: %v", file, err)
			}
			var ce *CourseErrors
			if errors.As(err, &ce) && line > 0 && ce.Diagnostics[0].Line != line {
				t.Errorf("line %d, want %d", ce.Diagnostics[0].Line, line)
			}
		})
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
