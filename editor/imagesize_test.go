package editor

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/uitest"
)

// confirmPrompt is a fakePrompt that also answers yes/no questions.
type confirmPrompt struct {
	fakePrompt
	yes       bool
	questions []string
}

func (c *confirmPrompt) Confirm(_, message string, done func(bool)) {
	c.questions = append(c.questions, message)
	done(c.yes)
}

func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y += 7 {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{R: uint8(x), G: 100, B: 200, A: 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestLargePhotoResized offers a web-sized copy of a large photo; yes
// puts a 1600-pixel copy in img/ and leaves the original alone.
func TestLargePhotoResized(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "course-in-a-box")
	src := filepath.Join(t.TempDir(), "Big Photo.png")
	writePNG(t, src, 2400, 1200)
	small := filepath.Join(t.TempDir(), "small.png")
	writePNG(t, small, 400, 300)

	p := &confirmPrompt{fakePrompt: fakePrompt{t: t, answers: []string{"A wide landscape", "A small picture"}}, yes: true}
	c, err := loadCourse(dir)
	if err != nil {
		t.Fatal(err)
	}
	v := newTestView(t, c, p)
	v.AskInsertImage(src)
	if len(p.questions) != 1 || !strings.Contains(p.questions[0], "2400×1200") {
		t.Fatalf("questions: %q", p.questions)
	}
	if w, h, ok := ImageSize(filepath.Join(dir, "img", "big-photo.png")); !ok || w != WebImageWidth || h != 800 {
		t.Fatalf("copy is %dx%d (%v)", w, h, ok)
	}
	if w, _, _ := ImageSize(src); w != 2400 {
		t.Fatal("the original was changed")
	}
	// A small image is not asked about.
	v.AskInsertImage(small)
	if len(p.questions) != 1 {
		t.Fatalf("asked about a small image: %q", p.questions)
	}
	if !strings.Contains(v.Page.Text.Text(), "![A wide landscape]({{ site.baseurl }}/img/big-photo.png)") || len(p.errs) > 0 {
		t.Fatalf("text %q, errors %v", v.Page.Text.Text(), p.errs)
	}
}
