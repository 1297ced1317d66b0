package course

import (
	"strings"
	"testing"
)

func TestCourseLicenses(t *testing.T) {
	want := []string{"CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC-BY-NC-ND-4.0", "CC0-1.0"}
	got := CourseLicenses()
	if len(got) != len(want) {
		t.Fatalf("CourseLicenses() has %d licenses, want %d", len(got), len(want))
	}
	for i, l := range got {
		if l.ID != want[i] {
			t.Errorf("CourseLicenses()[%d] = %s, want %s", i, l.ID, want[i])
		}
	}
	// Every known license, offered or not, must be a valid SPDX id with a
	// complete description and consistent flags.
	for _, l := range courseLicenses {
		if !ValidLicenseID(l.ID) {
			t.Errorf("%s is not a valid SPDX id", l.ID)
		}
		if l.Name == "" || l.Plain == "" {
			t.Errorf("%s lacks a name or plain description", l.ID)
		}
		if !strings.HasPrefix(l.URL, "https://creativecommons.org/") || !strings.HasSuffix(l.URL, "/") {
			t.Errorf("%s: URL %q is not a Creative Commons deed", l.ID, l.URL)
		}
		if l.Adapt == l.NoDerivatives {
			t.Errorf("%s: Adapt and NoDerivatives must be opposites", l.ID)
		}
		if l.ShareAlike && !l.Adapt {
			t.Errorf("%s: ShareAlike without Adapt", l.ID)
		}
		if got := strings.Contains(l.ID, "-NC-"); got != l.NonCommercial {
			t.Errorf("%s: NonCommercial = %v", l.ID, l.NonCommercial)
		}
		if got := strings.Contains(l.ID, "-SA-"); got != l.ShareAlike {
			t.Errorf("%s: ShareAlike = %v", l.ID, l.ShareAlike)
		}
	}
	// The returned slice is a copy: changing it doesn't change the table.
	got[0].Plain = "changed"
	if CourseLicenses()[0].Plain == "changed" {
		t.Error("CourseLicenses returns the shared table")
	}
}

func TestLookupLicense(t *testing.T) {
	tests := []struct {
		id, wantID, wantURL, wantPlain string
		ok                             bool
	}{
		{"CC-BY-SA-4.0", "CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/",
			"Others may adapt and share, with credit, under the same terms (CC BY-SA 4.0)", true},
		{"cc-by-4.0", "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/", "", true},
		{"cc0-1.0", "CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "", true},
		{"CC-BY-3.0", "CC-BY-3.0", "https://creativecommons.org/licenses/by/3.0/", "", true},
		{"CC-BY-SA-3.0", "CC-BY-SA-3.0", "https://creativecommons.org/licenses/by-sa/3.0/", "", true},
		{"mit", "MIT", "https://spdx.org/licenses/MIT.html", "", true},
		{"CC-BY-NC-SA-3.0", "CC-BY-NC-SA-3.0", "https://spdx.org/licenses/CC-BY-NC-SA-3.0.html", "", true},
		{"GPL-2.0", "GPL-2.0", "https://spdx.org/licenses/GPL-2.0.html", "", true}, // deprecated, still known
		{"CC-BY-SA-9.9", "", "", "", false},
		{"", "", "", "", false},
		{"MIT OR CC-BY-4.0", "", "", "", false},
		{"CC-BY-4.0+", "", "", "", false},
		{"LicenseRef-mine", "", "", "", false},
	}
	for _, tt := range tests {
		got, ok := LookupLicense(tt.id)
		if ok != tt.ok {
			t.Errorf("LookupLicense(%q) ok = %v, want %v", tt.id, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if got.ID != tt.wantID || got.URL != tt.wantURL {
			t.Errorf("LookupLicense(%q) = %s %s, want %s %s", tt.id, got.ID, got.URL, tt.wantID, tt.wantURL)
		}
		if tt.wantPlain != "" && got.Plain != tt.wantPlain {
			t.Errorf("LookupLicense(%q).Plain = %q, want %q", tt.id, got.Plain, tt.wantPlain)
		}
		if got.Name == "" || got.Plain == "" {
			t.Errorf("LookupLicense(%q) lacks a name or description", tt.id)
		}
	}
	if l, _ := LookupLicense("CC-BY-ND-4.0"); l.Adapt || !l.NoDerivatives {
		t.Errorf("CC-BY-ND-4.0 flags: %+v", l)
	}
}

func TestValidLicenseID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"CC-BY-SA-4.0", true},
		{"cc-by-4.0", true},
		{"CC0-1.0", true},
		{"CC-BY-NC-ND-4.0", true},
		{"MIT", true},
		{"Apache-2.0", true},
		{"GPL-2.0", true},
		{"CC-BY-SA-9.9", false},
		{"CC-BY-SA", false},
		{"", false},
		{" CC-BY-4.0", false},
		{"CC-BY-4.0 ", false},
		{"MIT AND CC-BY-4.0", false},
		{"MIT OR CC-BY-4.0", false},
		{"(MIT)", false},
		{"CC-BY-4.0+", false},
		{"Apache-2.0 WITH LLVM-exception", false},
		{"LicenseRef-mine", false},
		{"DocumentRef-x:LicenseRef-y", false},
		{"LLVM-exception", false},
	}
	for _, tt := range tests {
		if got := ValidLicenseID(tt.id); got != tt.want {
			t.Errorf("ValidLicenseID(%q) = %v, want %v", tt.id, got, tt.want)
		}
		if _, ok := LookupLicense(tt.id); ok != tt.want {
			t.Errorf("LookupLicense(%q) ok = %v, disagrees with ValidLicenseID", tt.id, ok)
		}
	}
}
