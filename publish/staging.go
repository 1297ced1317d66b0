package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/coursewright/coursewright/course"
	"gopkg.in/yaml.v3"
)

// stagingPrefix names the folder a build writes its new and changed files
// into, beside the output folder (the same file system, so they move in
// by renaming). course's list of what is not course content has the same
// pattern, so watchers and saved versions never see it.
const stagingPrefix = ".coursewright-build-"

// stagingDir is the staging folder of the output folder out.
func stagingDir(out string) string {
	return filepath.Join(filepath.Dir(out), stagingPrefix+filepath.Base(out))
}

// alwaysKept are the paths of an output folder a build never removes,
// whatever _config.yml says: a site folder that is a git checkout of the
// published branch, and the custom domain GitHub Pages reads.
var alwaysKept = []string{".git", "CNAME"}

// keptPaths are the paths the build leaves alone in its output folder:
// alwaysKept and the course's keep_files. As in Jekyll's cleaner, an entry
// keeps every path that starts with it (".git" keeps ".gitignore" too).
func keptPaths(c *course.Course) []string {
	kept := append([]string(nil), alwaysKept...)
	if c.Config == nil {
		return kept
	}
	n := c.Config.Lookup("keep_files")
	if n == nil {
		return kept
	}
	add := func(v string) {
		if v = strings.Trim(filepath.ToSlash(v), "/"); v != "" {
			kept = append(kept, v)
		}
	}
	switch n.Kind {
	case yaml.SequenceNode:
		for _, it := range n.Content {
			if it.Kind == yaml.ScalarNode {
				add(it.Value)
			}
		}
	case yaml.ScalarNode:
		add(n.Value)
	}
	return kept
}

func isKept(kept []string, rel string) bool {
	for _, k := range kept {
		if strings.HasPrefix(rel, k) {
			return true
		}
	}
	return false
}

// swapIn makes the output folder the site this build made: it removes
// what the build did not write (but what is kept), moves the staged files
// in and writes the manifest. When the output folder does not exist yet,
// the staging folder simply becomes it.
func (b *builder) swapIn(stage string, next *manifest, prevSum string) (removed int, err error) {
	if _, err := os.Lstat(b.out); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(stage, 0o755); err != nil {
			return 0, fmt.Errorf("build: %w", err)
		}
		if err := next.write(stage, ""); err != nil {
			return 0, err
		}
		if err := os.MkdirAll(filepath.Dir(b.out), 0o755); err != nil {
			return 0, fmt.Errorf("build: %w", err)
		}
		if err := os.Rename(stage, b.out); err != nil {
			return 0, fmt.Errorf("build: move the new site into %s: %w", b.out, err)
		}
		return 0, nil
	}
	removed, err = removeUnwritten(b.out, next, keptPaths(b.c))
	if err != nil {
		return removed, err
	}
	if err := moveStaged(stage, b.out); err != nil {
		return removed, err
	}
	if err := next.write(b.out, prevSum); err != nil {
		return removed, err
	}
	if err := os.RemoveAll(stage); err != nil {
		return removed, fmt.Errorf("build: remove %s: %w", stage, err)
	}
	return removed, nil
}

// removeUnwritten removes every file of out that next does not list and
// that is not kept, then the folders left empty. It returns how many
// files it removed.
func removeUnwritten(out string, next *manifest, kept []string) (removed int, err error) {
	var dirs []string
	err = filepath.WalkDir(out, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if full == out {
			return nil
		}
		rel, _ := filepath.Rel(out, full)
		rel = filepath.ToSlash(rel)
		if isKept(kept, rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			dirs = append(dirs, full)
			return nil
		}
		if rel == manifestFile || next.Outputs[rel] != nil {
			return nil
		}
		if err := os.Remove(full); err != nil {
			return fmt.Errorf("build: remove %s from the site folder: %w", rel, err)
		}
		removed++
		return nil
	})
	if err != nil {
		return removed, err
	}
	// Deepest first, so a folder whose folders all went goes too.
	sort.Slice(dirs, func(i, j int) bool { return len(dirs[i]) > len(dirs[j]) })
	for _, d := range dirs {
		_ = os.Remove(d) // fails, as it should, when not empty
	}
	return removed, nil
}

// moveStaged renames every file under stage to the same place under out.
func moveStaged(stage, out string) error {
	made := map[string]bool{}
	err := filepath.WalkDir(stage, func(full string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && full == stage {
			return filepath.SkipAll // the build changed no file
		}
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(stage, full)
		dst := filepath.Join(out, rel)
		dir := filepath.Dir(dst)
		if !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("build: %w", err)
			}
			made[dir] = true
		}
		if err := course.ReplaceFile(full, dst); err != nil {
			return fmt.Errorf("build: move %s into the site folder: %w", filepath.ToSlash(rel), err)
		}
		return nil
	})
	return err
}

// TrashSuffix ends the name of a folder that RemoveAllWithin could not
// finish removing in time: whoever made the folder removes such leftovers
// the next time it starts (Build its staging folder's, the preview and
// exports their temporary folders').
const TrashSuffix = ".old"

// RemoveAllWithin removes dir, waiting at most d. Deleting the thousands
// of files of a large course's site takes seconds on a slow disk, and a
// command stopped with Ctrl+C must end within one: so dir is first renamed
// to dir+TrashSuffix, and what is left of it after d stays there, for the
// next start to remove. It reports whether dir was removed completely.
func RemoveAllWithin(dir string, d time.Duration) bool {
	trash := dir + TrashSuffix
	_ = os.RemoveAll(trash) // an earlier leftover must not block the rename
	if os.Rename(dir, trash) != nil {
		trash = dir
	}
	done := make(chan struct{})
	go func() {
		_ = os.RemoveAll(trash)
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// RemoveTrash removes, in the background, the leftovers of
// RemoveAllWithin that match pattern (a filepath.Glob pattern without the
// suffix).
func RemoveTrash(pattern string) {
	old, _ := filepath.Glob(pattern + TrashSuffix)
	if len(old) == 0 {
		return
	}
	go func() {
		for _, dir := range old {
			_ = os.RemoveAll(dir)
		}
	}()
}

// stopBudget is how long a stopped build spends removing its staging
// folder before it returns.
const stopBudget = 200 * time.Millisecond
