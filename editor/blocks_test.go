package editor

import (
	"strings"
	"testing"
	"time"
)

func FuzzSplitBlocks(f *testing.F) {
	f.Add("", 10)
	f.Add("# A\n\ntext\n\n## B\n\nmore\n", 5)
	f.Add("```\n# not a heading\n\n```\n# Heading\n", 3)
	f.Add(strings.Repeat("word ", 3000), 1500)
	f.Fuzz(func(t *testing.T, text string, target int) {
		if target < 1 || target > 1<<20 {
			return
		}
		blocks := splitBlocks(text, target)
		if got := strings.Join(blocks, "\n"); got != text {
			t.Fatalf("joined blocks differ from the text")
		}
		for i := range len(text) + 1 {
			b, in := blockAt(blocks, i)
			if blockStart(blocks, b)+in != i {
				t.Fatalf("offset %d maps to block %d+%d", i, b, in)
			}
		}
	})
}

func TestSplitBlocksFollowsSections(t *testing.T) {
	text := pageText(20000)
	blocks := splitBlocks(text, blockTarget)
	if len(blocks) < 8 {
		t.Fatalf("only %d blocks for 20,000 bytes", len(blocks))
	}
	for i, b := range blocks {
		if len(b) > blockMax {
			t.Errorf("block %d has %d bytes", i, len(b))
		}
		// Blocks start at a heading or after a blank line.
		if i > 0 && !strings.HasPrefix(b, "## ") && !strings.HasSuffix(blocks[i-1], "\n") {
			t.Errorf("block %d starts mid-paragraph: %q", i, b[:20])
		}
	}
	// A fenced code block is never cut at a blank line or heading inside.
	code := "```\n" + strings.Repeat("# comment\n\nx = 1\n", 200) + "```\n"
	for _, b := range splitBlocks("intro\n\n"+code, 100) {
		if strings.HasPrefix(b, "# comment") {
			t.Fatal("cut inside a code fence")
		}
	}
}

func TestDiffChange(t *testing.T) {
	for _, c := range [][2]string{{"", "a"}, {"abc", "abXc"}, {"héllo", "hallo"}, {"same", "same"}, {"ab", ""}, {"aaa", "aa"}} {
		ch := diffChange(10, c[0], c[1])
		local := ch.at - 10
		if got := c[0][:local] + ch.new + c[0][local+len(ch.old):]; got != c[1] {
			t.Errorf("%q→%q: change %+v gives %q", c[0], c[1], ch, got)
		}
	}
}

func TestTextHistoryGroupsWords(t *testing.T) {
	var h textHistory
	now := time.Now()
	text := ""
	for i, r := range "two words" {
		h.record(textChange{at: i, new: string(r), when: now})
		text += string(r)
	}
	if len(h.undo) != 2 {
		t.Fatalf("typing two words made %d undo steps: %+v", len(h.undo), h.undo)
	}
	c, _ := h.takeUndo()
	if c.old != "words" || c.new != "" {
		t.Fatalf("undo of the last word: %+v", c)
	}
	r, _ := h.takeRedo()
	if r.new != "words" {
		t.Fatalf("redo: %+v", r)
	}
	// A pause starts a new step.
	h.record(textChange{at: 9, new: "!", when: now.Add(2 * groupPause)})
	h.record(textChange{at: 10, new: "!", when: now.Add(2*groupPause + time.Millisecond)})
	if len(h.undo) != 3 {
		t.Fatalf("after a pause: %d steps", len(h.undo))
	}
	// Backspaces group too.
	h.record(textChange{at: 10, old: "!", when: now.Add(3 * groupPause)})
	h.record(textChange{at: 9, old: "!", when: now.Add(3 * groupPause)})
	if top := h.undo[len(h.undo)-1]; top.at != 9 || top.old != "!!" {
		t.Fatalf("backspaces: %+v", top)
	}
}

func TestApplyFormat(t *testing.T) {
	sel := func(s string) (string, int, int) { // "a [b] c" marks the selection
		i, j := strings.Index(s, "["), strings.Index(s, "]")
		return s[:i] + s[i+1:j] + s[j+1:], i, j - 1
	}
	for _, c := range []struct {
		f        Format
		in, want string
	}{
		{FormatBold, "say [hello] now", "say **[hello]** now"},
		{FormatBold, "say **[hello]** now", "say [hello] now"},
		{FormatBold, "say [hello ]now", "say **[hello]** now"},
		{FormatBold, "x[]", "x**[bold text]**"},
		{FormatItalic, "[word]", "_[word]_"},
		{FormatLink, "see [the guide]", "see [the guide]([https://])"},
		{FormatHeading, "Intro[]\nnext", "## Intro[]\nnext"},
		{FormatHeading, "## Intro[]", "Intro[]"},
		{FormatList, "[one\ntwo]", "[- one\n- two]"},
		{FormatList, "[- one\n- two]", "[one\ntwo]"},
		{FormatNumbered, "[one\ntwo\nthree]", "[1. one\n2. two\n3. three]"},
		{FormatQuote, "[a quote]", "[> a quote]"},
		{FormatTip, "Before.[]", "Before.\n\n> Facilitator tip: [write the tip here]\n"},
		{FormatTip, "Text\n\n[Ask them first.]\n\nMore", "Text\n\n> Facilitator tip: [Ask them first.]\n\nMore"},
		{FormatTable, "[]", "| Column 1 | Column 2 |\n| --- | --- |\n| [Text] | Text |\n"},
	} {
		text, s, e := sel(c.in)
		r := applyFormat(c.f, text, s, e)
		got := r.text[:r.sel] + "[" + r.text[r.sel:r.end] + "]" + r.text[r.end:]
		if got != c.want {
			t.Errorf("format %d of %q:\n got %q\nwant %q", c.f, c.in, got, c.want)
		}
	}
}

func TestMatches(t *testing.T) {
	text := "Tip: one tip, another TIP."
	if n := len(matches(text, "tip", false)); n != 3 {
		t.Fatalf("case-insensitive: %d", n)
	}
	ms := matches(text, "tip", true)
	if len(ms) != 1 || ms[0][0] != 9 {
		t.Fatalf("match case: %v", ms)
	}
	all := matches(text, "tip", false)
	if m, _ := nextMatch(all, 10, false); m[0] != 22 {
		t.Fatalf("next after 10: %v", m)
	}
	if m, _ := nextMatch(all, 23, false); m[0] != 0 {
		t.Fatalf("wraps around: %v", m)
	}
	if m, _ := nextMatch(all, 9, true); m[0] != 0 {
		t.Fatalf("back from 9: %v", m)
	}
	if matches(text, "", false) != nil {
		t.Fatal("empty query matches")
	}
	if len(matches("a.b axb", ".", false)) != 1 {
		t.Fatal("queries are not literal")
	}
}
