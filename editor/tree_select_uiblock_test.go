package editor

import (
	"testing"
	"time"
)

// The author clicks pages in the course tree, one after the other: each
// click holds the UI thread for a slice only. The tree updates every row
// on screen when its selection changes, and each row set its text again,
// which shapes it again for its ellipsis, for the same titles: 16–20 ms
// a click at a load of 10, of which about 2 ms are left.
func TestChoosingPagesInTheTreeHoldsTheUIThreadBriefly(t *testing.T) {
	limit := sliceLimit(t)
	v, _ := openView(t, corpusCourse(t, "how-to-talk-about-race"), &fakePrompt{t: t})
	pages := v.Course().AllPages()
	if len(pages) < 10 {
		t.Fatalf("%d pages: the test needs a tree of many rows", len(pages))
	}
	rows := len(treeRows(v.Tree))
	var worst time.Duration
	// The first round shows each page's text for the first time (its
	// glyphs are shaped then, once); the second is timed.
	for round := 0; round < 2; round++ {
		for _, p := range pages[1:9] {
			start := time.Now()
			v.Tree.Select(PageNodeID(p)) // as a click on its row does
			if took := time.Since(start); round == 1 {
				worst = max(worst, took)
			}
			if v.Page.Page() != p {
				t.Fatalf("choosing %s in the tree opened %v", p.Path, v.Page.Page())
			}
			settle(t, v)
		}
	}
	t.Logf("choosing a page in a tree of %d rows on screen: the UI thread held %v at most (limit %v)", rows, worst.Round(time.Millisecond/10), limit)
	if worst > limit {
		t.Errorf("choosing a page in the tree held the UI thread for %v (limit %v)", worst.Round(time.Millisecond/10), limit)
	}
}
