package export

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// offlineCheck is a page put beside the unzipped site: it opens every page
// of the site from disk in a frame, lists every address the browser
// resolves from its links, styles, scripts and images, then types a word
// into the home page's search box and lists the results.
const offlineCheck = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>check</title></head><body>
<iframe id="f" style="width:1200px;height:800px"></iframe>
<script>
var pages = PAGES, word = WORD, refs = {}, i = 0;
var f = document.getElementById("f");
function done(hits) {
  var pre = document.createElement("pre");
  pre.id = "result";
  pre.textContent = JSON.stringify({refs: Object.keys(refs), hits: hits});
  document.body.appendChild(pre);
}
function search() {
  f.onload = function () {
    var d = f.contentDocument, input = d.querySelector(".search input");
    if (!input) { done(["no search box"]); return; }
    input.value = word;
    input.dispatchEvent(new Event("input"));
    setTimeout(function () {
      var hits = [];
      d.querySelectorAll(".search-results a").forEach(function (a) { hits.push(a.href); });
      done(hits);
    }, 1500);
  };
  f.src = "index.html";
}
function next() {
  if (i >= pages.length) { search(); return; }
  f.onload = function () {
    var d = f.contentDocument;
    d.querySelectorAll("a[href], link[href], script[src], img[src]").forEach(function (e) {
      var u = e.href || e.src;
      if (u.indexOf("file:") === 0) { refs[u.split("#")[0].split("?")[0]] = true; }
    });
    i++;
    next();
  };
  f.src = pages[i];
}
next();
</script></body></html>`

// TestOfflineZipInChromium unzips the offline copy and opens it from disk
// (file://) in headless Chromium: every internal address of every page
// resolves to a file of the copy, and the search finds a page by a word
// of the last page.
func TestOfflineZipInChromium(t *testing.T) {
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
	data, _ := exportCourse(t, "we-are-ai", ZIP, Options{})
	dir := filepath.Join(t.TempDir(), "usb stick")
	names := unzipTo(t, data, dir)
	var pages []string
	for _, n := range names {
		if strings.HasSuffix(n, ".html") {
			pages = append(pages, n)
		}
	}
	// The word: the title of the last module's last page.
	r, err := renderedCourse(t, "we-are-ai")
	if err != nil {
		t.Fatal(err)
	}
	last := r.Modules[len(r.Modules)-1]
	lastPage := last.Pages[len(last.Pages)-1]
	word := lastPage.Title
	pj, _ := json.Marshal(pages)
	wj, _ := json.Marshal(word)
	check := strings.NewReplacer("PAGES", string(pj), "WORD", string(wj)).Replace(offlineCheck)
	if err := os.WriteFile(filepath.Join(dir, "check.html"), []byte(check), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 180*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--allow-file-access-from-files", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=120000", "--dump-dom",
		(&url.URL{Scheme: "file", Path: filepath.Join(dir, "check.html")}).String()).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	m := regexp.MustCompile(`(?s)<pre id="result">(.*?)</pre>`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("the check page wrote no result:\n%.2000s", out)
	}
	var res struct{ Refs, Hits []string }
	if err := json.Unmarshal([]byte(htmlUnescape(string(m[1]))), &res); err != nil {
		t.Fatal(err)
	}
	// Distinct addresses: every page is linked from another, plus the
	// theme's files.
	if len(res.Refs) < len(pages) {
		t.Errorf("only %d distinct addresses found in %d pages", len(res.Refs), len(pages))
	}
	for _, ref := range res.Refs {
		u, err := url.Parse(ref)
		if err != nil {
			t.Errorf("%s: %v", ref, err)
			continue
		}
		fi, err := os.Stat(u.Path)
		if err != nil || fi.IsDir() || !strings.HasPrefix(u.Path, dir+string(filepath.Separator)) {
			t.Errorf("%s does not lead to a file of the copy", ref)
		}
	}
	want := strings.TrimSuffix(lastPage.URL, "/") + "/index.html"
	found := false
	for _, h := range res.Hits {
		found = found || strings.HasSuffix(h, want)
	}
	if !found {
		t.Errorf("searching %q from disk found %v, not %s", word, res.Hits, want)
	}
	t.Logf("%d pages, %d addresses checked, search %q: %d hits", len(pages), len(res.Refs), word, len(res.Hits))
}

// TestZipGuideSaysItChangesNothing: --guide with zip says it changes
// nothing (the offline copy is the website), and it indeed does not.
func TestZipGuideSaysItChangesNothing(t *testing.T) {
	plain, res := exportCourse(t, "we-are-ai", ZIP, Options{})
	for _, n := range res.Notes {
		if strings.Contains(n, "--guide") {
			t.Errorf("a zip without --guide notes %q", n)
		}
	}
	withGuide, gres := exportCourse(t, "we-are-ai", ZIP, Options{Guide: true})
	noted := false
	for _, n := range gres.Notes {
		noted = noted || strings.Contains(n, "--guide changes nothing for zip")
	}
	if !noted {
		t.Errorf("a zip with --guide does not say it changes nothing: %q", gres.Notes)
	}
	// exportCourse drafts a guide for --guide; the site then holds it.
	if !strings.Contains(string(withGuide), "guide/") || strings.Contains(string(plain), "guide/") {
		t.Errorf("the guide should be in the copy exactly when the course has one")
	}
}
