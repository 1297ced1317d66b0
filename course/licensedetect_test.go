package course

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusLicenses are the content licenses the corpus's SOURCE.txt files
// record, not the template's MIT license every one of them also carries.
var corpusLicenses = map[string]string{
	"ECS154B":                "CC-BY-4.0",
	"course-in-a-box":        "CC-BY-SA-4.0",
	"how-to-talk-about-race": "CC-BY-SA-4.0",
	"we-are-ai":              "CC-BY-SA-4.0",
}

func TestDetectLicenseCorpus(t *testing.T) {
	for name, want := range corpusLicenses {
		t.Run(name, func(t *testing.T) {
			d, err := DetectLicense(filepath.Join(corpusDir(t), name))
			if err != nil {
				t.Fatal(err)
			}
			if d.ID != want {
				t.Fatalf("license %q from %s, want %s; evidence %+v", d.ID, d.Source, want, d.Evidence)
			}
			if d.Confidence < LicenseConfidenceMedium {
				t.Errorf("confidence %v", d.Confidence)
			}
			if !strings.Contains(d.Source, ":") {
				t.Errorf("source %q has no line", d.Source)
			}
			// The template's MIT license is seen but not taken.
			sawMIT := false
			for _, e := range d.Evidence {
				if e.ID == "MIT" {
					sawMIT = true
					if !e.Code {
						t.Errorf("MIT not marked as a software license: %+v", e)
					}
				}
			}
			if !sawMIT {
				t.Errorf("the template's MIT license was not seen: %+v", d.Evidence)
			}
		})
	}
	// Where each was found: ECS154B by the title line of its legal code,
	// the others by their footer's rel="license" link.
	d, _ := DetectLicense(filepath.Join(corpusDir(t), "ECS154B"))
	if d.Source != "LICENSE:1" || d.Confidence != LicenseConfidenceHigh {
		t.Errorf("ECS154B: %s (%v)", d.Source, d.Confidence)
	}
	d, _ = DetectLicense(filepath.Join(corpusDir(t), "we-are-ai"))
	if d.Source != "_includes/footer.html:4" {
		t.Errorf("we-are-ai: %s", d.Source)
	}
}

func writeLicenseFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDetectLicenseSources(t *testing.T) {
	mit := "MIT License\n\nCopyright (c) 2020 Peer 2 Peer University\n\nPermission is hereby granted, free of charge, ...\n"
	tests := []struct {
		name   string
		files  map[string]string
		id     string
		source string
		conf   LicenseConfidence
	}{
		{"course.yml key", map[string]string{"_data/course.yml": "title: X\nlicense: cc-by-nc-sa-4.0\n", "LICENSE": mit},
			"CC-BY-NC-SA-4.0", "_data/course.yml:2", LicenseConfidenceHigh},
		{"legal code title", map[string]string{"LICENSE.md": "# Attribution-NonCommercial 4.0 International\n\n====\n", "LICENSE.template": mit},
			"CC-BY-NC-4.0", "LICENSE.md:1", LicenseConfidenceHigh},
		{"3.0 legal code", map[string]string{"LICENSE": "Creative Commons Legal Code\n\nAttribution-ShareAlike 3.0 Unported\n"},
			"CC-BY-SA-3.0", "LICENSE:3", LicenseConfidenceHigh},
		{"CC0 legal code", map[string]string{"LICENSE": "Creative Commons Legal Code\n\nCC0 1.0 Universal\n"},
			"CC0-1.0", "LICENSE:3", LicenseConfidenceHigh},
		{"README sentence", map[string]string{"README.md": "# A course\n\nShared under a CC BY-SA 4.0 license.\n", "LICENSE": mit},
			"CC-BY-SA-4.0", "README.md:3", LicenseConfidenceMedium},
		{"footer deed link", map[string]string{"_includes/footer.html": "<p>\n<a rel=\"license\" href=\"https://creativecommons.org/licenses/by-nd/4.0/\">x</a></p>\n"},
			"CC-BY-ND-4.0", "_includes/footer.html:2", LicenseConfidenceMedium},
		{"footer name", map[string]string{"_layouts/default.html": "<footer>Licensed under the Creative Commons Attribution-ShareAlike 4.0 International License</footer>\n"},
			"CC-BY-SA-4.0", "_layouts/default.html:1", LicenseConfidenceMedium},
		{"only the template's MIT", map[string]string{"LICENSE": mit, "index.md": "hello\n"},
			"MIT", "LICENSE:1", LicenseConfidenceLow},
		{"nothing", map[string]string{"index.md": "hello\n"}, "", "", LicenseConfidenceNone},
		// Names in any letter case, wrapped over lines or split by tags.
		{"footer name in capitals across a line break", map[string]string{"LICENSE": mit,
			"_includes/footer.html": "<footer>\n  <p>Content licensed under the APACHE LICENSE,\n  VERSION 2.0</p>\n</footer>\n"},
			"Apache-2.0", "_includes/footer.html:2", LicenseConfidenceMedium},
		{"footer name wrapped and split by a link", map[string]string{"_includes/footer.html": "<p>Licensed under a Creative\n\tCommons <a href=\"/license/\">Attribution\n Share Alike 4.0</a></p>\n"},
			"CC-BY-SA-4.0", "_includes/footer.html:1", LicenseConfidenceMedium},
		{"lower-case long name in the README", map[string]string{"README.md": "# X\n\nshared under a creative commons attribution-noncommercial 4.0 international license\n", "LICENSE": mit},
			"CC-BY-NC-4.0", "README.md:3", LicenseConfidenceMedium},
		{"lower-case short name", map[string]string{"README.md": "License: cc by-nc-sa 4.0\n"},
			"CC-BY-NC-SA-4.0", "README.md:1", LicenseConfidenceMedium},
		{"the template's MIT named in the README stays the template's", map[string]string{"README.md": "Course-in-a-Box was built by P2PU and shared under an MIT\nLicense.\n"},
			"MIT", "README.md:1", LicenseConfidenceLow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DetectLicense(writeLicenseFiles(t, tt.files))
			if err != nil {
				t.Fatal(err)
			}
			if d.ID != tt.id || d.Source != tt.source || d.Confidence != tt.conf {
				t.Errorf("got %q at %q (%v), want %q at %q (%v); %+v", d.ID, d.Source, d.Confidence, tt.id, tt.source, tt.conf, d)
			}
			if tt.id == "MIT" && !strings.Contains(d.Note, "template") {
				t.Errorf("no note about the template: %q", d.Note)
			}
			// What info shows and adapt starts from: nothing when only
			// the template's software license was found.
			want := tt.id
			if tt.id == "MIT" {
				want = ""
			}
			if got := d.ContentLicense(); got != want {
				t.Errorf("ContentLicense() = %q, want %q", got, want)
			}
		})
	}
}

func TestCCID(t *testing.T) {
	for in, want := range map[[2]string]string{
		{"", "4.0"}:                             "CC-BY-4.0",
		{"-ShareAlike", "4.0"}:                  "CC-BY-SA-4.0",
		{" NC SA", "4.0"}:                       "CC-BY-NC-SA-4.0",
		{"-NonCommercial-NoDerivatives", "4.0"}: "CC-BY-NC-ND-4.0",
		{"-NoDerivs", "3.0"}:                    "CC-BY-ND-3.0",
		{"-SA-NC", "4.0"}:                       "", // not a license
		{"", "9.9"}:                             "",
	} {
		if got := ccID(in[0], in[1]); got != want {
			t.Errorf("ccID(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}
