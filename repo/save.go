package repo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// SaveOptions describes a version to save.
type SaveOptions struct {
	// Message describes the change; default "Saved with Coursewright".
	Message string
	// Author of the version; blanks are filled from GIT_AUTHOR_NAME/EMAIL,
	// the user's git config, then Options.DefaultAuthor.
	Author Author
	// Paths limits the save to these files or folders (relative to the
	// course folder); nil saves all of the course's own files. Like `git
	// add -A PATHS && git commit`: changes staged by git outside Paths are
	// committed too.
	Paths []string
}

// Validate checks the options and fills in defaults.
func (o *SaveOptions) Validate() error {
	o.Message = strings.TrimSpace(o.Message)
	if o.Message == "" {
		o.Message = "Saved with Coursewright"
	}
	if strings.ContainsRune(o.Message, 0) {
		return fmt.Errorf("the version's description contains a NUL character")
	}
	return nil
}

// SaveVersion records the course's own files as a new version (a commit on
// the current branch) and returns its hash. A folder that is not a
// repository becomes one first (branch main, a .gitignore). Secrets and
// strays are left out and listed in the report (see SkipReason). When
// nothing changed it returns ErrNothingToSave.
//
// The write order keeps the repository valid if the process is killed at
// any moment: file contents and trees first (each an atomic rename), the
// commit object, then the branch (lock file renamed over the ref), then
// the index (renamed over the old one) — all while holding .git/index.lock,
// which also keeps a concurrent git out.
func (r *Repo) SaveVersion(ctx context.Context, opts SaveOptions) (string, *StageReport, error) {
	if err := opts.Validate(); err != nil {
		return "", nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	report := &StageReport{}
	if err := r.ensureRepo(); err != nil {
		return "", report, err
	}
	lock, note, err := r.lockIndex()
	if err != nil {
		return "", report, err
	}
	defer lock.release()
	if note != "" {
		report.Notes = append(report.Notes, note)
	}
	started := time.Now()
	h, err := r.saveLocked(ctx, lock, opts, report)
	if err != nil {
		removeOwnTempObjects(r.gitDir, started)
		return "", report, err
	}
	return h.String(), report, nil
}

// saveLocked is SaveVersion with the index lock held.
func (r *Repo) saveLocked(ctx context.Context, lock *indexLock, opts SaveOptions, report *StageReport) (plumbing.Hash, error) {
	scope, err := r.cleanScope(opts.Paths)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	idx, idxMtime, err := readIndex(r.gitDir)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	branch, parent, err := r.head()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	next, idxChanged, err := r.stage(ctx, idx, idxMtime, scope, report)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	files := indexFiles(next.Entries)
	tree, err := r.writeTrees(files)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	parentTree, err := r.commitTree(parent)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if (parent.IsZero() && len(files) == 0) || (!parent.IsZero() && tree == parentTree) {
		if idxChanged {
			// Fresh file times spare the next save (and git status)
			// from reading the files again.
			if err := lock.writeIndex(next); err != nil {
				return plumbing.ZeroHash, err
			}
		}
		return plumbing.ZeroHash, ErrNothingToSave
	}
	old, err := r.flatten(parentTree)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	report.Added, report.Modified, report.Deleted = compareFiles(old, files)

	// Last chance to stop: after the branch moves, the version exists.
	if err := checkCtx(ctx); err != nil {
		return plumbing.ZeroHash, err
	}
	var parents []plumbing.Hash
	if !parent.IsZero() {
		parents = []plumbing.Hash{parent}
	}
	c, err := r.writeCommit(tree, parents, r.author(opts.Author), opts.Message)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if err := r.st.updateRef(branch, c, parent); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("saving the version: %w", err)
	}
	if err := lock.writeIndex(next); err != nil {
		return c, fmt.Errorf("the version %s is saved, but git's index could not be updated (git status may show the files as changed until the next save): %w", c.String()[:7], err)
	}
	return c, nil
}
