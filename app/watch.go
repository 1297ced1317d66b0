package app

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"github.com/fsnotify/fsnotify"
)

// WatchDelay is how long the course folder must be quiet after another
// program changes it before the course is reloaded: editors and git
// write in bursts.
const WatchDelay = 300 * time.Millisecond

// folderWatch reports changes under a course folder, debounced.
type folderWatch struct {
	w     *fsnotify.Watcher
	root  string
	mu    sync.Mutex
	timer *time.Timer
	done  chan struct{}
}

// skipDir names folders whose changes never matter to the course:
// version control, built sites, Coursewright's own trash.
func skipDir(name string) bool {
	return name == ".git" || name == "_site" || name == ".coursewright" || name == "node_modules" || name == ".jekyll-cache"
}

func newFolderWatch(root string, changed func()) (*folderWatch, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	fw := &folderWatch{w: w, root: root, done: make(chan struct{})}
	if err := fw.addTree(root); err != nil {
		_ = w.Close()
		return nil, err
	}
	go fw.loop(changed)
	return fw, nil
}

func (fw *folderWatch) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder that vanished meanwhile
		}
		if d.IsDir() {
			if p != dir && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			return fw.w.Add(p)
		}
		return nil
	})
}

func (fw *folderWatch) loop(changed func()) {
	defer close(fw.done)
	for {
		select {
		case ev, ok := <-fw.w.Events:
			if !ok {
				return
			}
			if fw.ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					_ = fw.addTree(ev.Name)
				}
			}
			fw.mu.Lock()
			if fw.timer != nil {
				fw.timer.Stop()
			}
			fw.timer = time.AfterFunc(WatchDelay, changed)
			fw.mu.Unlock()
		case _, ok := <-fw.w.Errors:
			if !ok {
				return
			}
		}
	}
}

// ignored is true for paths in skipped folders and for the temporary
// files of atomic saves.
func (fw *folderWatch) ignored(p string) bool {
	rel, err := filepath.Rel(fw.root, p)
	if err != nil {
		return true
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if skipDir(part) {
			return true
		}
	}
	base := filepath.Base(p)
	return strings.HasPrefix(base, ".") && strings.Contains(base, ".tmp") || strings.HasSuffix(base, "~")
}

func (fw *folderWatch) close() {
	fw.mu.Lock()
	if fw.timer != nil {
		fw.timer.Stop()
	}
	fw.mu.Unlock()
	_ = fw.w.Close()
	<-fw.done
}

// startWatch reloads the course when another program changes its files.
func (w *CourseWindow) startWatch() {
	fw, err := newFolderWatch(w.dir, func() { fyne.Do(w.ExternalChange) })
	if err != nil {
		fyne.LogError("watching the course folder", err)
		return
	}
	w.watch = fw
}
