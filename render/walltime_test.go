package render

import "time"

// wallTime is how long f took.
func wallTime(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}
