package publish

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeTags are the WCAG 2.0, 2.1 and 2.2 level A and AA rules of axe-core.
const axeTags = `['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22a','wcag22aa']`

// allowedModerate are the moderate axe findings the sites may have, each
// with the reason it is not fixed. Serious and critical findings are
// never allowed.
var allowedModerate = map[string]string{
	// (none: every moderate finding fails the test)
}

// knownContent are findings in the corpus courses' own HTML that the
// theme cannot mend, by course, page and rule, each with its reason.
var knownContent = map[string]string{
	"ECS154B modules/introduction/index/index.html list": "the page calls {% include toc.html %} inside its own <ul>; " +
		"the corpus copy leaves the course's _includes out (SOURCE.txt), so the build puts its missing-include marker, a <span>, into the list",
}

// axeFinding is one violated rule on one page.
type axeFinding struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeRun runs axe on the page in the tab. colourOnly limits it to the
// rules a colour scheme can change: in the dark scheme only colours
// differ from the light one, whose layout was already audited.
func axeRun(colourOnly bool) string {
	only := `{type: 'tag', values: ` + axeTags + `}`
	if colourOnly {
		only = `{type: 'rule', values: ['color-contrast', 'link-in-text-block']}`
	}
	return `axe.run(document, {runOnly: ` + only + `, iframes: false, resultTypes: ['violations']}).then(r =>
  r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.split('\n').slice(1).join(' ') : ''))})))`
}

// themeChecks are what axe does not check: a skip link that is the first
// thing a keyboard reaches and leads to the main content, the landmarks,
// a label on every nav and every form field, the page's language, and no sideways scrolling.
const themeChecks = `(() => {
  const p = [];
  if (!document.documentElement.lang) p.push('no lang on <html>');
  const focusable = 'a[href], button, input, select, textarea, summary, iframe, [tabindex]:not([tabindex="-1"])';
  const first = document.body.querySelector(focusable);
  const skip = document.querySelector('a.skip-link');
  if (!skip) p.push('no "Skip to content" link');
  else if (first !== skip) p.push('the skip link is not the first thing the keyboard reaches: ' + (first ? first.outerHTML.slice(0, 80) : 'nothing'));
  else if (!document.querySelector(skip.getAttribute('href'))) p.push('the skip link leads nowhere: ' + skip.getAttribute('href'));
  const main = document.querySelectorAll('main');
  if (main.length !== 1) p.push(main.length + ' <main> elements');
  for (const tag of ['header', 'footer']) {
    if (!document.querySelector('body > ' + tag)) p.push('no <' + tag + '> landmark');
  }
  for (const nav of document.querySelectorAll('nav')) {
    if (!nav.getAttribute('aria-label') && !nav.getAttribute('aria-labelledby')) p.push('a <nav> without a label: ' + nav.className);
  }
  // A placeholder is no label: it goes when typing starts, and axe
  // accepts it as the field's name.
  for (const f of document.querySelectorAll('input:not([type="hidden"]):not([type="checkbox"][disabled]), select, textarea')) {
    if (!f.labels.length && !f.getAttribute('aria-labelledby')) p.push('a form field without a label: ' + f.outerHTML.slice(0, 80));
  }
  if (document.documentElement.scrollWidth > window.innerWidth) p.push('scrolls sideways at ' + window.innerWidth + ' px: ' + document.documentElement.scrollWidth + ' px wide');
  return p;
})()`

// focusRings focuses every interactive element as the keyboard would and
// reports those that show no focus ring (an outline of at least 2 px or
// a box shadow).
const focusRings = `(() => {
  const p = [];
  const els = document.body.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])');
  for (const el of els) {
    if (!el.getClientRects().length) continue; // not shown at this width
    el.focus();
    if (document.activeElement !== el) continue;
    const s = getComputedStyle(el);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none');
    if (!ring) p.push('no focus ring: ' + el.outerHTML.slice(0, 80));
    if (p.length > 5) break;
  }
  if (document.activeElement) document.activeElement.blur();
  return p;
})()`

// sitePages lists a built site's pages, without the redirects (they
// leave for their target at once).
func sitePages(t *testing.T, dir string) []string {
	t.Helper()
	var pages []string
	for _, f := range siteFiles(t, dir) {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `class="kind-redirect"`) {
			pages = append(pages, f)
		}
	}
	return pages
}

// auditPage opens a page and reports every problem: axe's serious and
// critical findings, moderate ones not allowed above, and the theme
// checks, in light and dark at 1280 and 360 px; sideways scrolling also at
// 320 px; focus rings at 1280 px.
func auditPage(ctx context.Context, url string, known func(rule string) bool) ([]string, error) {
	var problems []string
	if err := withTimeout(ctx, 30*time.Second, viewport(1280, "light"), chromedp.Navigate(url)); err != nil {
		return nil, err
	}
	for _, width := range []int64{1280, 360, 320} {
		for _, scheme := range []string{"light", "dark"} {
			if width == 320 && scheme == "dark" {
				continue
			}
			if err := withTimeout(ctx, 10*time.Second, viewport(width, scheme)); err != nil {
				return nil, err
			}
			at := fmt.Sprintf("%d px %s", width, scheme)
			if scheme == "light" {
				ps, err := evalIn[[]string](ctx, 10*time.Second, themeChecks)
				if err != nil {
					return nil, fmt.Errorf("theme checks: %w", err)
				}
				for _, p := range ps {
					problems = append(problems, at+": "+p)
				}
			}
			if width == 320 {
				continue // only the sideways-scrolling check is asked at 320 px
			}
			found, err := evalIn[[]axeFinding](ctx, 60*time.Second, axeRun(scheme == "dark"))
			if err != nil {
				return nil, fmt.Errorf("axe: %w", err)
			}
			for _, f := range found {
				if f.Impact == "minor" || (f.Impact == "moderate" && allowedModerate[f.ID] != "") || known(f.ID) {
					continue
				}
				problems = append(problems, fmt.Sprintf("%s: axe %s (%s): %s\n\t\t%s", at, f.ID, f.Impact, f.Help, strings.Join(f.Nodes, "\n\t\t")))
			}
		}
	}
	// One real Tab first: Chromium shows focus rings for focus() only
	// once the keyboard is in use.
	if err := withTimeout(ctx, 10*time.Second, viewport(1280, "light"), chromedp.KeyEvent(kb.Tab)); err != nil {
		return nil, err
	}
	ps, err := evalIn[[]string](ctx, 10*time.Second, focusRings)
	if err != nil {
		return nil, fmt.Errorf("focus rings: %w", err)
	}
	for _, p := range ps {
		problems = append(problems, "1280 px: "+p)
	}
	return problems, nil
}

// TestAccessibility builds every corpus course and the sample course and
// audits every page in headless Chromium with axe-core (WCAG 2.0, 2.1
// and 2.2, A and AA) and the theme checks.
func TestAccessibility(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("builds every corpus course and audits every page in Chromium (not again under -race: the work is the browser's)")
	}
	axe := axeScript(t)
	root := t.TempDir()
	names := append([]string{"sample"}, corpusCourses(t)...)
	for _, name := range names {
		c := sampleCourse(t)
		if name != "sample" {
			c = corpusCourse(t, name)
		}
		build(t, c, filepath.Join(root, name), BuildOptions{})
	}
	base := serveSites(t, root)
	ctx := browserTab(t, axe)
	start, audited := time.Now(), 0
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			for _, p := range sitePages(t, filepath.Join(root, name)) {
				known := func(rule string) bool { return knownContent[name+" "+p+" "+rule] != "" }
				problems, err := auditPage(ctx, base+"/"+name+"/"+p, known)
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				audited++
				for _, pr := range problems {
					t.Errorf("%s: %s", p, pr)
				}
			}
		})
	}
	t.Logf("audited %d pages in %.1f s", audited, time.Since(start).Seconds())
}

func noneKnown(string) bool { return false }

// TestAccessibilityAuditFails proves the audit fails a page without its
// skip link, and one whose search box lost its label.
func TestAccessibilityAuditFails(t *testing.T) {
	axe := axeScript(t)
	root := t.TempDir()
	site := filepath.Join(root, "site")
	build(t, corpusCourse(t, "we-are-ai"), site, BuildOptions{})
	home, err := os.ReadFile(filepath.Join(site, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, cut, want string
	}{
		{"no skip link", `<a class="skip-link" href="#main">Skip to content</a>`, `no "Skip to content" link`},
		{"no search label", `<label class="visually-hidden" for="search-input">Search this course</label>`, `a form field without a label: <input id="search-input"`},
	}
	base := serveSites(t, root)
	ctx := browserTab(t, axe)
	clean, err := auditPage(ctx, base+"/site/index.html", noneKnown)
	if err != nil {
		t.Fatal(err)
	}
	if len(clean) > 0 {
		t.Fatalf("the home page as built has problems: %v", clean)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(string(home), tc.cut) {
				t.Fatalf("the home page has no %s", tc.cut)
			}
			name := strings.ReplaceAll(tc.name, " ", "-") + ".html"
			broken := strings.Replace(string(home), tc.cut, "", 1)
			if err := os.WriteFile(filepath.Join(site, name), []byte(broken), 0o644); err != nil {
				t.Fatal(err)
			}
			problems, err := auditPage(ctx, base+"/site/"+name, noneKnown)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(problems, "\n"), tc.want) {
				t.Errorf("the audit of a page with %s did not say %q; it said %v", tc.name, tc.want, problems)
			}
		})
	}
}
