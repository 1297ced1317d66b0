package export

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"github.com/coursewright/coursewright/publish"
)

// exportCourse exports a corpus course (a fresh copy) and returns the file.
func exportCourse(t *testing.T, name string, f Format, opts Options) ([]byte, *Result) {
	t.Helper()
	c, err := course.Load(testcorpus.Copy(t, name))
	if err != nil {
		t.Fatal(err)
	}
	if opts.Guide && len(c.Guides) == 0 {
		// The corpus courses have no guide: draft one as an author
		// would (coursewright guide draft).
		if _, err := c.Apply(course.WriteDraftGuide{}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Save(); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	res, err := Export(context.Background(), c, f, &buf, opts)
	if err != nil {
		t.Fatalf("export %s %s: %v", name, f, err)
	}
	return buf.Bytes(), res
}

func openZip(t *testing.T, data []byte) *zip.Reader {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	return zr
}

// Every format gives byte-identical files for the same course, exported
// from two copies of it.
func TestExportDeterministic(t *testing.T) {
	for _, f := range []Format{ZIP, EPUB} {
		a, _ := exportCourse(t, "we-are-ai", f, Options{Guide: true})
		b, _ := exportCourse(t, "we-are-ai", f, Options{Guide: true})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two exports of the same course differ", f)
		}
		for _, zf := range openZip(t, a).File {
			if !zf.Modified.Equal(fixedTime) {
				t.Errorf("%s: %s has time %v", f, zf.Name, zf.Modified)
			}
		}
	}
	// The book as Coursewright writes it for the printer (its HTML, here
	// in the zip written when there is no browser) is byte-stable too.
	t.Setenv("COURSEWRIGHT_CHROMIUM", "none")
	a, _ := exportCourse(t, "we-are-ai", PDF, Options{Guide: true})
	b, _ := exportCourse(t, "we-are-ai", PDF, Options{Guide: true})
	if !bytes.Equal(a, b) {
		t.Errorf("pdf without a browser: two exports of the same course differ")
	}
}

// writeTemp writes data to a file in a temporary folder.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestEPUBCheck runs Debian's epubcheck on every corpus course, with and
// without the guide: no errors, no warnings.
func TestEPUBCheck(t *testing.T) {
	epubcheck, err := exec.LookPath("epubcheck")
	if err != nil {
		needTool(t, "epubcheck is not installed (Debian: apt-get install epubcheck)")
	}
	// epubcheck takes half a minute a book on a busy machine: each course
	// with its guide (the bigger book), and one without.
	for i, name := range testcorpus.Courses {
		for _, guide := range []bool{true, false} {
			if !guide && i > 0 {
				continue
			}
			data, _ := exportCourse(t, name, EPUB, Options{Guide: guide})
			zr := openZip(t, data)
			if zr.File[0].Name != "mimetype" || zr.File[0].Method != zip.Store {
				t.Errorf("%s: the first entry is %s (method %d)", name, zr.File[0].Name, zr.File[0].Method)
			}
			p := writeTemp(t, name+".epub", data)
			out, err := epubcheckCmd(epubcheck, "-q", p).CombinedOutput()
			if err != nil || strings.Contains(string(out), "WARNING") || strings.Contains(string(out), "ERROR") {
				t.Errorf("epubcheck %s (guide %v): %v\n%s", name, guide, err, out)
			}
		}
	}
}

// epubcheckCmd runs epubcheck; Debian installs it as a jar, which runs
// directly only where the kernel knows jars (binfmt_misc), so through
// java otherwise.
func epubcheckCmd(epubcheck string, args ...string) *exec.Cmd {
	if real, err := filepath.EvalSymlinks(epubcheck); err == nil && strings.HasSuffix(real, ".jar") {
		return exec.Command("java", append([]string{"-jar", real}, args...)...)
	}
	return exec.Command(epubcheck, args...)
}

// needTool skips a test whose tool is missing, except under CI (.ci/run
// installs the tools), where that is a failure.
func needTool(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(why)
	}
	t.Skip(why)
}

// renderedCourse renders a fresh copy of a corpus course as exports see it.
func renderedCourse(t *testing.T, name string) (*publish.Rendered, error) {
	t.Helper()
	c, err := course.Load(testcorpus.Copy(t, name))
	if err != nil {
		return nil, err
	}
	return publish.RenderCourse(context.Background(), c, publish.RenderOptions{})
}

// renderedGuide renders a copy of a corpus course with a drafted guide.
func renderedGuide(t *testing.T, name string) (*publish.Rendered, error) {
	t.Helper()
	c, err := course.Load(testcorpus.Copy(t, name))
	if err != nil {
		return nil, err
	}
	if _, err := c.Apply(course.WriteDraftGuide{}); err != nil {
		return nil, err
	}
	if _, err := c.Save(); err != nil {
		return nil, err
	}
	return publish.RenderCourse(context.Background(), c, publish.RenderOptions{Guide: true})
}
