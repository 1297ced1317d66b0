// Package assets holds files that are built into the Coursewright binary
// itself rather than into courses, starting with the application icon.
//
// The icon is embedded so that the app can set its window and taskbar icon
// without looking for files next to the executable; FyneApp.toml points
// `fyne package` at the same file, so the packaged and the running app look
// the same.
package assets

import _ "embed"

//go:embed icon.png
var icon []byte

// Icon returns the 512×512 PNG application icon. The slice is a fresh copy,
// so callers may keep or change it without affecting other callers.
func Icon() []byte { return append([]byte(nil), icon...) }
