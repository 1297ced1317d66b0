//go:build !cgo

package main

import "errors"

// hasWindow: a build without cgo (CGO_ENABLED=0, as a CI job or server
// without a C compiler makes it) cannot link Fyne's OpenGL driver, so it
// is the command line alone. Every verb works; only the window is missing.
const hasWindow = false

// errNoWindow says why there is no window and how to get a build with one.
var errNoWindow = errors.New(`this coursewright was built without cgo (CGO_ENABLED=0), so it has no window: every verb works (see coursewright help), but not the desktop app.
For the app, build with a C compiler and the OpenGL headers (see the README's Getting started):
  CGO_ENABLED=1 go install github.com/coursewright/coursewright/cmd/coursewright@latest`)

// gui cannot open the desktop app in this build: it says so.
func (a *app) gui(string) error { return errNoWindow }
