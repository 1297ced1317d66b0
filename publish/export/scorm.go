package export

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

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

const scormJS = `/* Coursewright SCORM 1.2 runtime: finds the LMS's API, records the pages
   viewed, the position and the status. Without an LMS it only navigates. */
(function () {
  "use strict";
  var pages = window.coursewrightPages || [];
  var frame = document.getElementById("page");
  var api = null, done = false;
  var viewed = [];
  for (var i = 0; i < pages.length; i++) { viewed.push(false); }
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
  function suspendData() {
    var s = "";
    for (var i = 0; i < viewed.length; i++) { s += viewed[i] ? "1" : "0"; }
    if (s.length > maxData - 1) {
      // Too many pages to list: keep the count only.
      var n = 0;
      for (var j = 0; j < viewed.length; j++) { if (viewed[j]) { n++; } }
      s = "n" + n;
    }
    return s;
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

  api = getAPI();
  var start = 0;
  if (api && call("LMSInitialize", "") === "true") {
    var status = call("LMSGetValue", "cmi.core.lesson_status");
    if (status !== "completed" && status !== "passed") {
      call("LMSSetValue", "cmi.core.lesson_status", "incomplete");
    }
    var data = call("LMSGetValue", "cmi.suspend_data");
    if (/^[01]+$/.test(data) && data.length === pages.length) {
      for (var d = 0; d < data.length; d++) { viewed[d] = data.charAt(d) === "1"; }
    }
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

func writeSCORM(ctx context.Context, r *publish.Rendered, w io.Writer, res *Result) error {
	k := newPkg(r, "files/", webImages)
	k.linkFiles = true
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
	var nav strings.Builder
	nav.WriteString("<nav><h1>" + xmlText.Replace(r.Title) + "</h1>\n<ol>\n")
	for i, d := range k.pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		files[d.path] = []byte(strings.Replace(xhtmlDoc(r.Language, d.p.Title, relPath(d.path, "css/course.css"), d.body(), false),
			`<?xml version="1.0" encoding="UTF-8"?>`+"\n", "", 1))
		list = append(list, d.path)
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
<script>window.coursewrightPages = ` + string(pagesJSON) + `;</script>
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
