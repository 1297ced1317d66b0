package editor

import "fyne.io/fyne/v2/lang"

// phaseWords is what the publish panel shows for a phase of publishing,
// in the interface language. The phases come from publish and repo in
// English ("Building the site", "Done") or from the git server ("Counting
// objects", "Resolving deltas"), which all say that files are on their
// way: a Spanish interface showed "Done" over "Not published".
func phaseWords(phase string) string {
	switch phase {
	case "":
		return ""
	case "Saving a version":
		return lang.L("Saving a version…")
	case "Checking the server":
		return lang.L("Checking the server…")
	case "Building the site":
		return lang.L("Building the site…")
	case "Preparing the site":
		return lang.L("Preparing the site…")
	case "Sending to the server":
		return lang.L("Sending to the server…")
	case "Connecting":
		return lang.L("Connecting to the server…")
	case "Done":
		return lang.L("Finishing…")
	}
	return lang.L("Transferring files…")
}
