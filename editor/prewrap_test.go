package editor

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/internal/uitest"
)

// randomWords is n bytes of made-up words (seeded): text Fyne has never
// measured, as a page the author just wrote.
func randomWords(n, seed int) string {
	var b strings.Builder
	x := uint32(seed*7919 + 1)
	for b.Len() < n {
		x = x*1664525 + 1013904223
		l := 2 + int(x>>28)%8
		for i := 0; i < l; i++ {
			x = x*1664525 + 1013904223
			b.WriteByte(byte('a' + (x>>24)%26))
		}
		b.WriteString(". "[x%5/4:])
	}
	return strings.TrimSpace(b.String())
}

func paragraphText(text string) *widget.RichText {
	rt := widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleInline, Text: text},
		&widget.TextSegment{Style: widget.RichTextStyleParagraph})
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// A long paragraph broken ahead comes out with the rows RichText makes of
// it alone (give or take one over the paragraph, kerning aside), each
// row inside the width, the same words in the same order; and wrapping
// it costs a fraction of what RichText alone spends.
func TestPrewrapKeepsTheRowsAndCostsLess(t *testing.T) {
	uitest.NewApp(t)
	const width = 412
	avail := width - 2*theme.InnerPadding()
	var plain, broken time.Duration
	for seed := 1; seed <= 6; seed++ {
		text := randomWords(800, seed)

		own := paragraphText(text)
		t0 := time.Now()
		own.Resize(fyne.NewSize(width, 100))
		ownH := own.MinSize().Height
		plain += time.Since(t0)

		pre := paragraphText(randomWords(800, seed+100)) // unmeasured text for the timing
		w := newPrewrapper()
		t0 = time.Now()
		w.prewrap(pre, width)
		pre.Resize(fyne.NewSize(width, 100))
		pre.MinSize()
		broken += time.Since(t0)

		same := paragraphText(text)
		newPrewrapper().prewrap(same, width)
		got := same.Segments[0].(*widget.TextSegment).Text
		if strings.ReplaceAll(got, "\n", " ") != text {
			t.Fatalf("seed %d: breaking changed the text:\n%q", seed, got)
		}
		rows := strings.Split(got, "\n")
		for _, r := range rows {
			if wd := fyne.MeasureText(r, theme.TextSize(), fyne.TextStyle{}).Width; wd > avail {
				t.Errorf("seed %d: row %q is %.1f wide, more than %.1f", seed, r, wd, avail)
			}
		}
		same.Resize(fyne.NewSize(width, 100))
		sameH := same.MinSize().Height
		rowH := sameH / float32(len(rows)+1) // +1: the paragraph's end
		if sameH < ownH || sameH > ownH+rowH*1.5 {
			t.Errorf("seed %d: broken ahead the paragraph is %.0f high, RichText alone makes it %.0f", seed, sameH, ownH)
		}
	}
	t.Logf("six 800-character paragraphs: %v wrapped by RichText alone, %v broken ahead", plain, broken)
}

// Code (a raw HTML block shows as code) and text with line breaks of
// its own are broken ahead too, line by line: each row fits, and the
// text's own line breaks stay where they were.
func TestPrewrapBreaksCodeAndLinesOfItsOwn(t *testing.T) {
	uitest.NewApp(t)
	long := randomWords(400, 7)
	for name, st := range map[string]widget.RichTextStyle{"code": widget.RichTextStyleCodeBlock, "text": widget.RichTextStyleInline} {
		text := long[:200] + "\n" + long[200:]
		seg := &widget.TextSegment{Style: st, Text: text}
		rt := widget.NewRichText(seg)
		const width = 300
		newPrewrapper().prewrap(rt, width)
		if seg.Text == text {
			t.Fatalf("%s: the run was not broken ahead", name)
		}
		if strings.ReplaceAll(seg.Text, "\n", " ") != strings.ReplaceAll(text, "\n", " ") {
			t.Fatalf("%s: breaking changed the text:\n%q", name, seg.Text)
		}
		if !strings.Contains(seg.Text, "\n"+long[200:strings.IndexByte(long[200:], ' ')+200]) {
			t.Errorf("%s: the text's own line break moved:\n%q", name, seg.Text)
		}
		avail := width - 2*theme.InnerPadding()
		for _, r := range strings.Split(seg.Text, "\n") {
			if wd := fyne.MeasureText(r, theme.TextSize(), st.TextStyle).Width; wd > avail {
				t.Errorf("%s: row %q is %.1f wide, more than %.1f", name, r, wd, avail)
			}
		}
	}
}

// Runs that cannot be measured letter by letter are left to RichText:
// other scripts, text with tabs; and short text is left to it.
func TestPrewrapLeavesWhatItCannotMeasure(t *testing.T) {
	uitest.NewApp(t)
	long := randomWords(400, 7)
	for name, seg := range map[string]*widget.TextSegment{
		"Arabic": {Style: widget.RichTextStyleInline, Text: strings.Repeat("مرحبا بالعالم ", 30)},
		"tabs":   {Style: widget.RichTextStyleInline, Text: long[:200] + "\t" + long[200:]},
		"short":  {Style: widget.RichTextStyleInline, Text: long[:150]},
	} {
		before := seg.Text
		rt := widget.NewRichText(seg)
		newPrewrapper().prewrap(rt, 300)
		if seg.Text != before {
			t.Errorf("%s: the run was broken ahead", name)
		}
	}
}

// A paragraph of several runs (bold, plain, a link, plain again) is
// broken run by run, each going on from where the one before ended: the
// long runs after the first are broken too, and the paragraph comes out
// as high as RichText makes it alone (or a row more), every row fitting.
func TestPrewrapBreaksRunsThatGoOnWithARow(t *testing.T) {
	uitest.NewApp(t)
	words := randomWords(1500, 3)
	link := inlineStyleFor(fyne.TextStyle{})
	link.ColorName = theme.ColorNameHyperlink
	para := func() *widget.RichText {
		rt := widget.NewRichText(
			&widget.TextSegment{Style: inlineStyleFor(fyne.TextStyle{Bold: true}), Text: "Read this first:"},
			&widget.TextSegment{Style: inlineStyleFor(fyne.TextStyle{}), Text: " " + words[:800]},
			&widget.TextSegment{Style: link, Text: " the facilitator guide"},
			&widget.TextSegment{Style: inlineStyleFor(fyne.TextStyle{}), Text: words[800:1400]},
			&widget.TextSegment{Style: widget.RichTextStyleParagraph},
		)
		rt.Wrapping = fyne.TextWrapWord
		return rt
	}
	for _, width := range []float32{240, 333, 420, 555} {
		own := para()
		own.Resize(fyne.NewSize(width, 100))
		ownH := own.MinSize().Height

		pre := para()
		newPrewrapper().prewrap(pre, width)
		for i := 1; i <= 3; i += 2 {
			if !strings.Contains(pre.Segments[i].(*widget.TextSegment).Text, "\n") {
				t.Errorf("width %v: run %d (going on with a row) was not broken", width, i)
			}
		}
		pre.Resize(fyne.NewSize(width, 100))
		preH := pre.MinSize().Height
		row := widget.NewRichTextWithText("x").MinSize().Height - 2*theme.InnerPadding()
		if preH < ownH || preH > ownH+row*1.5 {
			t.Errorf("width %v: broken ahead the paragraph is %.0f high, RichText alone makes it %.0f", width, preH, ownH)
		}
	}
}

func inlineStyleFor(ts fyne.TextStyle) widget.RichTextStyle {
	st := widget.RichTextStyleInline
	st.TextStyle = ts
	return st
}

// A list's long items are broken too, each from after its bullet.
func TestPrewrapBreaksListItems(t *testing.T) {
	uitest.NewApp(t)
	words := randomWords(1500, 5)
	list := func(ordered bool) *widget.RichText {
		l := &widget.ListSegment{Ordered: ordered, Items: []widget.RichTextSegment{
			&widget.ParagraphSegment{Texts: []widget.RichTextSegment{&widget.TextSegment{Style: inlineStyleFor(fyne.TextStyle{}), Text: words[:700]}}},
			&widget.ParagraphSegment{Texts: []widget.RichTextSegment{
				&widget.TextSegment{Style: inlineStyleFor(fyne.TextStyle{Bold: true}), Text: "Trace:"},
				&widget.TextSegment{Style: inlineStyleFor(fyne.TextStyle{}), Text: " " + words[700:1400]},
			}},
		}}
		rt := widget.NewRichText(l)
		rt.Wrapping = fyne.TextWrapWord
		return rt
	}
	for _, ordered := range []bool{false, true} {
		for _, width := range []float32{260, 420} {
			own := list(ordered)
			own.Resize(fyne.NewSize(width, 100))
			ownH := own.MinSize().Height

			pre := list(ordered)
			newPrewrapper().prewrap(pre, width)
			items := pre.Segments[0].(*widget.ListSegment).Items
			first := items[0].(*widget.ParagraphSegment).Texts[0].(*widget.TextSegment).Text
			second := items[1].(*widget.ParagraphSegment).Texts[1].(*widget.TextSegment).Text
			if !strings.Contains(first, "\n") || !strings.Contains(second, "\n") {
				t.Errorf("ordered %v, width %v: the items were not broken", ordered, width)
			}
			pre.Resize(fyne.NewSize(width, 100))
			preH := pre.MinSize().Height
			row := widget.NewRichTextWithText("x").MinSize().Height - 2*theme.InnerPadding()
			if preH < ownH || preH > ownH+row*2.5 {
				t.Errorf("ordered %v, width %v: broken ahead the list is %.0f high, RichText alone makes it %.0f", ordered, width, preH, ownH)
			}
		}
	}
}
