package repo

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Dates are the first and the newest version's; zero without versions.
func TestDates(t *testing.T) {
	dir := t.TempDir()
	r, err := Open(dir, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	first, last, err := r.Dates(context.Background())
	if err != nil || !first.IsZero() || !last.IsZero() {
		t.Fatalf("no versions: %v %v %v", first, last, err)
	}
	before := time.Now().Add(-time.Second)
	for i, text := range []string{"one", "two"} {
		if err := os.WriteFile(filepath.Join(dir, "page.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := r.SaveVersion(context.Background(), SaveOptions{Message: text}); err != nil {
			t.Fatalf("save %d: %v", i, err)
		}
	}
	first, last, err = r.Dates(context.Background())
	if err != nil || first.Before(before) || last.Before(first) || time.Since(last) > time.Minute {
		t.Errorf("dates %v, %v (%v)", first, last, err)
	}
}
