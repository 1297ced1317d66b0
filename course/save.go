package course

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// fileOp is a file or folder move waiting for Save: a module reslug, a
// removal to the trash, or a restore from it.
type fileOp struct {
	from, to string // slash paths relative to the course
}

// trashPath picks where a removed file or folder goes: a dated folder
// under .coursewright/trash that Jekyll ignores (it skips dot folders)
// and from which undo brings it back.
func trashPath(rel string) string {
	return TrashDir + "/" + time.Now().UTC().Format("20060102-150405.000000000") + "/" + rel
}

// Modified reports whether anything differs from the folder on disk.
func (c *Course) Modified() bool {
	if len(c.ops) > 0 {
		return true
	}
	if c.Data != nil && !bytes.Equal(c.Data.Bytes(), c.dataOrig) {
		return true
	}
	if c.Config != nil && !bytes.Equal(c.Config.Bytes(), c.configOrig) {
		return true
	}
	for _, p := range c.AllPages() {
		if p.Modified() {
			return true
		}
	}
	return false
}

// Save writes what changed since the course was loaded or last saved, and
// nothing else: moves and removals first, then renamed pages, then the
// files whose bytes changed, each written atomically. It returns the
// course-relative paths it created, changed, moved or removed.
//
// A save that moves files is journaled (EditJournalFile): cut short, it is
// completed by the next Load.
func (c *Course) Save() ([]string, error) {
	var touched []string
	pages := c.AllPages()

	if plan := c.savePlan(pages); len(plan.Moves) > 0 {
		f, err := openJournal(c.Dir, plan)
		if err != nil {
			return nil, err
		}
		c.journal = f
		defer func() {
			f.Close()
			c.journal, c.journalStep = nil, 0
		}()
	}

	for len(c.ops) > 0 {
		op := c.ops[0]
		if err := c.move(op.from, op.to); err != nil {
			return touched, err
		}
		touched = append(touched, op.from, op.to)
		for _, p := range pages {
			if p.loadedPath == op.from || strings.HasPrefix(p.loadedPath, op.from+"/") {
				p.loadedPath = op.to + p.loadedPath[len(op.from):]
			}
		}
		c.ops = c.ops[1:]
	}

	// Renames go through a temporary name first, so that two pages that
	// swap dates never collide.
	var renamed []*Page
	for _, p := range pages {
		if p.loadedPath != "" && p.loadedPath != p.Path {
			tmp := p.loadedPath + ".cw-move"
			if err := c.move(p.loadedPath, tmp); err != nil {
				return touched, err
			}
			touched = append(touched, p.loadedPath)
			p.loadedPath = tmp
			renamed = append(renamed, p)
		}
	}
	for _, p := range renamed {
		if err := c.move(p.loadedPath, p.Path); err != nil {
			return touched, err
		}
		p.loadedPath = p.Path
		touched = append(touched, p.Path)
	}

	var conflicts []*DiskConflict
	for _, p := range pages {
		if p.loadedPath != "" && !(p.dirty && p.text() != p.origText()) {
			p.dirty = false
			continue
		}
		text := p.text()
		var check func(full string) func() error
		if p.saved && p.loadedPath == p.Path {
			check = func(full string) func() error { return c.unchangedOnDisk(p, full) }
		}
		if err := c.writeIf(p.Path, []byte(text), check); err != nil {
			var dc *DiskConflict
			if errors.As(err, &dc) {
				conflicts = append(conflicts, dc)
				continue
			}
			return touched, err
		}
		p.orig, p.saved, p.loadedPath, p.dirty, p.src = text, true, p.Path, false, nil
		touched = append(touched, p.Path)
	}

	if c.Data != nil && !bytes.Equal(c.Data.Bytes(), c.dataOrig) {
		if err := c.write(DataFile, c.Data.Bytes()); err != nil {
			return touched, err
		}
		c.dataOrig = append([]byte(nil), c.Data.Bytes()...)
		touched = append(touched, DataFile)
	}
	if c.Config != nil && !bytes.Equal(c.Config.Bytes(), c.configOrig) {
		if err := c.write(ConfigFile, c.Config.Bytes()); err != nil {
			return touched, err
		}
		c.configOrig = append([]byte(nil), c.Config.Bytes()...)
		touched = append(touched, ConfigFile)
	}
	if c.journal != nil {
		if err := removeJournal(c.Dir); err != nil {
			return touched, fmt.Errorf("save: %w", err)
		}
	}
	if len(conflicts) > 0 {
		return touched, &ConflictError{Conflicts: conflicts}
	}
	return touched, nil
}

// savePlan is what Save is about to do, for its journal: the moves in the
// order Save makes them, then the files it writes with their bytes.
func (c *Course) savePlan(pages []*Page) *journal {
	j := &journal{}
	loaded := map[*Page]string{}
	for _, p := range pages {
		loaded[p] = p.loadedPath
	}
	for _, op := range c.ops {
		j.Moves = append(j.Moves, op)
		for _, p := range pages {
			if l := loaded[p]; l == op.from || strings.HasPrefix(l, op.from+"/") {
				loaded[p] = op.to + l[len(op.from):]
			}
		}
	}
	var finals []fileOp
	for _, p := range pages {
		if l := loaded[p]; l != "" && l != p.Path {
			j.Moves = append(j.Moves, fileOp{l, l + ".cw-move"})
			finals = append(finals, fileOp{l + ".cw-move", p.Path})
		}
	}
	j.Moves = append(j.Moves, finals...)
	if len(j.Moves) == 0 {
		return j
	}
	for _, p := range pages {
		if p.loadedPath != "" && p.loadedPath == p.Path && !(p.dirty && p.text() != p.origText()) {
			continue
		}
		j.Files = append(j.Files, journalFile{Path: p.Path, Data: []byte(p.text())})
	}
	if c.Data != nil && !bytes.Equal(c.Data.Bytes(), c.dataOrig) {
		j.Files = append(j.Files, journalFile{Path: DataFile, Data: c.Data.Bytes()})
	}
	if c.Config != nil && !bytes.Equal(c.Config.Bytes(), c.configOrig) {
		j.Files = append(j.Files, journalFile{Path: ConfigFile, Data: c.Config.Bytes()})
	}
	return j
}

// step runs the failure hook of tests before a move or write.
func (c *Course) step(what string) error {
	if c.failHook != nil {
		return c.failHook(what)
	}
	return nil
}

func (c *Course) write(rel string, data []byte) error {
	return c.writeIf(rel, data, nil)
}

// writeIf writes a file of the course; check, when set, makes the check
// WriteFileAtomicIf runs right before the rename, for the full path.
func (c *Course) writeIf(rel string, data []byte, check func(full string) func() error) error {
	full, err := SafeJoin(c.Dir, rel)
	if err != nil {
		return fmt.Errorf("save %s: %w", rel, err)
	}
	made := missingDirs(c.Dir, filepath.Dir(full))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return fmt.Errorf("save %s: %w", rel, err)
	}
	// A write that fails leaves no folder it made: a module added on a
	// full disk leaves no empty module folder.
	written := false
	defer func() {
		if !written {
			for _, d := range made {
				_ = os.Remove(d) // deepest first; only if empty
			}
		}
	}()
	if err := c.step("write " + rel); err != nil {
		return fmt.Errorf("save %s: %w", rel, err)
	}
	var checkFull func() error
	if check != nil {
		checkFull = check(full)
	}
	if err := WriteFileAtomicIf(full, data, 0o644, checkFull); err != nil {
		var dc *DiskConflict
		if errors.As(err, &dc) {
			return err
		}
		return fmt.Errorf("save %s: %w", rel, err)
	}
	written = true
	if st, err := os.Stat(full); err == nil {
		c.stamps[rel] = stamp{st.Size(), st.ModTime()}
	}
	return nil
}

// missingDirs lists the folders from dir up to (not including) root that
// do not exist yet, deepest first.
func missingDirs(root, dir string) []string {
	var out []string
	for d := dir; d != root && isInsideDir(root, d); d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		}
		out = append(out, d)
	}
	return out
}

func isInsideDir(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
}

// move renames a file or folder inside the course, never over an existing
// one.
func (c *Course) move(from, to string) error {
	src, err := SafeJoin(c.Dir, from)
	if err != nil {
		return fmt.Errorf("move %s: %w", from, err)
	}
	dst, err := SafeJoin(c.Dir, to)
	if err != nil {
		return fmt.Errorf("move %s to %s: %w", from, to, err)
	}
	if _, err := os.Lstat(src); errors.Is(err, fs.ErrNotExist) {
		return c.markMoved() // never saved: nothing on disk to move
	}
	if err := c.step("move " + from); err != nil {
		return fmt.Errorf("move %s to %s: %w", from, to, err)
	}
	if _, err := os.Lstat(dst); err == nil {
		return errorOf(ErrExists, "cannot move %s to %s: something is already there", from, to)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("move %s: %w", from, err)
	}
	if err := os.Rename(src, dst); err != nil {
		return fmt.Errorf("move %s to %s: %w", from, to, err)
	}
	if st, ok := c.stamps[from]; ok {
		delete(c.stamps, from)
		c.stamps[to] = st
	}
	_ = fsyncDir(filepath.Dir(dst))
	return c.markMoved()
}

// markMoved records in the journal, when Save keeps one, that its next
// move is done.
func (c *Course) markMoved() error {
	if c.journal == nil {
		return nil
	}
	err := markDone(c.journal, c.journalStep)
	c.journalStep++
	return err
}
