package repo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/coursewright/coursewright/course"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Version is one saved version of the course.
type Version struct {
	Hash    string
	Message string
	Author  Author
	When    time.Time
	// Changed lists the files this version added, changed or removed,
	// compared with the version before it (for a merge: with the first
	// parent, i.e. what came in).
	Changed []string
	// Parents are the versions this one follows; two for a merge.
	Parents []string
}

// History lists the versions on the current branch, newest first; limit <=
// 0 lists all. A folder without versions has an empty history.
func (r *Repo) History(ctx context.Context, limit int) ([]Version, error) {
	vs, _, err := r.HistoryPage(ctx, 0, limit)
	return vs, err
}

// HistoryPage lists up to limit versions (<= 0: all) after the newest
// skip, newest first, and whether older ones follow. The app reads a long
// history a page at a time: the versions skipped cost only reading their
// commits, not comparing their files. It stops with ctx's error when ctx
// is cancelled.
func (r *Repo) HistoryPage(ctx context.Context, skip, limit int) (vs []Version, more bool, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := checkCtx(ctx); err != nil {
		return nil, false, err
	}
	if r.git == nil {
		return nil, false, nil
	}
	_, head, err := r.head()
	if err != nil || head.IsZero() {
		return nil, false, err
	}
	iter, err := r.git.Log(&git.LogOptions{From: head, Order: git.LogOrderCommitterTime})
	if err != nil {
		return nil, false, fmt.Errorf("reading the history of %s: %w", r.dir, err)
	}
	defer iter.Close()
	var out []Version
	seen := 0
	err = iter.ForEach(func(c *object.Commit) error {
		if err := checkCtx(ctx); err != nil {
			return err
		}
		if seen++; seen <= skip {
			return nil
		}
		if limit > 0 && len(out) >= limit {
			more = true
			return storer.ErrStop
		}
		v := Version{
			Hash:    c.Hash.String(),
			Message: strings.TrimRight(c.Message, "\n"),
			Author:  Author{Name: c.Author.Name, Email: c.Author.Email},
			When:    c.Author.When,
		}
		parentTree := plumbing.ZeroHash
		for i, p := range c.ParentHashes {
			v.Parents = append(v.Parents, p.String())
			if i == 0 {
				if parentTree, err = r.commitTree(p); err != nil {
					return err
				}
			}
		}
		if err := r.changedPaths(parentTree, c.TreeHash, "", &v.Changed); err != nil {
			return err
		}
		sort.Strings(v.Changed)
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return out, more, nil
}

// changedPaths appends the files that differ between trees a and b (zero:
// empty), descending only into subtrees whose hashes differ.
func (r *Repo) changedPaths(a, b plumbing.Hash, prefix string, out *[]string) error {
	if a == b {
		return nil
	}
	entries := func(h plumbing.Hash) (map[string]object.TreeEntry, error) {
		m := map[string]object.TreeEntry{}
		if h.IsZero() {
			return m, nil
		}
		t, err := object.GetTree(r.st, h)
		if err != nil {
			return nil, fmt.Errorf("reading folder %q of a version: %w", prefix, err)
		}
		for _, e := range t.Entries {
			m[e.Name] = e
		}
		return m, nil
	}
	ea, err := entries(a)
	if err != nil {
		return err
	}
	eb, err := entries(b)
	if err != nil {
		return err
	}
	names := map[string]bool{}
	for n := range ea {
		names[n] = true
	}
	for n := range eb {
		names[n] = true
	}
	for n := range names {
		x, inA := ea[n]
		y, inB := eb[n]
		if inA && inB && x.Hash == y.Hash && x.Mode == y.Mode {
			continue
		}
		p := path.Join(prefix, n)
		xDir, yDir := inA && x.Mode == filemode.Dir, inB && y.Mode == filemode.Dir
		var sa, sb plumbing.Hash
		if xDir {
			sa = x.Hash
		}
		if yDir {
			sb = y.Hash
		}
		if xDir || yDir {
			if err := r.changedPaths(sa, sb, p, out); err != nil {
				return err
			}
		}
		if (inA && !xDir) || (inB && !yDir) {
			*out = append(*out, p)
		}
	}
	return nil
}

// resolve turns a revision ("a1b2c3d", "main", "HEAD~2") into a commit.
func (r *Repo) resolve(rev string) (*object.Commit, error) {
	if r.git == nil {
		return nil, ErrNoVersions
	}
	h, err := r.git.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, fmt.Errorf("version %q: %w", rev, ErrNotInHistory)
	}
	c, err := object.GetCommit(r.st, *h)
	if err != nil {
		return nil, fmt.Errorf("version %q: %w", rev, ErrNotInHistory)
	}
	return c, nil
}

// Diff returns a file as it was in version rev (old) and as it is now in
// the course folder (new), like `git diff REV -- PATH`; rev "" is the last
// saved version. A side where the
// file does not exist is "". It fails with ErrNotInHistory when the file is in
// neither.
func (r *Repo) Diff(ctx context.Context, rev, file string) (oldText, newText string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := checkCtx(ctx); err != nil {
		return "", "", err
	}
	scope, err := r.cleanScope([]string{file})
	if err != nil {
		return "", "", err
	}
	rel := scope[0]
	if rev == "" {
		rev = "HEAD"
	}
	c, err := r.resolve(rev)
	if err != nil {
		return "", "", err
	}
	found := false
	if f, err := c.File(rel); err == nil {
		if oldText, err = f.Contents(); err != nil {
			return "", "", fmt.Errorf("reading %s in version %s: %w", rel, rev, err)
		}
		found = true
	}
	abs := filepath.Join(r.dir, filepath.FromSlash(rel))
	if fi, err := os.Lstat(abs); err == nil {
		var b []byte
		if fi.Mode()&fs.ModeSymlink != 0 {
			t, err := os.Readlink(abs)
			if err != nil {
				return "", "", fmt.Errorf("reading the link %s: %w", abs, err)
			}
			b = []byte(filepath.ToSlash(t))
		} else if fi.Mode().IsRegular() {
			if b, err = os.ReadFile(abs); err != nil {
				return "", "", fmt.Errorf("reading %s: %w", abs, err)
			}
		}
		newText = string(b)
		found = found || fi.Mode().IsRegular() || fi.Mode()&fs.ModeSymlink != 0
	}
	if !found {
		return "", "", fmt.Errorf("%s is neither in version %s nor in the course folder: %w", rel, rev, ErrNotInHistory)
	}
	return oldText, newText, nil
}

// Restore brings files back to how they were in version rev, as a new
// version: later versions stay in the history. paths are files or folders
// (a page, a module); none restores every file of the course (files added
// since rev are then removed from the folder — they stay in the history).
// Unsaved changes to the restored files are first saved as a version of
// their own, so nothing is lost. Returns the new version's hash, or
// ErrNothingToSave when the files already match rev.
func (r *Repo) Restore(ctx context.Context, rev string, paths ...string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, err := r.resolve(rev)
	if err != nil {
		return "", err
	}
	var scope []string
	if len(paths) > 0 {
		if scope, err = r.cleanScope(paths); err != nil {
			return "", err
		}
	}
	what := "the whole course"
	if len(scope) > 0 {
		what = strings.Join(scope, ", ")
	}
	subject, _, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
	msg := fmt.Sprintf("Restored %s from the version of %s (%s: %s)",
		what, c.Author.When.Format("2006-01-02 15:04"), c.Hash.String()[:7], subject)
	h, err := r.bringBack(ctx, c.Hash, scope, msg, "Unsaved changes, saved before restoring "+what)
	if err != nil {
		return "", err
	}
	return h.String(), nil
}

// bringBack makes a new commit on the current branch in which the files in
// scope (nil: all) are as in commit from, updating the course folder and
// the index to match. Unsaved work in scope is saved first (autoSaveMsg).
//
// Write order, for a kill at any moment: working files first, then the
// branch, then the index. Killed before the branch moves, the restored
// files show as unsaved changes of the previous version (which the
// auto-save made sure holds the user's work); never the reverse, which
// would make the next save undo the restore.
func (r *Repo) bringBack(ctx context.Context, from plumbing.Hash, scope []string, msg, autoSaveMsg string) (plumbing.Hash, error) {
	if r.git == nil {
		return plumbing.ZeroHash, ErrNoVersions
	}
	lock, note, err := r.lockIndex()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	defer lock.release()
	_ = note // already sent to Options.Logf
	report := &StageReport{}
	if _, err := r.saveLocked(ctx, lock, SaveOptions{Message: autoSaveMsg, Paths: scope}, report); err != nil && !errors.Is(err, ErrNothingToSave) {
		return plumbing.ZeroHash, fmt.Errorf("saving unsaved changes first: %w", err)
	}
	branch, head, err := r.head()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if head.IsZero() {
		return plumbing.ZeroHash, ErrNoVersions
	}
	headTree, err := r.commitTree(head)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	fromTree, err := r.commitTree(from)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	headFiles, err := r.flatten(headTree)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	fromFiles, err := r.flatten(fromTree)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	inScope := func(p string) bool {
		if scope == nil {
			return true
		}
		for _, s := range scope {
			if s == "" || p == s || strings.HasPrefix(p, s+"/") {
				return true
			}
		}
		return false
	}
	target := make(map[string]treeFile, len(headFiles))
	for p, f := range headFiles {
		if !inScope(p) {
			target[p] = f
		}
	}
	matched := false
	for p, f := range fromFiles {
		if inScope(p) {
			target[p] = f
			matched = true
		}
	}
	if !matched && scope != nil {
		anyNow := false
		for p := range headFiles {
			anyNow = anyNow || inScope(p)
		}
		if !anyNow {
			return plumbing.ZeroHash, fmt.Errorf("%s: %w in that version or in the current one", strings.Join(scope, ", "), ErrNotInHistory)
		}
	}
	tree, err := r.writeTrees(target)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if tree == headTree {
		return plumbing.ZeroHash, fmt.Errorf("the files are already as in that version: %w", ErrNothingToSave)
	}
	if err := checkCtx(ctx); err != nil {
		return plumbing.ZeroHash, err
	}
	idx, _, err := readIndex(r.gitDir)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	written, err := r.updateWorkingFiles(headFiles, target)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	c, err := r.writeCommit(tree, []plumbing.Hash{head}, r.author(Author{}), msg)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if err := r.st.updateRef(branch, c, head); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("saving the restored version: %w", err)
	}
	if err := lock.writeIndex(patchIndex(idx, headFiles, target, written)); err != nil {
		return c, fmt.Errorf("the restored version %s is saved, but git's index could not be updated: %w", c.String()[:7], err)
	}
	return c, nil
}

// updateWorkingFiles makes the course folder's files go from the version
// old to the version target: files that differ are written, files gone
// are removed. It returns the written files' information, for the index.
// A file not in old that exists in the folder (ignored, or left out as a
// secret) is never overwritten: the update stops before changing anything.
func (r *Repo) updateWorkingFiles(old, target map[string]treeFile) (map[string]os.FileInfo, error) {
	var write, remove []string
	for p, f := range target {
		if o, ok := old[p]; !ok || o != f {
			write = append(write, p)
		}
	}
	for p := range old {
		if _, ok := target[p]; !ok {
			remove = append(remove, p)
		}
	}
	sort.Strings(write)
	sort.Strings(remove)
	for _, p := range append(append([]string(nil), write...), remove...) {
		if err := r.checkWorkingPath(p); err != nil {
			return nil, err
		}
	}
	for _, p := range write {
		if _, tracked := old[p]; tracked {
			continue
		}
		abs := filepath.Join(r.dir, filepath.FromSlash(p))
		// A folder may be one whose files are all being removed; a file
		// here is someone's unsaved work.
		if fi, err := os.Lstat(abs); err == nil && !fi.IsDir() {
			return nil, fmt.Errorf("%s exists in the course folder but is not part of any version; it would be overwritten: move it away, then try again", abs)
		}
	}
	// Removals first: a file may give way to a folder of the same name.
	for _, p := range remove {
		abs := filepath.Join(r.dir, filepath.FromSlash(p))
		if err := os.Remove(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("removing %s: %w", abs, err)
		}
		removeEmptyParents(r.dir, filepath.Dir(abs))
	}
	infos := make(map[string]os.FileInfo, len(write))
	for _, p := range write {
		fi, err := r.writeWorkingFile(p, target[p])
		if err != nil {
			return nil, err
		}
		if fi != nil {
			infos[p] = fi
		}
	}
	return infos, nil
}

// checkWorkingPath refuses paths from a version that could write outside
// the course folder or into .git: "..", absolute paths, a .git component,
// or a parent folder that is a symlink (a crafted tree could otherwise
// write through it). git refuses the same.
func (r *Repo) checkWorkingPath(p string) error {
	bad := p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\")
	parts := strings.Split(p, "/")
	for _, part := range parts {
		if part == "" || part == "." || part == ".." || strings.EqualFold(part, ".git") {
			bad = true
		}
	}
	if bad {
		return fmt.Errorf("refusing to write %q: the path leads outside the course folder or into git's data", p)
	}
	cur := r.dir
	for _, part := range parts[:len(parts)-1] {
		cur = filepath.Join(cur, part)
		fi, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("checking %s: %w", cur, err)
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("refusing to write %q: %s is a link, and writing through it could leave the course folder", p, cur)
		}
	}
	return nil
}

// writeWorkingFile writes one file of a version into the course folder,
// atomically, and returns its information (nil for a submodule).
func (r *Repo) writeWorkingFile(p string, f treeFile) (os.FileInfo, error) {
	abs := filepath.Join(r.dir, filepath.FromSlash(p))
	if f.Mode == filemode.Submodule {
		return nil, os.MkdirAll(abs, 0o755)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("creating folder for %s: %w", abs, err)
	}
	content, err := r.blobContent(f.Hash)
	if err != nil {
		return nil, fmt.Errorf("reading %s from the version: %w", p, err)
	}
	if fi, err := os.Lstat(abs); err == nil && fi.IsDir() {
		// A folder that the version has as a file: only an empty one may
		// give way.
		if err := os.Remove(abs); err != nil {
			return nil, fmt.Errorf("%s is a folder with files that are not part of any version; move them away, then try again", abs)
		}
	}
	switch f.Mode {
	case filemode.Symlink:
		tmp := filepath.Join(filepath.Dir(abs), ".cw-link-"+filepath.Base(abs))
		os.Remove(tmp)
		if err := os.Symlink(filepath.FromSlash(string(content)), tmp); err != nil {
			return nil, fmt.Errorf("writing the link %s: %w", abs, err)
		}
		if err := os.Rename(tmp, abs); err != nil {
			os.Remove(tmp)
			return nil, fmt.Errorf("writing the link %s: %w", abs, err)
		}
	default:
		perm := fs.FileMode(0o644)
		if f.Mode == filemode.Executable {
			perm = 0o755
		}
		// WriteFileAtomic keeps an existing file's mode; the version's
		// mode (executable or not) is what a restore must give it.
		if err := course.WriteFileAtomic(abs, content, perm); err != nil {
			return nil, err
		}
		if err := os.Chmod(abs, perm); err != nil {
			return nil, fmt.Errorf("restoring %s: %w", abs, err)
		}
	}
	fi, err := os.Lstat(abs)
	if err != nil {
		return nil, fmt.Errorf("checking %s: %w", abs, err)
	}
	return fi, nil
}

// removeEmptyParents removes dir and its parents up to (not including)
// root while they are empty, as git does when a folder's last file goes.
func removeEmptyParents(root, dir string) {
	for within(root, dir) && dir != root {
		if os.Remove(dir) != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}

// patchIndex returns idx changed from the version old to target: entries
// of written files carry the new file's times (so the next save need not
// read them), removed files are dropped, the rest are kept.
func patchIndex(idx *index.Index, old, target map[string]treeFile, written map[string]os.FileInfo) *index.Index {
	next := &index.Index{Version: idx.Version}
	seen := map[string]bool{}
	for _, e := range idx.Entries {
		t, inTarget := target[e.Name]
		o, inOld := old[e.Name]
		switch {
		case !inTarget && inOld:
			continue // removed
		case inTarget && (!inOld || o != t):
			continue // replaced below
		}
		next.Entries = append(next.Entries, e)
		seen[e.Name] = true
	}
	for p, t := range target {
		if seen[p] {
			continue
		}
		if o, inOld := old[p]; inOld && o == t {
			// Unchanged, but missing from the index (staged removal):
			// record it again, marked as needing a fresh look.
			next.Entries = append(next.Entries, &index.Entry{Name: p, Hash: t.Hash, Mode: t.Mode})
			continue
		}
		e := &index.Entry{Name: p, Hash: t.Hash, Mode: t.Mode}
		if fi := written[p]; fi != nil {
			e.ModifiedAt, e.Size = fi.ModTime(), uint32(fi.Size())
			fillStat(e, fi)
		}
		next.Entries = append(next.Entries, e)
	}
	sort.Slice(next.Entries, func(i, j int) bool { return next.Entries[i].Name < next.Entries[j].Name })
	return next
}
