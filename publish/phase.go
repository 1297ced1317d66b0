package publish

import "github.com/coursewright/coursewright/repo"

// Phase is a step of publishing, as Options.Progress reports it: one of
// the constants below, or, while the files travel, a step the git server
// names ("Counting objects", "Resolving deltas": see repo.Phase). Its text
// is English, what the CLI prints; the app turns the constants into words
// of its interface language and says of any other phase that files are on
// their way.
type Phase string

const (
	PhaseSaving    Phase = "Saving a version"
	PhaseChecking  Phase = "Checking the server" // fetching a co-author's work
	PhaseBuilding  Phase = "Building the site"
	PhasePreparing Phase = "Preparing the site" // the site branch's commit
	PhaseSending   Phase = "Sending to the server"
	// Reported by repo during a fetch or push, passed on as they are.
	PhaseConnecting Phase = Phase(repo.PhaseConnecting)
	PhaseDone       Phase = Phase(repo.PhaseDone) // also publishing's last step
)
