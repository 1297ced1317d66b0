package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/testcorpus"
)

// xmlNode is a generic XML element, to walk a manifest as it is.
type xmlNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []xmlNode  `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n *xmlNode) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func (n *xmlNode) walk(f func(*xmlNode)) {
	f(n)
	for i := range n.Nodes {
		n.Nodes[i].walk(f)
	}
}

// TestCommonCartridge parses both versions' manifests for every corpus
// course, with the guide, and checks them the way an importer reads them:
// namespaces and schema version, every href and file in the package,
// every identifierref resolving, identifiers unique, the organization
// rooted, the guide marked for instructors, page links in
// $IMS-CC-FILEBASE$ form.
func TestCommonCartridge(t *testing.T) {
	for _, tc := range []struct {
		f       Format
		v       ccVersion
		wlTypes string
	}{{IMSCC, cc13, "imswl_xmlv1p3"}, {IMSCC11, cc11, "imswl_xmlv1p1"}} {
		for _, name := range testcorpus.Courses {
			t.Run(string(tc.f)+"/"+name, func(t *testing.T) {
				data, _ := exportCourse(t, name, tc.f, Options{Guide: true})
				zr := openZip(t, data)
				have := map[string]*zip.File{}
				for _, f := range zr.File {
					have[f.Name] = f
				}
				mf := have["imsmanifest.xml"]
				if mf == nil || zr.File[0].Name != "imsmanifest.xml" {
					t.Fatal("imsmanifest.xml is not the first file")
				}
				rc, _ := mf.Open()
				raw, _ := io.ReadAll(rc)
				rc.Close()
				var m xmlNode
				if err := xml.Unmarshal(raw, &m); err != nil {
					t.Fatalf("manifest: %v", err)
				}
				if m.XMLName.Space != tc.v.ns || m.XMLName.Local != "manifest" {
					t.Errorf("root %v, want {%s}manifest", m.XMLName, tc.v.ns)
				}
				ids := map[string]int{}
				var refs []string
				resources := map[string]*xmlNode{}
				var schema, version string
				guideResources, instructor, weblinks, pageRes := 0, 0, 0, 0
				m.walk(func(n *xmlNode) {
					switch n.XMLName.Local {
					case "schema":
						schema = n.Text
					case "schemaversion":
						version = n.Text
					case "organization":
						if n.attr("structure") != "rooted-hierarchy" || len(n.Nodes) != 1 {
							t.Errorf("organization %v with %d root items", n.Attrs, len(n.Nodes))
						}
					case "resource":
						resources[n.attr("identifier")] = n
						if href := n.attr("href"); href != "" && have[href] == nil {
							t.Errorf("resource href %s is not in the package", href)
						}
						switch n.attr("type") {
						case tc.wlTypes:
							weblinks++
						case "webcontent":
							if strings.HasSuffix(n.attr("href"), ".html") {
								pageRes++
							}
						default:
							t.Errorf("resource type %q", n.attr("type"))
						}
						if n.attr("intendeduse") == "lessonplan" {
							guideResources++
							n.walk(func(c *xmlNode) {
								if c.XMLName.Local == "intendedEndUserRole" {
									for _, v := range c.Nodes {
										if v.XMLName.Local == "value" && v.Text == "Instructor" && v.XMLName.Space == tc.v.lomResource {
											instructor++
										}
									}
								}
							})
						}
					case "file":
						if have[n.attr("href")] == nil {
							t.Errorf("file %s is not in the package", n.attr("href"))
						}
					}
					if id := n.attr("identifier"); id != "" {
						ids[id]++
					}
					if ref := n.attr("identifierref"); ref != "" {
						refs = append(refs, ref)
					}
				})
				if schema != "IMS Common Cartridge" || version != tc.v.version {
					t.Errorf("schema %q version %q", schema, version)
				}
				for id, n := range ids {
					if n > 1 {
						t.Errorf("identifier %s used %d times", id, n)
					}
				}
				for _, ref := range refs {
					if resources[ref] == nil {
						t.Errorf("identifierref %s names no resource", ref)
					}
				}
				if pageRes < 5 || guideResources == 0 || instructor != guideResources {
					t.Errorf("%d pages, %d guide resources, %d marked Instructor", pageRes, guideResources, instructor)
				}
				t.Logf("%d page resources, %d guide, %d web links, %d files", pageRes, guideResources, weblinks, len(zr.File))
				// Pages link each other and their files through the file
				// base token, and every such link has its file.
				tokens := 0
				for name, f := range have {
					if !strings.HasSuffix(name, ".html") {
						continue
					}
					rc, _ := f.Open()
					b, _ := io.ReadAll(rc)
					rc.Close()
					for _, m := range refRE.FindAllSubmatch(b, -1) {
						ref := string(m[1])
						switch {
						case strings.HasPrefix(ref, "https:"), strings.HasPrefix(ref, "http:"), strings.HasPrefix(ref, "mailto:"), strings.HasPrefix(ref, "#"):
						case strings.HasPrefix(ref, ccFileBase+"/"):
							tokens++
							target, _, _ := strings.Cut(strings.TrimPrefix(ref, ccFileBase+"/"), "#")
							if have["web_resources/"+target] == nil {
								t.Errorf("%s links %s, which is not in the package", name, ref)
							}
						default:
							t.Errorf("%s links %s, not in $IMS-CC-FILEBASE$ form", name, ref)
						}
					}
					if bytes.Contains(b, []byte("<script")) || bytes.Contains(b, []byte("<iframe")) {
						t.Errorf("%s holds a script or iframe", name)
					}
				}
				if tokens == 0 {
					t.Error("no links in $IMS-CC-FILEBASE$ form")
				}
			})
		}
	}
}

var refRE = regexp.MustCompile(`<[a-z][a-z0-9]*\s[^<>]*?\b(?:href|src)="([^"]*)"`)

// TestCommonCartridgeWellFormed checks every XML and HTML file of a
// cartridge with xmllint (Debian's libxml2-utils): all are well-formed.
func TestCommonCartridgeWellFormed(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		needTool(t, "xmllint is not installed (Debian: apt-get install libxml2-utils)")
	}
	data, _ := exportCourse(t, "we-are-ai", IMSCC, Options{Guide: true})
	dir := t.TempDir()
	var files []string
	for _, f := range openZip(t, data).File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".html") {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		p := filepath.Join(dir, strings.ReplaceAll(f.Name, "/", "_"))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	if out, err := exec.Command(xmllint, append([]string{"--noout", "--nonet"}, files...)...).CombinedOutput(); err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}
}
