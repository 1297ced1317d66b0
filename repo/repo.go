// Package repo is Coursewright's git layer: a course folder's versions
// (save, history, diff, restore), its remote, push and fetch with progress
// and credentials, the built-site commit for the publishing branch, and the
// merge of a co-author's changes.
//
// The porcelain at the top (Repo's methods) is built on go-git's plumbing:
// objects go through go-git's object store; refs, the config and the index
// are written with git's own lock-file protocol (see safeStorage and
// indexLock), because go-git rewrites them in place, which a crash or a
// concurrent git would corrupt. Nothing here resets, force-pushes or drops a
// version: every change of content is a new commit.
//
// Secrets are kept out on every path: files that look like keys or tokens
// are never staged, tokens never enter a URL, a file under .git or a log
// line, and every error of a network operation has known secrets replaced
// by "***".
package repo

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// Defaults for Options.
const (
	// DefaultMaxFileSize is the largest file saved in a version. Git hosts
	// refuse files over 100 MB and warn from 50 MB; a course that big
	// holds a video that belongs on a video host.
	DefaultMaxFileSize = 50 << 20
	// DefaultStaleLockAge is how old a lock file left by another program
	// must be before it is considered abandoned. git holds its locks for
	// milliseconds.
	DefaultStaleLockAge = 10 * time.Minute
	// DefaultBranch is the branch a new course repository starts on.
	DefaultBranch = "main"
)

// defaultIgnore is the .gitignore a new course repository gets: what is
// not course content (course.NotContentIgnoreRules: the built site,
// Coursewright's own data, caches, editor leftovers).
func defaultIgnore() string {
	return "# Written by Coursewright: files that are not part of the course.\n" +
		strings.Join(course.NotContentIgnoreRules(), "\n") + "\n"
}

// Author names who saved a version.
type Author struct {
	Name  string
	Email string
}

// Options tunes a Repo. The zero value is ready to use: Validate fills in
// the defaults.
type Options struct {
	// MaxFileSize: larger files are left out of versions (and reported).
	// Default DefaultMaxFileSize.
	MaxFileSize int64
	// StaleLockAge: a lock file older than this whose owner is not a
	// running Coursewright is removed. Default DefaultStaleLockAge.
	StaleLockAge time.Duration
	// DefaultAuthor is used when neither SaveOptions nor the user's git
	// configuration names an author: the app's settings.
	DefaultAuthor Author
	// Logf receives notes for the user (a stale lock removed, a keychain
	// that could not be used). It never receives a secret. Default: none.
	Logf func(format string, args ...any)
	// Create makes the folder a repository (branch main, a .gitignore) if
	// it is not one yet: the one rule for "open the repository, or create
	// it". Without it, a folder that is not a repository opens too and
	// becomes one on the first SaveVersion.
	Create bool
}

// Validate checks the options and fills in defaults.
func (o *Options) Validate() error {
	if o.MaxFileSize < 0 {
		return fmt.Errorf("repo options: MaxFileSize %d is negative", o.MaxFileSize)
	}
	if o.MaxFileSize == 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.StaleLockAge < 0 {
		return fmt.Errorf("repo options: StaleLockAge %v is negative", o.StaleLockAge)
	}
	if o.StaleLockAge == 0 {
		o.StaleLockAge = DefaultStaleLockAge
	}
	if o.DefaultAuthor.Name == "" {
		o.DefaultAuthor.Name = "Coursewright"
	}
	if o.DefaultAuthor.Email == "" {
		o.DefaultAuthor.Email = "coursewright@localhost"
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return nil
}

// Repo is one course folder and its git repository. A folder that is not a
// repository yet becomes one on the first SaveVersion. Methods are safe to
// call from several goroutines: they run one at a time.
type Repo struct {
	dir    string
	gitDir string
	opts   Options

	mu  sync.Mutex
	git *git.Repository // nil until the folder is a repository
	st  *safeStorage
}

// Open opens the course folder dir; the zero Options are the defaults.
// dir itself is the repository's top folder: Open does not look for a
// repository in the folders above, so a course inside another project
// gets its own history. With opts.Create, a folder that is not a
// repository is made one.
func Open(dir string, opts Options) (*Repo, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("opening course folder %s: %w", dir, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("opening course folder %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("opening course folder %s: it is a file, not a folder", dir)
	}
	r := &Repo{dir: abs, opts: opts}
	gitDir, err := findGitDir(abs)
	if err != nil {
		return nil, err
	}
	if gitDir != "" {
		if err := r.openGit(gitDir); err != nil {
			return nil, err
		}
	}
	if opts.Create {
		r.mu.Lock()
		defer r.mu.Unlock()
		if err := r.ensureRepo(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Dir is the course folder.
func (r *Repo) Dir() string { return r.dir }

// IsRepository reports whether the folder is a git repository yet.
func (r *Repo) IsRepository() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.git != nil
}

// findGitDir returns dir/.git, or the directory a .git file points to
// (submodules, `git init --separate-git-dir`), or "" when dir is not a
// repository.
func findGitDir(dir string) (string, error) {
	p := filepath.Join(dir, ".git")
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("opening course folder %s: %w", dir, err)
	}
	if !fi.IsDir() {
		b, err := os.ReadFile(p)
		if err != nil {
			return "", fmt.Errorf("opening course folder %s: %w", dir, err)
		}
		target, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:")
		if !ok {
			return "", fmt.Errorf("opening course folder %s: %s is neither a git folder nor a gitdir link", dir, p)
		}
		target = strings.TrimSpace(target)
		if !filepath.IsAbs(target) {
			target = filepath.Join(dir, target)
		}
		p = target
	}
	if _, err := os.Stat(filepath.Join(p, "commondir")); err == nil {
		return "", fmt.Errorf("opening course folder %s: it is a linked worktree (git worktree add), which Coursewright does not support; open the main checkout instead", dir)
	}
	return p, nil
}

func (r *Repo) openGit(gitDir string) error {
	st := &safeStorage{
		Storage:  filesystem.NewStorageWithOptions(osfs.New(gitDir), cache.NewObjectLRUDefault(), filesystem.Options{}),
		gitDir:   gitDir,
		staleAge: r.opts.StaleLockAge,
		logf:     r.opts.Logf,
	}
	g, err := git.Open(st, osfs.New(r.dir))
	if err != nil {
		return fmt.Errorf("opening the git repository of %s: %w", r.dir, err)
	}
	r.git, r.st, r.gitDir = g, st, gitDir
	return nil
}

// ensureRepo makes the folder a repository when it is not one. The new
// .git is built in a temporary folder and renamed into place, so a crash
// never leaves a half-made repository that Open would choke on.
func (r *Repo) ensureRepo() error {
	if r.git != nil {
		return nil
	}
	if old, _ := filepath.Glob(filepath.Join(r.dir, ".git-init-*")); len(old) > 0 {
		for _, p := range old {
			os.RemoveAll(p)
		}
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := filepath.Join(r.dir, ".git-init-"+hex.EncodeToString(rnd[:]))
	g, err := git.PlainInitWithOptions(tmp, &git.PlainInitOptions{
		Bare:        true,
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName(DefaultBranch)},
	})
	if err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("making %s a repository: %w", r.dir, err)
	}
	cfg, err := g.Config()
	if err == nil {
		cfg.Core.IsBare = false
		err = g.Storer.SetConfig(cfg)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("making %s a repository: %w", r.dir, err)
	}
	gitDir := filepath.Join(r.dir, ".git")
	if err := os.Rename(tmp, gitDir); err != nil {
		os.RemoveAll(tmp)
		// Another process may have made it a repository meanwhile.
		if found, ferr := findGitDir(r.dir); ferr == nil && found != "" {
			return r.openGit(found)
		}
		return fmt.Errorf("making %s a repository: %w", r.dir, err)
	}
	if err := r.openGit(gitDir); err != nil {
		return err
	}
	return r.ensureGitignore()
}

// ensureGitignore writes defaultIgnore, or adds its missing lines to the
// course's own .gitignore.
func (r *Repo) ensureGitignore() error {
	p := filepath.Join(r.dir, ".gitignore")
	old, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("reading %s: %w", p, err)
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(old), "\n") {
		have[strings.TrimSpace(l)] = true
	}
	var add []string
	for _, l := range strings.Split(defaultIgnore(), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") && !have[l] {
			add = append(add, l)
		}
	}
	if len(old) > 0 && len(add) == 0 {
		return nil
	}
	content := defaultIgnore()
	if len(old) > 0 {
		content = string(old)
		if !strings.HasSuffix(content, "\n") {
			content += "\n"
		}
		content += "# Added by Coursewright: files that are not part of the course.\n" + strings.Join(add, "\n") + "\n"
	}
	return course.WriteFileAtomic(p, []byte(content), 0o644)
}

// author fills the blanks of a from, in order: GIT_AUTHOR_NAME/EMAIL (as
// git does), the user's git config (repository, global, system scopes),
// then Options.DefaultAuthor.
func (r *Repo) author(a Author) Author {
	if a.Name == "" {
		a.Name = os.Getenv("GIT_AUTHOR_NAME")
	}
	if a.Email == "" {
		a.Email = os.Getenv("GIT_AUTHOR_EMAIL")
	}
	if (a.Name == "" || a.Email == "") && r.git != nil {
		if cfg, err := r.git.ConfigScoped(config.SystemScope); err == nil {
			for _, c := range []struct{ n, e string }{
				{cfg.Author.Name, cfg.Author.Email}, {cfg.User.Name, cfg.User.Email},
			} {
				if a.Name == "" {
					a.Name = c.n
				}
				if a.Email == "" {
					a.Email = c.e
				}
			}
		}
	}
	if a.Name == "" {
		a.Name = r.opts.DefaultAuthor.Name
	}
	if a.Email == "" {
		a.Email = r.opts.DefaultAuthor.Email
	}
	return a
}

// head returns the ref HEAD points at (refs/heads/main, or HEAD itself
// when detached) and its commit (zero on an unborn branch).
func (r *Repo) head() (plumbing.ReferenceName, plumbing.Hash, error) {
	ref, err := r.st.Reference(plumbing.HEAD)
	if err != nil {
		return "", plumbing.ZeroHash, fmt.Errorf("reading HEAD of %s: %w", r.dir, err)
	}
	if ref.Type() != plumbing.SymbolicReference {
		return plumbing.HEAD, ref.Hash(), nil
	}
	target, err := r.st.Reference(ref.Target())
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return ref.Target(), plumbing.ZeroHash, nil
	}
	if err != nil {
		return "", plumbing.ZeroHash, fmt.Errorf("reading branch %s of %s: %w", ref.Target().Short(), r.dir, err)
	}
	return ref.Target(), target.Hash(), nil
}

// CurrentBranch is the branch the course folder is on ("main"), or "" when
// HEAD is detached or the folder is not a repository yet.
func (r *Repo) CurrentBranch() (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.git == nil {
		return DefaultBranch, nil
	}
	name, _, err := r.head()
	if err != nil || name == plumbing.HEAD {
		return "", err
	}
	return name.Short(), nil
}

// refHash returns the commit a ref points at, or zero when it does not
// exist.
func (r *Repo) refHash(name plumbing.ReferenceName) (plumbing.Hash, error) {
	ref, err := r.st.Reference(name)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("reading %s: %w", name.Short(), err)
	}
	if ref.Type() == plumbing.SymbolicReference {
		ref, err = r.git.Reference(name, true)
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			return plumbing.ZeroHash, nil
		}
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("reading %s: %w", name.Short(), err)
		}
	}
	return ref.Hash(), nil
}

// checkCtx returns ctx's error, worded for the user.
func checkCtx(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("stopped before finishing: %w", err)
	}
	return nil
}
