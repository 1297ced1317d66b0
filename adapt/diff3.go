package adapt

import (
	"strings"
)

// This file is a line-based three-way merge (diff3): two diffs from a
// common base, each computed with Myers' O(ND) algorithm on lines, then
// walked side by side. A change made on one side only is taken; the same
// change on both sides is taken once; different changes to the same or
// adjacent lines of the base are a conflict, as git reports them.

// MergeLabels name the three versions in conflict markers.
type MergeLabels struct {
	Ours, Base, Theirs string
}

// MergeResult is the outcome of Merge3.
type MergeResult struct {
	// Text is the merged text; where Conflicts > 0 it holds conflict
	// markers (<<<<<<< ours, ||||||| base, =======, >>>>>>> theirs).
	Text string
	// Conflicts counts the places changed differently on both sides.
	Conflicts int
}

// Merge3 merges the changes from base to ours and from base to theirs,
// line by line. Lines keep their own endings, so CRLF texts merge as
// they are.
func Merge3(base, ours, theirs string, labels MergeLabels) MergeResult {
	if labels.Ours == "" {
		labels.Ours = "ours"
	}
	if labels.Base == "" {
		labels.Base = "base"
	}
	if labels.Theirs == "" {
		labels.Theirs = "theirs"
	}
	// Fast paths: one side unchanged.
	switch {
	case ours == theirs:
		return MergeResult{Text: ours}
	case base == ours:
		return MergeResult{Text: theirs}
	case base == theirs:
		return MergeResult{Text: ours}
	}
	o, a, b := splitLines(base), splitLines(ours), splitLines(theirs)
	ids := map[string]int{}
	intern := func(ls []string) []int {
		out := make([]int, len(ls))
		for i, l := range ls {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	oi, ai, bi := intern(o), intern(a), intern(b)
	chunks := merge3Chunks(oi, ai, bi)

	var res MergeResult
	var w strings.Builder
	write := func(ls []string) {
		for _, l := range ls {
			w.WriteString(l)
		}
	}
	marker := func(m string) {
		if s := w.String(); s != "" && !strings.HasSuffix(s, "\n") {
			w.WriteString("\n")
		}
		w.WriteString(m + "\n")
	}
	for _, c := range chunks {
		switch c.kind {
		case chunkStable:
			write(o[c.o[0]:c.o[1]])
		case chunkOurs:
			write(a[c.a[0]:c.a[1]])
		case chunkTheirs:
			write(b[c.b[0]:c.b[1]])
		case chunkConflict:
			res.Conflicts++
			marker("<<<<<<< " + labels.Ours)
			write(a[c.a[0]:c.a[1]])
			marker("||||||| " + labels.Base)
			write(o[c.o[0]:c.o[1]])
			marker("=======")
			write(b[c.b[0]:c.b[1]])
			marker(">>>>>>> " + labels.Theirs)
		}
	}
	res.Text = w.String()
	return res
}

// splitLines cuts s after every "\n"; a last line without one is kept.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	ls := strings.SplitAfter(s, "\n")
	if ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

type chunkKind int

const (
	chunkStable   chunkKind = iota // base lines neither side changed
	chunkOurs                      // changed in ours only
	chunkTheirs                    // changed in theirs only
	chunkConflict                  // changed differently on both sides
)

// chunk is a run of the merge: half-open line ranges of base (o), ours
// (a) and theirs (b).
type chunk struct {
	kind    chunkKind
	o, a, b [2]int
}

// hunk is one change from base to a side: base lines [o0, o1) became the
// side's lines [x0, x1).
type hunk struct {
	o0, o1, x0, x1 int
	side           int // 0 ours, 1 theirs
}

// hunks lists the changes between base and x given their matched lines.
func hunks(pairs [][2]int, n, m, side int) []hunk {
	var out []hunk
	pi, pj := 0, 0
	for _, p := range append(pairs, [2]int{n, m}) {
		if p[0] > pi || p[1] > pj {
			out = append(out, hunk{o0: pi, o1: p[0], x0: pj, x1: p[1], side: side})
		}
		pi, pj = p[0]+1, p[1]+1
	}
	return out
}

// merge3Chunks walks the two diffs from base together. Changes whose base
// ranges overlap or touch (no unchanged base line between them) form one
// group; a group with changes from one side takes that side, one with
// changes from both is a conflict unless both sides wrote the same lines.
func merge3Chunks(o, a, b []int) []chunk {
	ha := hunks(lcsPairs(o, a), len(o), len(a), 0)
	hb := hunks(lcsPairs(o, b), len(o), len(b), 1)
	// Merge the two sorted lists by base start; at equal starts ours
	// first, which does not change the groups.
	all := make([]hunk, 0, len(ha)+len(hb))
	i, j := 0, 0
	for i < len(ha) || j < len(hb) {
		if j >= len(hb) || (i < len(ha) && ha[i].o0 <= hb[j].o0) {
			all = append(all, ha[i])
			i++
		} else {
			all = append(all, hb[j])
			j++
		}
	}
	var out []chunk
	pos := 0 // base lines before pos are written
	for k := 0; k < len(all); {
		lo, hi := all[k].o0, all[k].o1
		end := k + 1
		for end < len(all) && all[end].o0 <= hi {
			hi = max(hi, all[end].o1)
			end++
		}
		group := all[k:end]
		if lo > pos {
			out = append(out, chunk{kind: chunkStable, o: [2]int{pos, lo}})
		}
		var sides [2][]hunk
		for _, h := range group {
			sides[h.side] = append(sides[h.side], h)
		}
		// span maps the group's base range [lo, hi) onto a side's text.
		span := func(hs []hunk) [2]int {
			first, last := hs[0], hs[len(hs)-1]
			return [2]int{first.x0 - (first.o0 - lo), last.x1 + (hi - last.o1)}
		}
		c := chunk{o: [2]int{lo, hi}}
		switch {
		case len(sides[1]) == 0:
			c.kind, c.a = chunkOurs, span(sides[0])
		case len(sides[0]) == 0:
			c.kind, c.b = chunkTheirs, span(sides[1])
		default:
			c.a, c.b = span(sides[0]), span(sides[1])
			if equalInts(a[c.a[0]:c.a[1]], b[c.b[0]:c.b[1]]) {
				c.kind = chunkOurs // the same change on both sides
			} else {
				c.kind = chunkConflict
			}
		}
		out = append(out, c)
		pos = hi
		k = end
	}
	if pos < len(o) {
		out = append(out, chunk{kind: chunkStable, o: [2]int{pos, len(o)}})
	}
	return out
}

func equalInts(x, y []int) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// maxEdit bounds the edit distance Myers' search explores: its trace
// takes O(D²) memory. Texts further apart than that are treated as
// replaced in the part between their common start and end, which merges
// correctly, only with larger conflicts.
const maxEdit = 2000

// lcsPairs returns the pairs (i, j) of a longest common subsequence of a
// and b, in increasing order: the lines a diff keeps.
func lcsPairs(a, b []int) [][2]int {
	var pairs [][2]int
	// Common start and end first: most edits touch a few lines of a page.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pairs = append(pairs, [2]int{pre, pre})
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	for _, p := range myers(a[pre:len(a)-suf], b[pre:len(b)-suf]) {
		pairs = append(pairs, [2]int{p[0] + pre, p[1] + pre})
	}
	for k := suf; k > 0; k-- {
		pairs = append(pairs, [2]int{len(a) - k, len(b) - k})
	}
	return pairs
}

// myers is Myers' greedy shortest-edit-script search ("An O(ND)
// Difference Algorithm and Its Variations", 1986), keeping for every
// edit distance d the furthest-reaching x on each diagonal k = x - y, then
// walking back through those to recover the matched lines.
func myers(a, b []int) [][2]int {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return nil
	}
	limit := min(n+m, maxEdit)
	off := limit + 1
	v := make([]int32, 2*limit+3)
	// trace[d] holds v[-d..d] as it was before step d.
	var trace [][]int32
	found := false
	for d := 0; d <= limit && !found; d++ {
		snap := make([]int32, 2*d+1)
		copy(snap, v[off-d:off+d+1])
		trace = append(trace, snap)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = int(v[off+k+1]) // down: a line of b inserted
			} else {
				x = int(v[off+k-1]) + 1 // right: a line of a deleted
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = int32(x)
			if x >= n && y >= m {
				found = true
				break
			}
		}
	}
	if !found {
		return nil // too different: no lines kept in this part
	}
	var rev [][2]int
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		vd := trace[d]
		at := func(k int) int { return int(vd[k+d]) }
		k := x - y
		var prevK int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := 0
		if d > 0 {
			prevX = at(prevK)
		}
		prevY := prevX - prevK
		if d == 0 {
			prevX, prevY = 0, 0
		}
		for x > prevX && y > prevY {
			x--
			y--
			rev = append(rev, [2]int{x, y})
		}
		x, y = prevX, prevY
	}
	out := make([][2]int, len(rev))
	for i, p := range rev {
		out[len(rev)-1-i] = p
	}
	return out
}
