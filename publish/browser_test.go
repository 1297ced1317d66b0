package publish

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// These tests run real tools against built sites: html-validate@10 (npm)
// and Debian's headless Chromium. .ci/run installs both; on a machine
// without them the tests skip, except under CI, where that is a failure.

func tool(t *testing.T, name string, candidates ...string) string {
	t.Helper()
	for _, c := range append([]string{name}, candidates...) {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed; .ci/run should have installed it", name)
	}
	t.Skipf("%s is not installed (.ci/run installs it)", name)
	return ""
}

func htmlValidate(t *testing.T, config, site string) {
	t.Helper()
	bin := tool(t, "html-validate", os.Getenv("HTML_VALIDATE"))
	cfg, _ := filepath.Abs(filepath.Join("testdata", config))
	cmd := exec.Command(bin, "--config", cfg, "--formatter", "text", site+"/**/*.html")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("html-validate with %s on %s:\n%s", config, site, out)
	}
}

// The theme's own markup passes html-validate's whole recommended preset
// (the sample course is written to), and every corpus course passes it
// with only the rules about authors' legacy HTML turned off
// (testdata/htmlvalidate.md says which and why).
func TestBuiltSitesValidate(t *testing.T) {
	out := t.TempDir()
	build(t, sampleCourse(t), out, BuildOptions{})
	htmlValidate(t, "htmlvalidate-theme.json", out)
	for _, name := range corpusCourses(t) {
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			build(t, corpusCourse(t, name), out, BuildOptions{})
			htmlValidate(t, "htmlvalidate-content.json", out)
		})
	}
}

// A headless Chromium screenshot of a built home page and module page,
// opened straight from disk, shows a real page, not a blank one.
func TestScreenshotsAreNotBlank(t *testing.T) {
	chromium := tool(t, "chromium", "chromium-browser", "google-chrome")
	out := t.TempDir()
	c := corpusCourse(t, "we-are-ai")
	build(t, c, out, BuildOptions{})
	pages := map[string]string{
		"home":   filepath.Join(out, "index.html"),
		"module": filepath.Join(out, "modules", "what-is-ai", "introduction-to-ai", "index.html"),
	}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			shot := filepath.Join(t.TempDir(), name+".png")
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir="+t.TempDir(), "--window-size=1280,900", "--screenshot="+shot, "file://"+page)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("chromium: %v\n%s", err, b)
			}
			b, err := os.ReadFile(shot)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			colours, inked := imageStats(img)
			// A blank page is one colour; a page of text on the theme's
			// banner and top bar has hundreds (anti-aliased text) and a
			// good share of non-background pixels.
			if colours < 50 || inked < 0.02 {
				t.Errorf("%s screenshot looks blank: %d colours, %.1f%% non-background", name, colours, inked*100)
			}
			if os.Getenv("COURSEWRIGHT_KEEP_SCREENSHOTS") != "" {
				_ = os.WriteFile(strings.TrimSuffix(os.Getenv("COURSEWRIGHT_KEEP_SCREENSHOTS"), "/")+"/"+name+".png", b, 0o644)
			}
		})
	}
}

// imageStats counts distinct colours and the share of pixels that differ
// from the most common one (the background).
func imageStats(img image.Image) (colours int, inked float64) {
	counts := map[uint32]int{}
	bnd := img.Bounds()
	for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
		for x := bnd.Min.X; x < bnd.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			counts[r>>8<<16|g>>8<<8|b>>8]++
		}
	}
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	total := bnd.Dx() * bnd.Dy()
	return len(counts), float64(total-most) / float64(total)
}
