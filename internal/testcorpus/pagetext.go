package testcorpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// PageText is n bytes, cut back to the end of a line, of real course
// text: the corpus's module pages without their front matter, one after
// the other, repeated as often as needed (with the links and Liquid that
// give a page problems to list). For tests of long pages.
func PageText(t testing.TB, n int) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(Dir(t), "*", "modules", "*", "_posts", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus pages (%v)", err)
	}
	var b strings.Builder
	for b.Len() < n {
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			s := string(raw)
			if strings.HasPrefix(s, "---\n") {
				if i := strings.Index(s[4:], "\n---\n"); i >= 0 {
					s = s[4+i+5:]
				}
			}
			b.WriteString(s)
			b.WriteString("\n")
		}
	}
	s := b.String()[:n]
	return s[:strings.LastIndexByte(s, '\n')+1]
}
