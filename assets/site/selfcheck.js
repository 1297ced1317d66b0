/* Coursewright self-check questions: makes the questions of a page
   interactive. Without this script each question is still whole: the
   learner reads it and opens its "Answer" <details>. With it, the learner
   chooses, presses Check, reads a verdict per option in words (never
   colour alone) and a result that screen readers announce, and may try
   again. The page's score is kept in localStorage only: nothing leaves
   the learner's browser. The HTML it works on is written by Coursewright's
   renderer (SELFCHECK.md §3, docs/self-checks.md); the words come from
   each form's data-strings, in the course's language. No inline handlers
   (the site's CSP allows only its own scripts); DOM calls, never innerHTML. */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form.self-check");
  if (!forms.length) { return; }

  var storeKey = "coursewright:self-check:" + location.pathname;
  var english = {
    check: "Check", tryAgain: "Try again", right: "Right", notRight: "Not right",
    correctAnswerWas: "The right answer was: {answer}",
    score: "{right} of {total} right on this page",
    moveUp: "Move up", moveDown: "Move down",
    chooseOne: "Choose an answer first.", chooseSeveral: "Choose at least one answer first.",
    answerRequired: "Type an answer first."
  };

  // The stored score: {"<question number>": true|false}. Storage may be
  // refused (a browser's private mode, some file:// pages): the questions
  // still work, the score lasts as long as the page.
  var scores = {};
  try {
    var saved = JSON.parse(window.localStorage.getItem(storeKey) || "{}");
    if (saved && typeof saved === "object" && !Array.isArray(saved)) {
      for (var k in saved) {
        if (Object.prototype.hasOwnProperty.call(saved, k) && typeof saved[k] === "boolean") { scores[k] = saved[k]; }
      }
    }
  } catch (e) { scores = {}; }

  function save() {
    try { window.localStorage.setItem(storeKey, JSON.stringify(scores)); } catch (e) { /* kept for this visit only */ }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function fill(s, vals) {
    return s.replace(/\{(\w+)\}/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(vals, name) ? String(vals[name]) : m;
    });
  }

  // What learners type is compared without regard to case and with runs of
  // white space made one space (selfcheck.Grade does the same in Go).
  function normal(s) {
    return String(s).replace(/\s+/g, " ").replace(/^ | $/g, "").toLowerCase();
  }

  var questions = [];
  var scoreLine = null;
  var stringsOfPage = english;

  for (var i = 0; i < forms.length; i++) {
    var q = setUp(forms[i]);
    if (q) { questions.push(q); }
  }
  if (!questions.length) { return; }
  scoreLine = el("p", "self-check-score");
  scoreLine.setAttribute("aria-live", "polite");
  var last = questions[questions.length - 1].form;
  last.parentNode.insertBefore(scoreLine, last.nextSibling);
  showScore();

  function readStrings(form) {
    var s = {}, given = {};
    try { given = JSON.parse(form.getAttribute("data-strings") || "{}") || {}; } catch (e) { given = {}; }
    for (var name in english) {
      if (Object.prototype.hasOwnProperty.call(english, name)) {
        s[name] = typeof given[name] === "string" && given[name] !== "" ? given[name] : english[name];
      }
    }
    return s;
  }

  // setUp reads one question and adds its buttons; it leaves a form it
  // cannot read (no answer key) as it is, readable without the script.
  function setUp(form) {
    var kind = form.getAttribute("data-kind");
    var key = form.querySelector(".self-check-answer .self-check-key");
    var result = form.querySelector(".self-check-result");
    if (!key || !result) { return null; }
    var q = {
      form: form, kind: kind, key: key, result: result,
      number: form.getAttribute("data-number") || String(questions.length + 1),
      s: readStrings(form), checked: false
    };
    stringsOfPage = q.s;
    if (kind === "one" || kind === "several" || kind === "true-false") {
      q.inputs = form.querySelectorAll(".self-check-options input");
      if (!q.inputs.length) { return null; }
    } else if (kind === "short") {
      q.input = form.querySelector(".self-check-short input");
      if (!q.input) { return null; }
    } else if (kind === "order") {
      q.list = form.querySelector("ol.self-check-order");
      if (!q.list) { return null; }
      q.start = items(q).map(function (li) { return li.getAttribute("data-option"); });
      setUpOrder(q);
    } else {
      return null;
    }

    // The renderer may write the Check button itself, hidden (a form
    // needs a submit button to be valid HTML); it is shown here.
    var actions = form.querySelector(".self-check-actions");
    if (!actions) {
      actions = el("p", "self-check-actions");
      result.parentNode.insertBefore(actions, result);
    }
    q.checkButton = actions.querySelector(".self-check-check");
    if (!q.checkButton) {
      q.checkButton = el("button", "self-check-check", q.s.check);
      q.checkButton.type = "submit";
      actions.appendChild(q.checkButton);
    }
    q.checkButton.hidden = false;
    q.againButton = el("button", "self-check-again", q.s.tryAgain);
    q.againButton.type = "button";
    q.againButton.hidden = true;
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(q.againButton);

    form.addEventListener("submit", function (ev) {
      ev.preventDefault(); // nothing is sent anywhere (CSP form-action 'none')
      check(q);
    });
    q.againButton.addEventListener("click", function () { tryAgain(q); });
    // A changed answer makes the shown verdicts stale.
    form.addEventListener("change", function (ev) {
      if (q.checked && ev.target && ev.target.tagName === "INPUT") { clearVerdicts(q); }
    });
    form.addEventListener("input", function (ev) {
      if (q.checked && ev.target === q.input) { clearVerdicts(q); }
    });
    return q;
  }

  function items(q) {
    return Array.prototype.slice.call(q.list.children).filter(function (li) {
      return li.tagName === "LI";
    });
  }

  function optionText(li) {
    var o = li.querySelector(".self-check-option");
    return (o || li).textContent.replace(/\s+/g, " ").trim();
  }

  // Order questions: a Move up and a Move down button on every item. Each
  // says what it moves; the focus follows the moved item.
  function setUpOrder(q) {
    items(q).forEach(function (li) {
      var name = optionText(li);
      var moves = el("span", "self-check-moves");
      var up = el("button", "self-check-up", q.s.moveUp);
      var down = el("button", "self-check-down", q.s.moveDown);
      up.type = "button";
      down.type = "button";
      up.setAttribute("aria-label", q.s.moveUp + ": " + name);
      down.setAttribute("aria-label", q.s.moveDown + ": " + name);
      up.addEventListener("click", function () { move(q, li, -1, up); });
      down.addEventListener("click", function () { move(q, li, 1, down); });
      moves.appendChild(up);
      moves.appendChild(document.createTextNode(" "));
      moves.appendChild(down);
      li.appendChild(moves);
    });
    markEnds(q);
  }

  function markEnds(q) {
    var all = items(q);
    all.forEach(function (li, i) {
      li.querySelector(".self-check-up").disabled = i === 0;
      li.querySelector(".self-check-down").disabled = i === all.length - 1;
    });
  }

  function move(q, li, by, button) {
    var all = items(q), i = all.indexOf(li), j = i + by;
    if (j < 0 || j >= all.length) { return; }
    if (by < 0) { q.list.insertBefore(li, all[j]); } else { q.list.insertBefore(all[j], li); }
    markEnds(q);
    if (q.checked) { clearVerdicts(q); }
    // The focus stays on the moved item: on the same button, or on the
    // other one when the item reached an end of the list.
    if (button.disabled) { button = li.querySelector(by < 0 ? ".self-check-down" : ".self-check-up"); }
    button.focus();
  }

  function chosen(q) {
    var out = [];
    for (var i = 0; i < q.inputs.length; i++) {
      if (q.inputs[i].checked) { out.push(q.inputs[i].value); }
    }
    return out;
  }

  function rightOptions(q) {
    var out = [];
    var lis = q.key.querySelectorAll("li[data-option]");
    for (var i = 0; i < lis.length; i++) {
      if (lis[i].getAttribute("data-correct") === "true") { out.push(lis[i].getAttribute("data-option")); }
    }
    return out;
  }

  function feedbackOf(q, option) {
    var lis = q.key.querySelectorAll("li[data-option]");
    for (var i = 0; i < lis.length; i++) {
      if (lis[i].getAttribute("data-option") === option) {
        var f = lis[i].querySelector(".self-check-feedback");
        return f ? f : null;
      }
    }
    return null;
  }

  function shortRight(q) {
    var typed = normal(q.input.value);
    var accept = [];
    try { accept = JSON.parse(q.key.getAttribute("data-accept") || "[]"); } catch (e) { accept = []; }
    for (var i = 0; i < accept.length; i++) {
      if (normal(accept[i]) === typed) { return true; }
    }
    var pattern = q.key.getAttribute("data-pattern");
    if (pattern) {
      try { return new RegExp(pattern, "i").test(typed); } catch (e) { return false; }
    }
    return false;
  }

  // verdict adds "Right"/"Not right" and the option's feedback to an
  // option of the question, and ties them to its control for screen readers.
  function verdict(q, holder, control, isRight, feedback) {
    var box = el("span", "self-check-given " + (isRight ? "is-right" : "is-not-right"));
    box.id = q.form.id + "-verdict-" + (q.verdicts.length + 1);
    box.appendChild(el("span", "self-check-verdict", isRight ? q.s.right : q.s.notRight));
    if (feedback) {
      var f = el("span", "self-check-feedback");
      for (var n = feedback.firstChild; n; n = n.nextSibling) { f.appendChild(n.cloneNode(true)); }
      box.appendChild(document.createTextNode(" "));
      box.appendChild(f);
    }
    holder.appendChild(box);
    if (control) { control.setAttribute("aria-describedby", box.id); }
    q.verdicts.push({box: box, control: control});
  }

  function clearVerdicts(q) {
    (q.verdicts || []).forEach(function (v) {
      if (v.box.parentNode) { v.box.parentNode.removeChild(v.box); }
      if (v.control) { v.control.removeAttribute("aria-describedby"); }
    });
    q.verdicts = [];
    q.result.textContent = "";
    q.form.classList.remove("is-right", "is-not-right");
  }

  function check(q) {
    clearVerdicts(q);
    var isRight, feedbacks = [];
    if (q.kind === "short") {
      if (normal(q.input.value) === "") { return ask(q, q.s.answerRequired, q.input); }
      isRight = shortRight(q);
    } else if (q.kind === "order") {
      var now = items(q).map(function (li) { return li.getAttribute("data-option"); });
      var want = (q.key.getAttribute("data-order") || "").split(",").map(function (s) { return s.trim(); });
      isRight = now.join(",") === want.join(",");
      items(q).forEach(function (li, i) {
        verdict(q, li, null, now[i] === want[i], null);
      });
    } else {
      var picked = chosen(q);
      if (!picked.length) {
        return ask(q, q.kind === "several" ? q.s.chooseSeveral : q.s.chooseOne, q.inputs[0]);
      }
      var want2 = rightOptions(q);
      isRight = picked.length === want2.length && picked.every(function (o) { return want2.indexOf(o) >= 0; });
      for (var i = 0; i < q.inputs.length; i++) {
        var inp = q.inputs[i];
        if (!inp.checked) { continue; }
        var fb = feedbackOf(q, inp.value);
        if (fb) { feedbacks.push(fb.textContent.replace(/\s+/g, " ").trim()); }
        var li = inp.closest("li") || inp.parentNode;
        verdict(q, li, inp, want2.indexOf(inp.value) >= 0, fb);
      }
    }
    q.checked = true;
    q.form.classList.add(isRight ? "is-right" : "is-not-right");
    // The result says it all in words, for the ear as for the eye: the
    // verdict and, for the options chosen, their feedback.
    var said = isRight ? q.s.right : q.s.notRight;
    if (feedbacks.length) { said += ". " + feedbacks.join(" "); }
    q.result.textContent = said;
    q.againButton.hidden = false;
    scores[q.number] = isRight;
    save();
    showScore();
    announce();
  }

  // ask says what is missing and puts the focus where to give it.
  function ask(q, words, where) {
    q.result.textContent = words;
    if (where) { where.focus(); }
  }

  function tryAgain(q) {
    clearVerdicts(q);
    q.checked = false;
    var first;
    if (q.inputs) {
      for (var i = 0; i < q.inputs.length; i++) { q.inputs[i].checked = false; }
      first = q.inputs[0];
    } else if (q.input) {
      q.input.value = "";
      first = q.input;
    } else if (q.list) {
      var byOption = {};
      items(q).forEach(function (li) { byOption[li.getAttribute("data-option")] = li; });
      q.start.forEach(function (o) { if (byOption[o]) { q.list.appendChild(byOption[o]); } });
      markEnds(q);
      first = q.list.querySelector("button:not([disabled])");
    }
    q.againButton.hidden = true;
    if (first) { first.focus(); }
  }

  function tally() {
    var right = 0;
    questions.forEach(function (q) { if (scores[q.number] === true) { right++; } });
    return {right: right, total: questions.length};
  }

  function showScore() {
    var t = tally();
    scoreLine.textContent = fill(stringsOfPage.score, t);
  }

  // h18c's SCORM runtime (and anything else on the page) listens for this.
  function announce() {
    var t = tally();
    document.dispatchEvent(new CustomEvent("coursewright:self-check", {
      detail: {page: location.pathname, right: t.right, total: t.total}
    }));
  }

  // Once on load, after every deferred script has run, so that a listener
  // added by a script loaded after this one hears it too.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", announce);
  } else {
    announce();
  }
})();
