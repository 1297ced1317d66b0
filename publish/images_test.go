package publish

import (
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
)

// check warns about a photo over 500 KB and a mid-tone banner colour;
// FixImages puts a 1600-pixel-wide copy in the photo's place, and the
// warning goes.
func TestSiteChecksAndFixImages(t *testing.T) {
	c := sampleCourse(t)
	// Noise does not compress: 1800×1200 pixels of it is some megabytes.
	img := image.NewRGBA(image.Rect(0, 0, 1800, 1200))
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(rnd.UintN(256))
	}
	img.Set(0, 0, color.RGBA{A: 255})
	big := filepath.Join(c.Dir, "img", "noise.png")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()
	c, err = course.Load(c.Dir)
	if err != nil {
		t.Fatal(err)
	}
	setData(t, c, "jumbotron_color", "#777777")
	codes := func() map[course.Code]string {
		out := map[course.Code]string{}
		for _, d := range SiteChecks(c) {
			out[d.Code] = d.File + ": " + d.Message
		}
		return out
	}
	got := codes()
	if !strings.HasPrefix(got[course.CodeImageTooLarge], "img/noise.png: this image is") {
		t.Errorf("no warning about the large image: %v", got)
	}
	if !strings.Contains(got[course.CodeBannerContrastLow], "only 4.7:1 even in pure black") {
		t.Errorf("no warning about the banner colour: %v", got)
	}
	fixed := FixImages(c)
	if len(fixed) != 1 || fixed[0].Err != nil || fixed[0].After >= fixed[0].Before {
		t.Fatalf("FixImages: %+v", fixed)
	}
	if w, h, ok := (&imageSizes{}).size(big); !ok || w != WebImageWidth || h != 1066 {
		t.Errorf("the copy is %d×%d", w, h)
	}
	if fixed[0].After > MaxImageBytes {
		// Noise stays large even at 1600 pixels: the warning stays, honestly.
		if _, ok := codes()[course.CodeImageTooLarge]; !ok {
			t.Error("the copy is still over 500 KB but check no longer says so")
		}
	}
	// A dark banner colour passes.
	setData(t, c, "jumbotron_color", "#1f2f3f")
	if _, ok := codes()[course.CodeBannerContrastLow]; ok {
		t.Error("a dark blue banner was warned about")
	}
}
