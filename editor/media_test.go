package editor

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/internal/uitest"
)

// TestInsertImage inserts an image by path the way the toolbar does and
// checks the copied file, the markdown and the alt text; an empty alt
// text is refused with the hint.
func TestInsertImage(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "course-in-a-box")
	src := filepath.Join(t.TempDir(), "My Photo (1).PNG")
	if err := os.WriteFile(src, []byte("new picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A different image already has the safe name.
	if err := os.WriteFile(filepath.Join(dir, "img", "my-photo-1.png"), []byte("old picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := &fakePrompt{t: t, answers: []string{"  ", "Learners around a table, drawing a course map"}}
	v, _ := openView(t, dir, p)
	v.OnChooseImage = func(done func(string)) { done(src) }
	page := v.Page.Page()
	v.Page.Text.SetText("Intro\n")
	v.Page.Text.Select(len("Intro\n"), len("Intro\n"))

	// Empty alt text: refused, nothing copied.
	test.Tap(v.Page.ImageBtn)
	if len(p.errs) != 1 || !errors.Is(p.errs[0], ErrAltTextRequired) || !strings.Contains(p.errs[0].Error(), "Describe the image") {
		t.Fatalf("empty alt text: errors %v", p.errs)
	}
	if exists(dir, "img/my-photo-1-2.png") || strings.Contains(v.Page.Text.Text(), "![") {
		t.Fatal("an image without alt text was inserted")
	}

	test.Tap(v.Page.ImageBtn)
	if len(p.errs) != 1 {
		t.Fatalf("errors: %v", p.errs)
	}
	if got := readFile(t, dir, "img/my-photo-1-2.png"); got != "new picture" {
		t.Fatalf("copied file holds %q", got)
	}
	if got := readFile(t, dir, "img/my-photo-1.png"); got != "old picture" {
		t.Fatalf("the other image was overwritten: %q", got)
	}
	want := "Intro\n![Learners around a table, drawing a course map]({{ site.baseurl }}/img/my-photo-1-2.png)"
	if got := v.Page.Text.Text(); got != want {
		t.Fatalf("text %q, want %q", got, want)
	}
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, dir, page.Path); !strings.Contains(got, want) {
		t.Fatalf("saved page:\n%s", got)
	}
	// The same file again is not copied twice.
	if name, err := CopyImage(v.Course(), src); err != nil || name != "my-photo-1-2.png" {
		t.Fatalf("second copy: %q, %v", name, err)
	}
	if err := v.InsertImage(src, ""); !errors.Is(err, ErrAltTextRequired) {
		t.Fatalf("InsertImage with no alt text: %v", err)
	}
}

func TestVideoMarkdown(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://www.youtube.com/watch?v=dQw4w9WgXcQ", "[Talk](https://www.youtube.com/watch?v=dQw4w9WgXcQ)"},
		{"https://youtu.be/dQw4w9WgXcQ", "[Talk](https://youtu.be/dQw4w9WgXcQ)"},
		{`<div class="embed-responsive"><iframe width="560" src="https://www.youtube.com/embed/dQw4w9WgXcQ" frameborder="0"></iframe></div>`,
			"[Talk](https://www.youtube.com/watch?v=dQw4w9WgXcQ)"},
		{"https://vimeo.com/76979871", "[Talk](https://vimeo.com/76979871)"},
		{`<iframe src="https://player.vimeo.com/video/76979871?h=1"></iframe>`, "[Talk](https://vimeo.com/76979871)"},
		{"https://cdnapisec.kaltura.com/p/1/sp/100/embedIframeJs/uiconf_id/2/partner_id/1?entry_id=1_x",
			`<iframe src="https://cdnapisec.kaltura.com/p/1/sp/100/embedIframeJs/uiconf_id/2/partner_id/1?entry_id=1_x" title="Talk" width="640" height="360" allowfullscreen></iframe>`},
	} {
		got, err := VideoMarkdown(c.in, "Talk")
		if err != nil || got != c.want {
			t.Errorf("VideoMarkdown(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := VideoMarkdown("https://example.org/video.mp4", "Talk"); err == nil {
		t.Error("an unknown host was accepted")
	}
	if _, err := VideoMarkdown("https://vimeo.com/1", " "); err == nil {
		t.Error("an empty title was accepted")
	}
}

// TestInsertVideo inserts a video from the toolbar: on its own paragraph.
func TestInsertVideo(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "course-in-a-box")
	p := &fakePrompt{t: t, answers: []string{"https://www.youtube.com/embed/dQw4w9WgXcQ", "How a learning circle starts"}}
	v, _ := openView(t, dir, p)
	v.Page.Text.SetText("Before\nAfter\n")
	v.Page.Text.Select(len("Before"), len("Before"))
	test.Tap(v.Page.VideoBtn)
	want := "Before\n\n[How a learning circle starts](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\nAfter\n"
	if got := v.Page.Text.Text(); got != want || len(p.errs) > 0 {
		t.Fatalf("text %q (errors %v), want %q", got, p.errs, want)
	}
}

// TestDropFiles drops two images and a text file on the editor.
func TestDropFiles(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "course-in-a-box")
	tmp := t.TempDir()
	var paths []string
	for _, n := range []string{"a.png", "notes.txt", "b.jpg"} {
		p := filepath.Join(tmp, n)
		if err := os.WriteFile(p, []byte(n), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	p := &fakePrompt{t: t, answers: []string{"First picture", "Second picture"}}
	v, _ := openView(t, dir, p)
	v.Page.Text.SetText("")
	v.DropFiles(paths)
	if len(p.errs) != 1 || !strings.Contains(p.errs[0].Error(), "notes.txt is not an image") {
		t.Fatalf("errors: %v", p.errs)
	}
	want := "![First picture]({{ site.baseurl }}/img/a.png)![Second picture]({{ site.baseurl }}/img/b.jpg)"
	if got := v.Page.Text.Text(); got != want {
		t.Fatalf("text %q, want %q", got, want)
	}
	if !exists(dir, "img/a.png") || !exists(dir, "img/b.jpg") {
		t.Fatal("dropped images not copied")
	}
}
