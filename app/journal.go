package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/coursewright/coursewright/course"
)

// The journal keeps the text typed since the last save, so that a crash,
// a kill or a power cut loses at most the last second of work. It lives
// in the app's storage, never in the course folder: it must not be
// published, committed or picked up by Jekyll.

// JournalDelay is how long after the last key the journal is written.
const JournalDelay = 700 * time.Millisecond

// journalEntry is one course's recovery file.
type journalEntry struct {
	Dir     string            `json:"dir"`     // the course folder
	Written time.Time         `json:"written"` // when the text was journaled
	Pages   map[string]string `json:"pages"`   // unsaved page bodies by path
}

// journal reads and writes recovery files in one folder.
type journal struct{ root string }

// path is the recovery file of a course folder: a hash of the folder's
// absolute path, which is unique and safe as a file name.
func (j journal) path(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(j.root, hex.EncodeToString(sum[:12])+".json")
}

// write saves the unsaved pages of a course, or removes its file when
// there are none. Writes are atomic: a crash while writing leaves the
// previous journal.
func (j journal) write(dir string, pages map[string]string, now time.Time) error {
	if len(pages) == 0 {
		return j.remove(dir)
	}
	data, err := json.Marshal(journalEntry{Dir: dir, Written: now, Pages: pages})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(j.root, 0o700); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if err := course.WriteFileAtomic(j.path(dir), data, 0o600); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// read returns the journal of a course folder; ok is false when there is
// none (or it cannot be read: a damaged journal is not worth an error at
// every start).
func (j journal) read(dir string) (journalEntry, bool) {
	data, err := os.ReadFile(j.path(dir))
	if err != nil {
		return journalEntry{}, false
	}
	var e journalEntry
	if json.Unmarshal(data, &e) != nil || len(e.Pages) == 0 {
		return journalEntry{}, false
	}
	return e, true
}

func (j journal) remove(dir string) error {
	err := os.Remove(j.path(dir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// differences lists the journaled pages whose text differs from the
// course as loaded, in path order, with both texts.
func (e journalEntry) differences(c *course.Course) []pageDiff {
	var out []pageDiff
	for path, body := range e.Pages {
		p := c.PageByPath(path)
		if p == nil || p.Body() == body {
			continue
		}
		out = append(out, pageDiff{path: path, page: p, disk: p.Body(), journal: body})
	}
	sortDiffs(out)
	return out
}
