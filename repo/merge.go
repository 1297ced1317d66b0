package repo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// MergeResult tells what MergeRemote did.
type MergeResult struct {
	// FastForward: only the server had new versions; the branch now
	// points at the server's tip (no merge commit).
	FastForward bool
	// Merged: both sides had changes to different files; a merge commit
	// with both as parents holds them all.
	Merged bool
	// Conflicts lists files changed on both sides; nothing was changed.
	Conflicts []string
	// Hash is the branch's tip afterwards.
	Hash string
	// Incoming lists the files that came from the server.
	Incoming []string
}

// MergeRemote brings what a co-author published (origin/branch, as the
// last Fetch saw it) into branch ("" = the current branch). Changes to
// different files are merged into a commit with both parents, and the
// incoming files are written into the course folder when branch is the
// one it is on. When the same file changed on both sides nothing is
// changed and a *RemoteConflictError (errors.Is ErrConflict) names the files;
// KeepMineAsBranch and TakeTheirs are the ways out. Nothing is ever
// force-pushed or dropped.
func (r *Repo) MergeRemote(ctx context.Context, branch string) (MergeResult, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.git == nil {
		return MergeResult{}, ErrNoVersions
	}
	head, _, err := r.head()
	if err != nil {
		return MergeResult{}, err
	}
	refName := head
	if branch != "" {
		refName = plumbing.NewBranchReferenceName(strings.TrimPrefix(branch, "refs/heads/"))
		if refName.Validate() != nil {
			return MergeResult{}, fmt.Errorf("%q is not a valid branch name", branch)
		}
	}
	if refName == plumbing.HEAD {
		return MergeResult{}, errors.New("the course folder is not on a branch (detached HEAD): switch to a branch with git first")
	}
	checkedOut := refName == head

	lock, _, err := r.lockIndex()
	if err != nil {
		return MergeResult{}, err
	}
	defer lock.release()

	local, err := r.refHash(refName)
	if err != nil {
		return MergeResult{}, err
	}
	remote, err := r.refHash(plumbing.NewRemoteReferenceName(DefaultRemote, refName.Short()))
	if err != nil {
		return MergeResult{}, err
	}
	res := MergeResult{Hash: local.String()}
	if remote.IsZero() || remote == local {
		return res, nil
	}
	var lc *object.Commit
	rc, err := object.GetCommit(r.st, remote)
	if err != nil {
		return res, fmt.Errorf("reading the server's version: %w", err)
	}
	if !local.IsZero() {
		if lc, err = object.GetCommit(r.st, local); err != nil {
			return res, fmt.Errorf("reading your version: %w", err)
		}
		if ahead, err := rc.IsAncestor(lc); err != nil {
			return res, err
		} else if ahead {
			return res, nil // the server has nothing this branch lacks
		}
	}
	localTree, remoteTree := plumbing.ZeroHash, rc.TreeHash
	if lc != nil {
		localTree = lc.TreeHash
	}
	localFiles, err := r.flatten(localTree)
	if err != nil {
		return res, err
	}
	remoteFiles, err := r.flatten(remoteTree)
	if err != nil {
		return res, err
	}

	fastForward := lc == nil
	if lc != nil {
		if fastForward, err = lc.IsAncestor(rc); err != nil {
			return res, err
		}
	}
	var merged map[string]treeFile
	var tree plumbing.Hash
	if fastForward {
		merged, tree = remoteFiles, remoteTree
	} else {
		baseFiles := map[string]treeFile{}
		bases, err := lc.MergeBase(rc)
		if err != nil {
			return res, fmt.Errorf("finding where your version and the server's parted: %w", err)
		}
		if len(bases) > 0 {
			if baseFiles, err = r.flatten(bases[0].TreeHash); err != nil {
				return res, err
			}
		}
		var conflicts []string
		merged, conflicts = mergeFiles(baseFiles, localFiles, remoteFiles)
		if len(conflicts) > 0 {
			res.Conflicts = conflicts
			return res, &RemoteConflictError{Branch: refName.Short(), Paths: conflicts}
		}
		if tree, err = r.writeTrees(merged); err != nil {
			return res, err
		}
	}
	for p, f := range merged {
		if o, ok := localFiles[p]; !ok || o != f {
			res.Incoming = append(res.Incoming, p)
		}
	}
	for p := range localFiles {
		if _, ok := merged[p]; !ok {
			res.Incoming = append(res.Incoming, p)
		}
	}
	sort.Strings(res.Incoming)

	var idx *index.Index
	var infos map[string]os.FileInfo
	if checkedOut {
		if idx, err = r.checkSaved(ctx, res.Incoming, localFiles); err != nil {
			return res, err
		}
		if err := checkCtx(ctx); err != nil {
			return res, err
		}
		// Files first, the branch after: see bringBack for why.
		if infos, err = r.updateWorkingFiles(localFiles, merged); err != nil {
			return res, err
		}
	}

	newTip := remote
	if !fastForward {
		msg := fmt.Sprintf("Merged changes from the server (%s/%s)", DefaultRemote, refName.Short())
		if newTip, err = r.writeCommit(tree, []plumbing.Hash{local, remote}, r.author(Author{}), msg); err != nil {
			return res, err
		}
	}
	if err := r.st.updateRef(refName, newTip, local); err != nil {
		return res, fmt.Errorf("updating branch %s: %w", refName.Short(), err)
	}
	if checkedOut {
		if err := lock.writeIndex(patchIndex(idx, localFiles, merged, infos)); err != nil {
			return res, fmt.Errorf("merged, but git's index could not be updated: %w", err)
		}
	}
	res.Hash, res.FastForward, res.Merged = newTip.String(), fastForward, !fastForward
	return res, nil
}

// mergeFiles is a file-level three-way merge: a file changed on one side
// only takes that side; changed on both sides the same way, either; changed
// on both sides differently, it is a conflict. A file on one side where the
// other has a folder of the same name is a conflict too.
func mergeFiles(base, local, remote map[string]treeFile) (map[string]treeFile, []string) {
	merged := map[string]treeFile{}
	conflict := map[string]bool{}
	all := map[string]bool{}
	for _, m := range []map[string]treeFile{base, local, remote} {
		for p := range m {
			all[p] = true
		}
	}
	for p := range all {
		b, inB := base[p]
		l, inL := local[p]
		rr, inR := remote[p]
		lChanged := inL != inB || (inL && l != b)
		rChanged := inR != inB || (inR && rr != b)
		switch {
		case !rChanged:
			if inL {
				merged[p] = l
			}
		case !lChanged:
			if inR {
				merged[p] = rr
			}
		case inL == inR && (!inL || l == rr):
			if inL {
				merged[p] = l
			}
		default:
			conflict[p] = true
		}
	}
	for p := range merged {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if _, isFile := merged[d]; isFile {
				conflict[p], conflict[d] = true, true
			}
		}
	}
	var out []string
	for p := range conflict {
		out = append(out, p)
	}
	sort.Strings(out)
	return merged, out
}

// checkSaved fails with ErrUnsavedChanges when any of paths differs in the
// course folder from the version committed, and otherwise returns the
// index with those paths' entries refreshed.
func (r *Repo) checkSaved(ctx context.Context, paths []string, committed map[string]treeFile) (*index.Index, error) {
	idx, idxMtime, err := readIndex(r.gitDir)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return idx, nil
	}
	next, _, err := r.stage(ctx, idx, idxMtime, paths, &StageReport{})
	if err != nil {
		return nil, err
	}
	now := indexFiles(next.Entries)
	var unsaved []string
	for _, p := range paths {
		n, inNow := now[p]
		c, inCommitted := committed[p]
		if inNow != inCommitted || (inNow && n != c) {
			unsaved = append(unsaved, p)
		}
	}
	if len(unsaved) > 0 {
		return nil, fmt.Errorf("%w (%s)", ErrUnsavedChanges, strings.Join(unsaved, ", "))
	}
	return next, nil
}

// KeepMineAsBranch creates the branch name at the current version, so the
// local work survives under that name whatever is chosen next (the
// conflict choice "keep mine as a new branch").
func (r *Repo) KeepMineAsBranch(name string) error {
	name = strings.TrimPrefix(name, "refs/heads/")
	ref := plumbing.NewBranchReferenceName(name)
	if name == "" || ref.Validate() != nil {
		return fmt.Errorf("%q is not a valid branch name", name)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.git == nil {
		return ErrNoVersions
	}
	_, head, err := r.head()
	if err != nil {
		return err
	}
	if head.IsZero() {
		return ErrNoVersions
	}
	if h, err := r.refHash(ref); err != nil {
		return err
	} else if !h.IsZero() {
		return fmt.Errorf("branch %s: %w", name, ErrBranchExists)
	}
	if err := r.st.updateRef(ref, head, plumbing.ZeroHash); err != nil {
		return fmt.Errorf("creating branch %s: %w", name, err)
	}
	return nil
}

// TakeTheirs replaces files (none: all) with the server's version
// (origin/<current branch>, as fetched) as a new version: the conflict
// choice "take theirs". Unsaved changes to them are saved first, and the
// previous version stays in the history. A MergeRemote afterwards no longer
// sees those files as conflicts.
func (r *Repo) TakeTheirs(ctx context.Context, paths ...string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.git == nil {
		return "", ErrNoVersions
	}
	head, _, err := r.head()
	if err != nil {
		return "", err
	}
	if head == plumbing.HEAD {
		return "", errors.New("the course folder is not on a branch (detached HEAD): switch to a branch with git first")
	}
	remote, err := r.refHash(plumbing.NewRemoteReferenceName(DefaultRemote, head.Short()))
	if err != nil {
		return "", err
	}
	if remote.IsZero() {
		return "", fmt.Errorf("nothing was fetched from the server for branch %s yet: get the server's changes first: %w", head.Short(), ErrNotInHistory)
	}
	var scope []string
	if len(paths) > 0 {
		if scope, err = r.cleanScope(paths); err != nil {
			return "", err
		}
	}
	what := "all files"
	if len(scope) > 0 {
		what = strings.Join(scope, ", ")
	}
	h, err := r.bringBack(ctx, remote, scope, "Took the server's version of "+what,
		"Unsaved changes, saved before taking the server's version of "+what)
	if err != nil {
		return "", err
	}
	return h.String(), nil
}
