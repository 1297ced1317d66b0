package render

import (
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
