//go:build !linux

package render

import "time"

// threadCPU is f's wall time where the thread's own CPU time is not
// known.
func threadCPU(f func()) time.Duration { return wallTime(f) }
