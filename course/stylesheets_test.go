package course

import (
	"os"
	"path/filepath"
	"testing"
)

// TestThemeStylesheets: Sass files with front matter (what Jekyll
// compiles) are found wherever Jekyll would find them, and check says
// once, for the whole course, that they are left out of the site; Sass
// without front matter, and Sass in Jekyll's own folders, are not named.
func TestThemeStylesheets(t *testing.T) {
	dir := t.TempDir()
	for rel, text := range map[string]string{
		DataFile:                           "title: T\nmodules: [m]\n",
		ConfigFile:                         "exclude: [vendor-css]\n",
		"modules/m/_posts/2000-01-01-p.md": "---\ntitle: P\n---\nHi\n",
		"css/main.scss":                    "---\n---\n@import \"main\";\nbody { color: {{ site.color }}; }\n",
		"assets/print.SASS":                "---\n# compiled\n---\nbody\n  color: red\n",
		"style.scss":                       "---\n---\n",
		"css/plain.scss":                   "body { color: red; }\n",
		"_sass/_main.scss":                 "---\n---\n",
		"vendor-css/x.scss":                "---\n---\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := mustLoad(t, dir)
	want := []string{"assets/print.SASS", "css/main.scss", "style.scss"}
	if got := c.ThemeStylesheets(); len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("ThemeStylesheets() = %q, want %q", got, want)
	}
	var said []Diagnostic
	for _, d := range Check(c) {
		if d.Code == CodeStylesheetsLeftOut {
			said = append(said, d)
		}
	}
	if len(said) != 1 {
		t.Fatalf("check said %d times that stylesheets are left out, want once: %v", len(said), said)
	}
	d := said[0]
	if d.File != "assets/print.SASS" || d.Args["Count"] != "3" || d.Args["Files"] != "assets/print.SASS, css/main.scss, style.scss" || d.Severity != SeverityInfo {
		t.Errorf("diagnostic %+v", d)
	}
	if want := "3 Sass stylesheets (assets/print.SASS, css/main.scss, style.scss) are left out of the site"; len(d.Message) < len(want) || d.Message[:len(want)] != want {
		t.Errorf("message %q", d.Message)
	}
	for rel, want := range map[string]bool{"css/plain.scss": false, "css/main.scss": true, "modules/m/_posts/2000-01-01-p.md": false} {
		if got := IsThemeStylesheet(rel, filepath.Join(dir, filepath.FromSlash(rel))); got != want {
			t.Errorf("IsThemeStylesheet(%s) = %v", rel, got)
		}
	}
}
