package repo

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// safeStorage is go-git's filesystem storage with the writes that go-git
// does in place (truncate, then write) replaced by git's own protocol:
// write NAME.lock (created with O_EXCL, so a concurrent git or Coursewright
// fails instead of interleaving), then rename it over NAME. A process killed
// at any moment leaves either the old file or the new one, never a
// truncated ref, config or index. Objects need no help: go-git writes them
// to a temporary file and renames it.
//
// Every write go-git makes on our behalf — remote-tracking refs after fetch
// and push, the config when the remote is set — goes through here.
type safeStorage struct {
	*filesystem.Storage
	gitDir   string
	staleAge time.Duration
	logf     func(format string, args ...any)
}

var _ storage.Storer = (*safeStorage)(nil)

// SetReference writes ref atomically.
func (s *safeStorage) SetReference(ref *plumbing.Reference) error {
	return s.CheckAndSetReference(ref, nil)
}

// CheckAndSetReference writes ref atomically when the ref currently points
// where old says (old nil: no check).
func (s *safeStorage) CheckAndSetReference(ref, old *plumbing.Reference) error {
	var content string
	switch ref.Type() {
	case plumbing.SymbolicReference:
		content = "ref: " + ref.Target().String() + "\n"
	case plumbing.HashReference:
		content = ref.Hash().String() + "\n"
	default:
		return fmt.Errorf("writing ref %s: invalid reference", ref.Name())
	}
	return s.writeRef(ref.Name(), content, func() error {
		if old == nil {
			return nil
		}
		cur, err := s.Storage.Reference(ref.Name())
		if err != nil {
			if errors.Is(err, plumbing.ErrReferenceNotFound) {
				return storage.ErrReferenceHasChanged
			}
			return err
		}
		if cur.Hash() != old.Hash() || cur.Target() != old.Target() {
			return storage.ErrReferenceHasChanged
		}
		return nil
	})
}

// updateRef points name at h when it currently points at old (zero hash:
// the ref must not exist yet).
func (s *safeStorage) updateRef(name plumbing.ReferenceName, h, old plumbing.Hash) error {
	return s.writeRef(name, h.String()+"\n", func() error {
		cur, err := s.Storage.Reference(name)
		switch {
		case errors.Is(err, plumbing.ErrReferenceNotFound):
			if old.IsZero() {
				return nil
			}
			return fmt.Errorf("branch %s was removed while saving: %w", name.Short(), storage.ErrReferenceHasChanged)
		case err != nil:
			return err
		case cur.Hash() != old:
			return fmt.Errorf("branch %s changed while saving: %w: %w",
				name.Short(), ErrLocked, storage.ErrReferenceHasChanged)
		}
		return nil
	})
}

// writeRef takes NAME.lock, runs check while holding it, and renames the
// lock over the ref.
func (s *safeStorage) writeRef(name plumbing.ReferenceName, content string, check func() error) error {
	// A name that could escape refs/ (or alias config, index…) once
	// turned into a path is refused before it touches the disk.
	if !name.IsSafe() || (name != plumbing.HEAD && name.Validate() != nil) {
		return fmt.Errorf("%q is not a valid branch or reference name", name.String())
	}
	path := filepath.Join(s.gitDir, filepath.FromSlash(name.String()))
	return s.replaceFile(path, []byte(content), check)
}

// Config is the repository's configuration with delta compression turned
// off for the packs Coursewright sends, unless the user set pack.window:
// go-git's delta search took 7.5 s of a first publish of 2,000 files here
// (1.4 s without), and course pages, compressed anyway, gain little.
func (s *safeStorage) Config() (*config.Config, error) {
	cfg, err := s.Storage.Config()
	if err != nil {
		return nil, err
	}
	if !packWindowSet(cfg) {
		cfg.Pack.Window = 0
	}
	return cfg, nil
}

func packWindowSet(cfg *config.Config) bool {
	return cfg.Raw != nil && cfg.Raw.HasSection("pack") && cfg.Raw.Section("pack").HasOption("window")
}

// SetConfig writes .git/config atomically.
func (s *safeStorage) SetConfig(cfg *config.Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	if !packWindowSet(cfg) && cfg.Pack.Window == 0 {
		cfg.Pack.Window = config.DefaultPackWindow // Config's setting is not the user's: don't write it
	}
	b, err := cfg.Marshal()
	if err != nil {
		return err
	}
	return s.replaceFile(filepath.Join(s.gitDir, "config"), b, nil)
}

// SetIndex writes .git/index under index.lock. Coursewright itself writes
// the index through indexLock; this covers any go-git code path that might.
func (s *safeStorage) SetIndex(idx *index.Index) error {
	var buf bytes.Buffer
	if err := encodeIndex(&buf, idx); err != nil {
		return err
	}
	return s.replaceFile(filepath.Join(s.gitDir, "index"), buf.Bytes(), nil)
}

// replaceFile is git's lockfile protocol for one file: create path.lock
// exclusively (breaking it only when it is older than the stale age, i.e.
// its owner died), run check, write data into it, rename it over path.
func (s *safeStorage) replaceFile(path string, data []byte, check func() error) (err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
	}
	lockPath := path + ".lock"
	f, err := createLockFile(lockPath, s.staleAge, s.logf)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(lockPath)
		}
	}()
	if check != nil {
		if err := check(); err != nil {
			return err
		}
	}
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", lockPath, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", lockPath, err)
	}
	if err := os.Rename(lockPath, path); err != nil {
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	return nil
}

// createLockFile creates lockPath with O_EXCL. An existing lock older than
// staleAge has no live owner (git holds its locks for milliseconds) and is
// removed, with a message to the log.
func createLockFile(lockPath string, staleAge time.Duration, logf func(string, ...any)) (*os.File, error) {
	for attempt := 0; ; attempt++ {
		f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("creating the lock file %s: %w", lockPath, err)
		}
		fi, statErr := os.Stat(lockPath)
		if attempt == 0 && statErr == nil && time.Since(fi.ModTime()) > staleAge {
			logf("removed the lock file %s: it was left %s ago by a program that stopped while saving",
				lockPath, time.Since(fi.ModTime()).Round(time.Second))
			if rmErr := os.Remove(lockPath); rmErr == nil || errors.Is(rmErr, fs.ErrNotExist) {
				continue
			}
		}
		return nil, fmt.Errorf("%w (the lock file %s exists; if no git or Coursewright is running, delete it)", ErrLocked, lockPath)
	}
}
