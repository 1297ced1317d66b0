package render

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/coursewright/coursewright/course"
)

// slowMarkdown are inputs that cost goldmark far more than their size
// (issue 12, item 7): at 3 MB, each takes it from tens of seconds to
// minutes.
var slowMarkdown = map[string]string{
	"unclosed inline links": strings.Repeat("[a](", 3<<20/4),
	"unclosed brackets":     strings.Repeat("[", 3<<20/2) + strings.Repeat("]", 3<<20/2),
}

// goroutinesBackTo waits until no more goroutines run than n, and says
// whether they did within d.
func goroutinesBackTo(n int, d time.Duration) bool {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if runtime.NumGoroutine() <= n {
			return true
		}
	}
	return false
}

// Issue 12: goldmark cannot be cancelled mid-parse, so a page whose
// markdown takes longer than MaxPageMarkdownTime is given up: Render and
// Preview return with an error naming the file, a second render of the
// same text says so at once, and the abandoned parse stops soon after
// (it does not keep a core busy for minutes).
func TestMarkdownTimeLimit(t *testing.T) {
	r := New(Options{})
	const file = "modules/m/_posts/2020-01-01-slow.md"
	for name, src := range slowMarkdown {
		t.Run(name, func(t *testing.T) {
			base := runtime.NumGoroutine()
			start := time.Now()
			out := r.Render(Input{Source: src, File: file})
			took := time.Since(start)
			if out.HTML != "" || len(out.Diagnostics) != 1 {
				t.Fatalf("took %s, %d bytes of HTML, diagnostics %v; want the page given up", took, len(out.HTML), out.Diagnostics)
			}
			d := out.Diagnostics[0]
			if d.Code != course.CodeRenderLimit || d.Severity != course.SeverityError || d.File != file || !strings.Contains(d.Message, MaxPageMarkdownTime.String()) {
				t.Errorf("diagnostic %+v; want a render-limit error on %s naming the limit", d, file)
			}
			// The markdown's own time is bounded; what comes before it
			// (Liquid, link rewriting) is linear but slow under -race.
			if took > MaxPageMarkdownTime+10*time.Second {
				t.Errorf("render took %s", took)
			}
			t.Logf("given up after %s", took.Round(time.Millisecond))
			if !goroutinesBackTo(base, 30*time.Second) {
				t.Errorf("the abandoned parse still runs 30 s later (%d goroutines, %d before)", runtime.NumGoroutine(), base)
			}
			start = time.Now()
			pv, diags := r.Preview(Input{Source: src, File: file})
			if took := time.Since(start); took > time.Second || len(pv.Blocks) != 0 || len(diags) != 1 || diags[0].Code != course.CodeRenderLimit {
				t.Errorf("the same text again: %s, %d blocks, %v; want the finding at once", took, len(pv.Blocks), diags)
			}
		})
	}
}

// A render whose context is cancelled returns at once, also in the middle
// of goldmark's parse.
func TestMarkdownRenderStopsWhenCancelled(t *testing.T) {
	r := New(Options{})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	out := r.Render(Input{Source: slowMarkdown["unclosed inline links"], File: "slow.md", Context: ctx})
	if took := time.Since(start); took > 300*time.Millisecond+time.Second {
		t.Errorf("render returned %s after it was cancelled", took-300*time.Millisecond)
	}
	if out.HTML != "" || len(out.Diagnostics) != 0 {
		t.Errorf("a stopped render gave %d bytes and %v", len(out.HTML), out.Diagnostics)
	}
	// Not remembered as too slow: it was stopped, not timed out.
	if r.slow.has(r.slow.key(Input{Source: "[a](", File: "slow.md"})) {
		t.Error("remembered")
	}
}

// An ordinary page renders as before: the limit does not touch it.
func TestMarkdownTimeLimitLeavesOrdinaryPages(t *testing.T) {
	r := New(Options{})
	out := r.Render(Input{Source: strings.Repeat("Some *text* with [a link](https://example.org).\n\n", 200), File: "p.md"})
	if len(out.Diagnostics) != 0 || strings.Count(out.HTML, "<em>") != 200 {
		t.Errorf("%d diagnostics %v, %d <em>", len(out.Diagnostics), out.Diagnostics, strings.Count(out.HTML, "<em>"))
	}
}

// Only small pages without Liquid skip the goroutine and the clock:
// Liquid can make a small page's markdown large.
func TestQuickRenderOnlyForSmallPagesWithoutLiquid(t *testing.T) {
	for src, want := range map[string]bool{
		"A *short* page.":                            true,
		strings.Repeat("[a](", quickSize/4-1):        true,
		strings.Repeat("[a](", quickSize/4):          false,
		"{% for i in (1..900000) %}[a]({% endfor %}": false,
		"{{ site.data.big }}":                        false,
	} {
		if got := quick(Input{Source: src}); got != want {
			t.Errorf("quick(%.40q…) = %v", src, got)
		}
	}
}

// unpairedEmphasis costs goldmark time growing with the square of its
// size, all of it where it pairs up emphasis delimiters at the end of
// the paragraph, after the last inline trigger: 5,000 / 10,000 / 20,000
// repeats took it 0.09 / 0.40 / 1.74 s.
func unpairedEmphasis(n int) string {
	return strings.Repeat("_a ", n) + strings.Repeat("a* ", n)
}

// Issue 12: a render abandoned while goldmark pairs up delimiters stops
// there too, instead of running for the rest of the pairing (about 10 s
// more here) with no one waiting for it.
func TestAbandonedParseStopsWhilePairingDelimiters(t *testing.T) {
	r := New(Options{})
	base := runtime.NumGoroutine()
	start := time.Now()
	out := r.Render(Input{Source: unpairedEmphasis(60000), File: "slow.md"})
	took := time.Since(start)
	if out.HTML != "" || len(out.Diagnostics) != 1 || out.Diagnostics[0].Code != course.CodeRenderLimit {
		t.Fatalf("took %s, %d bytes, %v; want the page given up", took, len(out.HTML), out.Diagnostics)
	}
	if !goroutinesBackTo(base, 2*time.Second) {
		t.Errorf("the abandoned parse still runs 2 s after the render was given up (%d goroutines, %d before)", runtime.NumGoroutine(), base)
	}
	t.Logf("given up after %s; parse gone %s later", took.Round(time.Millisecond), (time.Since(start) - took).Round(time.Millisecond))
}

// The delimiters' watch changes nothing in what a page renders to.
func TestDelimiterWatchKeepsEmphasis(t *testing.T) {
	r := New(Options{})
	src := strings.Repeat("Some *text*, __strong__, ~~struck~~ and _a_ **b *c* d**.\n\n", 50) + unpairedEmphasis(5)
	quick := r.Render(Input{Source: src, File: "p.md"}) // small: no watch
	watched := r.Render(Input{Source: src + strings.Repeat("\n\nplain words", 8000), File: "p.md"})
	if !strings.HasPrefix(watched.HTML, quick.HTML[:strings.LastIndex(quick.HTML, "<p>_a")]) || strings.Count(watched.HTML, "<em>") != 150 || strings.Count(watched.HTML, "<del>") != 50 {
		t.Errorf("with the watch: %d <em>, %d <del>; the HTML differs from the quick render's", strings.Count(watched.HTML, "<em>"), strings.Count(watched.HTML, "<del>"))
	}
}
