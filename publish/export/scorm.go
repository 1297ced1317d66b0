package export

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/coursewright/coursewright/assets"
	"github.com/coursewright/coursewright/publish"
)

// SCORM 1.2: the course as one SCO. One SCO for the whole course, not one
// per module, because SCORM 1.2 has no sequencing between SCOs: an LMS
// would show each module as a separate activity with its own status, and
// the learner's place in the course would be split across them. One SCO
// keeps a single status (completed when every page has been viewed) and a
// single position.
//
// The SCO's launch page, index.html, shows the course's pages in a frame
// beside a table of contents; its small runtime script (scorm.js) finds
// the LMS's API object through the parent frames (and the opener's),
// calls LMSInitialize(""), sets cmi.core.lesson_status to incomplete, and
// to completed once every page has been viewed, keeps the page shown in
// cmi.core.lesson_location and the pages viewed in cmi.core.suspend_data
// (one character per page, so far under SCORM 1.2's 4,096 characters;
// beyond that it records only the count), commits as pages change, and
// calls LMSCommit and LMSFinish when the learner leaves. Without an LMS
// the pages work the same, and the script does nothing.
//
// Self-check questions work in the package as on the site (the site's
// selfcheck.js and its styles). Each check's page score reaches the
// runtime through selfcheck-scorm.js, and the runtime reports
// cmi.core.score: min 0, max the package's number of questions, raw the
// right answers across pages (each page's count kept in suspend_data, so
// a later session goes on from it).

const scormJS = `/* Coursewright SCORM 1.2 runtime: finds the LMS's API, records the pages
   viewed, the position and the status. Without an LMS it only navigates. */
(function () {
  "use strict";
  var pages = window.coursewrightPages || [];
  // The number of self-check questions of each page, and how many of them
  // the learner has answered right (the site's script tells each page's
  // count as the learner checks, through selfcheck-scorm.js).
  var questions = window.coursewrightQuestions || [];
  var frame = document.getElementById("page");
  var api = null, done = false;
  var viewed = [], rights = [], total = 0;
  for (var i = 0; i < pages.length; i++) {
    viewed.push(false);
    rights.push(0);
    total += questions[i] || 0;
  }
  var maxData = 4096;

  function findAPI(win) {
    for (var n = 0; win && n < 500; n++) {
      try { if (win.API) { return win.API; } } catch (e) { }
      if (!win.parent || win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  function getAPI() {
    var a = findAPI(window.parent !== window ? window.parent : null);
    if (!a && window.opener) { a = findAPI(window.opener); }
    return a;
  }
  function call(name, a, b) {
    if (!api) { return ""; }
    try { return String(api[name](a, b)); } catch (e) { return ""; }
  }
  // suspend_data: a character a page (1 viewed, 0 not), then, when the
  // package has questions, ";" and the right answers of each page that
  // has questions, by commas ("0110;2,0,1"). Kept under SCORM 1.2's
  // 4,096 characters: past it the pages viewed become their count ("n12")
  // and, past it still, the right answers their sum ("t40").
  function suspendData() {
    var s = "", n = 0;
    for (var i = 0; i < viewed.length; i++) {
      s += viewed[i] ? "1" : "0";
      if (viewed[i]) { n++; }
    }
    if (total === 0) {
      return s.length > maxData - 1 ? "n" + n : s;
    }
    var r = [];
    for (var j = 0; j < pages.length; j++) { if (questions[j]) { r.push(rights[j]); } }
    var scores = r.join(",");
    if (s.length + 1 + scores.length > maxData - 1) { s = "n" + n; }
    if (s.length + 1 + scores.length > maxData - 1) { scores = "t" + score(); }
    return s + ";" + scores;
  }
  function restore(data) {
    var parts = data.split(";");
    if (/^[01]+$/.test(parts[0]) && parts[0].length === pages.length) {
      for (var d = 0; d < parts[0].length; d++) { viewed[d] = parts[0].charAt(d) === "1"; }
    }
    if (parts.length < 2 || !/^[0-9,]+$/.test(parts[1])) { return; }
    var r = parts[1].split(","), k = 0;
    for (var j = 0; j < pages.length; j++) {
      if (!questions[j]) { continue; }
      if (k < r.length) { rights[j] = Math.min(+r[k] || 0, questions[j]); }
      k++;
    }
  }
  function score() {
    var sum = 0;
    for (var i = 0; i < rights.length; i++) { sum += rights[i]; }
    return sum;
  }
  // cmi.core.score: min 0, max the package's questions, raw the right
  // answers on every page. SCORM 1.2 scores run from 0 to 100: a package
  // of more than 100 questions reports the percentage instead.
  function setScore() {
    if (!api || done || total === 0) { return; }
    var raw = score(), max = total;
    if (total > 100) {
      raw = Math.round(100 * raw / total);
      max = 100;
    }
    call("LMSSetValue", "cmi.core.score.min", "0");
    call("LMSSetValue", "cmi.core.score.max", String(max));
    call("LMSSetValue", "cmi.core.score.raw", String(raw));
  }
  function allViewed() {
    for (var i = 0; i < viewed.length; i++) { if (!viewed[i]) { return false; } }
    return true;
  }
  function indexOf(href) {
    if (/^[0-9]+$/.test(href) && +href < pages.length) { return +href; }
    for (var i = 0; i < pages.length; i++) {
      if (href.slice(-pages[i].length - 1) === "/" + pages[i] || href === pages[i]) { return i; }
    }
    return -1;
  }
  function record(i) {
    if (i < 0) { return; }
    viewed[i] = true;
    var links = document.querySelectorAll("nav a");
    for (var k = 0; k < links.length; k++) {
      links[k].className = (k === i ? "current " : "") + (viewed[k] ? "viewed" : "");
    }
    if (!api || done) { return; }
    // CMIString255: the page's path, or its number when the path is longer.
    call("LMSSetValue", "cmi.core.lesson_location", pages[i].length <= 255 ? pages[i] : String(i));
    call("LMSSetValue", "cmi.suspend_data", suspendData());
    if (allViewed()) { call("LMSSetValue", "cmi.core.lesson_status", "completed"); }
    call("LMSCommit", "");
  }
  function finish() {
    if (!api || done) { return; }
    call("LMSCommit", "");
    call("LMSFinish", "");
    done = true;
  }
  window.coursewrightGo = function (i) {
    if (i >= 0 && i < pages.length) { frame.src = pages[i]; }
  };
  window.coursewrightFinish = finish;
  // A page's questions were checked (or the page loaded with its score).
  window.coursewrightSelfCheck = function (href, detail) {
    var i = indexOf(href);
    if (i < 0 || !detail || !questions[i]) { return; }
    var right = Math.max(0, Math.min(+detail.right || 0, questions[i]));
    if (right === rights[i]) { return; }
    rights[i] = right;
    if (!api || done) { return; }
    setScore();
    call("LMSSetValue", "cmi.suspend_data", suspendData());
    call("LMSCommit", "");
  };

  api = getAPI();
  var start = 0;
  if (api && call("LMSInitialize", "") === "true") {
    var status = call("LMSGetValue", "cmi.core.lesson_status");
    if (status !== "completed" && status !== "passed") {
      call("LMSSetValue", "cmi.core.lesson_status", "incomplete");
    }
    restore(call("LMSGetValue", "cmi.suspend_data"));
    setScore();
    var at = indexOf(call("LMSGetValue", "cmi.core.lesson_location"));
    if (at >= 0) { start = at; }
  } else {
    api = null;
  }
  frame.addEventListener("load", function () {
    var href = "";
    try { href = frame.contentWindow.location.href; } catch (e) { href = frame.src; }
    record(indexOf(href));
  });
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
  if (pages.length) { frame.src = pages[start]; }
})();
`

const scormCSS = `body.sco { margin: 0; display: flex; height: 100vh; font-family: sans-serif; }
body.sco nav { width: 16em; overflow: auto; padding: 0.5em 1em; border-right: 1px solid #ccc; font-size: 0.9em; }
body.sco nav a.current { font-weight: bold; }
body.sco nav a.viewed::after { content: " ✓"; }
body.sco iframe { flex: 1; border: 0; height: 100vh; }
`

// selfCheckSCORMJS, loaded by each page with questions before the site's
// selfcheck.js, hands the page's score to the runtime in the launch page.
const selfCheckSCORMJS = `/* Coursewright SCORM 1.2: tells the package's runtime (scorm.js, in the
   launch page around this one) the self-check score of this page. */
document.addEventListener("coursewright:self-check", function (e) {
  try {
    if (window.parent !== window && typeof window.parent.coursewrightSelfCheck === "function") {
      window.parent.coursewrightSelfCheck(location.href, e.detail);
    }
  } catch (err) { /* no runtime: the page works alone */ }
});
`

// siteSelfCheckFiles are the site's self-check script and the part of its
// stylesheet for questions (with the theme's variables they use).
func siteSelfCheckFiles() (js, css []byte, err error) {
	site := assets.Site()
	if js, err = fs.ReadFile(site, "selfcheck.js"); err != nil {
		return nil, nil, err
	}
	all, err := fs.ReadFile(site, "site.css")
	if err != nil {
		return nil, nil, err
	}
	s := string(all)
	root := ""
	if i := strings.Index(s, ":root {"); i >= 0 {
		if j := strings.Index(s[i:], "\n}\n"); j >= 0 {
			root = s[i : i+j+3]
		}
	}
	start := strings.Index(s, "/* ==== Self-check questions")
	end := strings.Index(s, "/* ==== end of self-check questions */")
	if root == "" || start < 0 || end < start {
		return nil, nil, errors.New("the site stylesheet has no self-check section")
	}
	return js, []byte("\n" + root + s[start:end]), nil
}

func writeSCORM(ctx context.Context, r *publish.Rendered, w io.Writer, res *Result) error {
	k := newPkg(r, "files/", webImages)
	k.linkFiles = true
	k.selfChecks = selfCheckLive
	for i, p := range r.AllPages() {
		slug := strings.Trim(unsafeNameRE.ReplaceAllString(strings.ReplaceAll(strings.Trim(p.URL, "/"), "/", "-"), "_"), "_-")
		if slug == "" {
			slug = "home"
		}
		k.addPage(p, fmt.Sprintf("pages/%03d-%s.html", i+1, slug))
	}
	if err := k.convert(); err != nil {
		return err
	}
	if k.dropped > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d links or images point outside the package (missing files, pages not exported, remote images): their text is kept", k.dropped))
	}
	files := map[string][]byte{"css/course.css": []byte(epubCSS + scormCSS), "scorm.js": []byte(scormJS)}
	var list []string
	var counts []int // self-check questions a page
	live := false
	for _, d := range k.pages {
		live = live || d.live
	}
	if live {
		// The pages' questions work as on the site, with the site's own
		// script and styles; selfcheck-scorm.js tells the runtime.
		js, css, err := siteSelfCheckFiles()
		if err != nil {
			return err
		}
		files["selfcheck.js"] = js
		files["selfcheck-scorm.js"] = []byte(selfCheckSCORMJS)
		files["css/course.css"] = append(files["css/course.css"], css...)
	}
	var nav strings.Builder
	nav.WriteString("<nav><h1>" + xmlText.Replace(r.Title) + "</h1>\n<ol>\n")
	for i, d := range k.pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc := strings.Replace(xhtmlDoc(r.Language, d.p.Title, relPath(d.path, "css/course.css"), d.body(), false),
			`<?xml version="1.0" encoding="UTF-8"?>`+"\n", "", 1)
		if d.live {
			// In this order: the forwarder listens before the site's
			// script announces the page's score.
			doc = strings.Replace(doc, "</head>", `<script src="`+relPath(d.path, "selfcheck-scorm.js")+`" defer="defer"></script>`+"\n"+
				`<script src="`+relPath(d.path, "selfcheck.js")+`" defer="defer"></script>`+"\n</head>", 1)
		}
		files[d.path] = []byte(doc)
		list = append(list, d.path)
		counts = append(counts, d.questions)
		label := d.p.Title
		if d.p.Module != nil && len(d.p.Module.Pages) > 0 && d.p.Module.Pages[0] == d.p {
			nav.WriteString(`<li class="module">` + xmlText.Replace(d.p.Module.Title) + "</li>\n")
		}
		nav.WriteString(fmt.Sprintf(`<li><a href="%s" target="page" onclick="coursewrightGo(%d); return false;">%s</a></li>`+"\n",
			xmlAttr.Replace(d.path), i, xmlText.Replace(label)))
	}
	nav.WriteString("</ol>\n</nav>\n")
	pagesJSON, err := json.Marshal(list)
	if err != nil {
		return err
	}
	countsJSON, err := json.Marshal(counts)
	if err != nil {
		return err
	}
	first := ""
	if len(list) > 0 {
		first = list[0]
	}
	files["index.html"] = []byte(`<!DOCTYPE html>
<html lang="` + xmlAttr.Replace(r.Language) + `">
<head>
<meta charset="utf-8"/>
<title>` + xmlText.Replace(r.Title) + `</title>
<link rel="stylesheet" href="css/course.css"/>
</head>
<body class="sco">
` + nav.String() + `<iframe id="page" name="page" title="` + xmlAttr.Replace(r.Title) + `" src="` + xmlAttr.Replace(first) + `"></iframe>
<script>window.coursewrightPages = ` + string(pagesJSON) + `; window.coursewrightQuestions = ` + string(countsJSON) + `;</script>
<script src="scorm.js"></script>
</body>
</html>
`)
	var fb strings.Builder
	for _, rel := range sortedKeys(k.used) {
		f := k.used[rel]
		data, err := os.ReadFile(f.full)
		if err != nil {
			return err
		}
		files[f.path] = data
	}
	for _, name := range sortedKeys(files) {
		fb.WriteString(`<file href="` + xmlAttr.Replace(name) + `"/>` + "\n")
	}
	id := stableID("M", courseID(r))
	files["imsmanifest.xml"] = []byte(`<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="` + id + `" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
<metadata>
<schema>ADL SCORM</schema>
<schemaversion>1.2</schemaversion>
</metadata>
<organizations default="` + stableID("O", "organization") + `">
<organization identifier="` + stableID("O", "organization") + `">
<title>` + xmlText.Replace(r.Title) + `</title>
<item identifier="` + stableID("I", "course") + `" identifierref="` + stableID("R", "sco") + `" isvisible="true">
<title>` + xmlText.Replace(r.Title) + `</title>
</item>
</organization>
</organizations>
<resources>
<resource identifier="` + stableID("R", "sco") + `" type="webcontent" adlcp:scormtype="sco" href="index.html">
` + fb.String() + `</resource>
</resources>
</manifest>
`)
	a := newArchive(w)
	if err := a.add("imsmanifest.xml", files["imsmanifest.xml"], false); err != nil {
		return err
	}
	for _, name := range sortedKeys(files) {
		if err := a.add(name, files[name], false); err != nil {
			return err
		}
	}
	return a.close()
}
