package export

import (
	"bytes"
	"context"
	"encoding/json"
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

// scormQuizHost is an LMS page (scorm-again's SCORM 1.2 runtime as
// window.API) where the learner opens the page with questions, answers
// the first one wrong, tries again and answers it right, answers the
// several, true-false and short ones right and leaves the order one,
// opens the second page (its true-false question unanswered) and closes
// the package. It writes the runtime's record into the page.
const scormQuizHost = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.js"></script>
<script>
var calls = [];
window.API = new Scorm12API({logLevel: 5, autocommit: false});
["LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"].forEach(function (name) {
  window.API.on(name, function (el, value) {
    calls.push(name + (el ? " " + el + "=" + String(value).slice(0, 60) : ""));
  });
});
function report(extra) {
  var pre = document.createElement("pre");
  pre.id = "result";
  var core = window.API.cmi.core;
  pre.textContent = JSON.stringify({calls: calls, raw: core.score.raw, min: core.score.min, max: core.score.max,
    suspend: window.API.cmi.suspend_data, extra: extra || ""});
  document.body.appendChild(pre);
}
function steps(list) {
  var i = 0;
  function next() {
    if (i < list.length) { list[i++](); setTimeout(next, 300); }
  }
  next();
}
function start() {
  var sco = document.getElementById("sco");
  var w = sco.contentWindow;
  var doc = function () { return w.document.getElementById("page").contentDocument; };
  var form = function (n) { return doc().getElementById("self-check-" + n); };
  var choose = function (n, i) { form(n).querySelectorAll(".self-check-options input")[i].click(); };
  var check = function (n) { form(n).querySelector(".self-check-check").click(); };
  steps([
    function () { w.coursewrightGo(PAGE1); },
    function () { choose(1, 0); check(1); },
    function () { form(1).querySelector(".self-check-again").click(); choose(1, 1); check(1); },
    function () { choose(2, 0); choose(2, 2); check(2); },
    function () { choose(3, 0); check(3); },
    function () {
      var input = form(4).querySelector(".self-check-short input");
      input.value = "Learning  Circle";
      check(4);
    },
    function () { w.coursewrightGo(PAGE2); },
    function () {
      sco.parentNode.removeChild(sco); // the learner leaves
      setTimeout(function () { report(w.coursewrightQuestions); }, 100);
    }
  ]);
}
</script></head>
<body><iframe id="sco" src="sco/index.html" onload="if (!this.started) { this.started = true; setTimeout(start, 300); }"></iframe></body></html>`

// TestSCORMSelfCheckScore answers the test course's questions in the
// SCORM package under scorm-again's runtime, in headless Chromium, and
// checks the runtime's record: cmi.core.score min 0, max the package's
// questions, raw the right answers (a wrong answer made right counts
// once), kept in suspend_data.
func TestSCORMSelfCheckScore(t *testing.T) {
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
	c := selfCheckCourse(t)
	var buf bytes.Buffer
	if _, err := Export(context.Background(), c, SCORM12, &buf, Options{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	names := unzipTo(t, buf.Bytes(), filepath.Join(dir, "sco"))
	// The pages with questions, by their index in the package's list.
	index, err := os.ReadFile(filepath.Join(dir, "sco", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`window.coursewrightPages = (\[.*?\]);`).FindSubmatch(index)
	if m == nil {
		t.Fatal("index.html lists no pages")
	}
	var pages []string
	_ = json.Unmarshal(m[1], &pages)
	page1, page2 := -1, -1
	for i, p := range pages {
		switch {
		case strings.Contains(p, "introduction-to-ai"):
			page1 = i
		case strings.Contains(p, "how-machines-learn"):
			page2 = i
		}
	}
	if page1 < 0 || page2 < 0 {
		t.Fatalf("the pages with questions are not in %v", pages)
	}
	for _, want := range []string{"selfcheck.js", "selfcheck-scorm.js"} {
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Errorf("the package has no %s", want)
		}
	}
	js, err := os.ReadFile(lib)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "scorm12.js"), js, 0o644)
	host := strings.NewReplacer("PAGE1", itoa(page1), "PAGE2", itoa(page2)).Replace(scormQuizHost)
	os.WriteFile(filepath.Join(dir, "lms.html"), []byte(host), 0o644)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir="+t.TempDir(),
		"--virtual-time-budget=30000", "--dump-dom", srv.URL+"/lms.html").Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	rm := regexp.MustCompile(`(?s)<pre id="result">(.*?)</pre>`).FindSubmatch(out)
	if rm == nil {
		t.Fatalf("the LMS page wrote no result:\n%.3000s", out)
	}
	var res struct {
		Calls         []string
		Raw, Min, Max string
		Suspend       string
	}
	if err := json.Unmarshal([]byte(htmlUnescape(string(rm[1]))), &res); err != nil {
		t.Fatalf("result %s: %v", rm[1], err)
	}
	// Five whole questions on the first page, one on the second (its
	// question with no answer key is not one).
	if res.Min != "0" || res.Max != "6" || res.Raw != "4" {
		t.Errorf("score raw %q min %q max %q; want 4, 0, 6", res.Raw, res.Min, res.Max)
	}
	var raws []string
	for _, c := range res.Calls {
		if v, ok := strings.CutPrefix(c, "LMSSetValue cmi.core.score.raw="); ok {
			raws = append(raws, v)
		}
	}
	// Set on starting (0), then as answers turn right: the first
	// question's wrong answer changes nothing.
	if strings.Join(raws, ",") != "0,1,2,3,4" {
		t.Errorf("score.raw set to %v", raws)
	}
	if !strings.HasSuffix(res.Suspend, ";4,0") || len(res.Suspend) >= 4096 {
		t.Errorf("suspend_data %q", res.Suspend)
	}
	if res.Calls[0] != "LMSInitialize" || res.Calls[len(res.Calls)-1] != "LMSFinish" {
		t.Errorf("calls %v", res.Calls)
	}
}
