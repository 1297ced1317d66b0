// Package folderwatch reports changes made anywhere in a course folder,
// debounced: the app reloads the course and the preview server rebuilds
// the site through the same watcher.
//
// fsnotify watches single folders, so every folder is added, and new ones
// as they appear. What is not course content (course.NotContent: .git,
// the built site, Coursewright's own data, caches, editors' temporary
// files) is never reported: a build writing its output must not trigger
// another build.
package folderwatch

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/fsnotify/fsnotify"
)

// Watch watches one course folder until Close.
type Watch struct {
	w       *fsnotify.Watcher
	root    string
	skip    []string
	delay   time.Duration
	changed func()

	mu    sync.Mutex
	timer *time.Timer
	done  chan struct{}
}

// New watches root and calls changed (on its own goroutine) once the
// folder has been quiet for delay after a change: editors and git write
// in bursts, and one call should follow one burst. Paths in skip (absolute,
// such as an output folder inside root) are not watched either.
func New(root string, delay time.Duration, skip []string, changed func()) (*Watch, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watch{w: fw, root: root, skip: skip, delay: delay, changed: changed, done: make(chan struct{})}
	if err := w.addTree(root); err != nil {
		_ = fw.Close()
		return nil, err
	}
	go w.loop()
	return w, nil
}

// ignored is true for what is not course content and for the skip paths.
func (w *Watch) ignored(p string) bool {
	for _, s := range w.skip {
		if p == s || strings.HasPrefix(p, s+string(filepath.Separator)) {
			return true
		}
	}
	rel, err := filepath.Rel(w.root, p)
	if err != nil || rel == "." {
		return err != nil
	}
	return course.NotContent(filepath.ToSlash(rel))
}

func (w *Watch) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder removed while walking
		}
		if !d.IsDir() {
			return nil
		}
		if p != w.root && w.ignored(p) {
			return filepath.SkipDir
		}
		return w.w.Add(p)
	})
}

func (w *Watch) loop() {
	defer close(w.done)
	for {
		select {
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			if w.ignored(ev.Name) {
				// A temporary file renamed into place shows up again as
				// the Create of its real name: that is the change.
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					_ = w.addTree(ev.Name)
				}
			}
			w.mu.Lock()
			if w.timer != nil {
				w.timer.Stop()
			}
			w.timer = time.AfterFunc(w.delay, w.changed)
			w.mu.Unlock()
		case _, ok := <-w.w.Errors:
			if !ok {
				return
			}
		}
	}
}

// Close stops watching; no call to changed starts after it returns.
func (w *Watch) Close() {
	_ = w.w.Close()
	<-w.done
	w.mu.Lock()
	if w.timer != nil {
		w.timer.Stop()
	}
	w.mu.Unlock()
}
