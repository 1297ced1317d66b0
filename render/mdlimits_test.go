package render

import (
	"strings"
	"testing"
	"time"

	"github.com/coursewright/coursewright/course"
)

// Issue 12, item 7: markdown costs grow linearly with the input: a page of
// nested list markers, broken reference links or broken inline links
// renders twice as large in about twice the time, not four times.
func TestMarkdownCostIsLinear(t *testing.T) {
	r := New(Options{})
	for name, unit := range map[string]string{
		"nested list markers": "- ",
		"broken references":   "[a][b] ",
		"broken inline links": "[a](b ",
	} {
		t.Run(name, func(t *testing.T) {
			// Each size's best of five, the two sizes taken in turn, in
			// CPU time of the rendering thread: on a busy machine wall
			// time made 4 times the input look 17 times as slow.
			smallSrc := strings.Repeat(unit, 5000) + "x\n"
			largeSrc := strings.Repeat(unit, 20000) + "x\n"
			timed := func(src string) time.Duration {
				return threadCPU(func() { r.Render(Input{Source: src, File: "p.md", Line: 1}) })
			}
			small, large := time.Hour, time.Hour
			for range 5 {
				small = min(small, timed(smallSrc))
				large = min(large, timed(largeSrc))
			}
			t.Logf("5,000: %s, 20,000: %s", small, large)
			// Linear: ×4 input → ×4 time; quadratic would be ×16. Allow
			// a generous margin for a shared machine.
			if large > 9*small+20*time.Millisecond {
				t.Errorf("4 times the input took %.1f times as long", float64(large)/float64(small))
			}
		})
	}
	out := r.Render(Input{Source: strings.Repeat("- ", 100) + "x\n", File: "p.md", Line: 1})
	found := false
	for _, d := range out.Diagnostics {
		found = found || d.Code == course.CodeRenderLimit && d.Line == 1
	}
	if !found || strings.Count(out.HTML, "<ul>") != maxListDepth {
		t.Errorf("100 nested markers: %d lists, diagnostics %v", strings.Count(out.HTML, "<ul>"), out.Diagnostics)
	}
}
