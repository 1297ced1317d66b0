package repo

import (
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// An adaptation follows the course it adapts through the remote
// "upstream": the source's history is fetched into the adaptation's own
// repository, so what the source was at the adapted commit and what it is
// now can be read without a network, and compared page by page.

// ErrNoUpstream: the course has no upstream remote (it is not an
// adaptation of a course kept in git).
var ErrNoUpstream = errors.New("this course does not follow another course (it has no upstream address)")

// SetUpstream sets the address of the course this one adapts (the remote
// "upstream"), adding or replacing it. Addresses are checked as by
// SetRemote; a local path is stored as given.
func (r *Repo) SetUpstream(remoteURL string) error {
	remoteURL = strings.TrimSpace(remoteURL)
	if err := CheckRemoteURL(remoteURL); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.ensureRepo(); err != nil {
		return err
	}
	return r.setRemote(UpstreamRemote, remoteURL)
}

// Upstream returns the address of the course this one adapts, or
// ErrNoUpstream.
func (r *Repo) Upstream() (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	u, err := r.remoteURL(UpstreamRemote)
	if errors.Is(err, ErrNoRemote) {
		return "", ErrNoUpstream
	}
	return u, err
}

// FetchUpstream brings the upstream course's new versions into the
// repository (refs/remotes/upstream/…) without touching the course folder,
// and returns the tip of the branch followed. Errors are as for Fetch.
func (r *Repo) FetchUpstream(ctx context.Context, opts FetchOptions) (string, error) {
	opts.Remote = UpstreamRemote
	if err := opts.Validate(); err != nil {
		return "", err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.git == nil {
		return "", ErrNoUpstream
	}
	if _, err := r.remoteURL(UpstreamRemote); err != nil {
		return "", ErrNoUpstream
	}
	branch := ""
	if ref, err := r.st.Reference(plumbing.NewRemoteHEADReferenceName(UpstreamRemote)); err == nil && ref.Type() == plumbing.SymbolicReference {
		// Keep following the branch chosen when the course was adapted,
		// even if the source's default branch changed since.
		branch = strings.TrimPrefix(ref.Target().Short(), UpstreamRemote+"/")
	}
	tip, _, err := r.fetchFollow(ctx, UpstreamRemote, branch, opts.Auth, opts.Progress)
	if err != nil {
		return "", err
	}
	return tip.String(), nil
}

// UpstreamTip returns the newest fetched commit of the upstream branch
// followed and the branch's name, without a network. ErrNoUpstream when
// nothing was fetched.
func (r *Repo) UpstreamTip() (commit, branch string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.git == nil {
		return "", "", ErrNoUpstream
	}
	ref, err := r.st.Reference(plumbing.NewRemoteHEADReferenceName(UpstreamRemote))
	if err != nil || ref.Type() != plumbing.SymbolicReference {
		return "", "", ErrNoUpstream
	}
	h, err := r.refHash(ref.Target())
	if err != nil {
		return "", "", err
	}
	if h.IsZero() {
		return "", "", ErrNoUpstream
	}
	return h.String(), strings.TrimPrefix(ref.Target().Short(), UpstreamRemote+"/"), nil
}

// HasCommit reports whether the repository holds the commit hash (in full
// or abbreviated to at least 7 digits).
func (r *Repo) HasCommit(hash string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, err := r.commitOf(hash)
	return err == nil
}

// commitOf finds a commit by full or abbreviated hash, or by revision.
func (r *Repo) commitOf(rev string) (*object.Commit, error) {
	if r.git == nil {
		return nil, ErrNoVersions
	}
	if len(rev) == 40 && plumbing.IsHash(rev) {
		c, err := object.GetCommit(r.st, plumbing.NewHash(rev))
		if err != nil {
			return nil, fmt.Errorf("version %s: %w", rev[:7], ErrNotInHistory)
		}
		return c, nil
	}
	return r.resolve(rev)
}

// FilesAt lists the files of version rev (a commit hash or a revision) as
// path → git blob hash: what BlobHash gives for the same content.
func (r *Repo) FilesAt(rev string) (map[string]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, err := r.commitOf(rev)
	if err != nil {
		return nil, err
	}
	files, err := r.flatten(c.TreeHash)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(files))
	for p, f := range files {
		out[p] = f.Hash.String()
	}
	return out, nil
}

// ReadAt returns the content of file p (a slash path) in version rev, or
// ErrNotInHistory when that version has no such file.
func (r *Repo) ReadAt(rev, p string) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, err := r.commitOf(rev)
	if err != nil {
		return nil, err
	}
	p = path.Clean(strings.TrimPrefix(p, "/"))
	f, err := c.File(p)
	if errors.Is(err, object.ErrFileNotFound) || errors.Is(err, plumbing.ErrObjectNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
		return nil, fmt.Errorf("%s in version %s: %w", p, c.Hash.String()[:7], ErrNotInHistory)
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s in version %s: %w", p, c.Hash.String()[:7], err)
	}
	return r.blobContent(f.Hash)
}

// BlobHash is git's hash of a file's content, to compare a file on disk
// with FilesAt without storing it.
func BlobHash(data []byte) string {
	return plumbing.ComputeHash(plumbing.BlobObject, data).String()
}

// ChangedBetween lists the files that differ between versions from and to
// (added, changed or removed), sorted.
func (r *Repo) ChangedBetween(from, to string) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	a, err := r.commitOf(from)
	if err != nil {
		return nil, err
	}
	b, err := r.commitOf(to)
	if err != nil {
		return nil, err
	}
	var out []string
	if err := r.changedPaths(a.TreeHash, b.TreeHash, "", &out); err != nil {
		return nil, err
	}
	sort.Strings(out)
	return out, nil
}

// AuthorsOf lists the authors of version rev and the versions before it,
// most versions first, at most limit of them (0: all): who wrote a course
// when it names nobody itself.
func (r *Repo) AuthorsOf(ctx context.Context, rev string, limit int) ([]Author, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, err := r.commitOf(rev)
	if err != nil {
		return nil, err
	}
	iter, err := r.git.Log(&git.LogOptions{From: c.Hash})
	if err != nil {
		return nil, fmt.Errorf("reading the history: %w", err)
	}
	defer iter.Close()
	count := map[string]int{}
	first := map[string]Author{}
	order := map[string]int{}
	err = iter.ForEach(func(c *object.Commit) error {
		if err := checkCtx(ctx); err != nil {
			return err
		}
		name := strings.TrimSpace(c.Author.Name)
		if name == "" || strings.Contains(strings.ToLower(name), "[bot]") {
			return nil
		}
		key := strings.ToLower(name)
		if _, ok := first[key]; !ok {
			first[key] = Author{Name: name, Email: c.Author.Email}
			order[key] = len(order)
		}
		count[key]++
		if len(order) > 10000 {
			return storer.ErrStop
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(first))
	for k := range first {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if count[keys[i]] != count[keys[j]] {
			return count[keys[i]] > count[keys[j]]
		}
		return order[keys[i]] < order[keys[j]]
	})
	if limit > 0 && len(keys) > limit {
		keys = keys[:limit]
	}
	out := make([]Author, len(keys))
	for i, k := range keys {
		out[i] = first[k]
	}
	return out, nil
}

// HeadCommit is the commit the course folder's branch is at, or
// ErrNoVersions.
func (r *Repo) HeadCommit() (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.git == nil {
		return "", ErrNoVersions
	}
	_, h, err := r.head()
	if err != nil {
		return "", err
	}
	if h.IsZero() {
		return "", ErrNoVersions
	}
	return h.String(), nil
}
