package app

import (
	"encoding/json"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/coursewright/coursewright/course"
)

// Fyne keeps the app's preferences (recent courses, window size, the
// language) in preferences.json, which it writes in place: it truncates
// the file, then writes it (fyne-io/fyne#2936). A start that reads the
// file in between — another Coursewright writing it, or a run stopped
// mid-write that left it empty — logs "Preferences load error: EOF" and
// starts with no preferences. Fyne's own reads and writes are Fyne's
// (they stay non-atomic); what the app does is check the file before Fyne
// reads it: a torn file is waited for briefly, and when it stays torn it
// is replaced by the last good copy, which the app keeps beside it and
// writes atomically.

// fynePrefsPath is where Fyne keeps the preferences of the app with id,
// as fyne.io/fyne/v2/internal/app's rootConfigDir places them.
func fynePrefsPath(id string) string {
	var root string
	switch runtime.GOOS {
	case "darwin":
		home, _ := os.UserHomeDir()
		root = filepath.Join(home, "Library", "Preferences")
	case "windows":
		home, _ := os.UserHomeDir()
		root = filepath.Join(home, "AppData", "Roaming")
	default:
		root, _ = os.UserConfigDir()
	}
	return filepath.Join(root, "fyne", id, "preferences.json")
}

// prefsWait is how long a torn preferences file is given to be finished
// by whoever is writing it.
const prefsWait = 300 * time.Millisecond

// mendPrefs makes the preferences file at path whole before Fyne reads
// it, and keeps its last good copy (path + ".good") up to date. It
// reports what it did, for the log ("" when nothing was wrong).
func mendPrefs(path string) string {
	good := path + ".good"
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return ""
	}
	for deadline := time.Now().Add(prefsWait); !whole(data) && time.Now().Before(deadline); {
		time.Sleep(30 * time.Millisecond)
		data, _ = os.ReadFile(path)
	}
	if whole(data) {
		if old, err := os.ReadFile(good); err != nil || string(old) != string(data) {
			_ = course.WriteFileAtomic(good, data, 0o600)
		}
		return ""
	}
	if saved, err := os.ReadFile(good); err == nil && whole(saved) {
		if err := course.WriteFileAtomic(path, saved, 0o600); err == nil {
			return "the preferences file was cut short (written by Fyne while read); restored its last good copy"
		}
	}
	if err := os.Rename(path, path+".broken"); err == nil {
		return "the preferences file was cut short and no good copy was kept; moved it aside as preferences.json.broken"
	}
	return ""
}

// whole reports whether data is a complete preferences file: a JSON
// object (Fyne writes one, even when empty).
func whole(data []byte) bool {
	var v map[string]any
	return len(data) > 0 && json.Unmarshal(data, &v) == nil
}

// mendFynePrefs mends the preferences of the app with id (see mendPrefs).
func mendFynePrefs(id string) {
	if msg := mendPrefs(fynePrefsPath(id)); msg != "" {
		log.Println("Coursewright:", msg)
	}
}
