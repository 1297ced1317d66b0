package editor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestAssetsPanel lists a course's images with where each is used, the
// unused ones and the credits.
func TestAssetsPanel(t *testing.T) {
	test.NewTempApp(t)
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
