package course

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// EditJournalFile records a save that moves files (a module reslug, a
// page moved within or across modules) while it runs: written before the
// first rename, removed after the last write. A save cut short — a full
// disk, a crash — leaves it behind, and the next Load completes the save
// from it, so course.yml, the moved folders and the links between pages
// never stay half-changed. It lives in .coursewright, which is not
// course content.
const EditJournalFile = ".coursewright/edit-journal"

// journal is the plan of one save: the moves in order, then the files
// written with their new bytes. Each move done is appended as a "done N"
// line after the plan, so a move is never made twice (a page that swaps
// dates with another passes through a temporary name).
type journal struct {
	Moves []fileOp      `json:"moves"`
	Files []journalFile `json:"files"`
}

type journalFile struct {
	Path string `json:"path"`
	Data []byte `json:"data"`
}

func (op fileOp) MarshalJSON() ([]byte, error) {
	return json.Marshal([2]string{op.from, op.to})
}

func (op *fileOp) UnmarshalJSON(b []byte) error {
	var a [2]string
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	op.from, op.to = a[0], a[1]
	return nil
}

// openJournal writes the journal of a save and returns it open for the
// "done" lines; the caller closes and removes it.
func openJournal(dir string, j *journal) (*os.File, error) {
	data, err := json.Marshal(j)
	if err != nil {
		return nil, err
	}
	full := filepath.Join(dir, filepath.FromSlash(EditJournalFile))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return nil, fmt.Errorf("write the edit journal: %w", err)
	}
	if err := WriteFileAtomic(full, append(data, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("write the edit journal: %w", err)
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, fmt.Errorf("write the edit journal: %w", err)
	}
	return f, nil
}

// markDone records that move i is done.
func markDone(f *os.File, i int) error {
	if _, err := fmt.Fprintf(f, "done %d\n", i); err != nil {
		return fmt.Errorf("write the edit journal: %w", err)
	}
	return f.Sync()
}

func removeJournal(dir string) error {
	err := os.Remove(filepath.Join(dir, filepath.FromSlash(EditJournalFile)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// readJournal reads a journal left behind; nil when there is none.
func readJournal(dir string) (*journal, map[int]bool, error) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(EditJournalFile)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), len(data)+1)
	if !sc.Scan() {
		return nil, nil, errors.New("the edit journal is empty")
	}
	var j journal
	if err := json.Unmarshal(sc.Bytes(), &j); err != nil {
		return nil, nil, fmt.Errorf("the edit journal is damaged: %w", err)
	}
	done := map[int]bool{}
	for sc.Scan() {
		if n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "done ")); err == nil {
			done[n] = true
		}
	}
	return &j, done, nil
}

// completeJournal finishes a save that a journal says was cut short: the
// moves not done yet, then every file's new bytes (writing a file again
// is harmless). It runs holding the course's edit lock, and only when the
// lock is free at once: a journal whose save is still running in another
// program is that program's. It reports whether a save was completed.
func completeJournal(dir string) (bool, error) {
	journalFull := filepath.Join(dir, filepath.FromSlash(EditJournalFile))
	_, err := os.Stat(journalFull)
	journalTemps := atomicTemps(journalFull)
	if err != nil && len(journalTemps) == 0 {
		return false, nil
	}
	unlock, err := LockForEdit(dir, 50*time.Millisecond)
	if err != nil {
		return false, nil // another program is saving: its journal
	}
	defer unlock()
	// A save killed while it wrote its journal changed nothing else.
	for _, tmp := range atomicTemps(journalFull) {
		_ = os.Remove(tmp)
	}
	j, done, err := readJournal(dir)
	if err != nil || j == nil {
		return false, err
	}
	for i, op := range j.Moves {
		if done[i] {
			continue
		}
		src, err := SafeJoin(dir, op.from)
		if err != nil {
			return false, err
		}
		dst, err := SafeJoin(dir, op.to)
		if err != nil {
			return false, err
		}
		_, serr := os.Lstat(src)
		_, derr := os.Lstat(dst)
		switch {
		case serr == nil && derr != nil: // not made yet
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return false, err
			}
			if err := os.Rename(src, dst); err != nil {
				return false, fmt.Errorf("complete the interrupted edit: move %s to %s: %w", op.from, op.to, err)
			}
		case serr != nil && derr == nil: // made, but not marked
		case serr != nil: // neither: the source never was saved
		default:
			return false, fmt.Errorf("complete the interrupted edit: both %s and %s exist", op.from, op.to)
		}
	}
	for _, f := range j.Files {
		full, err := SafeJoin(dir, f.Path)
		if err != nil {
			return false, err
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return false, err
		}
		if err := WriteFileAtomic(full, f.Data, 0o644); err != nil {
			return false, fmt.Errorf("complete the interrupted edit: %w", err)
		}
		// The save that was cut short may have been killed while it
		// wrote this file, between making its temporary file and
		// renaming it into place.
		for _, tmp := range atomicTemps(full) {
			_ = os.Remove(tmp)
		}
	}
	return true, removeJournal(dir)
}

// atomicTemps are the temporary files WriteFileAtomic left beside full
// (".NAME.DIGITS.tmp"), when it was killed before renaming one into place.
func atomicTemps(full string) []string {
	dir, name := filepath.Split(full)
	prefix := "." + shortName(name, 40) + "."
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var temps []string
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || len(n) <= len(prefix)+len(".tmp") || !strings.HasPrefix(n, prefix) || !strings.HasSuffix(n, ".tmp") {
			continue
		}
		if digits := n[len(prefix) : len(n)-len(".tmp")]; digits != "" && strings.Trim(digits, "0123456789") == "" {
			temps = append(temps, filepath.Join(dir, n))
		}
	}
	return temps
}
