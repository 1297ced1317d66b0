//go:build !windows

package course

import (
	"errors"
	"os"
	"syscall"
)

// fsyncDir flushes a folder's entries (new names, renames) to disk.
func fsyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	// Some file systems (network, FUSE) can't sync a folder and say so
	// with EINVAL or ENOTSUP; that is no reason to report a save as
	// failed.
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, errors.ErrUnsupported) {
		return nil
	}
	return err
}

// replaceFile renames from over to; POSIX rename replaces atomically.
func replaceFile(from, to string) error {
	return os.Rename(from, to)
}
