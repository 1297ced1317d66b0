package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// warmFonts loads the font faces the editor and the preview draw with,
// in the background, at start-up. Fyne parses a font the first time text
// in its style is measured, and on the UI thread that was a tenth of a
// second or more spent in the first frame of the first long page (issue
// 11: the UI thread is never to be blocked longer than 50 ms). Fyne's
// font and measurement caches are safe to fill from any goroutine.
func warmFonts() {
	styles := []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}, {Monospace: true}}
	sizes := []float32{theme.TextSize(), theme.TextSubHeadingSize(), theme.TextHeadingSize()}
	for _, st := range styles {
		for _, sz := range sizes {
			fyne.MeasureText("Coursewright warms its fonts: 0123456789 àéîõü", sz, st)
		}
	}
}
