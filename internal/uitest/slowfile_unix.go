//go:build unix

package uitest

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// SlowFile makes path a named pipe that gives every reader content only
// delay after it opened it: a file that takes that long to read, like
// one on a slow network disk. A course page that is a link to it makes
// any read of the whole course take at least delay, so a watchdog (Ping)
// sees whether that read held the UI thread, whatever the machine's
// speed. Put it where neither git nor the course looks (the .git folder)
// and link pages to it. It stops serving when the test ends.
func SlowFile(t testing.TB, path, content string, delay time.Duration) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	served := make(chan struct{})
	go func() {
		defer close(served)
		for {
			f, err := os.OpenFile(path, os.O_WRONLY, 0) // waits for a reader
			if err != nil {
				return
			}
			select {
			case <-stop:
				f.Close()
				return
			case <-time.After(delay):
			}
			_, _ = f.WriteString(content)
			f.Close()
			// The reader sees the end of the file only once no writer
			// has the pipe open: give it time to read to the end and
			// close before the next open.
			time.Sleep(100 * time.Millisecond)
		}
	}()
	t.Cleanup(func() {
		close(stop)
		// A reader that gives up at once lets a waiting open return.
		if r, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
			<-served
			r.Close()
		}
	})
}
