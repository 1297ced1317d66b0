package editor

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"golang.org/x/image/draw"

	"github.com/coursewright/coursewright/internal/uitest"
	"github.com/coursewright/coursewright/publish"
)

// TestAssetsPanel lists a course's images with where each is used, the
// unused ones and the credits.
func TestAssetsPanel(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "course-in-a-box")
	credits := "logo.png:\n  author: P2PU\n  source: https://p2pu.org\n  license: CC-BY-SA-4.0\n"
	if err := os.WriteFile(filepath.Join(dir, "img", "credits.yml"), []byte(credits), 0o644); err != nil {
		t.Fatal(err)
	}
	p := &fakePrompt{t: t}
	v, _ := openView(t, dir, p)
	a := NewAssetsPanel(v)
	test.NewTempWindow(t, a.Content)

	byPath := map[string]AssetInfo{}
	for _, x := range a.Assets() {
		byPath[x.Path] = x
	}
	if x := byPath["img/box-icon.png"]; len(x.UsedBy) == 0 || x.UsedBy[0] != "_config.yml" {
		t.Fatalf("the banner icon: %+v", x)
	}
	logo, ok := byPath["img/logo.png"]
	if !ok || logo.Credit == nil || logo.Credit.Author != "P2PU" {
		t.Fatalf("logo: %+v", logo)
	}
	if line := AssetLine(logo); !strings.Contains(line, "credit: P2PU, CC-BY-SA-4.0") {
		t.Fatalf("logo line %q", line)
	}

	// An image inserted into a page is used there.
	src := filepath.Join(t.TempDir(), "chart.png")
	if err := os.WriteFile(src, []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := v.InsertImage(src, "A chart"); err != nil {
		t.Fatal(err)
	}
	a.Refresh()
	var chart *AssetInfo
	for i, x := range a.Assets() {
		if x.Path == "img/chart.png" {
			chart = &a.Assets()[i]
		}
	}
	if chart == nil || len(chart.UsedBy) != 1 || chart.UsedBy[0] != v.Page.Page().Path {
		t.Fatalf("inserted image: %+v", chart)
	}
	if !strings.Contains(AssetLine(*chart), "used on 1 page") || !strings.Contains(AssetLine(*chart), "no credit") {
		t.Fatalf("chart line %q", AssetLine(*chart))
	}
	if !strings.Contains(a.Unused.Text, "unused") {
		t.Fatalf("summary %q", a.Unused.Text)
	}
	for i, x := range a.Assets() {
		if x.Path == "img/chart.png" {
			a.List.Select(i)
		}
	}
	if !strings.Contains(a.Details.Text, "No credit: add the author") || !strings.Contains(a.Details.Text, v.Page.Page().Path) {
		t.Fatalf("details %q", a.Details.Text)
	}
}

// TestAssetsPanelMakesSmallerCopy: a real picture of the corpus, blown up
// to a photo over 500 KB, is offered a smaller copy in the images panel;
// yes puts a copy 1600 pixels wide under the same name (as check
// --fix-images does), so the pages' links stay; Undo puts the original
// back, byte for byte.
func TestAssetsPanelMakesSmallerCopy(t *testing.T) {
	dir := corpusCourse(t, "we-are-ai")
	const rel = "img/5-cover.png"
	full := filepath.Join(dir, filepath.FromSlash(rel))
	enlarge(t, full, 3)
	original, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	if len(original) <= publish.MaxImageBytes {
		t.Fatalf("the enlarged picture is only %d bytes", len(original))
	}
	p := &confirmPrompt{fakePrompt: fakePrompt{t: t}, yes: true}
	v, _ := openView(t, dir, &p.fakePrompt)
	v.prompt = p
	a := NewAssetsPanel(v)
	test.NewTempWindow(t, a.Content)

	// A small image has no button.
	a.Select("img/box-icon.png")
	if a.Shrink.Visible() {
		t.Fatal("a small image is offered a smaller copy")
	}
	a.Select(rel)
	if !a.Shrink.Visible() || a.Undo.Visible() {
		t.Fatalf("large image: shrink shown %v, undo shown %v", a.Shrink.Visible(), a.Undo.Visible())
	}
	if !strings.Contains(a.Details.Text, "2160×3120 pixels") || !strings.Contains(a.Details.Text, "More than 500 KB") {
		t.Fatalf("details %q", a.Details.Text)
	}
	usedBefore := usedBy(a, rel)
	if len(usedBefore) == 0 {
		t.Fatal("no page uses the comic cover")
	}

	// Saying no changes nothing.
	p.yes = false
	test.Tap(a.Shrink)
	if b, _ := os.ReadFile(full); string(b) != string(original) || len(p.questions) != 1 {
		t.Fatalf("no changed the image, or asked %q", p.questions)
	}
	if !strings.Contains(p.questions[0], rel) || !strings.Contains(p.questions[0], "1600 pixels wide") {
		t.Fatalf("question %q", p.questions[0])
	}

	p.yes = true
	test.Tap(a.Shrink)
	if w, h, ok := ImageSize(full); !ok || w != WebImageWidth || h != 3120*WebImageWidth/2160 {
		t.Fatalf("the copy is %dx%d (%v)", w, h, ok)
	}
	st, err := os.Stat(full)
	if err != nil || st.Size() >= int64(len(original)) {
		t.Fatalf("the copy is not smaller: %v %v", st, err)
	}
	if got := usedBy(a, rel); strings.Join(got, ",") != strings.Join(usedBefore, ",") {
		t.Fatalf("links changed: %v, were %v", got, usedBefore)
	}
	// 1600 pixels wide it is still over 500 KB (a PNG): the button goes,
	// as check --fix-images has nothing more to do either.
	if !a.Undo.Visible() || a.Shrink.Visible() || !strings.Contains(a.Details.Text, "1600×") || len(p.errs) > 0 {
		t.Fatalf("after: undo shown %v, shrink shown %v, details %q, errors %v", a.Undo.Visible(), a.Shrink.Visible(), a.Details.Text, p.errs)
	}
	for _, r := range publish.FixImages(v.Course()) {
		if r.File == rel && (r.Err == nil || r.After != st.Size()) {
			t.Fatalf("check --fix-images would change it again: %+v", r)
		}
	}

	test.Tap(a.Undo)
	if b, _ := os.ReadFile(full); string(b) != string(original) {
		t.Fatal("undo did not put the original back")
	}
	if a.Undo.Visible() || !a.Shrink.Visible() {
		t.Fatalf("after undo: undo shown %v, shrink shown %v", a.Undo.Visible(), a.Shrink.Visible())
	}
}

// enlarge scales the PNG picture at path by factor, in place.
func enlarge(t *testing.T, path string, factor int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	src, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx()*factor, b.Dy()*factor))
	draw.BiLinear.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(out, dst); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func usedBy(a *AssetsPanel, path string) []string {
	for _, x := range a.Assets() {
		if x.Path == path {
			return x.UsedBy
		}
	}
	return nil
}
