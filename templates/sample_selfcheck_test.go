package templates

import (
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// Issue 18: the sample course shows self-check questions, of every kind,
// on two of its pages, all whole (check reports none).
func TestSampleSelfChecks(t *testing.T) {
	pages := 0
	kinds := map[selfcheck.Kind]bool{}
	for _, name := range markdownFiles(t, Sample()) {
		blocks := selfcheck.Find(read(t, Sample(), name))
		if len(blocks) > 0 && strings.HasPrefix(name, "modules/") {
			pages++
		}
		for _, b := range blocks {
			if b.Err != nil {
				t.Errorf("%s:%d: %v", name, b.Err.Line, b.Err)
				continue
			}
			kinds[b.Question.Kind] = true
		}
	}
	if pages != 2 || len(kinds) != len(selfcheck.Kinds) {
		t.Errorf("self-checks on %d module pages, of the kinds %v; want 2 pages and every kind", pages, kinds)
	}
}
