package repo

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// SkipReason says, in words for the user, why a file was left out of a
// version.
type SkipReason string

// Reasons a file is left out of a version.
const (
	SkipSecret      SkipReason = "it looks like a password, key or token file: secrets are never saved or published"
	SkipTooLarge    SkipReason = "it is larger than the size limit for versions"
	SkipOutsideLink SkipReason = "it is a link to something outside the course folder"
	SkipBuildOutput SkipReason = "it is the built website, made again on every publish"
	SkipAppData     SkipReason = "it is Coursewright's own working data"
	SkipNestedRepo  SkipReason = "it is a separate git repository inside the course folder"
)

// Skipped is a file or folder left out of a version, and why.
type Skipped struct {
	Path   string // slash-separated, relative to the course folder; folders end in "/"
	Reason SkipReason
	// Detail says more for the user, e.g. for a secret what gave it away
	// ("it holds a private key (OPENSSH)").
	Detail string
}

// StageReport tells what a save put in the version and what it left out.
type StageReport struct {
	// Added, Modified and Deleted compare the new version with the
	// previous one (slash paths, sorted).
	Added, Modified, Deleted []string
	// Skipped lists the files left out on purpose: secrets, files over the
	// size limit, links leading outside the folder, the built site.
	Skipped []Skipped
	// Notes are messages for the user, e.g. that a stale lock file left by
	// a crashed program was removed.
	Notes []string
}

// scanner walks the course folder and builds the index entries the files
// would have, hashing (and storing as blobs) only the files whose size or
// modification time differ from the index, as git does.
type scanner struct {
	r        *Repo
	ctx      context.Context
	rootReal string
	old      map[string]*index.Entry
	oldNames []string // sorted
	idxMtime time.Time
	scope    []string // nil: everything
	report   *StageReport
	out      map[string]*index.Entry
}

// stage returns the index that records the folder's current files for the
// paths in scope (nil: all), with every other entry of idx kept as is, and
// whether it differs from idx.
func (r *Repo) stage(ctx context.Context, idx *index.Index, idxMtime time.Time, scope []string, report *StageReport) (*index.Index, bool, error) {
	s := &scanner{
		r: r, ctx: ctx, idxMtime: idxMtime, scope: scope, report: report,
		old: make(map[string]*index.Entry, len(idx.Entries)),
		out: make(map[string]*index.Entry, len(idx.Entries)),
	}
	s.rootReal, _ = filepath.EvalSymlinks(r.dir)
	if s.rootReal == "" {
		s.rootReal = r.dir
	}
	for _, e := range idx.Entries {
		s.old[e.Name] = e
		s.oldNames = append(s.oldNames, e.Name)
	}
	sort.Strings(s.oldNames)

	if err := s.walk("", nil, s.basePatterns(), false); err != nil {
		return nil, false, err
	}

	next := &index.Index{Version: idx.Version}
	changed := false
	for _, e := range idx.Entries {
		if !s.inScope(e.Name) {
			next.Entries = append(next.Entries, e)
			continue
		}
		ne, ok := s.out[e.Name]
		if !ok {
			changed = true // deleted or now left out
			continue
		}
		if ne != e {
			changed = true
		}
	}
	for name, e := range s.out {
		if s.inScope(name) {
			next.Entries = append(next.Entries, e)
			if _, existed := s.old[name]; !existed {
				changed = true
			}
		}
	}
	sort.Slice(next.Entries, func(i, j int) bool { return next.Entries[i].Name < next.Entries[j].Name })
	return next, changed, nil
}

// basePatterns are the ignore rules that apply everywhere: editor
// leftovers, then the system's and the user's global excludes, then
// .git/info/exclude (later rules win).
func (s *scanner) basePatterns() []gitignore.Pattern {
	// What is not course content (caches, editor leftovers) is ignored
	// even when the course's .gitignore lacks it; it ranks lowest, so the course's own rules ("!pattern") win.
	var ps []gitignore.Pattern
	for _, p := range course.NotContentIgnoreRules() {
		ps = append(ps, gitignore.ParsePattern(p, nil))
	}
	root := osfs.New("/")
	if sys, err := gitignore.LoadSystemPatterns(root); err == nil {
		ps = append(ps, sys...)
	}
	if glob, err := gitignore.LoadGlobalPatterns(root); err == nil {
		ps = append(ps, glob...)
	}
	return append(ps, readIgnoreFile(filepath.Join(s.r.gitDir, "info", "exclude"), nil)...)
}

// readIgnoreFile parses a .gitignore-format file; patterns apply below
// domain.
func readIgnoreFile(p string, domain []string) []gitignore.Pattern {
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps
}

// inScope reports whether rel (a file or folder) is within the save's
// scope.
func (s *scanner) inScope(rel string) bool {
	if s.scope == nil {
		return true
	}
	for _, sc := range s.scope {
		if sc == "" || rel == sc || strings.HasPrefix(rel, sc+"/") {
			return true
		}
	}
	return false
}

// leadsToScope reports whether the folder rel contains part of the scope,
// so the walk must enter it.
func (s *scanner) leadsToScope(rel string) bool {
	if s.inScope(rel) {
		return true
	}
	for _, sc := range s.scope {
		if strings.HasPrefix(sc, rel+"/") {
			return true
		}
	}
	return false
}

// tracked reports whether the index has rel, or (for a folder) a file
// under it.
func (s *scanner) tracked(rel string, dir bool) bool {
	if !dir {
		_, ok := s.old[rel]
		return ok
	}
	prefix := rel + "/"
	i := sort.SearchStrings(s.oldNames, prefix)
	return i < len(s.oldNames) && strings.HasPrefix(s.oldNames[i], prefix)
}

func (s *scanner) skip(rel string, why SkipReason) {
	s.report.Skipped = append(s.report.Skipped, Skipped{Path: rel, Reason: why})
}

// skipSecret leaves out a file the secret detector judged a secret.
func (s *scanner) skipSecret(rel, detail string) {
	s.report.Skipped = append(s.report.Skipped, Skipped{Path: rel, Reason: SkipSecret, Detail: detail})
}

// walk visits the folder rel (parts: its path components). ps are the
// ignore patterns in force; ignored means the folder itself is ignored and
// only files git already tracks in it still count.
func (s *scanner) walk(rel string, parts []string, ps []gitignore.Pattern, ignored bool) error {
	if err := checkCtx(s.ctx); err != nil {
		return err
	}
	abs := filepath.Join(s.r.dir, filepath.FromSlash(rel))
	des, err := os.ReadDir(abs)
	if err != nil {
		return fmt.Errorf("reading folder %s: %w", abs, err)
	}
	if !ignored {
		if own := readIgnoreFile(filepath.Join(abs, ".gitignore"), parts); len(own) > 0 {
			ps = append(ps[:len(ps):len(ps)], own...)
		}
	}
	m := gitignore.NewMatcher(ps)
	for _, de := range des {
		name := de.Name()
		childRel := path.Join(rel, name)
		childParts := append(parts[:len(parts):len(parts)], name)
		if course.IsGitName(name) || (rel == "" && strings.HasPrefix(name, ".git-init-")) {
			continue
		}
		isDir := de.IsDir()
		if isDir && !s.leadsToScope(childRel) || !isDir && !s.inScope(childRel) {
			continue
		}
		if rel == "" && isDir && (name == "_site" || name == ".coursewright") {
			why := SkipBuildOutput
			if name == ".coursewright" {
				why = SkipAppData
			}
			s.skip(childRel+"/", why)
			continue
		}
		childIgnored := ignored || m.Match(childParts, isDir)
		if childIgnored && !s.tracked(childRel, isDir) {
			continue
		}
		if isDir {
			if _, err := os.Lstat(filepath.Join(abs, name, ".git")); err == nil {
				if e, ok := s.old[childRel]; ok && e.Mode == filemode.Submodule {
					s.out[childRel] = e // a submodule git tracks: kept as it is
				} else {
					s.skip(childRel+"/", SkipNestedRepo)
				}
				continue
			}
			if err := s.walk(childRel, childParts, ps, childIgnored); err != nil {
				return err
			}
			continue
		}
		if why := course.SecretName(childRel); why != "" {
			s.skipSecret(childRel, why)
			continue
		}
		fi, err := de.Info()
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed while we looked
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", filepath.Join(abs, name), err)
		}
		if err := s.file(childRel, filepath.Join(abs, name), fi); err != nil {
			return err
		}
	}
	return nil
}

// file records one regular file or symlink.
func (s *scanner) file(rel, abs string, fi os.FileInfo) error {
	var mode filemode.FileMode
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		mode = filemode.Symlink
	case fi.Mode().IsRegular():
		mode = filemode.Regular
		if fi.Mode()&0o111 != 0 {
			mode = filemode.Executable
		}
	default:
		return nil // sockets, pipes, devices: git ignores them too
	}
	if mode != filemode.Symlink && fi.Size() > s.r.opts.MaxFileSize {
		s.skip(rel, SkipTooLarge)
		return nil
	}

	if old, ok := s.old[rel]; ok && s.unchanged(old, fi, mode) {
		s.out[rel] = old
		return nil
	}

	e := &index.Entry{Name: rel, Mode: mode, ModifiedAt: fi.ModTime(), Size: uint32(fi.Size())}
	fillStat(e, fi)
	if mode == filemode.Symlink {
		target, outside, err := s.linkTarget(abs)
		if err != nil {
			return err
		}
		if outside {
			s.skip(rel, SkipOutsideLink)
			return nil
		}
		// A link is judged by what it leads to: into .git, to a secret's
		// name or to a file holding one, it is left out like the secret.
		if sec, err := course.SecretFile(s.r.dir, rel); err == nil && sec.Reason != "" {
			s.skipSecret(rel, sec.Reason)
			return nil
		}
		h, err := s.r.writeBlobBytes([]byte(target))
		if err != nil {
			return fmt.Errorf("saving the link %s: %w", abs, err)
		}
		e.Hash = h
		s.out[rel] = e
		return nil
	}

	f, ofi, err := openRegular(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", abs, err)
	}
	defer f.Close()
	// Size and times from the open file: what we hash is what we record.
	e.ModifiedAt, e.Size = ofi.ModTime(), uint32(ofi.Size())
	fillStat(e, ofi)
	head := make([]byte, min(ofi.Size(), 64<<10))
	if _, err := io.ReadFull(f, head); err != nil {
		return fmt.Errorf("reading %s: %w", abs, err)
	}
	// The secret detector judges the first megabyte; the bytes it reads
	// beyond the first block are read again when the blob is written.
	judged := head
	if int64(len(head)) < ofi.Size() {
		more, err := io.ReadAll(io.LimitReader(io.NewSectionReader(f, int64(len(head)), ofi.Size()), course.SecretScanSize-int64(len(head))))
		if err != nil {
			return fmt.Errorf("reading %s: %w", abs, err)
		}
		judged = append(head[:len(head):len(head)], more...)
	}
	if why := course.SecretContent(rel, judged); why != "" {
		s.skipSecret(rel, why)
		return nil
	}
	h, err := s.r.writeBlobFrom(io.MultiReader(bytes.NewReader(head), f), ofi.Size())
	if err != nil {
		return fmt.Errorf("saving %s: %w", abs, err)
	}
	e.Hash = h
	s.out[rel] = e
	return nil
}

// unchanged is git's stat check: same mode, size and modification time as
// recorded, and not "racily clean" (modified in the same instant the index
// was written, when a change could hide behind an equal time).
func (s *scanner) unchanged(e *index.Entry, fi os.FileInfo, mode filemode.FileMode) bool {
	if e.IntentToAdd || e.Hash.IsZero() || e.Mode != mode {
		return false
	}
	if int64(e.Size) != fi.Size() || !e.ModifiedAt.Equal(fi.ModTime()) {
		return false
	}
	return s.idxMtime.IsZero() || fi.ModTime().Before(s.idxMtime)
}

// linkTarget reads a symlink and reports whether it leads outside the
// course folder, by its written target or by where it resolves.
func (s *scanner) linkTarget(abs string) (string, bool, error) {
	target, err := os.Readlink(abs)
	if err != nil {
		return "", false, fmt.Errorf("reading the link %s: %w", abs, err)
	}
	lex := target
	if !filepath.IsAbs(lex) {
		lex = filepath.Join(filepath.Dir(abs), lex)
	}
	lex = filepath.Clean(lex)
	if !within(s.r.dir, lex) && !within(s.rootReal, lex) {
		return target, true, nil
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil && !within(s.rootReal, resolved) && !within(s.r.dir, resolved) {
		return target, true, nil
	}
	return filepath.ToSlash(target), false, nil
}

// within reports whether p is root or below it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// cleanScope turns caller paths (relative to the course folder, or
// absolute inside it) into slash paths; "" stands for the whole folder.
func (r *Repo) cleanScope(paths []string) ([]string, error) {
	if paths == nil {
		return nil, nil
	}
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		orig := p
		if filepath.IsAbs(p) {
			rel, err := filepath.Rel(r.dir, p)
			if err != nil {
				return nil, fmt.Errorf("%s is not inside the course folder %s", orig, r.dir)
			}
			p = rel
		}
		p = path.Clean(filepath.ToSlash(p))
		if p == "." || p == "/" {
			p = ""
		}
		p = strings.TrimSuffix(p, "/")
		if p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/") {
			return nil, fmt.Errorf("%s is not inside the course folder %s", orig, r.dir)
		}
		if p == ".git" || strings.HasPrefix(p, ".git/") {
			return nil, fmt.Errorf("%s is git's own data, not a course file", orig)
		}
		out = append(out, p)
	}
	return out, nil
}

// indexFiles turns index entries into tree files.
func indexFiles(entries []*index.Entry) map[string]treeFile {
	m := make(map[string]treeFile, len(entries))
	for _, e := range entries {
		if e.IntentToAdd {
			continue
		}
		m[e.Name] = treeFile{Hash: e.Hash, Mode: e.Mode}
	}
	return m
}

// compareFiles lists what differs from old to new, sorted.
func compareFiles(old, new map[string]treeFile) (added, modified, deleted []string) {
	for p, f := range new {
		o, ok := old[p]
		switch {
		case !ok:
			added = append(added, p)
		case o != f:
			modified = append(modified, p)
		}
	}
	for p := range old {
		if _, ok := new[p]; !ok {
			deleted = append(deleted, p)
		}
	}
	sort.Strings(added)
	sort.Strings(modified)
	sort.Strings(deleted)
	return
}
