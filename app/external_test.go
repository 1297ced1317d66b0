package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

const theirs = "---\nlayout: index\n---\nRewritten in another editor.\n"

func TestExternalChangeWithoutLocalEdits(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	if w.View.Page.Page().Path != "index.md" {
		t.Fatalf("the home page is not open: %s", w.View.Page.Page().Path)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.md"), []byte(theirs), 0o644); err != nil {
		t.Fatal(err)
	}
	w.ExternalChange()
	if top := w.Win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("asked although nothing was unsaved:\n%s", dialogText(w.Win))
	}
	if got := w.View.Page.Text.Text(); got != "Rewritten in another editor.\n" {
		t.Fatalf("the editor shows %q", got)
	}
}

func TestExternalChangeWithLocalEdits(t *testing.T) {
	for _, choice := range []string{"Keep mine", "Use theirs"} {
		t.Run(choice, func(t *testing.T) {
			d, _ := newTestApp(t)
			dir := corpusCourse(t, "how-to-talk-about-race")
			w, _ := d.OpenCourse(dir)
			typeIn(w, "My unsaved words. ")
			file := filepath.Join(dir, "index.md")
			if err := os.WriteFile(file, []byte(theirs), 0o644); err != nil {
				t.Fatal(err)
			}
			w.ExternalChange()
			shown := dialogText(w.Win)
			if !strings.Contains(shown, "Another program changed 1 page you have") ||
				!strings.Contains(shown, "My unsaved words.") || !strings.Contains(shown, "Rewritten in another editor.") {
				t.Fatalf("the question does not show both versions:\n%s", shown)
			}
			if read(t, file) != theirs {
				t.Fatal("the other program's file was overwritten")
			}
			test.Tap(findButton(w.Win, choice))
			text := w.View.Page.Text.Text()
			switch choice {
			case "Keep mine":
				if !strings.HasPrefix(text, "My unsaved words. ") {
					t.Fatalf("mine was not kept: %q", text[:min(60, len(text))])
				}
			case "Use theirs":
				if text != "Rewritten in another editor.\n" {
					t.Fatalf("theirs was not taken: %q", text)
				}
			}
			// The same version on disk is not asked about twice.
			w.ExternalChange()
			if w.Win.Canvas().Overlays().Top() != nil {
				t.Fatal("asked again about a version already decided on")
			}
			if read(t, file) != theirs {
				t.Fatal("the other program's file was overwritten before saving")
			}
			if !w.Save() {
				t.Fatal("save failed")
			}
			saved := read(t, file)
			if choice == "Keep mine" && !strings.Contains(saved, "My unsaved words. ") ||
				choice == "Use theirs" && !strings.Contains(saved, "Rewritten in another editor.") {
				t.Fatalf("saved %q", saved)
			}
		})
	}
}
