package repo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// CommitTree makes a commit on branch whose files are exactly those of dir
// (the built site), without touching the course folder or the index. The
// branch is created (as a branch with no history) when missing; when the
// server's branch (as last fetched) is ahead, the commit follows the
// server's tip so the push is a fast-forward. When the files equal the tip's, nothing is committed and
// changed is false, so publishing an unchanged site sends nothing.
//
// It refuses the branch the course folder is on (ErrCheckedOutBranch), a
// branch holding the course's Jekyll source (ErrSourceBranch), and a
// folder holding a secret-looking file or a link leading outside it
// (ErrUnsafeFile).
func (r *Repo) CommitTree(ctx context.Context, branch, dir, message string) (hash string, changed bool, err error) {
	branch = strings.TrimPrefix(branch, "refs/heads/")
	refName := plumbing.NewBranchReferenceName(branch)
	if branch == "" || refName.Validate() != nil {
		return "", false, fmt.Errorf("%q is not a valid branch name", branch)
	}
	if message = strings.TrimSpace(message); message == "" {
		message = "Built site"
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.ensureRepo(); err != nil {
		return "", false, err
	}
	// The index is not written, but holding its lock makes a concurrent
	// Coursewright wait, and lets a crash's leftover branch lock be
	// cleaned up like a save's.
	lock, _, err := r.lockIndex()
	if err != nil {
		return "", false, err
	}
	defer lock.release()
	head, _, err := r.head()
	if err != nil {
		return "", false, err
	}
	if head == refName {
		return "", false, fmt.Errorf("branch %s: %w", branch, ErrCheckedOutBranch)
	}
	local, err := r.refHash(refName)
	if err != nil {
		return "", false, err
	}
	parent, err := r.publishParent(local, plumbing.NewRemoteReferenceName(DefaultRemote, branch))
	if err != nil {
		return "", false, err
	}
	parentTree, err := r.commitTree(parent)
	if err != nil {
		return "", false, err
	}
	if !parent.IsZero() {
		src, err := r.isSourceTree(parentTree)
		if err != nil {
			return "", false, err
		}
		if src {
			return "", false, fmt.Errorf("branch %s: %w", branch, ErrSourceBranch)
		}
	}
	files, err := r.storeFolder(ctx, dir)
	if err != nil {
		return "", false, err
	}
	if len(files) == 0 {
		return "", false, fmt.Errorf("the folder %s is empty: build the site first", dir)
	}
	tree, err := r.writeTrees(files)
	if err != nil {
		return "", false, err
	}
	if !parent.IsZero() && tree == parentTree {
		if parent != local {
			// The server's tip already holds this site: catch up to it.
			if err := r.st.updateRef(refName, parent, local); err != nil {
				return "", false, err
			}
		}
		return parent.String(), false, nil
	}
	if err := checkCtx(ctx); err != nil {
		return "", false, err
	}
	var parents []plumbing.Hash
	if !parent.IsZero() {
		parents = []plumbing.Hash{parent}
	}
	c, err := r.writeCommit(tree, parents, r.author(Author{}), message)
	if err != nil {
		return "", false, err
	}
	if err := r.st.updateRef(refName, c, local); err != nil {
		return "", false, fmt.Errorf("updating branch %s: %w", branch, err)
	}
	return c.String(), true, nil
}

// publishParent picks the commit a new built-site commit follows: the
// local branch when it is up to date with or ahead of the server's;
// otherwise the server's tip (another machine published since). Built-site
// commits that never reached the server are left behind in that case:
// they hold only build output, which the new commit replaces anyway, and
// following them would make the push a non-fast-forward.
func (r *Repo) publishParent(local plumbing.Hash, remoteRef plumbing.ReferenceName) (plumbing.Hash, error) {
	remote, err := r.refHash(remoteRef)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	switch {
	case remote.IsZero() || remote == local:
		return local, nil
	case local.IsZero():
		return remote, nil
	}
	lc, err := object.GetCommit(r.st, local)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	rc, err := object.GetCommit(r.st, remote)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	ahead, err := rc.IsAncestor(lc)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if ahead {
		return local, nil
	}
	return remote, nil
}

// storeFolder stores every file of dir as a blob (reading each once to hash
// it, writing only blobs not stored yet) and returns them by slash path.
func (r *Repo) storeFolder(ctx context.Context, dir string) (map[string]treeFile, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	rootReal, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, fmt.Errorf("reading the folder to publish %s: %w", dir, err)
	}
	files := map[string]treeFile{}
	started := time.Now()
	cache := r.loadSiteCache(rootReal)
	infos := map[string]os.FileInfo{}
	err = filepath.WalkDir(rootReal, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("reading %s: %w", p, err)
		}
		if err := checkCtx(ctx); err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(rootReal, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(d.Name(), ".coursewright") {
			// Coursewright's own bookkeeping (the build manifest) is
			// not part of the site.
			return nil
		}
		if course.SecretName(rel) != "" {
			return fmt.Errorf("%w: %s looks like a password, key or token file; remove it from the built site", ErrUnsafeFile, rel)
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return fmt.Errorf("reading the link %s: %w", p, err)
			}
			resolved, err := filepath.EvalSymlinks(p)
			lex := target
			if !filepath.IsAbs(lex) {
				lex = filepath.Join(filepath.Dir(p), lex)
			}
			if !within(rootReal, filepath.Clean(lex)) || (err == nil && !within(rootReal, resolved)) {
				return fmt.Errorf("%w: %s is a link to something outside the folder", ErrUnsafeFile, rel)
			}
			h, err := r.writeBlobBytes([]byte(filepath.ToSlash(target)))
			if err != nil {
				return err
			}
			files[rel] = treeFile{Hash: h, Mode: filemode.Symlink}
		case d.Type().IsRegular():
			mode := filemode.Regular
			fi, err := d.Info()
			if err != nil {
				return fmt.Errorf("reading %s: %w", p, err)
			}
			if fi.Mode()&0o111 != 0 {
				mode = filemode.Executable
			}
			infos[rel] = fi
			if h, ok := cache.lookup(rel, fi); ok && r.st.HasEncodedObject(h) == nil {
				files[rel] = treeFile{Hash: h, Mode: mode}
				return nil
			}
			h, err := r.storeFile(p)
			if err != nil {
				return err
			}
			files[rel] = treeFile{Hash: h, Mode: mode}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.saveSiteCache(rootReal, started, files, infos)
	return files, nil
}

// storeFile hashes a file and writes it as a blob only when the object
// store lacks it: a rebuilt site is mostly identical, so most files cost
// one read and no write.
func (r *Repo) storeFile(p string) (plumbing.Hash, error) {
	f, fi, err := openRegular(p)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("reading %s: %w", p, err)
	}
	defer f.Close()
	h, err := hashFile(f, fi.Size())
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("reading %s: %w", p, err)
	}
	if r.st.HasEncodedObject(h) == nil {
		return h, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("reading %s: %w", p, err)
	}
	stored, err := r.writeBlobFrom(f, fi.Size())
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("storing %s: %w", p, err)
	}
	if stored != h {
		return plumbing.ZeroHash, fmt.Errorf("%s changed while it was being published; build again and retry", p)
	}
	return h, nil
}

// IsSourceBranch reports whether branch — the local one or the server's
// (origin/branch) — holds a Course-in-a-Box Jekyll source: _config.yml plus
// modules/ or _data/course.yml at its root. Many such courses keep their
// source on gh-pages; built output must never replace it.
func (r *Repo) IsSourceBranch(ctx context.Context, branch string) (bool, error) {
	branch = strings.TrimPrefix(branch, "refs/heads/")
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.git == nil {
		return false, nil
	}
	for _, ref := range []plumbing.ReferenceName{
		plumbing.NewBranchReferenceName(branch),
		plumbing.NewRemoteReferenceName(DefaultRemote, branch),
	} {
		if err := checkCtx(ctx); err != nil {
			return false, err
		}
		h, err := r.refHash(ref)
		if err != nil {
			return false, err
		}
		if h.IsZero() {
			continue
		}
		tree, err := r.commitTree(h)
		if err != nil {
			return false, err
		}
		src, err := r.isSourceTree(tree)
		if err != nil || src {
			return src, err
		}
	}
	return false, nil
}

// isSourceTree checks the root of a tree for Jekyll course source.
func (r *Repo) isSourceTree(h plumbing.Hash) (bool, error) {
	if h.IsZero() {
		return false, nil
	}
	t, err := object.GetTree(r.st, h)
	if err != nil {
		return false, fmt.Errorf("reading a version's files: %w", err)
	}
	hasConfig, hasModules, hasCourse := false, false, false
	for _, e := range t.Entries {
		switch {
		case e.Name == "_config.yml" && e.Mode.IsFile():
			hasConfig = true
		case e.Name == "modules" && e.Mode == filemode.Dir:
			hasModules = true
		case e.Name == "_data" && e.Mode == filemode.Dir:
			if _, err := t.FindEntry("_data/course.yml"); err == nil {
				hasCourse = true
			} else if !errors.Is(err, object.ErrEntryNotFound) && !errors.Is(err, object.ErrDirectoryNotFound) {
				return false, err
			}
		}
	}
	return hasConfig && (hasModules || hasCourse), nil
}
