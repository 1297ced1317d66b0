package editor

import (
	"fyne.io/fyne/v2/lang"

	"github.com/coursewright/coursewright/course"
)

// LicenseText is a license's plain-language description in the author's
// language, by its id. The English texts are course's own
// (LicenseInfo.Plain; TestLicenseTexts keeps them equal): the chooser's
// seven, the two 3.0 licenses older courses carry, and any other SPDX
// license, which course describes only by its id.
func LicenseText(l course.LicenseInfo) string {
	switch l.ID {
	case "CC-BY-4.0":
		return lang.L("Others may adapt and share, even commercially, with credit (CC BY 4.0)")
	case "CC-BY-SA-4.0":
		return lang.L("Others may adapt and share, with credit, under the same terms (CC BY-SA 4.0)")
	case "CC-BY-NC-4.0":
		return lang.L("Others may adapt and share, with credit, but not for commercial use (CC BY-NC 4.0)")
	case "CC-BY-NC-SA-4.0":
		return lang.L("Others may adapt and share, with credit, not for commercial use, under the same terms (CC BY-NC-SA 4.0)")
	case "CC-BY-ND-4.0":
		return lang.L("Others may share unchanged copies, with credit, but not adapt (CC BY-ND 4.0)")
	case "CC-BY-NC-ND-4.0":
		return lang.L("Others may share unchanged copies, with credit, not for commercial use, and not adapt (CC BY-NC-ND 4.0)")
	case "CC0-1.0":
		return lang.L("Public domain: anyone may use and adapt it for anything, no credit required (CC0 1.0)")
	case "CC-BY-3.0":
		return lang.L("Others may adapt and share, even commercially, with credit (CC BY 3.0)")
	case "CC-BY-SA-3.0":
		return lang.L("Others may adapt and share, with credit, under the same terms (CC BY-SA 3.0)")
	}
	if l.Plain == "" || l.Plain == l.ID {
		return l.ID // not a license course knows: its id is all there is
	}
	return lang.L("Licensed under {{.License}}; see the license text for what others may do", map[string]any{"License": l.ID})
}
