package export

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

// The official IMS Common Cartridge schemas, copied as test data (see
// testdata/ims-cc-xsd/*/SOURCE.txt for where each file came from).
var ccSchemas = map[Format]struct{ manifest, weblink string }{
	IMSCC11: {"testdata/ims-cc-xsd/1.1/ccv1p1_imscp_v1p2_v1p0.xsd", "testdata/ims-cc-xsd/1.1/ccv1p1_imswl_v1p1.xsd"},
	// No copy of ccv1p3_imswl_v1p3.xsd was found: 1.3 web links are
	// checked for well-formedness only (TestCommonCartridgeWellFormed).
	IMSCC: {"testdata/ims-cc-xsd/1.3/ccv1p3_imscp_v1p2_v1p0.xsd", ""},
}

// xmllintSchema validates files against an XML schema with xmllint,
// offline, and returns its report; err is non-nil when any file fails.
func xmllintSchema(t *testing.T, schema string, files ...string) (string, error) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		needTool(t, "xmllint is not installed (Debian: apt-get install libxml2-utils)")
	}
	out, err := exec.Command(xmllint, append([]string{"--noout", "--nonet", "--schema", schema}, files...)...).CombinedOutput()
	return string(out), err
}

// checkCartridgeXSD validates a cartridge's manifest, and its web links
// where the schema is at hand, against the IMS schemas.
func checkCartridgeXSD(t *testing.T, f Format, data []byte) (manifest []byte) {
	t.Helper()
	s := ccSchemas[f]
	dir := t.TempDir()
	var links []string
	for _, name := range unzipTo(t, data, dir) {
		if strings.HasPrefix(name, "weblinks/") && strings.HasSuffix(name, ".xml") {
			links = append(links, filepath.Join(dir, filepath.FromSlash(name)))
		}
	}
	if out, err := xmllintSchema(t, s.manifest, filepath.Join(dir, "imsmanifest.xml")); err != nil {
		t.Errorf("imsmanifest.xml does not validate against %s: %v\n%s", filepath.Base(s.manifest), err, out)
	}
	if s.weblink != "" && len(links) > 0 {
		if out, err := xmllintSchema(t, s.weblink, links...); err != nil {
			t.Errorf("web links do not validate against %s: %v\n%s", filepath.Base(s.weblink), err, out)
		}
	}
	manifest, err := os.ReadFile(filepath.Join(dir, "imsmanifest.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return manifest
}

// TestCommonCartridgeXSD validates the manifest of both cartridge kinds
// of every corpus course, with and without the guide, and the 1.1 web
// links, against IMS's own schemas with xmllint (Debian's libxml2-utils);
// and the same for a course with authors and a description, which the
// corpus courses lack (LOM lifeCycle and description).
func TestCommonCartridgeXSD(t *testing.T) {
	for _, f := range []Format{IMSCC, IMSCC11} {
		for _, name := range testcorpus.Courses {
			for _, guide := range []bool{false, true} {
				what := "course"
				if guide {
					what = "guide"
				}
				t.Run(string(f)+"/"+name+"/"+what, func(t *testing.T) {
					data, _ := exportCourse(t, name, f, Options{Guide: guide})
					checkCartridgeXSD(t, f, data)
				})
			}
		}
		t.Run(string(f)+"/authors", func(t *testing.T) {
			c, err := course.Load(testcorpus.Copy(t, "we-are-ai"))
			if err != nil {
				t.Fatal(err)
			}
			for _, kv := range [][2]string{{"authors", "Ana Pérez, Bo Li"}, {"description", "A course about AI & society."}} {
				if _, err := c.Apply(course.SetMeta{Key: kv[0], Value: kv[1]}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := c.Save(); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if _, err := Export(context.Background(), c, f, &buf, Options{}); err != nil {
				t.Fatal(err)
			}
			if m := checkCartridgeXSD(t, f, buf.Bytes()); !bytes.Contains(m, []byte("FN:Bo Li")) || !bytes.Contains(m, []byte("&amp; society")) {
				t.Errorf("the manifest lacks the authors or the description:\n%s", m)
			}
		})
	}
}

// TestCommonCartridgeXSDRejects proves the schema check can fail: a
// valid manifest, broken in ways an importer refuses, does not validate.
func TestCommonCartridgeXSDRejects(t *testing.T) {
	for _, f := range []Format{IMSCC, IMSCC11} {
		data, _ := exportCourse(t, "we-are-ai", f, Options{Guide: true})
		dir := t.TempDir()
		unzipTo(t, data, dir)
		good, err := os.ReadFile(filepath.Join(dir, "imsmanifest.xml"))
		if err != nil {
			t.Fatal(err)
		}
		schema := ccSchemas[f].manifest
		if out, err := xmllintSchema(t, schema, filepath.Join(dir, "imsmanifest.xml")); err != nil {
			t.Fatalf("%s: the unbroken manifest does not validate: %v\n%s", f, err, out)
		}
		for _, tc := range []struct{ what, from, to string }{
			{"wrong schema version", "<schemaversion>", "<schemaversion>9"},
			{"organization not a rooted hierarchy", `structure="rooted-hierarchy"`, `structure="hierarchical"`},
			{"unknown resource type", `type="webcontent"`, `type="webpage"`},
			{"an item without a title", "<title>", "<!-- <title>"},
			{"two items with one identifier", `<item identifier="I`, `<item identifier="DUP"/><item identifier="DUP"><title>t</title></item><item identifier="I`},
			{"a second organization", "</organizations>", `<organization identifier="O2" structure="rooted-hierarchy"><item identifier="I2"/></organization></organizations>`},
		} {
			bad := strings.Replace(string(good), tc.from, tc.to, 1)
			if tc.what == "an item without a title" {
				bad = strings.Replace(bad, "</title>", "</title> -->", 1)
			}
			if bad == string(good) {
				t.Fatalf("%s: %s: %q is not in the manifest", f, tc.what, tc.from)
			}
			p := filepath.Join(dir, "broken.xml")
			if err := os.WriteFile(p, []byte(bad), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := xmllintSchema(t, schema, p)
			if err == nil || !strings.Contains(out, "fails to validate") {
				t.Errorf("%s: a manifest with %s validates: %v\n%s", f, tc.what, err, out)
			}
		}
	}
}
