package render

import (
	"reflect"
	"testing"

	"github.com/coursewright/coursewright/course"
)

// The preview model of each kind of content a course page has.
func TestPreviewModel(t *testing.T) {
	r := New(Options{})
	text := func(s string, st Style) Run { return Run{Kind: RunText, Text: s, Style: st} }
	para := func(runs ...Run) Block { return Block{Kind: BlockParagraph, Runs: runs} }
	for _, tc := range []struct {
		name, md string
		want     []Block
	}{
		{"headings keep code spans", "# Using `git`\n\n### Third", []Block{
			{Kind: BlockHeading, Level: 1, Text: "Using git"},
			{Kind: BlockHeading, Level: 3, Text: "Third"},
		}},
		{"styles nest and join", "Plain **bold *both*** _it_ ~~gone~~ and `code`.", []Block{para(
			text("Plain ", 0), text("bold ", Bold), text("both", Bold|Italic), text(" ", 0), text("it", Italic),
			text(" ", 0), text("gone", Strike), text(" and ", 0), Run{Kind: RunCode, Text: "code"}, text(".", 0))}},
		{"links, autolinks, images, breaks", "See [the glossary](../glossary/) or <https://p2pu.org>.<br>![A chart](img/c.png)", []Block{para(
			text("See ", 0), Run{Kind: RunLink, Text: "the glossary", Dest: "../glossary/"}, text(" or ", 0),
			Run{Kind: RunLink, Text: "https://p2pu.org", Dest: "https://p2pu.org"}, text(".", 0), Run{Kind: RunBreak},
			Run{Kind: RunImage, Text: "A chart", Dest: "img/c.png"})}},
		{"a facilitator tip", "> Facilitator tip: arrive early.", []Block{{Kind: BlockTip, Blocks: []Block{para(text("Facilitator tip: arrive early.", 0))}}}},
		{"a plain quote", "> Said someone.", []Block{{Kind: BlockQuote, Blocks: []Block{para(text("Said someone.", 0))}}}},
		{"a timing line", "_Suggested timing: 30 minutes_", []Block{{Kind: BlockTiming, Runs: []Run{text("Suggested timing: 30 minutes", Italic)}}}},
		{"lists and tasks", "3. one\n4. two\n   - [x] done\n", []Block{{Kind: BlockList, List: &List{Ordered: true, Start: 3, Items: [][]Block{
			{para(text("one", 0))},
			{para(text("two", 0)), {Kind: BlockList, List: &List{Start: 0, Items: [][]Block{{para(Run{Kind: RunCheckbox, Checked: true}, text("done", 0))}}}}},
		}}}}},
		{"code and rules", "```go\nx := 1\n```\n\n---", []Block{{Kind: BlockCode, Text: "x := 1"}, {Kind: BlockRule}}},
		{"a table", "| a | b |\n|:-:|--:|\n| **1** | 2 |\n| 3 |", []Block{{Kind: BlockTable, Table: &Table{
			Align: []Align{AlignCenter, AlignRight},
			Rows: []TableRow{
				{Header: true, Cells: [][]Run{{text("a", 0)}, {text("b", 0)}}},
				{Cells: [][]Run{{text("1", Bold)}, {text("2", 0)}}},
				{Cells: [][]Run{{text("3", 0)}, nil}},
			}}}}},
		{"a video line", "[Why circles](https://www.youtube.com/watch?v=abcdefgh)", []Block{{Kind: BlockEmbed,
			Embed: &Embed{Provider: "YouTube", Title: "Why circles", URL: "https://www.youtube.com/watch?v=abcdefgh"}}}},
		{"an iframe", `<div class="embed-responsive"><iframe src="https://player.vimeo.com/video/42" title="A talk"></iframe></div>`, []Block{{Kind: BlockEmbed,
			Embed: &Embed{Provider: "Vimeo", Title: "A talk", URL: "https://player.vimeo.com/video/42"}}}},
		{"spacing HTML is nothing, other HTML its markup", "<br>\n\n<details>x</details>", []Block{{Kind: BlockHTML, Text: "<details>x</details>"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := r.Preview(Input{Source: tc.md})
			for i := range got.Blocks {
				got.Blocks[i].Line = 0 // TestPreviewBlockLines checks lines
			}
			if !reflect.DeepEqual(got.Blocks, tc.want) {
				t.Errorf("markdown:\n%s\ngot  %#v\nwant %#v", tc.md, got.Blocks, tc.want)
			}
		})
	}
}

// Rendering problems carry a stable code and the values their words need.
func TestRenderDiagnosticsHaveCodes(t *testing.T) {
	_, diags := New(Options{}).Preview(Input{Source: "{% frobnicate %}\n\n{% post_url 2000-01-01-nowhere %}\n"})
	want := map[course.Code]map[string]string{
		course.CodeLiquidUnknownTag:     {"Tag": "frobnicate"},
		course.CodeLiquidPostURLMissing: {"Name": "2000-01-01-nowhere"},
	}
	for _, d := range diags {
		if args, ok := want[d.Code]; ok {
			if !reflect.DeepEqual(d.Args, args) {
				t.Errorf("%s: args %v, want %v", d.Code, d.Args, args)
			}
			delete(want, d.Code)
		}
		if d.Code == "" {
			t.Errorf("no code: %v", d)
		}
	}
	for code := range want {
		t.Errorf("no %s diagnostic among %v", code, diags)
	}
}
