//go:build !unix

package repo

// processAlive cannot tell on this system; stale locks are then judged by
// their age alone.
func processAlive(pid int) (alive, known bool) { return false, false }
