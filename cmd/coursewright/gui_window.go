//go:build cgo

package main

import cwapp "github.com/coursewright/coursewright/app"

// hasWindow: this build links the desktop app (Fyne's OpenGL driver needs
// cgo).
const hasWindow = true

// gui runs the desktop app, on the course in dir or on its start screen.
func (a *app) gui(dir string) error {
	if !haveDisplay() {
		return &usageError{msg: "no verb given, and no display to open the desktop app on", usage: usage()}
	}
	return cwapp.Run(cwapp.Options{Dir: dir, Hook: cwapp.HookFromEnv()})
}
