//go:build coursewright_testhook && !linux

package app

import "time"

// threadCPU is not measured here (see hook_threadcpu_linux.go).
func threadCPU() (time.Duration, bool) { return 0, false }
