package publish

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/render"
)

func TestPlainText(t *testing.T) {
	for in, want := range map[string]string{
		"<p>Hello <em>big</em> world</p>":                      "Hello big world",
		"<p>un<b>bold</b>ed</p>":                               "unbolded",
		"a &amp; b&nbsp;c":                                     "a & b c",
		"<style>p{color:red}</style><p>x</p><STYLE>y</STYLE>z": "x z",
		"<!-- note --><p>kept</p><script>alert(1)</script>":    "kept",
		"  lots \n of\t space  ":                               "lots of space",
		"<p>end</p>\n<p>start</p>":                             "end start",
		"x<br>y":                                               "x y",
	} {
		if got := plainText(in); got != want {
			t.Errorf("plainText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPageSearchText(t *testing.T) {
	body := "<h1 id=t>Title</h1><p>" + strings.Repeat("alpha beta gamma ", 30) + "</p><h2>Deeper</h2><p>zebra crossing zebra</p>"
	st := pageSearchText("Title", render.Output{HTML: body, Headings: []render.Heading{{Level: 1, Text: "Title"}, {Level: 2, Text: "Deeper"}}})
	if st.H != "Deeper" {
		t.Errorf("headings %q", st.H)
	}
	if !strings.HasPrefix(st.X, "alpha beta") || !strings.HasSuffix(st.X, "…") || len(st.X) > excerptLen+4 {
		t.Errorf("excerpt %q", st.X)
	}
	if st.K != "zebra crossing" {
		t.Errorf("keywords %q", st.K)
	}
}

func TestLeadingTitle(t *testing.T) {
	for _, tc := range []struct {
		html, title, rest string
		level             int
		id                string
	}{
		{`<h1 id="intro">Intro</h1><p>x</p>`, "Intro", `<p>x</p>`, 1, "intro"},
		{"\n<h2 id=\"a-b\">A <em>b</em></h2>\n<p>x</p>", "A b", "\n<p>x</p>", 2, "a-b"},
		{`<h2>Other</h2><p>x</p>`, "Intro", `<h2>Other</h2><p>x</p>`, 0, ""},
		{`<p>x</p><h1>Intro</h1>`, "Intro", `<p>x</p><h1>Intro</h1>`, 0, ""},
		{`<h3>Check-in:</h3>`, "Check-in", ``, 3, ""},
	} {
		rest, level, id := leadingTitle(tc.html, tc.title)
		if level != tc.level || id != tc.id || (level > 0 && rest != tc.rest) || (level == 0 && rest != tc.html) {
			t.Errorf("leadingTitle(%q, %q) = %q, %d, %q", tc.html, tc.title, rest, level, id)
		}
	}
}

// The streamed index is byte for byte the script around json.Marshal of
// all entries, which it replaced to keep builds' memory flat.
func TestSearchIndexStreamedAsMarshalled(t *testing.T) {
	for _, entries := range [][]searchEntry{
		{},
		{{T: "Only"}},
		{
			{T: "A <b> & \"c\"", U: "/modules/a/", M: "Module é", searchText: searchText{H: "One · Two", X: "text…", K: "words\u2028more"}},
			{T: "B", U: "/b/"},
		},
	} {
		data, err := json.Marshal(entries)
		if err != nil {
			t.Fatal(err)
		}
		want := searchIndexHead + string(data) + searchIndexTail
		var got strings.Builder
		if err := writeSearchIndexTo(&got, slices.Values(entries)); err != nil {
			t.Fatal(err)
		}
		if got.String() != want {
			t.Errorf("streamed index\n%s\nwant\n%s", got.String(), want)
		}
		var size countingWriter
		if err := writeSearchIndexTo(&size, slices.Values(entries)); err != nil || size.n != int64(len(want)) {
			t.Errorf("counted %d bytes (%v), want %d", size.n, err, len(want))
		}
	}
}
