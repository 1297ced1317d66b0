package editor

import (
	"time"

	"github.com/coursewright/coursewright/course"
)

// saveLockWait is how long a save in the app waits for a command-line
// edit of the same course (which takes milliseconds) to finish.
const saveLockWait = 2 * time.Second

// saveCourse saves c holding the course's edit lock, the one every
// coursewright command that edits takes: a page saved while `module add`
// rewrites course.yml would otherwise be checked against the files before
// that command wrote them. When another program keeps the lock,
// course.ErrEditing is returned and nothing is written; the changes stay
// unsaved in the window.
func saveCourse(c *course.Course) ([]string, error) {
	unlock, err := course.LockForEdit(c.Dir, saveLockWait)
	if err != nil {
		return nil, err
	}
	defer unlock()
	return c.Save()
}
