package publish

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/course/selfcheck"
)

// The self-check questions of a built page, driven in headless Chromium
// as learners use them: with the mouse, with the keyboard only and with
// JavaScript off. Unlike the other browser tests, the tab keeps the
// pages' Content-Security-Policy: the script must work under it.

// selfCheckCourseIn builds into out a one-page course in language lang
// whose page is testdata/selfcheck/check-yourself.md: a question of every
// kind, written in the syntax of docs/self-checks.md, so the renderer's
// HTML and the site's script are tested together. It returns the page's
// path in the site.
func selfCheckCourseIn(t *testing.T, lang, out string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "course-"+lang)
	md, err := os.ReadFile(filepath.Join("testdata", "selfcheck", "check-yourself.md"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"_config.yml":      "markdown: kramdown\npermalink: /:categories/:title/\n",
		"_data/course.yml": "title: Cercles\nlanguage: " + lang + "\nlicense: CC-BY-SA-4.0\nmodules:\n  - title: Premier module\n    slug: m\n",
		"index.md":         "---\ntitle: Cercles\n---\n\nUn cours.\n",
		"modules/m/_posts/2000-01-01-check-yourself.md": string(md),
	}
	for name, text := range files {
		f := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range course.Check(c) {
		if strings.HasPrefix(string(d.Code), "self-check") {
			t.Errorf("check: %s:%d: %s", d.File, d.Line, d.Message)
		}
	}
	build(t, c, out, BuildOptions{})
	page := "modules/m/check-yourself/index.html"
	if doc := readSite(t, out, page); strings.Count(doc, `<form class="self-check"`) != 5 {
		t.Fatalf("%s does not show the 5 questions of check-yourself.md", page)
	}
	return page
}

// recorder runs in every page before its own scripts: it keeps the
// script's events and any CSP violation for the test to read.
const recorder = `window.__selfCheckEvents = [];
document.addEventListener('coursewright:self-check', e => window.__selfCheckEvents.push(e.detail));
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`

// selfCheckTab is a tab that keeps the pages' CSP and gets axe-core and
// the recorder in every page.
func selfCheckTab(t *testing.T, axe string) context.Context {
	t.Helper()
	chromium := tool(t, "chromium", "chromium-browser", "google-chrome")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, src := range []string{axe, recorder} {
			if _, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
				return err
			}
		}
		return nil
	}))
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// selfCheckEvent is the detail of the script's CustomEvent.
type selfCheckEvent struct {
	Page  string `json:"page"`
	Right int    `json:"right"`
	Total int    `json:"total"`
}

// questionState is what a learner sees of one question.
type questionState struct {
	Result   string   `json:"result"`
	Verdicts []string `json:"verdicts"`
	Again    bool     `json:"again"` // the Try again button is shown
	Order    string   `json:"order"` // an order question's options as shown
	Buttons  int      `json:"buttons"`
	Focus    bool     `json:"focus"` // the keyboard focus is in the question
}

type pageState struct {
	Questions []questionState  `json:"questions"`
	Score     string           `json:"score"`
	Events    []selfCheckEvent `json:"events"`
	CSP       []string         `json:"csp"`
	Stored    string           `json:"stored"`
	Path      string           `json:"path"`
	Fetched   []string         `json:"fetched"` // every file the page has loaded
}

const readState = `(() => {
  const text = el => el ? el.textContent.replace(/\s+/g, ' ').trim() : '';
  const questions = [...document.querySelectorAll('form.self-check')].map(f => {
    const again = f.querySelector('.self-check-again');
    return {
      result: text(f.querySelector('.self-check-result')),
      verdicts: [...f.querySelectorAll('.self-check-given')].map(text),
      again: !!again && !again.hidden && again.getClientRects().length > 0,
      order: [...f.querySelectorAll('ol.self-check-order > li')].map(li => li.dataset.option).join(','),
      buttons: f.querySelectorAll('button').length,
      focus: f.contains(document.activeElement),
    };
  });
  return {questions, score: text(document.querySelector('.self-check-score')),
    events: window.__selfCheckEvents || [], csp: window.__cspViolations || [],
    stored: localStorage.getItem('coursewright:self-check:' + location.pathname) || '', path: location.pathname,
    // (The browser asks for /favicon.ico on its own, when it likes.)
    fetched: performance.getEntriesByType('resource').map(e => e.name).filter(u => !u.endsWith('/favicon.ico'))};
})()`

func stateOf(t *testing.T, ctx context.Context) pageState {
	t.Helper()
	s, err := evalIn[pageState](ctx, 10*time.Second, readState)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Questions) != 5 {
		t.Fatalf("the page shows %d questions, want 5", len(s.Questions))
	}
	if len(s.CSP) > 0 {
		t.Errorf("the page broke its CSP: %v", s.CSP)
	}
	return s
}

func scRun(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := withTimeout(ctx, 20*time.Second, steps...); err != nil {
		t.Fatal(err)
	}
}

// scriptReady waits until the page's script has announced the page's
// score: it does so at DOMContentLoaded, a moment after it drew the page.
func scriptReady() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Poll[bool](`window.__selfCheckEvents.length > 0`)(ctx, tg)
		return err
	})
}

// click clicks like a mouse (a real input event at the element's centre).
func scClick(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(sel, chromedp.NodeVisible)
}

// TestSelfCheckInBrowser answers every kind of question wrong, then
// right, with the mouse, and follows the score and the page's event;
// has axe-core audit the page, light and dark, answered and fresh;
// reloads and finds the score kept; answers and reorders with the
// keyboard only; reads the words of a French course; and opens the
// answers with JavaScript off. The subtests run in order on one tab,
// each from where the one before left the page.
func TestSelfCheckInBrowser(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("drives Chromium (not again under -race: the work is the browser's)")
	}
	axe := axeScript(t)
	root := t.TempDir()
	url := serveSites(t, root) + "/en/" + selfCheckCourseIn(t, "en", filepath.Join(root, "en"))
	ctx := selfCheckTab(t, axe)
	start := time.Now()
	scRun(t, ctx, viewport(1280, "light"), chromedp.Navigate(url), scriptReady())

	s := stateOf(t, ctx)
	path := s.Path
	if want := []selfCheckEvent{{path, 0, 5}}; !reflect.DeepEqual(s.Events, want) {
		t.Errorf("events on load: %+v, want %+v", s.Events, want)
	}
	if s.Score != "0 of 5 right on this page" {
		t.Errorf("score line on load: %q", s.Score)
	}
	for i, q := range s.Questions {
		if q.Again || q.Result != "" || len(q.Verdicts) > 0 {
			t.Errorf("question %d on load: %+v", i+1, q)
		}
	}
	// Each option is named by its own words, each move button by what it
	// does and to which item.
	for sel, want := range map[string]string{
		`#self-check-1 input[value="2"]`:                     "A facilitator who is a peer",
		`#self-check-2 input[value="3"]`:                     "A community centre",
		`#self-check-3 input[value="1"]`:                     "True",
		`#self-check-4-answer`:                               "Your answer",
		`#self-check-5 li[data-option="2"] .self-check-down`: "Move down: Check-in",
	} {
		if got := axName(axNode(t, ctx, sel)); got != want {
			t.Errorf("%s is called %q, want %q", sel, got, want)
		}
	}
	for i, q := range s.Questions {
		want := 2 // Check, Try again
		if i == 4 {
			want += 3 * 2 // Move up, Move down per item
		}
		if q.Buttons != want {
			t.Errorf("question %d has %d buttons, want %d", i+1, q.Buttons, want)
		}
	}

	t.Run("nothing chosen", func(t *testing.T) {
		scRun(t, ctx, scClick("#self-check-1 .self-check-check"))
		s := stateOf(t, ctx)
		if q := s.Questions[0]; q.Result != "Choose an answer first." || q.Again || !q.Focus {
			t.Errorf("Check with nothing chosen: %+v", q)
		}
		if len(s.Events) != 1 || s.Stored != "" {
			t.Errorf("Check with nothing chosen counted: events %+v, stored %q", s.Events, s.Stored)
		}
	})

	questions := []struct {
		name                 string
		wrong, right         []chromedp.Action[chromedp.Void]
		wrongSaid, rightSaid string   // the result line
		wrongSeen, rightSeen []string // the verdicts beside the options
	}{
		{
			name:      "one",
			wrong:     []chromedp.Action[chromedp.Void]{scClick(`#self-check-1 input[value="1"]`)},
			right:     []chromedp.Action[chromedp.Void]{scClick(`#self-check-1 input[value="2"]`)},
			wrongSaid: "Not right. Not quite: learning circles have no teacher.",
			rightSaid: "Right. Yes: the facilitator is a peer who keeps the group going.",
			wrongSeen: []string{"Not right Not quite: learning circles have no teacher."},
			rightSeen: []string{"Right Yes: the facilitator is a peer who keeps the group going."},
		},
		{
			name: "several",
			// One right and one wrong option is not right.
			wrong:     []chromedp.Action[chromedp.Void]{scClick(`#self-check-2 input[value="1"]`), scClick(`#self-check-2 input[value="2"]`)},
			right:     []chromedp.Action[chromedp.Void]{scClick(`#self-check-2 input[value="3"]`), scClick(`#self-check-2 input[value="1"]`)},
			wrongSaid: "Not right. A court in session is no place for a quiet group.",
			rightSaid: "Right",
			wrongSeen: []string{"Right", "Not right A court in session is no place for a quiet group."},
			rightSeen: []string{"Right", "Right"},
		},
		{
			name:      "true-false",
			wrong:     []chromedp.Action[chromedp.Void]{scClick(`#self-check-3 input[value="1"]`)},
			right:     []chromedp.Action[chromedp.Void]{scClick(`#self-check-3 input[value="2"]`)},
			wrongSaid: "Not right. No: peers learn together, with a facilitator.",
			rightSaid: "Right. Indeed: no teacher is needed.",
			wrongSeen: []string{"Not right No: peers learn together, with a facilitator."},
			rightSeen: []string{"Right Indeed: no teacher is needed."},
		},
		{
			name:  "short",
			wrong: []chromedp.Action[chromedp.Void]{chromedp.SendKeys("#self-check-4-answer", "a teacher")},
			// Case and runs of white space do not matter.
			right:     []chromedp.Action[chromedp.Void]{chromedp.SendKeys("#self-check-4-answer", "  Learning   CIRCLE ")},
			wrongSaid: "Not right",
			rightSaid: "Right",
		},
		{
			name:  "order",
			wrong: nil, // as first shown: Wrap-up, Check-in, Activity
			right: []chromedp.Action[chromedp.Void]{
				scClick(`#self-check-5 li[data-option="1"] .self-check-down`),
				scClick(`#self-check-5 li[data-option="1"] .self-check-down`),
			},
			wrongSaid: "Not right",
			rightSaid: "Right",
			wrongSeen: []string{"Not right", "Not right", "Not right"},
			rightSeen: []string{"Right", "Right", "Right"},
		},
	}
	for i, q := range questions {
		n := i + 1
		check := scClick(fmt.Sprintf("#self-check-%d .self-check-check", n))
		again := scClick(fmt.Sprintf("#self-check-%d .self-check-again", n))
		t.Run(q.name, func(t *testing.T) {
			scRun(t, ctx, append(q.wrong, check)...)
			s := stateOf(t, ctx)
			got := s.Questions[i]
			if got.Result != q.wrongSaid || !got.Again || !reflect.DeepEqual(got.Verdicts, q.wrongSeen) && q.wrongSeen != nil {
				t.Errorf("after a wrong answer: %+v, want result %q and verdicts %q with Try again", got, q.wrongSaid, q.wrongSeen)
			}
			if want := (selfCheckEvent{path, i, 5}); s.Events[len(s.Events)-1] != want {
				t.Errorf("event after a wrong answer: %+v, want %+v", s.Events[len(s.Events)-1], want)
			}
			scRun(t, ctx, again)
			s = stateOf(t, ctx)
			if got := s.Questions[i]; got.Result != "" || got.Again || len(got.Verdicts) > 0 || !got.Focus {
				t.Errorf("after Try again: %+v, want a fresh question with the focus in it", got)
			}
			scRun(t, ctx, append(q.right, check)...)
			s = stateOf(t, ctx)
			got = s.Questions[i]
			if got.Result != q.rightSaid || !got.Again || !reflect.DeepEqual(got.Verdicts, q.rightSeen) && q.rightSeen != nil {
				t.Errorf("after the right answer: %+v, want result %q and verdicts %q", got, q.rightSaid, q.rightSeen)
			}
			if want := fmt.Sprintf("%d of 5 right on this page", n); s.Score != want {
				t.Errorf("score line %q, want %q", s.Score, want)
			}
			if want := (selfCheckEvent{path, n, 5}); s.Events[len(s.Events)-1] != want {
				t.Errorf("event after the right answer: %+v, want %+v", s.Events[len(s.Events)-1], want)
			}
		})
	}

	// Nothing leaves the learner's browser: answering loaded nothing.
	if after := stateOf(t, ctx).Fetched; !reflect.DeepEqual(after, s.Fetched) {
		t.Errorf("answering the questions fetched %q (on load: %q)", after, s.Fetched)
	}

	t.Run("short answer by pattern", func(t *testing.T) {
		scRun(t, ctx, scClick("#self-check-4 .self-check-again"), chromedp.SendKeys("#self-check-4-answer", "Circles"), scClick("#self-check-4 .self-check-check"))
		if got := stateOf(t, ctx).Questions[3]; got.Result != "Right" {
			t.Errorf("%q (the pattern ^(a )?circles?$) was judged %q", "Circles", got.Result)
		}
	})

	// The page with every verdict shown, then as a learner first sees it
	// (auditPage reloads it), in both colour schemes.
	t.Run("axe", func(t *testing.T) {
		scRun(t, ctx, scClick(`#self-check-1 .self-check-again`), scClick(`#self-check-1 input[value="3"]`), scClick("#self-check-1 .self-check-check"))
		for _, scheme := range []string{"light", "dark"} {
			scRun(t, ctx, viewport(1280, scheme))
			found, err := evalIn[[]axeFinding](ctx, 60*time.Second, axeRun(scheme == "dark")) // dark changes only colours
			if err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("COURSEWRIGHT_KEEP_SCREENSHOTS"); dir != "" {
				if png, err := chromedp.Run(ctx, chromedp.Screenshot("article.content")); err == nil {
					_ = os.WriteFile(filepath.Join(dir, "self-check-"+scheme+".png"), png, 0o644)
				}
			}
			for _, f := range found {
				if f.Impact == "serious" || f.Impact == "critical" || f.Impact == "moderate" && allowedModerate[f.ID] == "" {
					t.Errorf("answered, %s: axe %s (%s): %s\n\t%s", scheme, f.ID, f.Impact, f.Help, strings.Join(f.Nodes, "\n\t"))
				}
			}
		}
		problems, err := auditPage(ctx, url, noneKnown)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Error(p)
		}
	})

	t.Run("reload keeps the score", func(t *testing.T) {
		scRun(t, ctx, viewport(1280, "light"), chromedp.Navigate(url), scriptReady())
		s := stateOf(t, ctx)
		// Question 1 was last answered wrong (in the axe step).
		if s.Score != "4 of 5 right on this page" {
			t.Errorf("score line after reload: %q", s.Score)
		}
		var stored map[string]bool
		if err := json.Unmarshal([]byte(s.Stored), &stored); err != nil {
			t.Fatalf("localStorage holds %q: %v", s.Stored, err)
		}
		if want := map[string]bool{"1": false, "2": true, "3": true, "4": true, "5": true}; !reflect.DeepEqual(stored, want) {
			t.Errorf("localStorage holds %v, want %v", stored, want)
		}
		if want := []selfCheckEvent{{path, 4, 5}}; !reflect.DeepEqual(s.Events, want) {
			t.Errorf("events on load: %+v, want %+v", s.Events, want)
		}
	})

	// The script judges as selfcheck.Grade does (the exports and the
	// app use Grade): every choice of the several-answers question, every
	// order of the order question, and short answers that test case,
	// white space (a no-break space too) and the pattern.
	t.Run("judges as Grade", func(t *testing.T) {
		md, err := os.ReadFile(filepath.Join("testdata", "selfcheck", "check-yourself.md"))
		if err != nil {
			t.Fatal(err)
		}
		blocks := selfcheck.Find(string(md))
		if len(blocks) != 5 {
			t.Fatalf("check-yourself.md has %d questions", len(blocks))
		}
		type answer struct {
			n int
			r selfcheck.Response
		}
		var answers []answer
		for _, chosen := range [][]int{{0}, {1}, {2}, {0, 1}, {0, 2}, {1, 2}, {0, 1, 2}} {
			answers = append(answers, answer{2, selfcheck.Response{Chosen: chosen}})
		}
		for _, order := range [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}} {
			answers = append(answers, answer{5, selfcheck.Response{Order: order}})
		}
		for _, text := range []string{"learning circle", "LEARNING CIRCLES", " learning\u00a0 circle\n", "learning-circle",
			"learningcircle", "Circles", "a circle", "the circles", "circles!", "learning circle s"} {
			answers = append(answers, answer{4, selfcheck.Response{Text: text}})
		}
		for _, a := range answers {
			want := selfcheck.Grade(blocks[a.n-1].Question, a.r)
			in, _ := json.Marshal(a.r)
			said, err := evalIn[string](ctx, 10*time.Second, `((n, r) => {
  const f = document.getElementById('self-check-' + n);
  for (const box of f.querySelectorAll('.self-check-options input')) box.checked = (r.Chosen || []).includes(Number(box.value) - 1);
  const text = f.querySelector('.self-check-short input');
  if (text) text.value = r.Text;
  const list = f.querySelector('ol.self-check-order');
  if (list) for (const i of r.Order) list.appendChild(list.querySelector('li[data-option="' + (i + 1) + '"]'));
  f.requestSubmit();
  return f.querySelector('.self-check-result').textContent;
})(`+fmt.Sprint(a.n)+`, `+string(in)+`)`)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.HasPrefix(said, "Right"); got != want {
				t.Errorf("question %d, %s: the script says %q, Grade says right=%v", a.n, in, said, want)
			}
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		if _, err := evalIn[bool](ctx, 10*time.Second, `localStorage.clear(), true`); err != nil {
			t.Fatal(err)
		}
		scRun(t, ctx, chromedp.Navigate(url), scriptReady())
		tabTo := func(want string) {
			t.Helper()
			for range 80 {
				if _, err := press(ctx, kb.Tab); err != nil {
					t.Fatal(err)
				}
				if at, _ := evalIn[bool](ctx, 5*time.Second, `document.activeElement.matches(`+jsString(want)+`)`); at {
					return
				}
			}
			t.Fatalf("Tab never reached %s", want)
		}
		key := func(k string) {
			t.Helper()
			scRun(t, ctx, chromedp.KeyEvent(k))
		}
		focusIs := func(want string) {
			t.Helper()
			if at, _ := evalIn[bool](ctx, 5*time.Second, `document.activeElement.matches(`+jsString(want)+`)`); !at {
				f, _ := evalIn[string](ctx, 5*time.Second, `document.activeElement.outerHTML.slice(0, 120)`)
				t.Fatalf("the focus is on %s, want %s", f, want)
			}
		}
		// Several answers: Tab to each box, Space to tick it, Enter on Check.
		tabTo(`#self-check-2 input[value="1"]`)
		key(" ")
		key(kb.Tab)
		key(kb.Tab)
		focusIs(`#self-check-2 input[value="3"]`)
		key(" ")
		key(kb.Tab)
		focusIs(`#self-check-2 .self-check-check`)
		key(kb.Enter)
		if got := stateOf(t, ctx).Questions[1]; got.Result != "Right" {
			t.Errorf("several answers by keyboard: %+v", got)
		}
		// Short answer: type, Enter checks.
		tabTo(`#self-check-4-answer`)
		scRun(t, ctx, chromedp.KeyEvent("learning circles"), chromedp.KeyEvent(kb.Enter))
		if got := stateOf(t, ctx).Questions[3]; got.Result != "Right" {
			t.Errorf("short answer by keyboard: %+v", got)
		}
		// Order: Enter on Move down twice takes Wrap-up to the end; the
		// focus follows it.
		tabTo(`#self-check-5 .self-check-down`)
		focusIs(`#self-check-5 li[data-option="1"] .self-check-down`)
		key(kb.Enter)
		s := stateOf(t, ctx)
		if s.Questions[4].Order != "2,1,3" {
			t.Errorf("after one Move down: %s", s.Questions[4].Order)
		}
		focusIs(`#self-check-5 li[data-option="1"] .self-check-down`)
		key(" ")
		if s := stateOf(t, ctx); s.Questions[4].Order != "2,3,1" {
			t.Errorf("after two Move downs: %s", s.Questions[4].Order)
		}
		focusIs(`#self-check-5 li[data-option="1"] .self-check-up`)
		key(kb.Tab)
		focusIs(`#self-check-5 .self-check-check`)
		key(kb.Enter)
		s = stateOf(t, ctx)
		if got := s.Questions[4]; got.Result != "Right" {
			t.Errorf("order by keyboard: %+v", got)
		}
		if s.Score != "3 of 5 right on this page" {
			t.Errorf("score line: %q", s.Score)
		}
	})

	// The words come from each form's data-strings, in the course's
	// language (the renderer writes them).
	t.Run("in French", func(t *testing.T) {
		frURL := serveSites(t, root) + "/fr/" + selfCheckCourseIn(t, "fr", filepath.Join(root, "fr"))
		scRun(t, ctx, chromedp.Navigate(frURL), scriptReady(), scClick("#self-check-1 .self-check-check"))
		s := stateOf(t, ctx)
		if got := s.Questions[0].Result; got != "Choisissez d’abord une réponse." {
			t.Errorf("Check with nothing chosen says %q", got)
		}
		scRun(t, ctx, scClick(`#self-check-1 input[value="1"]`), scClick("#self-check-1 .self-check-check"))
		s = stateOf(t, ctx)
		if got, want := s.Questions[0].Result, "Pas juste. Not quite: learning circles have no teacher."; got != want {
			t.Errorf("a wrong answer: %q, want %q", got, want)
		}
		if s.Score != "0 sur 5 justes sur cette page" {
			t.Errorf("score line %q", s.Score)
		}
		words, err := evalIn[[]string](ctx, 10*time.Second, `[...document.querySelectorAll('#self-check-1 .self-check-actions button, #self-check-5 li:first-child button')].map(b => b.textContent)`)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"Vérifier", "Réessayer", "Monter", "Descendre"}; !reflect.DeepEqual(words, want) {
			t.Errorf("buttons %q, want %q", words, want)
		}
	})

	t.Run("no JavaScript", func(t *testing.T) {
		noScript := func(off bool) chromedp.Action[chromedp.Void] {
			return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
				return err
			})
		}
		defer scRun(t, ctx, noScript(false))
		scRun(t, ctx, noScript(true), chromedp.Navigate(url), chromedp.WaitVisible("#self-check-5 legend"))
		nodes, err := chromedp.Run(ctx, chromedp.Nodes(".self-check-again, .self-check-score", chromedp.AtLeast(0)))
		if err != nil {
			t.Fatal(err)
		}
		if len(nodes) > 0 {
			t.Fatalf("the script ran with JavaScript off")
		}
		// Only the DOM domain here: with scripts off, chromedp's own
		// helpers (which evaluate JavaScript in the page) cannot run.
		shown := func(sel string) bool {
			t.Helper()
			// What a screen reader is given: a closed <details> hides its
			// content from it as from the eye. (Its box cannot tell: the
			// browser lays out a closed <details>'s content on request.)
			return !axNode(t, ctx, sel).Ignored
		}
		for n := 1; n <= 5; n++ {
			// Nothing to check without the script: no Check button.
			if shown(fmt.Sprintf("#self-check-%d .self-check-check", n)) {
				t.Errorf("question %d offers Check with JavaScript off", n)
			}
			summary := fmt.Sprintf("#self-check-%d details.self-check-answer > summary", n)
			key := fmt.Sprintf("#self-check-%d .self-check-key", n)
			if shown(key) {
				t.Errorf("question %d shows its answer before the learner opens it", n)
			}
			nodes, err := chromedp.Run(ctx, chromedp.Nodes(summary, chromedp.NodeReady))
			if err != nil {
				t.Fatal(err)
			}
			scRun(t, ctx, chromedp.MouseClickNode(nodes[0]))
			if !shown(key) {
				t.Errorf("question %d: a click on Answer does not show the answer", n)
			}
		}
	})
	t.Logf("self-check browser test: %.1f s in Chromium", time.Since(start).Seconds())
}

// axNode is what Chromium tells screen readers about the element sel
// picks. It uses only the DOM and accessibility domains, so it works with
// JavaScript off too (chromedp's own waits evaluate scripts in the page).
func axNode(t *testing.T, ctx context.Context, sel string) *accessibility.Node {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	nodes, err := chromedp.Run(tctx, chromedp.Nodes(sel, chromedp.NodeReady))
	if err != nil {
		t.Fatalf("%s: %v", sel, err)
	}
	alone := false
	tree, err := chromedp.Run(tctx, func(ctx context.Context, tg *chromedp.Target) (accessibility.GetPartialAXTreeResult, error) {
		return cdp.Call(ctx, tg, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{NodeID: nodes[0].NodeID, FetchRelatives: &alone})
	})
	if err != nil || len(tree.Nodes) == 0 {
		t.Fatalf("the accessibility tree of %s: %v", sel, err)
	}
	return tree.Nodes[0]
}

// axName is the accessible name of n.
func axName(n *accessibility.Node) string {
	if n.Name == nil {
		return ""
	}
	var s string
	_ = json.Unmarshal(n.Name.Value, &s)
	return s
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
