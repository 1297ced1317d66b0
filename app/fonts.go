package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// warmFonts loads the fonts of the text styles the editor and the preview
// use, on a goroutine, while the app starts and loads the course. Fyne
// loads a style's fonts (the theme's, its fallback, the emoji font and a
// system font for the language) the first time it measures text in that
// style: about 40 ms of CPU per style, which on the UI thread came in one
// block as the first preview of a page was laid out. Fyne's font faces
// are not safe for concurrent use, so nothing else may measure text until
// the returned channel is closed: the app waits for it before it builds
// its first window (waitFonts), before its event loop starts.
func warmFonts() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		size := theme.TextSize()
		for _, st := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}, {Monospace: true}} {
			fyne.MeasureText("Aa 1", size, st)
		}
	}()
	return done
}

// waitFonts waits for warmFonts, the first time a window is built.
func (d *App) waitFonts() {
	if d.fontsReady != nil {
		<-d.fontsReady
		d.fontsReady = nil
	}
}
