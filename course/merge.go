package course

import "strings"

// MergeChunk is one stretch of a three-way merge: text both sides agree
// on (or that only one side changed), or a conflict where both changed
// the same paragraphs differently.
type MergeChunk struct {
	Text     string // the merged text, when not a conflict
	Conflict bool
	// When Conflict: the paragraphs as they were, and as each side has them.
	Base, Mine, Theirs string
}

// Merge3 merges two edits of the same text paragraph by paragraph: what
// only one side changed is taken from it, what both changed alike is
// taken once, and paragraphs both changed differently are conflicts for
// the author to decide. Paragraphs end at a blank line; the chunks, put
// back together, give each side's text exactly where it changed alone.
//
// Line endings and a byte-order mark are the caller's to normalise.
func Merge3(base, mine, theirs string) []MergeChunk {
	b, m, t := paragraphs(base), paragraphs(mine), paragraphs(theirs)
	inM, inT := matchLCS(b, m), matchLCS(b, t)
	var out []MergeChunk
	add := func(c MergeChunk) {
		if !c.Conflict && len(out) > 0 && !out[len(out)-1].Conflict {
			out[len(out)-1].Text += c.Text
			return
		}
		if c.Conflict || c.Text != "" {
			out = append(out, c)
		}
	}
	i, a, k := 0, 0, 0
	for i < len(b) || a < len(m) || k < len(t) {
		if i < len(b) && inM[i] == a && inT[i] == k {
			add(MergeChunk{Text: b[i]})
			i, a, k = i+1, a+1, k+1
			continue
		}
		// The next base paragraph both sides kept ends this unstable stretch.
		j := i
		for j < len(b) && (inM[j] < 0 || inT[j] < 0) {
			j++
		}
		a2, k2 := len(m), len(t)
		if j < len(b) {
			a2, k2 = inM[j], inT[j]
		}
		for _, c := range mergeStretch(b[i:j], m[a:a2], t[k:k2]) {
			add(c)
		}
		i, a, k = j, a2, k2
	}
	return out
}

// mergeStretch merges paragraphs between two that both sides kept. When
// each side has as many paragraphs as the base there, each paragraph is
// merged on its own: changes to neighbouring paragraphs do not conflict.
func mergeStretch(b, m, t []string) []MergeChunk {
	if len(b) == len(m) && len(b) == len(t) && len(b) > 1 {
		var out []MergeChunk
		for i := range b {
			out = append(out, mergeStretch(b[i:i+1], m[i:i+1], t[i:i+1])...)
		}
		return out
	}
	bs, ms, ts := strings.Join(b, ""), strings.Join(m, ""), strings.Join(t, "")
	switch {
	case ms == bs:
		return []MergeChunk{{Text: ts}}
	case ts == bs, ms == ts:
		return []MergeChunk{{Text: ms}}
	}
	return []MergeChunk{{Conflict: true, Base: bs, Mine: ms, Theirs: ts}}
}

// Conflicts counts the chunks the author has to decide.
func Conflicts(chunks []MergeChunk) int {
	n := 0
	for _, c := range chunks {
		if c.Conflict {
			n++
		}
	}
	return n
}

// JoinMerge puts a merge back together, taking for the i-th conflict
// their side when useTheirs[i] is true and mine otherwise.
func JoinMerge(chunks []MergeChunk, useTheirs []bool) string {
	var sb strings.Builder
	n := 0
	for _, c := range chunks {
		switch {
		case !c.Conflict:
			sb.WriteString(c.Text)
		case n < len(useTheirs) && useTheirs[n]:
			sb.WriteString(c.Theirs)
			n++
		default:
			sb.WriteString(c.Mine)
			n++
		}
	}
	return sb.String()
}

// paragraphs splits text into paragraphs and the line breaks between
// them, each its own unit (so that adding a paragraph after the last one
// does not change the last one); joined, they give the text back byte
// for byte. A separator is a blank line or more, or the final line break.
func paragraphs(s string) []string {
	var out []string
	for s != "" {
		i := strings.Index(s, "\n\n")
		if i < 0 {
			if strings.HasSuffix(s, "\n") {
				end := len(strings.TrimRight(s, "\n"))
				if end > 0 {
					out = append(out, s[:end])
				}
				out = append(out, s[end:])
			} else {
				out = append(out, s)
			}
			break
		}
		j := i + 2
		for j < len(s) && s[j] == '\n' {
			j++
		}
		if i > 0 {
			out = append(out, s[:i])
		}
		out = append(out, s[i:j])
		s = s[j:]
	}
	return out
}

// matchLCS matches the paragraphs of a to those of b along a longest
// common subsequence: out[i] is the index in b of a[i], or -1. The
// shared start and end are matched directly, so the quadratic table
// covers only the changed middle.
func matchLCS(a, b []string) []int {
	out := make([]int, len(a))
	for i := range out {
		out[i] = -1
	}
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		out[p] = p
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		out[len(a)-1-s] = len(b) - 1 - s
		s++
	}
	am, bm := a[p:len(a)-s], b[p:len(b)-s]
	n, m := len(am), len(bm)
	if n == 0 || m == 0 {
		return out
	}
	// lcs[i][j]: length of the LCS of am[i:] and bm[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if am[i] == bm[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case am[i] == bm[j]:
			out[p+i] = p + j
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}
