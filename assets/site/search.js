/* Coursewright course search: filters the prebuilt index as you type.
   No framework, no network: search-index.js is a script that assigns the
   index to a global, so it also loads when the site is opened from disk
   (file://), where fetch() and XHR are refused. It is loaded on first use,
   not with every page. Results are built with DOM calls, never innerHTML. */
(function () {
  "use strict";
  var box = document.querySelector(".search");
  if (!box || !document.body) { return; }
  var input = box.querySelector("input");
  var out = box.querySelector(".search-results");
  var root = document.body.getAttribute("data-root") || "./";
  var state = 0; // 0 not loaded, 1 loading, 2 loaded, 3 failed
  var waiting = [];
  var max = 12;

  box.hidden = false;

  function load(then) {
    if (state === 2 || state === 3) { then(); return; }
    waiting.push(then);
    if (state === 1) { return; }
    state = 1;
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.onload = function () { state = 2; flush(); };
    s.onerror = function () { state = 3; flush(); };
    document.head.appendChild(s);
  }

  function flush() {
    var w = waiting;
    waiting = [];
    for (var i = 0; i < w.length; i++) { w[i](); }
  }

  // Site paths ("/modules/m/p/") become links relative to this page; folder
  // links get index.html so they also work from disk.
  function href(u) {
    u = u.replace(/^\//, "");
    if (u === "" || u.charAt(u.length - 1) === "/") { u += "index.html"; }
    return root + u.split("/").map(encodeURIComponent).join("/");
  }

  function norm(s) {
    s = String(s || "").toLowerCase();
    return s.normalize ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s;
  }

  function score(entry, words) {
    var t = norm(entry.t), h = norm(entry.h), x = norm(entry.x), k = norm(entry.k);
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i], s = 0;
      if (t.indexOf(w) >= 0) { s = 10; }
      else if (h.indexOf(w) >= 0) { s = 4; }
      else if (x.indexOf(w) >= 0 || k.indexOf(w) >= 0) { s = 1; }
      if (!s) { return 0; }
      total += s;
    }
    return total;
  }

  function text(tag, cls, s) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.textContent = s;
    return el;
  }

  function search() {
    var q = norm(input.value).trim();
    while (out.firstChild) { out.removeChild(out.firstChild); }
    if (q.length < 2) { return; }
    if (state === 3) { out.appendChild(text("p", "none", "Search is not available.")); return; }
    var index = window.coursewrightSearch || [];
    var words = q.split(/\s+/);
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], words);
      if (s) { hits.push({ s: s, i: i }); }
    }
    hits.sort(function (a, b) { return b.s - a.s || a.i - b.i; });
    if (!hits.length) {
      out.appendChild(text("p", "none", "No pages match \u201c" + input.value.trim() + "\u201d."));
      return;
    }
    var ul = document.createElement("ul");
    for (var j = 0; j < hits.length && j < max; j++) {
      var e = index[hits[j].i];
      var li = document.createElement("li");
      var a = text("a", "", e.t);
      a.href = href(e.u);
      li.appendChild(a);
      if (e.m) { li.appendChild(text("span", "excerpt", e.m)); }
      if (e.x) { li.appendChild(text("span", "excerpt", e.x.length > 160 ? e.x.slice(0, 157) + "\u2026" : e.x)); }
      ul.appendChild(li);
    }
    out.appendChild(ul);
  }

  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", function () { load(search); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { input.value = ""; search(); }
  });
})();
