package app

import (
	"bytes"
	"io"
	"sync"
)

// Fyne's file dialog fills its side bar with the computer's standard
// folders (Documents, Downloads, Music, Pictures, Videos), asking
// xdg-user-dir for each. On a computer that defines none of them
// (xdg-user-dir answers the home folder) and has no ~/Videos, Fyne logs
// "Getting favorite locations … this computer does not define a VIDEOS
// folder" every time a file or folder dialog opens (dialog/file.go,
// loadFavorites: it also checks the wrong error variable, so the last
// folder looked up is named whatever failed). Nothing is wrong: the side
// bar just lacks those folders. quietLog drops that one report, with its
// Cause and At lines, and passes every other line through.

// fyneFavoritesReport starts the report quietLog drops.
const fyneFavoritesReport = "Fyne error:  Getting favorite locations"

// quietLog is a log output that drops Fyne's favourite-folders report.
type quietLog struct {
	mu   sync.Mutex
	out  io.Writer
	skip bool // in the report: its Cause and At lines follow
}

func newQuietLog(out io.Writer) *quietLog { return &quietLog{out: out} }

// Write takes one log line (the log package writes each in one call).
func (q *quietLog) Write(p []byte) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case bytes.Contains(p, []byte(fyneFavoritesReport)):
		q.skip = true
		return len(p), nil
	case q.skip && (bytes.Contains(p, []byte("  Cause:")) || bytes.Contains(p, []byte("  At:"))):
		return len(p), nil
	}
	q.skip = false
	return q.out.Write(p)
}
