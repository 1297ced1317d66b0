package render

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// The preview follows the editor's cursor by the source line of each
// top-level block.
func TestPreviewBlockLines(t *testing.T) {
	var md strings.Builder
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&md, "## Section %d\n\nText of section %d.\n\n- item\n- item\n\n", i, i)
	}
	pv, _ := New(Options{}).Preview(Input{Source: md.String()})
	if len(pv.Blocks) != 120 {
		t.Fatalf("%d blocks, want 120", len(pv.Blocks))
	}
	for i := 0; i < 40; i++ {
		h, p, l := pv.Blocks[3*i], pv.Blocks[3*i+1], pv.Blocks[3*i+2]
		if h.Kind != BlockHeading || h.Text != fmt.Sprintf("Section %d", i+1) {
			t.Fatalf("block %d is %+v", 3*i, h)
		}
		want := 1 + 7*i
		if h.Line != want || p.Line != want+2 || l.Line != want+4 {
			t.Errorf("section %d: heading, paragraph, list on lines %d, %d, %d; want %d, %d, %d",
				i+1, h.Line, p.Line, l.Line, want, want+2, want+4)
		}
	}
}

// Raw HTML that is only images shows the images, as the browser does;
// other HTML, and images with addresses the sanitiser drops, show as markup.
func TestPreviewHTMLImages(t *testing.T) {
	for _, tc := range []struct {
		name, md string
		want     []Block
	}{
		{"centred", "<center><img src=\"../img/logo.png\" alt=\"The logo\" width=\"200\"></center>\n",
			[]Block{{Kind: BlockParagraph, Runs: []Run{{Kind: RunImage, Dest: "../img/logo.png", Text: "The logo"}}}}},
		{"in a div, two, single quotes", "<div align=\"center\">\n<img src='https://example.org/a.png'>\n<img src=\"b.png\" alt=\"B &amp; C\"/>\n</div>\n",
			[]Block{{Kind: BlockParagraph, Runs: []Run{{Kind: RunImage, Dest: "https://example.org/a.png"}, {Kind: RunImage, Dest: "b.png", Text: "B & C"}}}}},
		{"javascript address", "<center><img src=\"javascript:alert(1)\"></center>\n",
			[]Block{{Kind: BlockHTML, Text: "<center><img src=\"javascript:alert(1)\"></center>"}}},
		{"image and text", "<center><img src=\"a.png\"> caption</center>\n",
			[]Block{{Kind: BlockHTML, Text: "<center><img src=\"a.png\"> caption</center>"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pv, _ := New(Options{}).Preview(Input{Source: tc.md})
			for i := range pv.Blocks {
				pv.Blocks[i].Line = 0
			}
			if !reflect.DeepEqual(pv.Blocks, tc.want) {
				t.Errorf("got  %#v\nwant %#v", pv.Blocks, tc.want)
			}
		})
	}
}
