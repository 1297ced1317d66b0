package editor

// textChange replaces old with new at byte offset at of a page's text.
type textChange struct {
	at       int
	old, new string
}

// diffChange is the smallest change that turns a into b, placed at base:
// what a whole-text update (find & replace all, a restored journal, a
// formatting action) hands the page editor as one undoable step.
func diffChange(base int, a, b string) textChange {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	// Keep whole UTF-8 sequences on both sides of the change.
	for p > 0 && !startsRune(a, p) {
		p--
	}
	for s > 0 && !startsRune(a, len(a)-s) {
		s--
	}
	return textChange{at: base + p, old: a[p : len(a)-s], new: b[p : len(b)-s]}
}

func startsRune(s string, i int) bool { return i >= len(s) || s[i]&0xC0 != 0x80 }
