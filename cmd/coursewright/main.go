// Command coursewright writes P2PU Course-in-a-Box courses. Started with a
// verb it works headless, as a CLI: every job the desktop app does has a
// verb here, so scripts and CI can do it too.
package main

import (
	"os"

	_ "github.com/coursewright/coursewright/internal/plainlocale" // before Fyne reads the locale
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
