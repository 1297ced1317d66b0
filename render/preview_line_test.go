package render

import (
	"fmt"
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
