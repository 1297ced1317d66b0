//go:build unix

package repo

import (
	"errors"
	"syscall"
)

// processAlive reports whether pid runs on this machine. Signal 0 checks
// without sending anything; EPERM means it runs as another user.
func processAlive(pid int) (alive, known bool) {
	if pid <= 0 {
		return false, false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM), true
}
