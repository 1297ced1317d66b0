package repo

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Issue 12, item 11: a save that fails removes the temporary object files
// it began; one left by an earlier program run is kept until it is stale.
func TestFailedSaveLeavesNoTempObjects(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	makeCourse(t, dir, 3)
	r := newRepo(t, dir)
	save(t, r, "v1")
	pack := filepath.Join(dir, ".git", "objects", "pack")
	if err := os.MkdirAll(pack, 0o755); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(pack, "tmp_obj_older")
	if err := os.WriteFile(old, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Minute)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	// The save's own half-written object, as a full disk leaves it.
	ctx, cancel := context.WithCancel(context.Background())
	writeFiles(t, dir, map[string]string{"modules/m0/_posts/2000-01-09-new.md": "new\n"})
	go func() {
		time.Sleep(5 * time.Millisecond)
		os.WriteFile(filepath.Join(pack, "tmp_obj_mine"), []byte("half"), 0o644)
		cancel()
	}()
	for {
		if _, _, err := r.SaveVersion(ctx, SaveOptions{Message: "v2"}); err != nil {
			break
		}
		writeFiles(t, dir, map[string]string{"modules/m0/_posts/2000-01-09-new.md": time.Now().String()})
	}
	if _, err := os.Stat(filepath.Join(pack, "tmp_obj_mine")); err == nil {
		t.Error("the failed save left its temporary object")
	}
	if _, err := os.Stat(old); err != nil {
		t.Error("an older temporary object (maybe another program's) was removed")
	}
	fsck(t, dir)
}
