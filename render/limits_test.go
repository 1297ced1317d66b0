package render

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/coursewright/coursewright/course"
)

// Issue 12, item 6: a page whose Liquid would loop for minutes or grow
// without bound gets an error naming the line, in well under the time
// limit; ordinary loops still run.
func TestLiquidLimits(t *testing.T) {
	captures := strings.Repeat("{% capture s %}{{s}}{{s}}{% endcapture %}\n", 40)
	for name, tc := range map[string]struct {
		src  string
		line int
		want string // "" when the page renders normally
	}{
		"nested loops (104 bytes)":   {"intro\n\n{% for a in (1..100000) %}{% for b in (1..100000) %}x{% endfor %}{% endfor %}", 3, "more than 1000000 times"},
		"empty nested loops":         {"{% for a in (1..100000) %}{% for b in (1..100000) %}{% endfor %}{% endfor %}", 1, "more than 1000000 times"},
		"assigned bound":             {"{% assign n = 5000000 %}\n{% for a in (1..n) %}{% endfor %}", 2, "more than 1000000 times"},
		"doubling captures":          {"{% assign s = 'xx' %}\n" + captures, 0, "MB"},
		"doubling assigns in a loop": {"{% assign s = 'x' %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}{{ s }}", 1, "MB"},
		"big output":                 {"{% for a in (1..1000000) %}{{ 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }}{% endfor %}", 1, "MB"},
		"ordinary loop":              {"{% for i in (1..3) %}item {{ i }} {% endfor %}", 0, ""},
		"loop with limit":            {"{% for i in (1..100000000) limit: 3 %}n{{ i }} {% endfor %}", 0, ""},
	} {
		t.Run(name, func(t *testing.T) {
			r := New(Options{})
			start := time.Now()
			out := r.Render(Input{Source: tc.src, File: "page.md", Line: 1})
			if d := time.Since(start); d > MaxPageRenderTime {
				t.Errorf("render took %s", d)
			}
			var found *course.Diagnostic
			for i, d := range out.Diagnostics {
				if d.Code == course.CodeRenderLimit {
					found = &out.Diagnostics[i]
				}
			}
			if tc.want == "" {
				if found != nil {
					t.Fatalf("limit reported for an ordinary page: %v", found)
				}
				if !strings.Contains(out.HTML, "n1") && !strings.Contains(out.HTML, "item 1") {
					t.Errorf("loop did not run: %s", out.HTML)
				}
				return
			}
			if found == nil || found.Severity != course.SeverityError || !strings.Contains(found.Message, tc.want) {
				t.Fatalf("diagnostics %v, want an error about %q", out.Diagnostics, tc.want)
			}
			if tc.line > 0 && found.Line != tc.line {
				t.Errorf("line %d, want %d", found.Line, tc.line)
			}
			if strings.Contains(out.HTML, "{%") {
				t.Errorf("Liquid shown to learners: %.200s", out.HTML)
			}
		})
	}
	// Nothing keeps running after the renders returned.
	time.Sleep(50 * time.Millisecond)
	if n := runtime.NumGoroutine(); n > 20 {
		t.Errorf("%d goroutines still running", n)
	}
}

// hostileLoops is a page whose loop counts only show when it runs (the
// size of a string), so the estimate before rendering lets it through:
// two nested loops of 100,000 that write nothing.
func hostileLoops() string {
	return "{% assign s = '" + strings.Repeat("x", 100_000) + "' %}{% assign n = s | size %}\n" +
		"{% for a in (1..n) %}{% for b in (1..n) %}{% endfor %}{% endfor %}"
}

// Issue 12, item 6: loops count their iterations as they run, so a page
// the estimate misses stops itself at the limit — its render goroutine
// ends, nothing keeps burning a core after the page was given up — and
// the error names the loop's line.
func TestLiquidLoopsStopThemselves(t *testing.T) {
	r := New(Options{})
	before := runtime.NumGoroutine()
	start := time.Now()
	out := r.Render(Input{Source: hostileLoops(), File: "page.md", Line: 1})
	took := time.Since(start)
	var found *course.Diagnostic
	for i, d := range out.Diagnostics {
		if d.Code == course.CodeRenderLimit {
			found = &out.Diagnostics[i]
		}
	}
	// Stopped while running (the estimate let it through), at the
	// iteration or the time limit, whichever this machine reaches first.
	if found == nil || !strings.Contains(found.Message, "was stopped") {
		t.Fatalf("diagnostics %v, want the loops stopped as they ran", out.Diagnostics)
	}
	if found.Line != 2 {
		t.Errorf("line %d, want 2 (the loop)", found.Line)
	}
	// The loop notices the time limit at its next iteration; under the
	// race detector on a loaded machine that took 3.3 s once.
	slack := time.Second
	if raceDetector {
		slack = 4 * time.Second
	}
	if took > MaxPageRenderTime+slack {
		t.Errorf("render took %s, well past the page time limit", took)
	}
	waitGoroutines(t, before)
}

// A cancelled render stops at its next loop iteration, well within the
// page's time limit, reports nothing, and leaves no goroutine behind.
func TestRenderStopsWhenCancelled(t *testing.T) {
	r := New(Options{})
	// Each iteration splits a 40 KB string: ten thousand of them take
	// seconds, far below the iteration limit.
	src := "{% assign s = '" + strings.Repeat("x,", 20_000) + "' %}" +
		"{% for a in (1..10000) %}{% assign parts = s | split: ',' %}{% endfor %}done"
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	out := r.Render(Input{Source: src, File: "page.md", Line: 1, Context: ctx})
	took := time.Since(start)
	t.Logf("cancelled after 100ms, returned after %s", took)
	if took > 600*time.Millisecond {
		t.Errorf("cancelled render returned after %s", took)
	}
	if len(out.Diagnostics) != 0 || strings.Contains(out.HTML, "done") {
		t.Errorf("a stopped render gave %q with %v", out.HTML, out.Diagnostics)
	}
	waitGoroutines(t, before)
}

// waitGoroutines fails unless the goroutine count falls back to n within
// half a second: a render that was given up must end by itself.
func waitGoroutines(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(500 * time.Millisecond)
	for runtime.NumGoroutine() > n {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines still running, %d before the render", runtime.NumGoroutine(), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
