package adapt

import (
	"errors"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// corpusDir is the folder of a corpus course (testdata/corpus); the test
// fails when it is missing.
func corpusDir(t testing.TB, name string) string {
	t.Helper()
	return filepath.Join(testcorpus.Dir(t), name)
}

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
			d, err := DetectLicense(corpusDir(t, name))
			if err != nil {
				t.Fatal(err)
			}
			if d.ID != want {
				t.Fatalf("license %q from %s, want %s; evidence %+v", d.ID, d.Source, want, d.Evidence)
			}
			if d.Confidence < ConfidenceMedium {
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
	d, _ := DetectLicense(corpusDir(t, "ECS154B"))
	if d.Source != "LICENSE:1" || d.Confidence != ConfidenceHigh {
		t.Errorf("ECS154B: %s (%v)", d.Source, d.Confidence)
	}
	d, _ = DetectLicense(corpusDir(t, "we-are-ai"))
	if d.Source != "_includes/footer.html:4" {
		t.Errorf("we-are-ai: %s", d.Source)
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
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
		conf   Confidence
	}{
		{"course.yml key", map[string]string{"_data/course.yml": "title: X\nlicense: cc-by-nc-sa-4.0\n", "LICENSE": mit},
			"CC-BY-NC-SA-4.0", "_data/course.yml:2", ConfidenceHigh},
		{"legal code title", map[string]string{"LICENSE.md": "# Attribution-NonCommercial 4.0 International\n\n====\n", "LICENSE.template": mit},
			"CC-BY-NC-4.0", "LICENSE.md:1", ConfidenceHigh},
		{"3.0 legal code", map[string]string{"LICENSE": "Creative Commons Legal Code\n\nAttribution-ShareAlike 3.0 Unported\n"},
			"CC-BY-SA-3.0", "LICENSE:3", ConfidenceHigh},
		{"CC0 legal code", map[string]string{"LICENSE": "Creative Commons Legal Code\n\nCC0 1.0 Universal\n"},
			"CC0-1.0", "LICENSE:3", ConfidenceHigh},
		{"README sentence", map[string]string{"README.md": "# A course\n\nShared under a CC BY-SA 4.0 license.\n", "LICENSE": mit},
			"CC-BY-SA-4.0", "README.md:3", ConfidenceMedium},
		{"footer deed link", map[string]string{"_includes/footer.html": "<p>\n<a rel=\"license\" href=\"https://creativecommons.org/licenses/by-nd/4.0/\">x</a></p>\n"},
			"CC-BY-ND-4.0", "_includes/footer.html:2", ConfidenceMedium},
		{"footer name", map[string]string{"_layouts/default.html": "<footer>Licensed under the Creative Commons Attribution-ShareAlike 4.0 International License</footer>\n"},
			"CC-BY-SA-4.0", "_layouts/default.html:1", ConfidenceMedium},
		{"only the template's MIT", map[string]string{"LICENSE": mit, "index.md": "hello\n"},
			"MIT", "LICENSE:1", ConfidenceLow},
		{"nothing", map[string]string{"index.md": "hello\n"}, "", "", ConfidenceNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DetectLicense(writeFiles(t, tt.files))
			if err != nil {
				t.Fatal(err)
			}
			if d.ID != tt.id || d.Source != tt.source || d.Confidence != tt.conf {
				t.Errorf("got %q at %q (%v), want %q at %q (%v); %+v", d.ID, d.Source, d.Confidence, tt.id, tt.source, tt.conf, d)
			}
			if tt.id == "MIT" && !strings.Contains(d.Note, "template") {
				t.Errorf("no note about the template: %q", d.Note)
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

// TestAllowedLicenses is the license matrix: what an adaptation of a work
// under each license may be published under.
func TestAllowedLicenses(t *testing.T) {
	offered := []string{"CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC-BY-NC-ND-4.0", "CC0-1.0"}
	tests := []struct {
		source  string
		allowed []string
		err     error
	}{
		{"CC-BY-4.0", offered, nil},
		{"CC-BY-3.0", offered, nil},
		{"CC-BY-SA-4.0", []string{"CC-BY-SA-4.0"}, nil},
		{"cc-by-sa-4.0", []string{"CC-BY-SA-4.0"}, nil},
		{"CC-BY-SA-3.0", []string{"CC-BY-SA-3.0", "CC-BY-SA-4.0"}, nil},
		{"CC-BY-SA-2.0", []string{"CC-BY-SA-2.0", "CC-BY-SA-2.5", "CC-BY-SA-3.0", "CC-BY-SA-4.0"}, nil},
		{"CC-BY-NC-SA-4.0", []string{"CC-BY-NC-SA-4.0"}, nil},
		{"CC-BY-NC-SA-3.0", []string{"CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0"}, nil},
		{"CC-BY-NC-4.0", []string{"CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-4.0"}, nil},
		{"CC0-1.0", offered, nil},
		{"CC-PDDC", offered, nil},
		{"MIT", offered, nil},
		{"CC-BY-ND-4.0", nil, ErrNoDerivatives},
		{"CC-BY-NC-ND-4.0", nil, ErrNoDerivatives},
		{"CC-BY-ND-3.0", nil, ErrNoDerivatives},
		{"", nil, ErrNoLicense},
		{"GPL-3.0-only", nil, ErrUnknownTerms},
		{"not-a-license", nil, ErrUnknownTerms},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			got, err := AllowedLicenses(tt.source)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if !slices.Equal(got, tt.allowed) {
				t.Errorf("allowed = %v, want %v", got, tt.allowed)
			}
		})
	}
	// The refusals explain themselves in plain words.
	_, err := AllowedLicenses("CC-BY-ND-4.0")
	if !strings.Contains(err.Error(), "unchanged copies") {
		t.Errorf("ND: %v", err)
	}
	_, err = AllowedLicenses("")
	for _, s := range []string{"all rights reserved", "--i-have-permission"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("no license: %q lacks %q", err, s)
		}
	}
}

func TestCheckLicense(t *testing.T) {
	tests := []struct {
		source, target string
		permission     bool
		err            error
	}{
		{"CC-BY-4.0", "", false, nil},
		{"CC-BY-4.0", "CC-BY-SA-4.0", false, nil},
		{"CC-BY-4.0", "MIT", false, nil}, // credit is the only condition
		{"CC-BY-SA-4.0", "CC-BY-SA-4.0", false, nil},
		{"CC-BY-SA-4.0", "CC-BY-4.0", false, ErrLicenseNotAllowed},
		{"CC-BY-SA-3.0", "CC-BY-SA-4.0", false, nil},
		{"CC-BY-NC-SA-4.0", "CC-BY-SA-4.0", false, ErrLicenseNotAllowed},
		{"CC-BY-NC-4.0", "CC-BY-4.0", false, ErrLicenseNotAllowed},
		{"CC-BY-ND-4.0", "", false, ErrNoDerivatives},
		{"", "", false, ErrNoLicense},
		{"", "CC-BY-4.0", true, nil},
		{"CC-BY-ND-4.0", "CC-BY-4.0", true, nil},
	}
	for _, tt := range tests {
		err := CheckLicense(tt.source, tt.target, tt.permission)
		if !errors.Is(err, tt.err) {
			t.Errorf("CheckLicense(%q, %q, %v) = %v, want %v", tt.source, tt.target, tt.permission, err, tt.err)
		}
	}
	for src, want := range map[string]string{"CC-BY-SA-3.0": "CC-BY-SA-3.0", "CC-BY-4.0": "CC-BY-4.0", "CC0-1.0": "CC0-1.0", "MIT": "MIT"} {
		if got, err := DefaultLicense(src); err != nil || got != want {
			t.Errorf("DefaultLicense(%s) = %s, %v; want %s", src, got, err, want)
		}
	}
}
