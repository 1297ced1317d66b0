package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
)

// TestOlderBannerSetting: a course made from the older template sets its
// banner image with jumbotron_background_image; the site shows it as the
// banner, and a missing one is reported naming that setting and its file.
func TestOlderBannerSetting(t *testing.T) {
	tests := []struct {
		name, file, value string
		shown             string // in the banner's CSS; "" when left out
		warn              string
	}{
		{"in _config.yml", course.ConfigFile, "img/magnifier.png", "img/magnifier.png", ""},
		{"in course.yml", course.DataFile, "{{ site.baseurl }}/img/magnifier.png", "img/magnifier.png", ""},
		{"missing", course.DataFile, "img/gone.png", "", "jumbotron_background_image: img/gone.png is not in the course"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sampleCourse(t)
			cfg := filepath.Join(c.Dir, course.ConfigFile)
			raw, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			// The sample sets jumbotron_image; the older course does not.
			raw = []byte(strings.Replace(string(raw), "\njumbotron_image:", "\n# jumbotron_image:", 1))
			if err := os.WriteFile(cfg, raw, 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(filepath.Join(c.Dir, filepath.FromSlash(tt.file)), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteString("\njumbotron_background_image: \"" + tt.value + "\"\n"); err != nil {
				t.Fatal(err)
			}
			f.Close()
			c, err = course.Load(c.Dir)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "site")
			res := build(t, c, out, BuildOptions{})
			home := readSite(t, out, "index.html")
			if tt.shown != "" && !strings.Contains(home, `.jumbotron{background-image:url(&#34;`+tt.shown) && !strings.Contains(home, `.jumbotron{background-image:url("`+tt.shown) {
				t.Errorf("the banner does not show %s:\n%s", tt.shown, home[:min(len(home), 3000)])
			}
			if tt.shown == "" && strings.Contains(home, "gone.png") {
				t.Error("a missing banner image is linked")
			}
			var warned []string
			for _, d := range res.Diagnostics {
				if d.Code == course.CodeBannerImageMissing {
					warned = append(warned, d.String())
				}
			}
			switch {
			case tt.warn == "" && len(warned) > 0:
				t.Errorf("unexpected: %q", warned)
			case tt.warn != "" && (len(warned) == 0 || !strings.HasPrefix(warned[0], tt.file+":") || !strings.Contains(warned[0], tt.warn)):
				t.Errorf("warnings %q, want one in %s saying %q", warned, tt.file, tt.warn)
			}
		})
	}
}
