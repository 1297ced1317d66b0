package course

import (
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"
	"github.com/github/go-spdx/v2/spdxexp/spdxlicenses"
)

// LicenseInfo describes a license for the license chooser, the site footer
// (rel="license" link) and attribution.
type LicenseInfo struct {
	ID    string // SPDX identifier, as stored in _data/course.yml
	Name  string // full name
	Plain string // what others may do, in one plain sentence
	URL   string // human-readable page (Creative Commons deed or SPDX page)

	Adapt         bool // others may change it and share their version
	ShareAlike    bool // adaptations must use the same license
	NonCommercial bool // no commercial use
	NoDerivatives bool // only unchanged copies may be shared
}

// courseLicenses are the licenses open courses use, most open first within
// each family; the first seven are offered in the chooser, the 3.0 ones are
// only recognized because older Course-in-a-Box courses carry them.
var courseLicenses = []LicenseInfo{
	{ID: "CC-BY-4.0", Name: "Creative Commons Attribution 4.0 International",
		Plain: "Others may adapt and share, even commercially, with credit (CC BY 4.0)",
		URL:   "https://creativecommons.org/licenses/by/4.0/", Adapt: true},
	{ID: "CC-BY-SA-4.0", Name: "Creative Commons Attribution-ShareAlike 4.0 International",
		Plain: "Others may adapt and share, with credit, under the same terms (CC BY-SA 4.0)",
		URL:   "https://creativecommons.org/licenses/by-sa/4.0/", Adapt: true, ShareAlike: true},
	{ID: "CC-BY-NC-4.0", Name: "Creative Commons Attribution-NonCommercial 4.0 International",
		Plain: "Others may adapt and share, with credit, but not for commercial use (CC BY-NC 4.0)",
		URL:   "https://creativecommons.org/licenses/by-nc/4.0/", Adapt: true, NonCommercial: true},
	{ID: "CC-BY-NC-SA-4.0", Name: "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
		Plain: "Others may adapt and share, with credit, not for commercial use, under the same terms (CC BY-NC-SA 4.0)",
		URL:   "https://creativecommons.org/licenses/by-nc-sa/4.0/", Adapt: true, ShareAlike: true, NonCommercial: true},
	{ID: "CC-BY-ND-4.0", Name: "Creative Commons Attribution-NoDerivatives 4.0 International",
		Plain: "Others may share unchanged copies, with credit, but not adapt (CC BY-ND 4.0)",
		URL:   "https://creativecommons.org/licenses/by-nd/4.0/", NoDerivatives: true},
	{ID: "CC-BY-NC-ND-4.0", Name: "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International",
		Plain: "Others may share unchanged copies, with credit, not for commercial use, and not adapt (CC BY-NC-ND 4.0)",
		URL:   "https://creativecommons.org/licenses/by-nc-nd/4.0/", NonCommercial: true, NoDerivatives: true},
	{ID: "CC0-1.0", Name: "CC0 1.0 Universal (public domain dedication)",
		Plain: "Public domain: anyone may use and adapt it for anything, no credit required (CC0 1.0)",
		URL:   "https://creativecommons.org/publicdomain/zero/1.0/", Adapt: true},

	{ID: "CC-BY-3.0", Name: "Creative Commons Attribution 3.0 Unported",
		Plain: "Others may adapt and share, even commercially, with credit (CC BY 3.0)",
		URL:   "https://creativecommons.org/licenses/by/3.0/", Adapt: true},
	{ID: "CC-BY-SA-3.0", Name: "Creative Commons Attribution-ShareAlike 3.0 Unported",
		Plain: "Others may adapt and share, with credit, under the same terms (CC BY-SA 3.0)",
		URL:   "https://creativecommons.org/licenses/by-sa/3.0/", Adapt: true, ShareAlike: true},
}

// offeredLicenses is how many of courseLicenses the chooser shows.
const offeredLicenses = 7

// CourseLicenses returns the licenses to offer when creating or relicensing
// a course, in the order to show them. The slice is a fresh copy.
func CourseLicenses() []LicenseInfo {
	return append([]LicenseInfo(nil), courseLicenses[:offeredLicenses]...)
}

// LookupLicense finds a license by SPDX id, ignoring case. Creative Commons
// licenses come with plain-language descriptions; any other SPDX license
// (active or deprecated) gets its canonical id, a generic description and
// its SPDX page, because the SPDX library carries ids but not names or
// terms. Compound expressions ("MIT OR CC-BY-4.0") are not found.
func LookupLicense(id string) (LicenseInfo, bool) {
	for _, l := range courseLicenses {
		if strings.EqualFold(l.ID, id) {
			return l, true
		}
	}
	canon, ok := spdxID(id)
	if !ok {
		return LicenseInfo{}, false
	}
	return LicenseInfo{
		ID:    canon,
		Name:  canon,
		Plain: "Licensed under " + canon + "; see the license text for what others may do",
		URL:   "https://spdx.org/licenses/" + canon + ".html",
	}, true
}

// spdxID returns the canonical spelling of a single SPDX license id.
func spdxID(id string) (string, bool) {
	if ok, canon := spdxlicenses.IsActiveLicense(id); ok {
		return canon, true
	}
	if ok, canon := spdxlicenses.IsDeprecatedLicense(id); ok {
		return canon, true
	}
	return "", false
}

// ValidLicenseID reports whether id is a single SPDX license identifier
// (any case, active or deprecated), the form the license key of
// _data/course.yml holds. Expressions with AND, OR, WITH or "+", and
// LicenseRef-/DocumentRef- ids, are refused: the footer, attribution and
// schema.org metadata each name one license with one URL. ValidLicenseID(id)
// is true exactly when LookupLicense(id) finds it.
func ValidLicenseID(id string) bool {
	if id == "" || strings.ContainsAny(id, " \t\r\n()+") {
		return false
	}
	ok, _ := spdxexp.ValidateLicensesWithOptions([]string{id}, spdxexp.ValidateLicensesOptions{
		FailComplexExpressions: true,
		FailAllLicenseRefs:     true,
		FailAllDocumentRefs:    true,
	})
	if !ok {
		return false
	}
	_, ok = spdxID(id)
	return ok
}
