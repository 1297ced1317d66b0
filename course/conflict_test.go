package course

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMerge3(t *testing.T) {
	base := "# Title\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"
	cases := []struct {
		name, mine, theirs string
		want               string // merged text when clean
		conflicts          int
	}{
		{"only mine", strings.Replace(base, "First", "My first", 1), base, strings.Replace(base, "First", "My first", 1), 0},
		{"only theirs", base, strings.Replace(base, "Third", "Their third", 1), strings.Replace(base, "Third", "Their third", 1), 0},
		{"different paragraphs",
			strings.Replace(base, "First", "My first", 1),
			strings.Replace(base, "Third", "Their third", 1),
			"# Title\n\nMy first paragraph.\n\nSecond paragraph.\n\nTheir third paragraph.\n", 0},
		{"neighbouring paragraphs",
			strings.Replace(base, "First", "My first", 1),
			strings.Replace(base, "Second", "Their second", 1),
			"# Title\n\nMy first paragraph.\n\nTheir second paragraph.\n\nThird paragraph.\n", 0},
		{"both the same change", base + "\nAdded.\n", base + "\nAdded.\n", base + "\nAdded.\n", 0},
		{"mine added, theirs removed elsewhere",
			base + "\nMy new paragraph.\n",
			strings.Replace(base, "Second paragraph.\n\n", "", 1),
			"# Title\n\nFirst paragraph.\n\nThird paragraph.\n\nMy new paragraph.\n", 0},
		{"same paragraph", strings.Replace(base, "Second", "My second", 1), strings.Replace(base, "Second", "Their second", 1), "", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			chunks := Merge3(base, c.mine, c.theirs)
			if got := Conflicts(chunks); got != c.conflicts {
				t.Fatalf("%d conflicts, want %d: %+v", got, c.conflicts, chunks)
			}
			if c.conflicts == 0 {
				if got := JoinMerge(chunks, nil); got != c.want {
					t.Fatalf("merged:\n%q\nwant\n%q", got, c.want)
				}
				return
			}
			if got := JoinMerge(chunks, nil); got != c.mine {
				t.Fatalf("taking mine everywhere gives %q", got)
			}
			if got := JoinMerge(chunks, []bool{true}); got != c.theirs {
				t.Fatalf("taking theirs everywhere gives %q", got)
			}
		})
	}
}

// TestSaveNeverOverwritesAnotherProgram changes a page on disk behind the
// course's back (the same size and time, so that no stamp tells), then
// saves: the file must be left as the other program wrote it.
func TestSaveNeverOverwritesAnotherProgram(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "about.md")
	write := func(s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("---\ntitle: About\n---\nOne.\n\nTwo.\n")
	if err := os.WriteFile(filepath.Join(dir, "_config.yml"), []byte("title: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := c.PageByPath("about.md")
	if p == nil {
		t.Fatal("no about.md")
	}
	p.SetBody("One, mine.\n\nTwo.\n")
	theirs := "---\ntitle: About\n---\nOne.\n\nTwo, theirs.\n"
	write(theirs)

	_, err = c.Save()
	var ce *ConflictError
	if !errors.As(err, &ce) || len(ce.Conflicts) != 1 || ce.Conflicts[0].Deleted || ce.Conflicts[0].Disk != theirs {
		t.Fatalf("save: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != theirs {
		t.Fatalf("the other program's file was overwritten:\n%s", got)
	}
	chunks := p.MergeWithDisk(theirs)
	if Conflicts(chunks) != 0 {
		t.Fatalf("different paragraphs conflict: %+v", chunks)
	}
	c.Rebase(p, theirs, JoinMerge(chunks, nil))
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "---\ntitle: About\n---\nOne, mine.\n\nTwo, theirs.\n" {
		t.Fatalf("merged file:\n%s", got)
	}

	// Deleted on disk: Save does not bring it back, until Detach.
	p.SetBody("Three.\n")
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	_, err = c.Save()
	if !errors.As(err, &ce) || !ce.Conflicts[0].Deleted {
		t.Fatalf("save after delete: %v", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("save re-created a page another program deleted")
	}
	c.Detach(p)
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !strings.Contains(string(got), "Three.") {
		t.Fatalf("kept version not written: %q", got)
	}
	c.Forget(p)
	if c.PageByPath("about.md") != nil {
		t.Fatal("Forget kept the page")
	}
}
