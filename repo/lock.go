package repo

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// lockOwnerTag starts the text Coursewright writes into .git/index.lock
// while it holds it. git never reads a lock file's content (only its
// existence matters to git), so the owner's pid and host can live there,
// and a later run can tell a dead Coursewright's lock from a live one.
const lockOwnerTag = "coursewright-lock"

// indexLock is .git/index.lock held by this process. git takes the same
// file before it changes the index, so holding it keeps a concurrent `git
// add`/`git commit` (and a second Coursewright) out until we are done.
type indexLock struct {
	gitDir   string
	lockPath string
	held     bool
}

// lockIndex takes .git/index.lock. A lock left by a Coursewright process
// that no longer runs (same host, pid gone) is broken at once; any other
// lock only once it is older than Options.StaleLockAge. The returned note,
// when not empty, says which lock was broken, for the user.
func (r *Repo) lockIndex() (*indexLock, string, error) {
	lockPath := filepath.Join(r.gitDir, "index.lock")
	note := ""
	for attempt := 0; attempt < 2; attempt++ {
		err := createOwnedLock(lockPath)
		if err == nil {
			l := &indexLock{gitDir: r.gitDir, lockPath: lockPath, held: true}
			l.cleanLeftovers(r.opts.StaleLockAge)
			return l, note, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, "", fmt.Errorf("creating the lock file %s: %w", lockPath, err)
		}
		if attempt == 0 {
			if msg := r.breakStaleIndexLock(lockPath); msg != "" {
				note = msg
				r.opts.Logf("%s", msg)
				continue
			}
		}
		break
	}
	return nil, "", fmt.Errorf("%w (%s exists; if no git or Coursewright is running, delete that file)", ErrLocked, lockPath)
}

// createOwnedLock creates lockPath holding this process's pid and host, in
// one step: the text is written to a temporary file that is then hard-linked
// to lockPath, which fails if lockPath exists (like O_EXCL). A process killed
// midway thus never leaves an empty lock that would look like git's and
// block saving until it is old.
func createOwnedLock(lockPath string) error {
	host, _ := os.Hostname()
	owner := fmt.Sprintf("%s pid=%d host=%s\n", lockOwnerTag, os.Getpid(), host)
	tmp, err := os.CreateTemp(filepath.Dir(lockPath), "cw-lock-*.tmp")
	if err != nil {
		return fmt.Errorf("creating the lock file %s: %w", lockPath, err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.WriteString(owner)
	if err := errors.Join(werr, tmp.Close()); err != nil {
		return fmt.Errorf("creating the lock file %s: %w", lockPath, err)
	}
	err = os.Link(tmp.Name(), lockPath)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	// No hard links on this file system: fall back to O_EXCL and write.
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	_, werr = f.WriteString(owner)
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(lockPath)
		return fmt.Errorf("writing the lock file %s: %w", lockPath, err)
	}
	return nil
}

// breakStaleIndexLock removes lockPath when its owner is gone and returns a
// message saying so, or returns "" and leaves it.
func (r *Repo) breakStaleIndexLock(lockPath string) string {
	fi, err := os.Stat(lockPath)
	if err != nil {
		return ""
	}
	age := time.Since(fi.ModTime())
	pid, host, ours := readLockOwner(lockPath)
	thisHost, _ := os.Hostname()
	reason := ""
	switch {
	case ours && host == thisHost:
		alive, known := processAlive(pid)
		if known && alive {
			return ""
		}
		if known {
			reason = fmt.Sprintf("Coursewright process %d stopped while saving and is no longer running", pid)
		} else if age > r.opts.StaleLockAge {
			reason = fmt.Sprintf("it is %s old", age.Round(time.Second))
		}
	case age > r.opts.StaleLockAge:
		reason = fmt.Sprintf("it is %s old and no program is updating it", age.Round(time.Second))
	}
	if reason == "" {
		return ""
	}
	if err := os.Remove(lockPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	// A process killed between taking a branch's lock and renaming it
	// into place leaves refs/heads/NAME.lock too. It was created after the
	// index lock it held; a lock that old cannot belong to a live save.
	if ours {
		removeRefLocksSince(r.gitDir, fi.ModTime().Add(-time.Second))
	}
	return fmt.Sprintf("Removed a leftover lock file (%s): %s. Nothing was lost; saving continues.", lockPath, reason)
}

// readLockOwner parses "coursewright-lock pid=N host=H" from a lock file.
func readLockOwner(path string) (pid int, host string, ours bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", false
	}
	defer f.Close()
	line, _ := bufio.NewReader(io.LimitReader(f, 512)).ReadString('\n')
	fields := strings.Fields(line)
	if len(fields) < 3 || fields[0] != lockOwnerTag {
		return 0, "", false
	}
	for _, kv := range fields[1:] {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "pid":
			pid, _ = strconv.Atoi(v)
		case "host":
			host = v
		}
	}
	return pid, host, pid > 0
}

func removeRefLocksSince(gitDir string, since time.Time) {
	candidates := []string{filepath.Join(gitDir, "HEAD.lock")}
	_ = filepath.WalkDir(filepath.Join(gitDir, "refs"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".lock") {
			candidates = append(candidates, p)
		}
		return nil
	})
	for _, p := range candidates {
		if fi, err := os.Stat(p); err == nil && !fi.ModTime().Before(since) {
			os.Remove(p)
		}
	}
}

// cleanLeftovers removes temporary files a killed Coursewright left: index
// files never renamed into place (only written under this lock, so none can
// be in use now) and go-git's temporary objects (written without the lock by
// fetch, hence only old ones).
func (l *indexLock) cleanLeftovers(staleAge time.Duration) {
	if m, _ := filepath.Glob(filepath.Join(l.gitDir, "index.cw-*.tmp")); len(m) > 0 {
		for _, p := range m {
			os.Remove(p)
		}
	}
	// Owner files of locks being taken: a live one exists for microseconds.
	if m, _ := filepath.Glob(filepath.Join(l.gitDir, "cw-lock-*.tmp")); len(m) > 0 {
		for _, p := range m {
			if fi, err := os.Stat(p); err == nil && time.Since(fi.ModTime()) > time.Minute {
				os.Remove(p)
			}
		}
	}
	m, _ := filepath.Glob(filepath.Join(l.gitDir, "objects", "pack", "tmp_obj_*"))
	for _, p := range m {
		if fi, err := os.Stat(p); err == nil && time.Since(fi.ModTime()) > staleAge {
			os.Remove(p)
		}
	}
}

// writeIndex writes idx as the new .git/index — into a temporary file
// renamed over the index, so a kill leaves the old index or the new one.
// The lock stays held until release.
func (l *indexLock) writeIndex(idx *index.Index) error {
	if !l.held {
		return errors.New("internal error: writing the index without holding its lock")
	}
	var buf bytes.Buffer
	if err := encodeIndex(&buf, idx); err != nil {
		return fmt.Errorf("encoding the index: %w", err)
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := filepath.Join(l.gitDir, "index.cw-"+hex.EncodeToString(rnd[:])+".tmp")
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing the index: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(l.gitDir, "index")); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("replacing the index: %w", err)
	}
	return nil
}

// release gives the lock up without changing the index.
func (l *indexLock) release() {
	if l.held {
		os.Remove(l.lockPath)
		l.held = false
	}
}

// readIndex reads .git/index; a missing index is an empty one.
func readIndex(gitDir string) (*index.Index, time.Time, error) {
	p := filepath.Join(gitDir, "index")
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return &index.Index{Version: 2}, time.Time{}, nil
	}
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("reading the index %s: %w", p, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("reading the index %s: %w", p, err)
	}
	idx := &index.Index{}
	if err := index.NewDecoder(bufio.NewReader(f)).Decode(idx); err != nil {
		return nil, time.Time{}, fmt.Errorf("reading the index %s (written by a git feature Coursewright cannot read; run `git status` once, or delete the file and save again): %w", p, err)
	}
	for _, e := range idx.Entries {
		// Stage 0 is a merged entry (go-git's index.Merged constant is 1, which is
		// the merge base's stage in git's format).
		if e.Stage != 0 {
			return nil, time.Time{}, ErrUnfinishedGitMerge
		}
	}
	return idx, fi.ModTime(), nil
}

// encodeIndex writes idx in the oldest format that holds its entries. The
// cache-tree and other extensions read from git's index are dropped (go-git
// does not write them): a stale cache-tree would make git commit old trees,
// while a missing one only makes git rebuild it.
func encodeIndex(w io.Writer, idx *index.Index) error {
	out := *idx
	out.Version = 2
	for _, e := range out.Entries {
		if e.IntentToAdd || e.SkipWorktree {
			out.Version = 3
			break
		}
	}
	out.Cache, out.ResolveUndo, out.EndOfIndexEntry = nil, nil, nil
	return index.NewEncoder(w).Encode(&out)
}
