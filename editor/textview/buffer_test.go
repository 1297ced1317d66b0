package textview

import (
	"strings"
	"testing"
	"time"
)

func TestBufferReplaceAndOffsets(t *testing.T) {
	cases := []struct {
		name, text string
		from, to   int
		insert     string
	}{
		{"inside a line", "hello world", 6, 11, "there"},
		{"join lines", "one\ntwo\nthree", 3, 4, ""},
		{"split a line", "one two", 3, 4, "\n\n"},
		{"across lines", "alpha\nbeta\ngamma\ndelta", 2, 15, "X\nY"},
		{"at the end", "a\nb", 3, 3, "\nc"},
		{"whole text", "a\nb\nc", 0, 5, ""},
		{"unicode", "ünï\ncödé", 2, 9, "漢字\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newBuffer(c.text)
			end, _ := b.replace(b.pos(c.from), b.pos(c.to), c.insert)
			want := c.text[:c.from] + c.insert + c.text[c.to:]
			if got := b.String(); got != want {
				t.Fatalf("text %q, want %q", got, want)
			}
			if b.size != len(want) {
				t.Fatalf("size %d, want %d", b.size, len(want))
			}
			if got := b.offset(end); got != c.from+len(c.insert) {
				t.Fatalf("end at %d, want %d", got, c.from+len(c.insert))
			}
			for off := 0; off <= len(want); off++ {
				if p := b.pos(off); b.offset(p) != off && utf8Start(want, off) {
					t.Fatalf("offset %d → %v → %d", off, p, b.offset(p))
				}
			}
		})
	}
}

func utf8Start(s string, i int) bool { return i >= len(s) || s[i]&0xC0 != 0x80 }

func TestHistoryGroupsByWordAndPause(t *testing.T) {
	var h history
	now := time.Now()
	at := Pos{}
	for i, r := range "one two" {
		h.record(change{at: Pos{0, i}, new: string(r), when: now})
		at = Pos{0, i + 1}
	}
	if len(h.undo) != 2 || h.undo[0].new != "one " || h.undo[1].new != "two" {
		t.Fatalf("steps %+v", h.undo)
	}
	// After a pause, typing starts a new step even inside a word.
	h.record(change{at: at, new: "s", when: now.Add(2 * groupPause)})
	if len(h.undo) != 3 {
		t.Fatalf("a pause did not start a step: %+v", h.undo)
	}
	// Backspaces group, and undo gives back what they took.
	h.record(change{at: Pos{0, 7}, old: "s", when: now.Add(3 * groupPause)})
	h.record(change{at: Pos{0, 6}, old: "o", when: now.Add(3 * groupPause)})
	c, _ := h.takeUndo()
	if c.at != (Pos{0, 6}) || c.new != "os" {
		t.Fatalf("undo of two backspaces %+v", c)
	}
}

func TestStylesFollowFences(t *testing.T) {
	lines := []string{"# Title", "text", "```go", "# not a heading", "```", "> a tip", "    # indented"}
	want := []lineStyle{{kindHeading, 1}, {}, {kind: kindCode}, {kind: kindCode}, {kind: kindCode}, {kind: kindQuote}, {}}
	fence := ""
	for i, l := range lines {
		var st lineStyle
		st, fence = styleLine(l, fence)
		if st != want[i] {
			t.Fatalf("line %q: %+v, want %+v", l, st, want[i])
		}
	}
}

func TestOpeningAFenceRestylesTheLinesBelow(t *testing.T) {
	v, _ := newTestView(t, "intro\n# heading\nmore")
	if v.styleOf(1).kind != kindHeading {
		t.Fatal("line 2 is not a heading")
	}
	v.Select(0, 0)
	v.TypedKey(key("Return"))
	v.Select(0, 0)
	for _, r := range "```" {
		v.TypedRune(r)
	}
	if got := v.styleOf(2).kind; got != kindCode {
		t.Fatalf("the heading inside the new fence is drawn as %v", got)
	}
	if strings.Count(v.Text(), "```") != 1 {
		t.Fatalf("text %q", v.Text())
	}
}
