//go:build !coursewright_testhook

package app

// HookFromEnv returns nil: a build without the tag coursewright_testhook
// (every release build) has no end-to-end test hook (see hook.go).
func HookFromEnv() func(w *CourseWindow) { return nil }
