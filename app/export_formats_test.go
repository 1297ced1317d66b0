package app

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// TestExportDialogEveryFormat exports the course from the dialog in
// every format, as an author would (the format's line, a place, Export),
// and checks each file for what makes it that format. The book is
// printed with Chromium where the machine has one, and is always also
// exported as it is where there is none: its print-ready HTML in a zip.
func TestExportDialogEveryFormat(t *testing.T) {
	_, e := exportWindow(t)
	out := t.TempDir()
	_, chromiumErr := exec.LookPath("chromium")
	for _, tc := range []struct {
		name, label string
		noBrowser   bool   // export the book where no browser is installed
		ext         string // of the file written
		check       func(t *testing.T, data []byte)
	}{
		{"imscc", "Canvas", false, ".imscc", func(t *testing.T, data []byte) {
			m := entry(t, data, "imsmanifest.xml")
			wantAll(t, "the CC 1.3 manifest", m, `xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"`,
				"<schema>IMS Common Cartridge</schema>", "<schemaversion>1.3.0</schemaversion>", `structure="rooted-hierarchy"`, `type="webcontent"`)
		}},
		{"imscc11", "Moodle", false, ".imscc", func(t *testing.T, data []byte) {
			m := entry(t, data, "imsmanifest.xml")
			wantAll(t, "the CC 1.1 manifest", m, `xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"`,
				"<schema>IMS Common Cartridge</schema>", "<schemaversion>1.1.0</schemaversion>", `type="webcontent"`)
			if strings.Contains(m, "imsccv1p3") {
				t.Error("the CC 1.1 manifest names CC 1.3")
			}
		}},
		{"scorm12", "Any LMS", false, ".zip", func(t *testing.T, data []byte) {
			m := entry(t, data, "imsmanifest.xml")
			wantAll(t, "the SCORM manifest", m, `xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"`,
				"<schema>ADL SCORM</schema>", "<schemaversion>1.2</schemaversion>", `adlcp:scormtype="sco"`)
			wantAll(t, "the SCORM runtime", entry(t, data, "scorm.js"), "LMSInitialize", "cmi.core.lesson_status", "LMSFinish")
		}},
		{"epub", "E-readers", false, ".epub", func(t *testing.T, data []byte) {
			zr := zipOf(t, data)
			if f := zr.File[0]; f.Name != "mimetype" || f.Method != zip.Store {
				t.Errorf("first entry %q (method %d)", f.Name, f.Method)
			}
			if got := entry(t, data, "mimetype"); got != "application/epub+zip" {
				t.Errorf("mimetype %q", got)
			}
			wantAll(t, "the container", entry(t, data, "META-INF/container.xml"), `media-type="application/oebps-package+xml"`)
			var nav bool
			for _, f := range zr.File {
				nav = nav || strings.HasSuffix(f.Name, "nav.xhtml")
			}
			if !nav {
				t.Error("no nav.xhtml")
			}
		}},
		{"pdf", "Print", false, ".pdf", func(t *testing.T, data []byte) {
			if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[max(0, len(data)-32):], []byte("%%EOF")) {
				t.Errorf("not a PDF: starts %q", data[:min(len(data), 16)])
			}
			if _, err := exec.LookPath("pdftotext"); err != nil {
				return
			}
			pdf := filepath.Join(t.TempDir(), "book.pdf")
			if err := os.WriteFile(pdf, data, 0o644); err != nil {
				t.Fatal(err)
			}
			text, err := exec.Command("pdftotext", pdf, "-").Output()
			if err != nil || !strings.Contains(string(text), "We Are AI") || !strings.Contains(string(text), "Contents") {
				t.Errorf("the book's text (%v): %.200q", err, text)
			}
		}},
		{"pdf without a browser", "Print", true, ".zip", func(t *testing.T, data []byte) {
			book := entry(t, data, "book.html")
			wantAll(t, "the print-ready book", book, "<title>We Are AI", "@page")
			if !strings.Contains(e.Problems.Text, "open it in a browser and print it") {
				t.Errorf("the dialog does not say how to print it: %q", e.Problems.Text)
			}
		}},
		{"zip", "A USB stick", false, ".zip", func(t *testing.T, data []byte) {
			home := entry(t, data, "index.html")
			if strings.Contains(home, `href="/`) || strings.Contains(home, `src="/`) {
				t.Error("the offline site has links from the server's root")
			}
			// Search works from disk: its index is a script, not fetched.
			if idx := entry(t, data, "search-index.js"); !strings.Contains(idx[:min(len(idx), 200)], "=") {
				t.Errorf("the search index is not a script: %.80q", idx)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "pdf" && chromiumErr != nil {
				t.Skip("no Chromium on this machine: the book is tested as HTML below")
			}
			if tc.noBrowser {
				t.Setenv("COURSEWRIGHT_CHROMIUM", "none")
			}
			e.named = false
			choose(t, e, tc.label)
			e.Path.SetText(filepath.Join(out, tc.name+filepath.Ext(e.Path.Text)))
			path, err := runExportWithin(t, e, 4*time.Minute)
			if err != nil {
				t.Fatalf("export: %v (%s)", err, e.Result.Text)
			}
			if filepath.Ext(path) != tc.ext || !strings.Contains(e.Result.Text, path) {
				t.Fatalf("written to %s, said %q", path, e.Result.Text)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, data)
		})
	}
}

// runExportWithin taps Export and waits up to d for the export to end.
func runExportWithin(t *testing.T, e *ExportDialog, d time.Duration) (string, error) {
	t.Helper()
	var path string
	var err error
	done := false
	e.OnFinished = func(p string, er error) { path, err, done = p, er, true }
	test.Tap(e.ExportBtn)
	waitFor(t, d, "the export", func() bool { return done })
	return path, err
}

func zipOf(t *testing.T, data []byte) *zip.Reader {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	return zr
}

// entry is the text of the named file in the zip data.
func entry(t *testing.T, data []byte, name string) string {
	t.Helper()
	f, err := zipOf(t, data).Open(name)
	if err != nil {
		t.Fatalf("no %s in the package: %v", name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func wantAll(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %s", what, w)
		}
	}
}
