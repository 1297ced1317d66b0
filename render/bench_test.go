package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
)

// longPage builds a page of about n words in the mix real readings have:
// headings, paragraphs, lists, tables, links, images, tips and an embed.
func longPage(n int) string {
	words := strings.Fields("learning circle facilitator library course module group discussion reading activity reflection question share explore community practice skill goal resource open")
	var b strings.Builder
	count := 0
	for sec := 1; count < n; sec++ {
		fmt.Fprintf(&b, "## Part %d: a section\n\n", sec)
		for p := 0; p < 3; p++ {
			for i := 0; i < 80; i++ {
				b.WriteString(words[(sec*7+p*3+i)%len(words)])
				b.WriteByte(' ')
			}
			count += 80
			b.WriteString("[a link](../welcome/) and ![figure](../../../img/pic.png)\n\n")
		}
		b.WriteString("| Step | Minutes |\n|---|---:|\n| Check-in | 10 |\n| Activity | 30 |\n\n")
		b.WriteString("* one item\n* two items\n\n> Facilitator tip: keep time.\n\n")
		if sec%10 == 0 {
			b.WriteString("<div class=\"embed-responsive\"><iframe src=\"https://www.youtube.com/embed/abc\"></iframe></div>\n\n")
		}
	}
	return b.String()
}

// BenchmarkRender20000Words renders one 20,000-word page. Goal: < 10 ms.
func BenchmarkRender20000Words(b *testing.B) {
	c, err := course.Load("testdata/course")
	if err != nil {
		b.Fatal(err)
	}
	page := c.Module("intro").Page("next")
	src := longPage(20000)
	r := New(Options{})
	site := NewSite(c, false)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := r.Render(Input{Course: c, Page: page, Source: src, Site: site})
		if len(out.HTML) < len(src) {
			b.Fatal("short output")
		}
	}
}
