package editor

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/internal/uitest"
)

// A course photo in the preview is decoded and scaled in a goroutine:
// laid out, it shows an empty box of its size while the UI thread goes
// on, then the picture scaled to the size it is drawn at; a second
// showing (the preview refreshed after a pause in typing) takes the
// scaled picture from the cache at once.
func TestPreviewDecodesImagesOffTheUIThread(t *testing.T) {
	dir := corpusCourse(t, "how-to-talk-about-race")
	uitest.NewApp(t)
	info, ok := readImageInfo(filepath.Join(dir, "img", "privilege.jpg"))
	if !ok || info.w == 0 || info.h == 0 {
		t.Fatalf("privilege.jpg: size %d×%d, found %v", info.w, info.h, ok)
	}
	cache := newPreviewImages()
	seg := &imageSegment{info: info, title: "privilege", cache: cache}

	first := newPreviewImage(seg)
	w := test.NewTempWindow(t, first)
	w.Resize(first.MinSize().AddWidthHeight(40, 40))
	if got, want := first.MinSize(), seg.minSize(); got != want || want.Width != float32(info.w)/2 {
		t.Fatalf("the image's box is %v, want %v (half its %d×%d pixels)", got, want, info.w, info.h)
	}
	if first.img.Image != nil {
		t.Fatal("the picture was decoded on the UI thread, during layout")
	}
	uitest.WaitFor(t, 20*time.Second, "the decoded picture", func() bool { return first.img.Image != nil })
	scale := w.Canvas().Scale()
	b := first.img.Image.Bounds()
	if k := seg.key(scale); b.Dx() != k.w || b.Dy() != k.h {
		t.Fatalf("the picture is %v, want it scaled to the %d×%d pixels it is drawn at", b, k.w, k.h)
	}

	cache.sweep() // a new render: what was shown stays cached
	again := newPreviewImage(seg)
	test.NewTempWindow(t, again).Resize(again.MinSize())
	if again.img.Image == nil {
		t.Fatal("the same picture shown again was not taken from the cache")
	}
}
