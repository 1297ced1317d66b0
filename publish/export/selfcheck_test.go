package export

import (
	"strings"
	"testing"

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
