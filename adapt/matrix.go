package adapt

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/coursewright/coursewright/course"
)

// Errors of the license matrix, told apart with errors.Is. Their text says
// what the law allows, for someone who is not a lawyer.
var (
	// ErrNoLicense: no license was found, so the work is all rights
	// reserved.
	ErrNoLicense = errors.New("no license was found for this course: a work without a license is all rights reserved by default, so it may not be adapted without its authors' permission; if you have that permission, adapt it with --i-have-permission")
	// ErrNoDerivatives: the license allows sharing unchanged copies only.
	ErrNoDerivatives = errors.New("the course's license allows sharing unchanged copies only (NoDerivatives): adapting it is not allowed without its authors' permission; you may still share it exactly as it is, with credit")
	// ErrUnknownTerms: a license whose terms Coursewright does not know.
	ErrUnknownTerms = errors.New("what this license allows for adaptations is not known to Coursewright")
	// ErrLicenseNotAllowed: the chosen license is not one the source's
	// license allows for an adaptation.
	ErrLicenseNotAllowed = errors.New("this license cannot be used for an adaptation of this course")
)

// publicDomain are the ids of works anyone may use for anything.
var publicDomain = []string{"CC0-1.0", "CC-PDDC", "Unlicense", "PDDL-1.0"}

// permissive are software licenses whose only condition is keeping the
// notice: an adaptation may be licensed in any way.
var permissive = []string{"MIT", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0", "ISC", "0BSD"}

// AllowedLicenses returns the licenses an adaptation of a work under
// source (an SPDX id) may be published under, following Creative Commons'
// rules:
//
//   - CC BY: any license (credit is the only condition);
//   - CC BY-SA and CC BY-NC-SA: the same license, or a later version of it
//     (ShareAlike);
//   - CC BY-NC: a NonCommercial license;
//   - CC0 and other public-domain dedications: any license;
//   - any NoDerivatives license: none — ErrNoDerivatives;
//   - no license (""): none — ErrNoLicense, all rights reserved.
//
// "Any" is returned as the licenses Coursewright offers for courses
// (course.CourseLicenses); CheckLicense accepts every valid SPDX id then.
func AllowedLicenses(source string) (allowed []string, err error) {
	source = strings.TrimSpace(source)
	if source == "" {
		return nil, ErrNoLicense
	}
	info, ok := course.LookupLicense(source)
	if !ok {
		return nil, fmt.Errorf("%q is not a license id Coursewright knows (use an SPDX id such as CC-BY-SA-4.0): %w", source, ErrUnknownTerms)
	}
	id := info.ID
	var offered []string
	for _, l := range course.CourseLicenses() {
		offered = append(offered, l.ID)
	}
	switch {
	case slices.Contains(publicDomain, id), slices.Contains(permissive, id):
		return offered, nil
	case !strings.HasPrefix(id, "CC-BY"):
		return nil, fmt.Errorf("%s: %w; check its text, or ask the authors", id, ErrUnknownTerms)
	case info.NoDerivatives || strings.Contains(id, "-ND-"):
		return nil, fmt.Errorf("%s: %w", id, ErrNoDerivatives)
	case info.ShareAlike || strings.Contains(id, "-SA-"):
		// ShareAlike: the same license elements, this version or a
		// later one (CC BY-SA 4.0 §3(b)(1); 3.0 §4(b)).
		family, version := ccFamily(id)
		var out []string
		for _, v := range ccVersions {
			if v >= version && course.ValidLicenseID(family+"-"+v) {
				out = append(out, family+"-"+v)
			}
		}
		return out, nil
	case info.NonCommercial || strings.Contains(id, "-NC-"):
		// The NonCommercial condition travels with the adapted material,
		// so the adaptation must carry a NonCommercial license (Creative
		// Commons' compatibility chart).
		var out []string
		for _, l := range offered {
			if strings.Contains(l, "-NC") {
				out = append(out, l)
			}
		}
		return out, nil
	default: // CC BY: credit only
		return offered, nil
	}
}

// ccVersions are the Creative Commons license versions, oldest first.
var ccVersions = []string{"1.0", "2.0", "2.5", "3.0", "4.0"}

// ccFamily splits "CC-BY-SA-3.0" into "CC-BY-SA" and "3.0".
func ccFamily(id string) (family, version string) {
	i := strings.LastIndex(id, "-")
	return id[:i], id[i+1:]
}

// allowsAny reports whether an adaptation of source may take any license.
func allowsAny(source string) bool {
	info, ok := course.LookupLicense(source)
	if !ok {
		return false
	}
	id := info.ID
	return slices.Contains(publicDomain, id) || slices.Contains(permissive, id) ||
		(strings.HasPrefix(id, "CC-BY-") && !strings.Contains(id, "-NC") && !strings.Contains(id, "-SA") && !strings.Contains(id, "-ND"))
}

// CheckLicense reports whether an adaptation of a work under source may be
// published under target, explaining why not. target "" asks for the
// default: CheckLicense returns nil when the source's own license may be
// kept. With permission from the authors (withPermission) any license
// goes: that permission is the adapter's responsibility.
func CheckLicense(source, target string, withPermission bool) error {
	if withPermission {
		if target != "" && !course.ValidLicenseID(target) {
			return fmt.Errorf("%q is not a license id; use one like CC-BY-SA-4.0, CC-BY-4.0 or CC0-1.0", target)
		}
		return nil
	}
	allowed, err := AllowedLicenses(source)
	if err != nil {
		return err
	}
	if target == "" {
		return nil
	}
	info, ok := course.LookupLicense(target)
	if !ok {
		return fmt.Errorf("%q is not a license id; use one like CC-BY-SA-4.0, CC-BY-4.0 or CC0-1.0", target)
	}
	if slices.Contains(allowed, info.ID) || allowsAny(source) {
		return nil
	}
	return fmt.Errorf("%s: %w; the original's license (%s) allows: %s", info.ID, ErrLicenseNotAllowed, source, strings.Join(allowed, ", "))
}

// DefaultLicense is the license an adaptation gets when none is chosen:
// the source's own when it may be kept, else the first allowed one.
func DefaultLicense(source string) (string, error) {
	allowed, err := AllowedLicenses(source)
	if err != nil {
		return "", err
	}
	if info, ok := course.LookupLicense(source); ok && (slices.Contains(allowed, info.ID) || allowsAny(source)) && course.ValidLicenseID(info.ID) {
		return info.ID, nil
	}
	if len(allowed) == 0 {
		return "", fmt.Errorf("%s: %w", source, ErrLicenseNotAllowed)
	}
	return allowed[0], nil
}
