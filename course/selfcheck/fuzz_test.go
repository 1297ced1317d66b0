package selfcheck

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzSelfCheck feeds Find any page body: it must never panic, its
// blocks must lie in the body in order, and every whole question must
// survive Format and Find unchanged (what the app's Edit relies on).
func FuzzSelfCheck(f *testing.F) {
	f.Add(exampleOne)
	for _, tt := range errorCases {
		f.Add(tt.body)
	}
	f.Add("<!-- self-check -->\nQ?\n\n<details markdown=\"1\">\nAccept: a; b\n\nPattern: ^a$\n\nHint: h\n    2. x\n\n    y\n</details>\n<!-- /self-check -->\n")
	f.Add("<!-- self-check order -->\nQ\n1. a\n    2. b\n2. c\n<details>\nOrder: 2 1\n\n2.\n   x\n</details>\n<!-- /self-check -->")
	f.Fuzz(func(t *testing.T, body string) {
		blocks := Find(body)
		prevEnd := 0
		for _, b := range blocks {
			if b.Start < prevEnd || b.End <= b.Start || b.End > len(body) {
				t.Fatalf("block [%d, %d) out of place (previous ended at %d, body %d bytes)", b.Start, b.End, prevEnd, len(body))
			}
			prevEnd = b.End
			if want := strings.Count(body[:b.Start], "\n") + 1; b.Line != want {
				t.Fatalf("block Line %d, want %d", b.Line, want)
			}
			if b.Err != nil {
				if b.Err.Line < b.Line || b.Err.Code == "" {
					t.Fatalf("error %+v before its block's line %d", b.Err, b.Line)
				}
				continue
			}
			formatted := Format(b.Question)
			again := Find(formatted)
			if len(again) != 1 || again[0].Err != nil {
				t.Fatalf("Format(q) does not read back as one whole question: %+v\n%s", again, formatted)
			}
			if !reflect.DeepEqual(again[0].Question, b.Question) {
				t.Fatalf("round trip changed the question:\n got %#v\nwant %#v\n%s", again[0].Question, b.Question, formatted)
			}
			if Format(again[0].Question) != formatted {
				t.Fatalf("Format is not stable")
			}
		}
	})
}
