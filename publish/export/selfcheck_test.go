package export

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"

	"github.com/coursewright/coursewright/publish"
)

// siteQuestion is a question as the site renders it (SELFCHECK.md §3).
const siteQuestion = `<p>Before.</p>
<form class="self-check" id="self-check-1" data-kind="one" data-number="1" data-strings='{"check":"Check"}' novalidate>
<fieldset>
<legend><span class="self-check-number">Question 1</span> <span class="self-check-prompt">Who leads a <em>circle</em>?</span></legend>
<ul class="self-check-options">
<li><label><input type="radio" name="self-check-1" value="1"> <span class="self-check-option">A teacher</span></label></li>
<li><label><input type="radio" name="self-check-1" value="2"> <span class="self-check-option">A peer</span></label></li>
</ul>
<p class="self-check-actions"><button type="submit" class="self-check-check" hidden>Check</button></p>
<p class="self-check-result" aria-live="polite"></p>
<details class="self-check-hint"><summary>Hint</summary><p>Who organises?</p></details>
<details class="self-check-answer"><summary>Answer</summary>
<ul class="self-check-key"><li data-option="2" data-correct="true"><span class="self-check-verdict">Right</span> <span class="self-check-option">A peer</span></li></ul>
</details>
</fieldset>
</form>
<form class="self-check" id="self-check-2" data-kind="short" data-number="2" novalidate>
<fieldset>
<legend><span class="self-check-number">Question 2</span> <span class="self-check-prompt">Name it.</span></legend>
<p class="self-check-short"><label for="self-check-2-answer">Your answer</label> <input type="text" id="self-check-2-answer" name="self-check-2" autocomplete="off" spellcheck="false"></p>
<p class="self-check-result" aria-live="polite"></p>
<details class="self-check-answer"><summary>Answer</summary><p class="self-check-key">Accepted answers: circle</p></details>
</fieldset>
</form>
<form action="https://example.org/"><input name="q"></form>`

// TestSelfCheckInPackages converts the site's question forms for each
// kind of package: static (Common Cartridge), print (EPUB, PDF), live
// (SCORM).
func TestSelfCheckInPackages(t *testing.T) {
	for _, c := range []struct {
		mode          selfCheckMode
		want, notWant []string
	}{
		{selfCheckStatic,
			[]string{`<div class="self-check" id="self-check-1">`, `<p class="self-check-legend"><span class="self-check-number">Question 1</span> <span class="self-check-prompt">Who leads a <em>circle</em>?</span></p>`,
				`<li> <span class="self-check-option">A teacher</span></li>`, `<details class="self-check-answer">`, `<details class="self-check-hint">`,
				`Your answer <span class="self-check-blank">`},
			[]string{"<form", "<input", "<button", "<fieldset", "<label", "self-check-result", "self-check-actions", "example.org", "data-strings"}},
		{selfCheckPrint,
			[]string{`<div class="self-check" id="self-check-1">`, `<span class="self-check-option">A peer</span>`, `<p class="self-check-legend">`},
			[]string{"<form", "<input", "self-check-answer", "self-check-hint", "self-check-key", "Who organises"}},
		{selfCheckLive,
			[]string{`<form class="self-check" id="self-check-1" data-kind="one" data-number="1" data-strings="{&quot;check&quot;:&quot;Check&quot;}" novalidate="">`,
				`<fieldset>`, `<legend>`, `<label><input type="radio" name="self-check-1" value="1"/>`,
				`<button type="submit" class="self-check-check" hidden="">Check</button>`, `<p class="self-check-result" aria-live="polite"></p>`,
				`<label for="self-check-2-answer">Your answer</label> <input type="text" id="self-check-2-answer" name="self-check-2" autocomplete="off" spellcheck="false"/>`,
				`<details class="self-check-answer">`},
			// Any other form is not a question: it goes, as always.
			[]string{"example.org", `name="q"`}},
	} {
		p := &publish.RenderedPage{Title: "T", URL: "/t/", HTML: siteQuestion, TitleInContent: true}
		k := newPkg(&publish.Rendered{}, "files/", webImages)
		k.selfChecks = c.mode
		d := k.addPage(p, "t.html")
		if err := k.convert(); err != nil {
			t.Fatal(err)
		}
		got := d.body()
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("mode %d: no %s in\n%s", c.mode, w, got)
			}
		}
		for _, w := range c.notWant {
			if strings.Contains(got, w) {
				t.Errorf("mode %d: %s in\n%s", c.mode, w, got)
			}
		}
		if d.questions != 2 || d.live != (c.mode == selfCheckLive) {
			t.Errorf("mode %d: %d questions, live %v", c.mode, d.questions, d.live)
		}
	}
}

// Printed, a module's answers follow its last page: under each page's
// title, each question's number, prompt and answer; a page outside a
// module has its own.
func TestSelfCheckAnswersAtModuleEnd(t *testing.T) {
	m := &publish.RenderedModule{Slug: "m", Title: "M"}
	p1 := &publish.RenderedPage{Title: "First page", URL: "/m/a/", HTML: siteQuestion, TitleInContent: true, Module: m}
	p2 := &publish.RenderedPage{Title: "Second page", URL: "/m/b/", HTML: "<p>No questions.</p>", TitleInContent: true, Module: m}
	p3 := &publish.RenderedPage{Title: "About", URL: "/about/", HTML: siteQuestion, TitleInContent: true}
	k := newPkg(&publish.Rendered{}, "files/", webImages)
	k.selfChecks = selfCheckPrint
	d1, d2, d3 := k.addPage(p1, "a.html"), k.addPage(p2, "b.html"), k.addPage(p3, "c.html")
	if err := k.convert(); err != nil {
		t.Fatal(err)
	}
	at := k.appendAnswers("Answers")
	if len(at) != 2 || at[d2] == "" || at[d3] == "" || at[d2] == at[d3] {
		t.Fatalf("answers at %v", at)
	}
	if strings.Contains(d1.body(), "self-check-key") {
		t.Error("the page with the questions prints their answers")
	}
	want := `<section class="self-check-answers" id="` + at[d2] + `"><h2>Answers</h2><h3>First page</h3><div class="self-check-answer-entry">` +
		`<p class="self-check-legend"><span class="self-check-number">Question 1</span> <span class="self-check-prompt">Who leads a <em>circle</em>?</span></p>` + "\n" +
		`<ul class="self-check-key"><li data-option="2" data-correct="true"><span class="self-check-verdict">Right</span> <span class="self-check-option">A peer</span></li></ul>` + "\n" +
		`</div><div class="self-check-answer-entry"><p class="self-check-legend"><span class="self-check-number">Question 2</span> <span class="self-check-prompt">Name it.</span></p><p class="self-check-key">Accepted answers: circle</p></div></section>`
	if got := d2.body(); !strings.HasSuffix(got, want) {
		t.Errorf("the module's last page ends\n%s\nwant\n%s", got, want)
	}
	if got := d3.body(); !strings.Contains(got, `<h3>About</h3>`) || strings.Count(got, "self-check-answer-entry") != 2 {
		t.Errorf("the page outside a module:\n%s", got)
	}
}

// TestSelfCheckEPUB: the test course's EPUB prints the questions without
// their answers, ends the module with its Answers (listed in the
// contents), and epubcheck finds no error and no warning.
func TestSelfCheckEPUB(t *testing.T) {
	var buf bytes.Buffer
	// With the guide, whose meeting ends with the answers (one epubcheck
	// run for both: it takes a minute on a busy machine).
	if _, err := Export(context.Background(), guideCourse(t), EPUB, &buf, Options{Guide: true}); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range openZip(t, buf.Bytes()).File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(b)
	}
	var page, last string
	for name, body := range files {
		switch {
		case strings.Contains(name, "introduction-to-ai"):
			page = body
		case strings.Contains(name, "what-is-ai-comic"):
			last = body
		}
	}
	if strings.Count(page, `<div class="self-check" id="self-check-`) != 5 || strings.Contains(page, "self-check-key") || strings.Contains(page, "<form") {
		t.Errorf("the page with questions:\n%s", page)
	}
	for _, want := range []string{`<h2>Answers</h2><h3>Introduction to AI</h3>`, "Right: the facilitator is a peer who keeps the group going.",
		"Accepted answers", "A learning circle is led by a peer facilitator."} {
		if !strings.Contains(last, want) {
			t.Errorf("the module's last page has no %q:\n%s", want, last)
		}
	}
	if !regexp.MustCompile(`what-is-ai-comic\.xhtml#self-check-answers-\d+">Answers</a>`).MatchString(files["EPUB/nav.xhtml"]) {
		t.Errorf("the contents do not list the answers:\n%s", files["EPUB/nav.xhtml"])
	}
	epubcheck, err := exec.LookPath("epubcheck")
	if err != nil {
		needTool(t, "epubcheck is not installed (Debian: apt-get install epubcheck)")
	}
	p := writeTemp(t, "selfchecks.epub", buf.Bytes())
	out, err := epubcheckCmd(epubcheck, "-q", p).CombinedOutput()
	if err != nil || strings.Contains(string(out), "WARNING") || strings.Contains(string(out), "ERROR") {
		t.Errorf("epubcheck: %v\n%s", err, out)
	}
}

// TestSelfCheckBook: the printable book (its HTML, as written where no
// browser prints it) has the questions without answers and the module's
// Answers after its last page.
func TestSelfCheckBook(t *testing.T) {
	t.Setenv("COURSEWRIGHT_CHROMIUM", "none")
	var buf bytes.Buffer
	if _, err := Export(context.Background(), selfCheckCourse(t), PDF, &buf, Options{}); err != nil {
		t.Fatal(err)
	}
	book := ""
	for _, f := range openZip(t, buf.Bytes()).File {
		if f.Name == "book.html" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			book = string(b)
		}
	}
	q := strings.Index(book, `<div class="self-check" id="self-check-1">`)
	a := strings.Index(book, `<section class="self-check-answers"`)
	next := strings.Index(book, `<h1 class="module-title">Learning from data</h1>`)
	if q < 0 || a < q || next < a {
		t.Fatalf("question at %d, answers at %d, next module at %d", q, a, next)
	}
	if strings.Contains(book[:a], "self-check-key") || !strings.Contains(book[a:next], "Not quite: learning circles have no teacher.") {
		t.Error("the answers are not (only) in the Answers section")
	}
}

// TestSelfCheckGuideInExports: with --guide, a meeting whose agenda links
// the page with questions ends with their answers, in the EPUB, the
// cartridge and the printed guide.
func TestSelfCheckGuideInExports(t *testing.T) {
	c := guideCourse(t)
	t.Setenv("COURSEWRIGHT_CHROMIUM", "none")
	for _, f := range []Format{EPUB, IMSCC, PDF} {
		var buf bytes.Buffer
		if _, err := Export(context.Background(), c, f, &buf, Options{Guide: true}); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, zf := range openZip(t, buf.Bytes()).File {
			if !strings.Contains(zf.Name, "meeting-1") && zf.Name != "book.html" {
				continue
			}
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			doc := string(b)
			i := strings.Index(doc, `<section class="guide-answers"><h2>Answers</h2><h3>Introduction to AI</h3>`)
			if i < 0 {
				continue
			}
			found = true
			sec := doc[i:]
			if n := strings.Count(sec, `<div class="self-check-answer-entry">`); n != 5 {
				t.Errorf("%s %s: %d answers, want the page's 5 once", f, zf.Name, n)
			}
			for _, want := range []string{"Right: the facilitator is a peer who keeps the group going.", "Accepted answers", "<summary>"} {
				if strings.Contains(sec, want) != (want != "<summary>") {
					t.Errorf("%s %s: %q in the answers: %v", f, zf.Name, want, !strings.Contains(sec, want))
				}
			}
		}
		if !found {
			t.Errorf("%s: no meeting with the answers", f)
		}
	}
}

// guideCourse is the test course with a facilitator guide whose meeting
// links the page with questions twice.
func guideCourse(t *testing.T) *course.Course {
	t.Helper()
	dir := selfCheckCourse(t).Dir
	meeting := "---\nlayout: page\ntitle: Meeting 1\nmeeting: 1\nagenda:\n  - activity: Check yourself\n    minutes: 30\n    page: what-is-ai/introduction-to-ai\n" +
		"  - activity: Again\n    minutes: 10\n    page: what-is-ai/introduction-to-ai\n---\n\nTalk.\n"
	if err := os.MkdirAll(filepath.Join(dir, "facilitator-guide"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "facilitator-guide", "meeting-1.md"), []byte(meeting), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
