//go:build coursewright_testhook

package app

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// editorHook serves the real-window tests and bench/typing.sh, which
// drive the page editor with real X events (xdotool) and must know where
// it is on screen and what its cursor, selection and view are:
//
//	editor-state     prints, whenever it changes, one line
//	                 "test hook: editor x=X y=Y w=W h=H scale=S lines=N
//	                 top=T bottom=B len=L cursor=C sel=S,E" (the editor's
//	                 place in the window, in pixels; lines 1-based; X,Y
//	                 of "tree=X,Y" the course tree's place); and, as a
//	                 watchdog, "test hook: UI wait N ms" whenever the UI
//	                 thread took more than 50 ms to get to the state
//	                 query (asked every 20 ms); with
//	                 COURSEWRIGHT_UI_STALL_STACKS set, each such line is
//	                 followed by samples of the UI thread's stack taken
//	                 while it waited (see stallSampler)
//	editor-cursor:F  puts the cursor at the start of the line at fraction
//	                 F (0–1) of the page, shows it and focuses the editor,
//	                 prints "test hook: cursor" and one state line as
//	                 above, and does nothing more (the app can go idle)
func editorHook(spec string) func(w *CourseWindow) {
	frac := -1.0
	if f, ok := strings.CutPrefix(spec, "editor-cursor:"); ok {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "test hook: bad fraction", f)
			return nil
		}
		frac = v
	} else if spec != "editor-state" {
		return nil
	}
	return func(w *CourseWindow) {
		go func() {
			waitForPage(w)
			if frac >= 0 {
				fyne.DoAndWait(func() {
					ed := w.View.Page.Text
					ed.GoToLine(1 + int(frac*float64(ed.Lines()-1)))
				})
				fmt.Fprintln(os.Stderr, "test hook: cursor")
				var line string
				fyne.DoAndWait(func() { line = editorState(w) })
				fmt.Fprintln(os.Stderr, line)
				return // no polling: bench/typing.sh measures the idle app
			}
			last := ""
			// With COURSEWRIGHT_UI_STALL_STACKS set, a long wait is
			// followed by what the UI thread was doing meanwhile.
			var stalls *stallSampler
			if os.Getenv("COURSEWRIGHT_UI_STALL_STACKS") != "" {
				stalls = newStallSampler()
			}
			for {
				var line string
				asked := time.Now()
				if stalls != nil {
					stalls.posting(asked)
				}
				fyne.DoAndWait(func() {
					if stalls != nil {
						stalls.ran(time.Now())
					}
					line = editorState(w)
				})
				// A watchdog: how long the UI thread took to get to this.
				if d := time.Since(asked); d > 50*time.Millisecond {
					fmt.Fprintf(os.Stderr, "test hook: UI wait %d ms\n", d.Milliseconds())
					if stalls != nil {
						stalls.report(os.Stderr, "the editor was in use")
					}
				}
				if line != last {
					fmt.Fprintln(os.Stderr, line)
					last = line
				}
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
}

func editorState(w *CourseWindow) string {
	ed := w.View.Page.Text
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(ed)
	size := ed.Size()
	s, e := ed.Selection()
	tree := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.View.Tree)
	return fmt.Sprintf("test hook: editor x=%d y=%d w=%d h=%d scale=%g lines=%d top=%d bottom=%d len=%d cursor=%d sel=%d,%d tree=%d,%d",
		int(pos.X), int(pos.Y), int(size.Width), int(size.Height), w.Win.Canvas().Scale(),
		ed.Lines(), ed.TopLine(), ed.BottomLine(), ed.Len(), ed.CursorOffset(), s, e, int(tree.X), int(tree.Y))
}
