package course

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// ErrEditing is returned by LockForEdit when another program (another
// coursewright command, the desktop app) keeps editing the course.
var ErrEditing = errors.New("another program is editing this course; try again when it has finished")

// editLockPath is the lock file every edit of the course in dir holds,
// from reading the files it changes to writing them: two edits at once
// would each write course.yml as they read it, and one of them would be
// lost. It lives in the system's temporary folder, named after the
// course's real path, so locking writes nothing into the course (an edit
// that is refused leaves the folder exactly as it was).
func editLockPath(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(os.TempDir(), "coursewright-edit-"+hex.EncodeToString(sum[:12])+".lock")
}

// LockForEdit takes the course's edit lock in dir, waiting up to wait for
// another holder to finish. The lock is the operating system's lock on a
// file, so a crashed program never leaves it held. unlock releases it.
func LockForEdit(dir string, wait time.Duration) (unlock func(), err error) {
	f, err := os.OpenFile(editLockPath(dir), os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return nil, fmt.Errorf("locking the course for editing: %w", err)
	}
	deadline := time.Now().Add(wait)
	for {
		ok, err := tryLockFile(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking the course for editing: %w", err)
		}
		if ok {
			return func() {
				_ = unlockFile(f)
				_ = f.Close()
			}, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, ErrEditing
		}
		time.Sleep(20 * time.Millisecond)
	}
}
