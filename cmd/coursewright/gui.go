package main

import (
	"os"
	"path/filepath"
	"runtime"

	"github.com/coursewright/coursewright/course"
)

const openDoc = `Open the course in DIR in the desktop app. Without a verb, coursewright
opens the app's start screen instead (recent courses, a new course, the
sample course).`

// openCourse is the open verb: check that DIR is a course, then show it.
func (a *app) openCourse(cmd command, args []string) error {
	f := a.flags(cmd)
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	dir := pos[0]
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(*f.dir, dir)
	}
	// A wrong folder is a plain error here, before any window opens.
	if _, err := course.Load(dir); err != nil {
		return err
	}
	return a.gui(dir)
}

// haveDisplay reports whether a window can open: on X11 and Wayland
// systems a session says where its display is.
func haveDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}
