package course

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// fsyncDir does nothing on Windows: a folder can't be opened for
// FlushFileBuffers there, and NTFS journals renames itself.
func fsyncDir(dir string) error {
	return nil
}

// errSharingViolation is ERROR_SHARING_VIOLATION, which the syscall package
// does not name.
const errSharingViolation syscall.Errno = 32

// replaceFile renames from over to. os.Rename uses MoveFileEx with
// MOVEFILE_REPLACE_EXISTING, which fails for a moment while another program
// (a virus scanner, the search indexer, an editor) has the target open, so
// it retries for about a second before giving up.
func replaceFile(from, to string) error {
	var err error
	delay := 10 * time.Millisecond
	for range 7 {
		err = os.Rename(from, to)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.ERROR_ACCESS_DENIED) && !errors.Is(err, errSharingViolation) {
			return err
		}
		time.Sleep(delay)
		delay *= 2
	}
	return err
}
