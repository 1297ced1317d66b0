package repo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
)

// UpstreamRemote is the remote an adaptation keeps the course it adapts
// under, apart from origin, where the adaptation itself is published.
const UpstreamRemote = "upstream"

// CloneOptions describes a clone.
type CloneOptions struct {
	// Remote names the source in the new repository; default
	// UpstreamRemote ("upstream"): the copy is an adaptation, and origin
	// is kept for where the adapter publishes it.
	Remote string
	// Branch of the source to take; default its default branch (HEAD).
	Branch string
	// Auth says where credentials come from; nil: all the usual places.
	Auth *Auth
	// Progress receives the phases and percentages of the transfer.
	Progress ProgressFunc
	// Options tune the new Repo.
	Options Options
}

// Validate checks the options and fills in defaults.
func (o *CloneOptions) Validate() error {
	if o.Remote == "" {
		o.Remote = UpstreamRemote
	}
	if plumbing.NewRemoteHEADReferenceName(o.Remote).Validate() != nil || strings.ContainsAny(o.Remote, "/ ") {
		return fmt.Errorf("%q is not a valid remote name", o.Remote)
	}
	var err error
	o.Auth, err = o.Auth.withDefaults()
	return err
}

// CloneResult tells what Clone copied.
type CloneResult struct {
	// Commit is the source's commit the copy starts from (its branch's
	// tip), in full.
	Commit string
	// Branch is the source's branch it came from, e.g. "gh-pages".
	Branch string
}

// ErrEmptySource: the repository to copy has no commits.
var ErrEmptySource = errors.New("the repository holds no saved version yet, so there is nothing to copy")

// Clone copies the repository at remoteURL into dir, which must be missing
// or empty: the source's whole history, its branch's tip checked out on
// branch main (whatever the source's branch is called: many
// Course-in-a-Box repositories keep their source on gh-pages, which is
// where Coursewright would publish the built site), and the address kept
// as the remote opts.Remote with refs/remotes/<remote>/HEAD naming the
// branch followed. Credentials and errors are handled as by Fetch.
func Clone(ctx context.Context, remoteURL, dir string, opts CloneOptions) (*Repo, CloneResult, error) {
	if err := opts.Validate(); err != nil {
		return nil, CloneResult{}, err
	}
	if err := CheckRemoteURL(remoteURL); err != nil {
		return nil, CloneResult{}, err
	}
	existed, err := emptyOrMissing(dir)
	if err != nil {
		return nil, CloneResult{}, err
	}
	// A clone that fails leaves the folder as it found it, so that it can
	// be tried again (after accepting a host key, say).
	done := false
	defer func() {
		if done {
			return
		}
		if !existed {
			os.RemoveAll(dir)
			return
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}()
	r, err := Open(dir, opts.Options)
	if err != nil {
		return nil, CloneResult{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.ensureRepo(); err != nil {
		return nil, CloneResult{}, err
	}
	// ensureRepo wrote Coursewright's .gitignore into the empty folder;
	// the source's own files come first, and the missing ignore lines
	// are added to them at the end.
	if err := os.Remove(filepath.Join(r.dir, ".gitignore")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, CloneResult{}, fmt.Errorf("preparing %s: %w", dir, err)
	}
	if err := r.setRemote(opts.Remote, remoteURL); err != nil {
		return nil, CloneResult{}, err
	}
	tip, branch, err := r.fetchFollow(ctx, opts.Remote, opts.Branch, opts.Auth, opts.Progress)
	if err != nil {
		return nil, CloneResult{}, err
	}
	if err := r.checkoutInitial(tip); err != nil {
		return nil, CloneResult{}, err
	}
	if err := r.ensureGitignore(); err != nil {
		return nil, CloneResult{}, err
	}
	done = true
	return r, CloneResult{Commit: tip.String(), Branch: branch}, nil
}

// emptyOrMissing fails unless dir does not exist (it is created then) or
// is an empty folder, and says whether it existed.
func emptyOrMissing(dir string) (existed bool, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, fmt.Errorf("creating %s: %w", dir, err)
		}
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", dir, err)
	}
	if len(entries) > 0 {
		return true, fmt.Errorf("%s is not empty: choose a new folder for the copy", dir)
	}
	return true, nil
}

// setRemote adds or replaces the remote name with its default fetch
// refspec.
func (r *Repo) setRemote(name, remoteURL string) error {
	cfg, err := r.st.Config()
	if err != nil {
		return fmt.Errorf("reading the repository settings of %s: %w", r.dir, err)
	}
	rc := cfg.Remotes[name]
	if rc == nil {
		rc = &config.RemoteConfig{
			Name:  name,
			Fetch: []config.RefSpec{config.RefSpec(fmt.Sprintf(config.DefaultFetchRefSpec, name))},
		}
		cfg.Remotes[name] = rc
	}
	rc.URLs = []string{remoteURL}
	if err := r.st.SetConfig(cfg); err != nil {
		return fmt.Errorf("saving the address of %s: %w", name, err)
	}
	return nil
}

// fetchFollow fetches every branch of the remote name and returns the tip
// of the branch followed: branch when given, else the one the server's
// HEAD names (recorded as refs/remotes/<name>/HEAD, as `git remote
// set-head` does), else the one recorded before.
func (r *Repo) fetchFollow(ctx context.Context, name, branch string, auth *Auth, progress ProgressFunc) (plumbing.Hash, string, error) {
	remoteURL, err := r.remoteURL(name)
	if err != nil {
		return plumbing.ZeroHash, "", err
	}
	if err := CheckRemoteURL(remoteURL); err != nil {
		return plumbing.ZeroHash, "", fmt.Errorf("the saved address of %s cannot be used (set it again): %w", name, err)
	}
	red := &redactor{}
	pw := newProgressWriter(progress)
	pw.emit(PhaseConnecting, 0)
	var advertised []*plumbing.Reference
	err = r.withAuth(ctx, remoteURL, auth, red, func(am transport.AuthMethod) error {
		rem, err := r.git.Remote(name)
		if err != nil {
			return err
		}
		if advertised, err = rem.ListContext(ctx, &git.ListOptions{Auth: am}); err != nil {
			return err
		}
		return r.git.FetchContext(ctx, &git.FetchOptions{RemoteName: name, Auth: am, Progress: pw})
	})
	if errors.Is(err, transport.ErrEmptyRemoteRepository) {
		return plumbing.ZeroHash, "", fmt.Errorf("%s: %w", hostOf(remoteURL), ErrEmptySource)
	}
	if err = r.classify(ctx, err, red, "getting the course from "+hostOf(remoteURL)); err != nil && !errors.Is(err, ErrUpToDate) {
		return plumbing.ZeroHash, "", err
	}
	headRef := plumbing.NewRemoteHEADReferenceName(name)
	if branch == "" {
		branch = advertisedHead(advertised)
	}
	if branch == "" {
		if ref, err := r.st.Reference(headRef); err == nil && ref.Type() == plumbing.SymbolicReference {
			branch = ref.Target().Short()[len(name)+1:]
		}
	}
	if branch == "" {
		return plumbing.ZeroHash, "", fmt.Errorf("%s names no default branch: %w", hostOf(remoteURL), ErrEmptySource)
	}
	tracking := plumbing.NewRemoteReferenceName(name, branch)
	tip, err := r.refHash(tracking)
	if err != nil {
		return plumbing.ZeroHash, "", err
	}
	if tip.IsZero() {
		return plumbing.ZeroHash, "", fmt.Errorf("%s has no branch %q: %w", hostOf(remoteURL), branch, ErrNotInHistory)
	}
	if err := r.st.SetReference(plumbing.NewSymbolicReference(headRef, tracking)); err != nil {
		return plumbing.ZeroHash, "", fmt.Errorf("recording the branch followed: %w", err)
	}
	pw.emit(PhaseDone, 100)
	return tip, branch, nil
}

// advertisedHead is the branch a server's HEAD points at: the symbolic
// HEAD it advertises, else a branch at the same commit (main, master and
// gh-pages first), else one of the usual names.
func advertisedHead(refs []*plumbing.Reference) string {
	var head plumbing.Hash
	branches := map[string]plumbing.Hash{}
	for _, ref := range refs {
		switch {
		case ref.Name() == plumbing.HEAD && ref.Type() == plumbing.SymbolicReference:
			if ref.Target().IsBranch() {
				return ref.Target().Short()
			}
		case ref.Name() == plumbing.HEAD:
			head = ref.Hash()
		case ref.Name().IsBranch():
			branches[ref.Name().Short()] = ref.Hash()
		}
	}
	names := make([]string, 0, len(branches))
	for n := range branches {
		names = append(names, n)
	}
	sort.Strings(names)
	names = append([]string{"main", "master", "gh-pages"}, names...)
	if !head.IsZero() {
		for _, n := range names {
			if h, ok := branches[n]; ok && h == head {
				return n
			}
		}
	}
	for _, n := range names {
		if _, ok := branches[n]; ok {
			return n
		}
	}
	return ""
}

// checkoutInitial points the unborn current branch at commit and writes
// its files and the index: the checkout of a fresh clone.
func (r *Repo) checkoutInitial(commit plumbing.Hash) error {
	branch, head, err := r.head()
	if err != nil {
		return err
	}
	if !head.IsZero() {
		return fmt.Errorf("internal error: %s already has versions", r.dir)
	}
	lock, _, err := r.lockIndex()
	if err != nil {
		return err
	}
	defer lock.release()
	tree, err := r.commitTree(commit)
	if err != nil {
		return err
	}
	files, err := r.flatten(tree)
	if err != nil {
		return err
	}
	old := map[string]treeFile{}
	infos, err := r.updateWorkingFiles(old, files)
	if err != nil {
		return err
	}
	if err := r.st.updateRef(branch, commit, plumbing.ZeroHash); err != nil {
		return fmt.Errorf("creating branch %s: %w", branch.Short(), err)
	}
	idx, _, err := readIndex(r.gitDir)
	if err != nil {
		return err
	}
	return lock.writeIndex(patchIndex(idx, old, files, infos))
}
