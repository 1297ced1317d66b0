package editor

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

// Issue 12: the app's saves take the course's edit lock, as CLI edits do:
// while a command holds it, a save waits, then reports that another
// program is editing and writes nothing; once it is free, the save goes
// through.
func TestSaveTakesTheCourseEditLock(t *testing.T) {
	dir := testcorpus.Copy(t, "course-in-a-box")
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := c.AllPages()[0]
	before, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Path)))
	if err != nil {
		t.Fatal(err)
	}
	p.SetBody("Saved while a command was editing.\n\n" + p.Body())

	unlock, err := course.LockForEdit(dir, time.Second) // a CLI edit under way
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := saveCourse(c); !errors.Is(err, course.ErrEditing) {
		t.Fatalf("save while the course is locked: %v, want ErrEditing", err)
	}
	if waited := time.Since(start); waited < saveLockWait/2 {
		t.Errorf("the save gave up after %s without waiting for the lock", waited)
	}
	after, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Path)))
	if string(after) != string(before) {
		t.Error("the page was written while another program held the lock")
	}
	unlock()

	if _, err := saveCourse(c); err != nil {
		t.Fatalf("save once the lock is free: %v", err)
	}
	after, _ = os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Path)))
	if !strings.Contains(string(after), "Saved while a command was editing.") {
		t.Error("the page was not saved once the lock was free")
	}
}
