package app

import (
	"os"
	"slices"

	"fyne.io/fyne/v2"
)

// Preference keys.
const (
	prefRecent = "recent"        // course folders, most recent first
	prefWidth  = "window.width"  // course window size
	prefHeight = "window.height" //
	prefOuter  = "split.outer"   // tree | editor and preview
	prefInner  = "split.inner"   // editor | preview
)

const maxRecent = 10

// addRecent puts a course folder first in the recent list.
func addRecent(p fyne.Preferences, dir string) {
	list := slices.DeleteFunc(p.StringList(prefRecent), func(s string) bool { return s == dir })
	list = append([]string{dir}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	p.SetStringList(prefRecent, list)
}

// recent lists the recent course folders that still exist.
func recent(p fyne.Preferences) []string {
	var out []string
	for _, d := range p.StringList(prefRecent) {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			out = append(out, d)
		}
	}
	return out
}
