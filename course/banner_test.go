package course

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBannerImage: the older template's jumbotron_background_image is the
// banner image when jumbotron_image is not set, in _config.yml or in
// _data/course.yml; check warns, naming the setting and its file, when
// the image it names is not in the course.
func TestBannerImage(t *testing.T) {
	tests := []struct {
		name, config, data string
		want               string
		at                 Setting
		warn               string // "" when check must not warn about the banner
	}{
		{"jumbotron_image", "jumbotron_image: img/new.png\njumbotron_background_image: img/old.png\n", "title: T\n",
			"img/new.png", Setting{"jumbotron_image", ConfigFile, 1}, ""},
		{"older setting in _config.yml", "title: T\njumbotron_background_image: img/old.png\n", "title: T\n",
			"img/old.png", Setting{LegacyBannerKey, ConfigFile, 2}, ""},
		{"older setting in course.yml", "title: T\n", "title: T\njumbotron_background_image: \"/img/old.png\"\n",
			"/img/old.png", Setting{LegacyBannerKey, DataFile, 2}, ""},
		{"older setting, image missing", "title: T\n", "title: T\n\njumbotron_background_image: img/gone.jpg\n",
			"img/gone.jpg", Setting{LegacyBannerKey, DataFile, 3},
			`_data/course.yml:3:29: warning: the banner image "img/gone.jpg" (jumbotron_background_image)`},
		{"none", "title: T\n", "title: T\n", "", Setting{"jumbotron_image", ConfigFile, 0}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for rel, text := range map[string]string{ConfigFile: tt.config, DataFile: tt.data + "modules: [m]\n",
				"modules/m/_posts/2000-01-01-p.md": "---\ntitle: P\n---\nHi\n", "img/old.png": "png", "img/new.png": "png"} {
				p := filepath.Join(dir, filepath.FromSlash(rel))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			c := mustLoad(t, dir)
			got, at := c.BannerImage()
			if got != tt.want || at != tt.at {
				t.Errorf("BannerImage() = %q at %+v, want %q at %+v", got, at, tt.want, tt.at)
			}
			if m := c.Meta(); m.JumbotronImage != tt.want {
				t.Errorf("Meta().JumbotronImage = %q, want %q", m.JumbotronImage, tt.want)
			}
			var banner []string
			for _, d := range Check(c) {
				if d.Code == CodeBannerImage {
					banner = append(banner, d.String())
				}
			}
			switch {
			case tt.warn == "" && len(banner) > 0:
				t.Errorf("unexpected warnings: %q", banner)
			case tt.warn != "" && (len(banner) != 1 || !strings.HasPrefix(banner[0], tt.warn)):
				t.Errorf("warnings %q, want one starting %q", banner, tt.warn)
			}
		})
	}
}
