package editor

import (
	"fyne.io/fyne/v2/lang"

	"github.com/coursewright/coursewright/publish"
)

// phaseWords is what the publish panel shows for a phase of publishing,
// in the interface language, by its code (publish.Phase). Any phase that
// is not one of publish's is a step the git server names while the files
// travel ("Counting objects", "Resolving deltas"), in English: the panel
// says the files are on their way (a Spanish interface showed "Done" over
// "Not published").
func phaseWords(phase publish.Phase) string {
	switch phase {
	case "":
		return ""
	case publish.PhaseSaving:
		return lang.L("Saving a version…")
	case publish.PhaseChecking:
		return lang.L("Checking the server…")
	case publish.PhaseBuilding:
		return lang.L("Building the site…")
	case publish.PhasePreparing:
		return lang.L("Preparing the site…")
	case publish.PhaseSending:
		return lang.L("Sending to the server…")
	case publish.PhaseConnecting:
		return lang.L("Connecting to the server…")
	case publish.PhaseDone:
		return lang.L("Finishing…")
	}
	return lang.L("Transferring files…")
}
