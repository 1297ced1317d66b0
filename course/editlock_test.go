package course

import (
	"errors"
	"testing"
	"time"
)

// The second editor waits briefly, then hears that another program is
// editing; once the first lets go, the lock is free again.
func TestLockForEditWaitsThenRefuses(t *testing.T) {
	dir := t.TempDir()
	unlock, err := LockForEdit(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := LockForEdit(dir, 150*time.Millisecond); !errors.Is(err, ErrEditing) {
		t.Fatalf("second lock: %v, want ErrEditing", err)
	}
	if d := time.Since(start); d < 150*time.Millisecond || d > 2*time.Second {
		t.Errorf("the second editor waited %s", d)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(50 * time.Millisecond)
		unlock()
		close(released)
	}()
	unlock2, err := LockForEdit(dir, 2*time.Second)
	if err != nil {
		t.Fatalf("after the first let go: %v", err)
	}
	<-released
	unlock2()
}
