package adapt

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

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
