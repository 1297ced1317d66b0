package adapt

import (
	"math/rand"
	"strings"
	"testing"
)

func lines(ls ...string) string {
	if len(ls) == 0 {
		return ""
	}
	return strings.Join(ls, "\n") + "\n"
}

func TestMerge3(t *testing.T) {
	base := lines("title", "one", "two", "three", "four", "five", "six")
	tests := []struct {
		name          string
		ours, theirs  string
		want          string
		wantConflicts int
	}{
		{name: "nothing changed", ours: base, theirs: base, want: base},
		{name: "ours only",
			ours:   lines("title", "one", "TWO", "three", "four", "five", "six"),
			theirs: base,
			want:   lines("title", "one", "TWO", "three", "four", "five", "six")},
		{name: "theirs only",
			ours:   base,
			theirs: lines("title", "one", "two", "three", "four", "five", "SIX"),
			want:   lines("title", "one", "two", "three", "four", "five", "SIX")},
		{name: "different places",
			ours:   lines("title", "ONE", "two", "three", "four", "five", "six"),
			theirs: lines("title", "one", "two", "three", "four", "FIVE", "six"),
			want:   lines("title", "ONE", "two", "three", "four", "FIVE", "six")},
		{name: "insertions in different places",
			ours:   lines("title", "intro", "one", "two", "three", "four", "five", "six"),
			theirs: lines("title", "one", "two", "three", "four", "five", "six", "outro"),
			want:   lines("title", "intro", "one", "two", "three", "four", "five", "six", "outro")},
		{name: "deletion and edit elsewhere",
			ours:   lines("title", "two", "three", "four", "five", "six"),
			theirs: lines("title", "one", "two", "three", "four", "five", "6"),
			want:   lines("title", "two", "three", "four", "five", "6")},
		{name: "the same change on both sides",
			ours:   lines("title", "one", "2", "three", "four", "five", "six"),
			theirs: lines("title", "one", "2", "three", "four", "five", "six", "seven"),
			want:   lines("title", "one", "2", "three", "four", "five", "six", "seven")},
		{name: "same line changed differently",
			ours:   lines("title", "one", "two", "drei", "four", "five", "six"),
			theirs: lines("title", "one", "two", "tres", "four", "five", "six"),
			want: lines("title", "one", "two",
				"<<<<<<< ours", "drei", "||||||| base", "three", "=======", "tres", ">>>>>>> theirs",
				"four", "five", "six"),
			wantConflicts: 1},
		{name: "adjacent lines changed",
			ours:   lines("title", "one", "TWO", "three", "four", "five", "six"),
			theirs: lines("title", "one", "two", "THREE", "four", "five", "six"),
			want: lines("title", "one",
				"<<<<<<< ours", "TWO", "three", "||||||| base", "two", "three", "=======", "two", "THREE", ">>>>>>> theirs",
				"four", "five", "six"),
			wantConflicts: 1},
		{name: "insertions at the same place",
			ours:   lines("title", "one", "mine", "two", "three", "four", "five", "six"),
			theirs: lines("title", "one", "yours", "two", "three", "four", "five", "six"),
			want: lines("title", "one",
				"<<<<<<< ours", "mine", "||||||| base", "=======", "yours", ">>>>>>> theirs",
				"two", "three", "four", "five", "six"),
			wantConflicts: 1},
		{name: "two conflicts and a clean change",
			ours:   lines("T", "one", "two", "three", "four", "five", "S"),
			theirs: lines("t", "one", "two", "THREE", "four", "five", "s"),
			want: lines("<<<<<<< ours", "T", "||||||| base", "title", "=======", "t", ">>>>>>> theirs",
				"one", "two", "THREE", "four", "five",
				"<<<<<<< ours", "S", "||||||| base", "six", "=======", "s", ">>>>>>> theirs"),
			wantConflicts: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Merge3(base, tt.ours, tt.theirs, MergeLabels{})
			if got.Text != tt.want || got.Conflicts != tt.wantConflicts {
				t.Errorf("got %d conflicts:\n%s\nwant %d:\n%s", got.Conflicts, got.Text, tt.wantConflicts, tt.want)
			}
		})
	}
}

func TestMerge3NoFinalNewline(t *testing.T) {
	base := "a\nb\nc"
	got := Merge3(base, "A\nb\nc", "a\nb\nC", MergeLabels{})
	if got.Text != "A\nb\nC" || got.Conflicts != 0 {
		t.Errorf("got %q (%d)", got.Text, got.Conflicts)
	}
	got = Merge3(base, "a\nb\nX", "a\nb\nY", MergeLabels{Ours: "mine", Base: "orig", Theirs: "up"})
	want := "a\nb\n<<<<<<< mine\nX\n||||||| orig\nc\n=======\nY\n>>>>>>> up\n"
	if got.Text != want || got.Conflicts != 1 {
		t.Errorf("got %q, want %q", got.Text, want)
	}
}

func TestMerge3CRLF(t *testing.T) {
	base := "a\r\nb\r\nc\r\nd\r\n"
	got := Merge3(base, "A\r\nb\r\nc\r\nd\r\n", "a\r\nb\r\nc\r\nD\r\n", MergeLabels{})
	if got.Text != "A\r\nb\r\nc\r\nD\r\n" || got.Conflicts != 0 {
		t.Errorf("got %q", got.Text)
	}
}

// lcsLength is the textbook dynamic programme, to check Myers against.
func lcsLength(a, b []int) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

func TestLCSPairsIsLongest(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for iter := 0; iter < 2000; iter++ {
		a := make([]int, rng.Intn(25))
		b := make([]int, rng.Intn(25))
		for i := range a {
			a[i] = rng.Intn(5)
		}
		for i := range b {
			b[i] = rng.Intn(5)
		}
		pairs := lcsPairs(a, b)
		pi, pj := -1, -1
		for _, p := range pairs {
			if p[0] <= pi || p[1] <= pj || a[p[0]] != b[p[1]] {
				t.Fatalf("a=%v b=%v: bad pair %v in %v", a, b, p, pairs)
			}
			pi, pj = p[0], p[1]
		}
		if want := lcsLength(a, b); len(pairs) != want {
			t.Fatalf("a=%v b=%v: %d pairs, the longest has %d", a, b, len(pairs), want)
		}
	}
}

// TestMerge3Properties: merging with one side unchanged gives the other
// side, and edits to separate halves always merge cleanly.
func TestMerge3Properties(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	words := []string{"alpha", "beta", "gamma", "delta", "", "- item", "> tip"}
	randText := func(n int) []string {
		ls := make([]string, n)
		for i := range ls {
			ls[i] = words[rng.Intn(len(words))]
		}
		return ls
	}
	mutate := func(ls []string) []string {
		out := append([]string(nil), ls...)
		for k := rng.Intn(3) + 1; k > 0; k-- {
			i := rng.Intn(len(out) + 1)
			switch rng.Intn(3) {
			case 0:
				out = append(out[:i], append([]string{"new " + words[rng.Intn(len(words))]}, out[i:]...)...)
			case 1:
				if i < len(out) {
					out = append(out[:i], out[i+1:]...)
				}
			default:
				if i < len(out) {
					out[i] = "changed " + out[i]
				}
			}
		}
		return out
	}
	for iter := 0; iter < 500; iter++ {
		base := randText(rng.Intn(12) + 1)
		ours := mutate(base)
		b, o := lines(base...), lines(ours...)
		if got := Merge3(b, o, b, MergeLabels{}); got.Text != o || got.Conflicts != 0 {
			t.Fatalf("theirs unchanged: %q, want %q", got.Text, o)
		}
		if got := Merge3(b, b, o, MergeLabels{}); got.Text != o || got.Conflicts != 0 {
			t.Fatalf("ours unchanged: %q, want %q", got.Text, o)
		}
		// Separate halves, with a fixed line between them.
		first, second := randText(rng.Intn(6)+1), randText(rng.Intn(6)+1)
		whole := append(append(append([]string(nil), first...), "=== fixed ==="), second...)
		mine := append(append(mutate(first), "=== fixed ==="), second...)
		theirs := append(append(append([]string(nil), first...), "=== fixed ==="), mutate(second)...)
		want := append(append([]string(nil), mine[:len(mine)-len(second)]...), theirs[len(first)+1:]...)
		got := Merge3(lines(whole...), lines(mine...), lines(theirs...), MergeLabels{})
		if got.Conflicts != 0 || got.Text != lines(want...) {
			t.Fatalf("halves:\nbase %q\nours %q\ntheirs %q\ngot %q (%d conflicts)\nwant %q", whole, mine, theirs, got.Text, got.Conflicts, lines(want...))
		}
	}
}

func TestMyersTooDifferent(t *testing.T) {
	// Beyond maxEdit the middle is treated as replaced: still a correct
	// (if coarse) diff.
	n := maxEdit + 10
	a, b := make([]int, n), make([]int, n)
	for i := range a {
		a[i], b[i] = i, n+i
	}
	a[0], b[0] = -1, -1
	pairs := lcsPairs(a, b)
	if len(pairs) != 1 {
		t.Fatalf("%d pairs", len(pairs))
	}
}
