// Command entryapp is bench/typing.sh's baseline: a window holding a
// stock Fyne multi-line widget.Entry with a page's text, as wide and tall
// as Coursewright's page editor, to type into with bench/keylatency; and
// the baselines of bench/idle.sh.
//
//	entryapp [-bare] FILE
//
// Once the window shows, the Entry has the focus and the cursor is at the
// start of its middle line, and entryapp prints "entryapp: ready x=X y=Y
// w=W h=H" (the Entry's place in the window) to standard error. With
// -bare the window holds only a label with the file's name: what Fyne
// itself costs when nothing in the window changes.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	bare := flag.Bool("bare", false, "a window with only a label: no entry, nothing focused")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: entryapp [-bare] FILE")
		os.Exit(2)
	}
	b, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "entryapp:", err)
		os.Exit(1)
	}
	a := app.NewWithID("org.coursewright.bench.entryapp")
	w := a.NewWindow("entryapp")
	if *bare {
		w.SetContent(widget.NewLabel(flag.Arg(0)))
		w.Resize(fyne.NewSize(1200, 800))
		go func() {
			time.Sleep(time.Second)
			fmt.Fprintln(os.Stderr, "entryapp: ready (bare)")
		}()
		w.ShowAndRun()
		return
	}
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetText(string(b))
	// The page editor's column: 270 px of tree on the left, the preview
	// on the right.
	left, right := canvas.NewRectangle(nil), canvas.NewRectangle(nil)
	left.SetMinSize(fyne.NewSize(270, 1))
	right.SetMinSize(fyne.NewSize(427, 1))
	w.SetContent(container.NewBorder(nil, nil, left, right, e))
	w.Resize(fyne.NewSize(1200, 800))
	go func() {
		time.Sleep(time.Second)
		fyne.DoAndWait(func() {
			w.Canvas().Focus(e)
			e.CursorRow = strings.Count(e.Text, "\n") / 2
			e.CursorColumn = 0
			e.Refresh()
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
			fmt.Fprintf(os.Stderr, "entryapp: ready x=%d y=%d w=%d h=%d\n", int(pos.X), int(pos.Y), int(e.Size().Width), int(e.Size().Height))
		})
	}()
	w.ShowAndRun()
}
