package preview

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// watcher reports changes anywhere in a course folder. fsnotify watches
// single folders, so every folder is added, and new ones as they appear.
// Folders that never hold course content (.git, build output, the trash)
// are skipped: a build writing its output must not trigger another build.
type watcher struct {
	w       *fsnotify.Watcher
	root    string
	skip    []string
	changes chan string
	done    chan struct{}
}

func newWatcher(root string, skip []string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{w: fw, root: root, skip: skip, changes: make(chan string, 64), done: make(chan struct{})}
	if err := w.addTree(root); err != nil {
		_ = fw.Close()
		return nil, err
	}
	go w.loop()
	return w, nil
}

func (w *watcher) skipped(path string) bool {
	for _, s := range w.skip {
		if path == s || strings.HasPrefix(path, s+string(filepath.Separator)) {
			return true
		}
	}
	rel, err := filepath.Rel(w.root, path)
	if err != nil {
		return true
	}
	first := strings.Split(filepath.ToSlash(rel), "/")[0]
	return first == ".git" || first == "_site" || first == ".coursewright" || first == "node_modules"
}

func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder removed while walking
		}
		if !d.IsDir() {
			return nil
		}
		if p != w.root && w.skipped(p) {
			return filepath.SkipDir
		}
		return w.w.Add(p)
	})
}

func (w *watcher) loop() {
	defer close(w.changes)
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			if w.skipped(ev.Name) || strings.HasPrefix(filepath.Base(ev.Name), ".") && !strings.HasSuffix(ev.Name, ".md") {
				// Editors' swap and temp files (.x.swp, .x.tmp) are noise;
				// the rename that follows them is what counts.
				if !ev.Has(fsnotify.Rename) {
					continue
				}
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					_ = w.addTree(ev.Name)
				}
			}
			select {
			case w.changes <- ev.Name:
			default: // a rebuild is already due
			}
		case _, ok := <-w.w.Errors:
			if !ok {
				return
			}
		}
	}
}

func (w *watcher) close() {
	close(w.done)
	_ = w.w.Close()
}
