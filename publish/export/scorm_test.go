package export

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// unzipTo extracts a package into dir.
func unzipTo(t *testing.T, data []byte, dir string) []string {
	t.Helper()
	var names []string
	for _, f := range openZip(t, data).File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, f.Name)
	}
	return names
}

// The SCORM manifest names the ADL schema, one organization, one SCO, and
// lists every file of the package (and only those).
func TestSCORMManifest(t *testing.T) {
	data, _ := exportCourse(t, "we-are-ai", SCORM12, Options{Guide: true})
	zr := openZip(t, data)
	have := map[string]bool{}
	for _, f := range zr.File {
		have[f.Name] = true
	}
	if zr.File[0].Name != "imsmanifest.xml" {
		t.Fatalf("first file %s", zr.File[0].Name)
	}
	rc, _ := zr.File[0].Open()
	raw, _ := io.ReadAll(rc)
	rc.Close()
	var m xmlNode
	if err := xml.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if m.XMLName.Space != "http://www.imsproject.org/xsd/imscp_rootv1p1p2" {
		t.Errorf("namespace %s", m.XMLName.Space)
	}
	var schema, version string
	scos, orgs := 0, 0
	listed := map[string]bool{}
	m.walk(func(n *xmlNode) {
		switch n.XMLName.Local {
		case "schema":
			schema = n.Text
		case "schemaversion":
			version = n.Text
		case "organization":
			orgs++
		case "resource":
			if n.attr("scormtype") == "sco" {
				scos++
				if !have[n.attr("href")] {
					t.Errorf("SCO launches %s, which is not in the package", n.attr("href"))
				}
			}
		case "file":
			listed[n.attr("href")] = true
			if !have[n.attr("href")] {
				t.Errorf("file %s is not in the package", n.attr("href"))
			}
		}
	})
	if schema != "ADL SCORM" || version != "1.2" || orgs != 1 || scos != 1 {
		t.Errorf("schema %q %q, %d organizations, %d SCOs", schema, version, orgs, scos)
	}
	for name := range have {
		if name != "imsmanifest.xml" && !listed[name] {
			t.Errorf("%s is in the package but not in the manifest", name)
		}
	}
}

// scormHost is an LMS page: a real SCORM 1.2 runtime (scorm-again's
// Scorm12API) as window.API, the package in a frame. Once the package has
// loaded, it walks every page through the package's own navigation,
// closes the package, and writes the runtime's record into the page.
const scormHost = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.js"></script>
<script>
var calls = [];
window.API = new Scorm12API({logLevel: 5, autocommit: false});
["LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"].forEach(function (name) {
  window.API.on(name, function (el, value) {
    calls.push(name + (el ? " " + el + "=" + String(value).slice(0, 40) : ""));
  });
});
var commits = 0;
window.API.on("LMSCommit", function () { commits++; });
function report(extra) {
  var pre = document.createElement("pre");
  pre.id = "result";
  var d = window.API.cmi.core;
  pre.textContent = JSON.stringify({calls: calls, status: d.lesson_status, location: d.lesson_location,
    suspendLength: window.API.cmi.suspend_data.length, commits: commits, extra: extra || ""});
  document.body.appendChild(pre);
}
function walk() {
  var frame = document.getElementById("sco");
  var w = frame.contentWindow;
  var limit = Math.min(w.coursewrightPages.length, WALK_LIMIT);
  var i = 0;
  function next() {
    if (i >= limit) {
      frame.parentNode.removeChild(frame); // the learner leaves
      setTimeout(function () { report(w.coursewrightPages.length); }, 50);
      return;
    }
    w.coursewrightGo(i++);
    setTimeout(next, 150);
  }
  next();
}
</script></head>
<body><iframe id="sco" src="SCO_DIR/index.html" onload="if (!this.walked) { this.walked = true; setTimeout(walk, 200); }"></iframe></body></html>`

// TestSCORMInRealRuntime loads the package in headless Chromium under
// scorm-again's SCORM 1.2 runtime, walks every page, closes it, and checks
// the runtime's own record: LMSInitialize first, lesson_status completed,
// the position kept, LMSFinish called, suspend_data within 4,096.
func TestSCORMInRealRuntime(t *testing.T) {
	lib := os.Getenv("SCORM_AGAIN_JS")
	if lib == "" {
		needTool(t, "SCORM_AGAIN_JS is not set (.ci/run installs scorm-again and sets it)")
	}
	chromium := ""
	for _, c := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(c); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		needTool(t, "chromium is not installed")
	}
	dir := t.TempDir()
	data, _ := exportCourse(t, "course-in-a-box", SCORM12, Options{})
	unzipTo(t, data, filepath.Join(dir, "sco"))
	js, err := os.ReadFile(lib)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "scorm12.js"), js, 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	resultRE := regexp.MustCompile(`(?s)<pre id="result">(.*?)</pre>`)
	run := func(name, sco string, limit int) map[string]any {
		host := strings.NewReplacer("WALK_LIMIT", itoa(limit), "SCO_DIR", sco).Replace(scormHost)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(host), 0o644); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir="+t.TempDir(),
			"--virtual-time-budget=60000", "--dump-dom", srv.URL+"/"+name).Output()
		if err != nil {
			t.Fatalf("chromium: %v", err)
		}
		m := resultRE.FindSubmatch(out)
		if m == nil {
			t.Fatalf("the LMS page wrote no result:\n%.2000s", out)
		}
		var res map[string]any
		if err := json.Unmarshal([]byte(htmlUnescape(string(m[1]))), &res); err != nil {
			t.Fatalf("result %s: %v", m[1], err)
		}
		return res
	}
	res := run("lms.html", "sco", 1<<30)
	var calls []string
	for _, c := range res["calls"].([]any) {
		calls = append(calls, c.(string))
	}
	if len(calls) == 0 || calls[0] != "LMSInitialize" {
		t.Errorf("first call %v, want LMSInitialize", calls)
	}
	if calls[len(calls)-1] != "LMSFinish" {
		t.Errorf("last call %s, want LMSFinish", calls[len(calls)-1])
	}
	if res["status"] != "completed" || res["location"] == "" {
		t.Errorf("status %v, location %v", res["status"], res["location"])
	}
	if n := res["suspendLength"].(float64); n == 0 || n >= 4096 {
		t.Errorf("suspend_data is %v characters", n)
	}
	t.Logf("%d calls, %v commits, status %v, location %v", len(calls), res["commits"], res["status"], res["location"])

	// A course of 6,000 pages: listing each page viewed would take 6,000
	// characters, more than SCORM 1.2's 4,096; the package keeps a count
	// instead, and its commits still succeed.
	unzipTo(t, data, filepath.Join(dir, "big"))
	index, _ := os.ReadFile(filepath.Join(dir, "big", "index.html"))
	pagesRE := regexp.MustCompile(`window.coursewrightPages = (\[.*?\]);`)
	m := pagesRE.FindSubmatch(index)
	if m == nil {
		t.Fatal("index.html lists no pages")
	}
	var pages []string
	_ = json.Unmarshal(m[1], &pages)
	for i, n := 0, len(pages); len(pages) < 6000; i++ {
		pages = append(pages, pages[i%n])
	}
	many, _ := json.Marshal(pages)
	index = pagesRE.ReplaceAll(index, []byte("window.coursewrightPages = "+string(many)+";"))
	if err := os.WriteFile(filepath.Join(dir, "big", "index.html"), index, 0o644); err != nil {
		t.Fatal(err)
	}
	res = run("lms-big.html", "big", 3)
	calls = calls[:0]
	for _, c := range res["calls"].([]any) {
		calls = append(calls, c.(string))
	}
	if res["extra"].(float64) != 6000 || res["commits"].(float64) < 2 || calls[len(calls)-1] != "LMSFinish" {
		t.Errorf("6,000 pages: %v pages, %v commits, calls ending %v", res["extra"], res["commits"], calls[max(0, len(calls)-3):])
	}
	if n := res["suspendLength"].(float64); n == 0 || n >= 4096 {
		t.Errorf("6,000 pages: suspend_data is %v characters", n)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

var htmlUnescape = strings.NewReplacer("&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#39;", "'").Replace
