package course

import (
	"strings"
	"testing"
)

// BenchmarkSecretContentPage judges a 10 KB page of prose, the common
// case: no signature's hint is in it.
func BenchmarkSecretContentPage(b *testing.B) {
	page := []byte(strings.Repeat("Learners discuss the reading in small groups and share notes. ", 160))
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if SecretContent("modules/m/_posts/2000-01-01-p.md", page) != "" {
			b.Fatal("prose taken for a secret")
		}
	}
}
