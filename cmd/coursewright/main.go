// Command coursewright writes P2PU Course-in-a-Box courses. Started with a
// verb it works headless, as a CLI: every job the desktop app does has a
// verb here, so scripts and CI can do it too.
//
// Built without cgo (CGO_ENABLED=0 go install …) it is the CLI alone, with
// no C compiler or OpenGL headers needed: gui_nowindow.go says so when
// asked for the window.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
