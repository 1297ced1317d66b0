package repo

import (
	"os"
	"path/filepath"
	"time"
)

// removeOwnTempObjects deletes the temporary object files (tmp_obj_*) that
// go-git began since started, after a save failed: a write cut short by a
// full disk or a cancellation leaves them behind, and nothing else would
// remove them until they are old. Older ones may belong to a fetch still
// running; lockIndex removes those once they are stale.
func removeOwnTempObjects(gitDir string, started time.Time) {
	m, _ := filepath.Glob(filepath.Join(gitDir, "objects", "pack", "tmp_obj_*"))
	for _, p := range m {
		if fi, err := os.Stat(p); err == nil && !fi.ModTime().Before(started.Add(-time.Second)) {
			os.Remove(p)
		}
	}
}
