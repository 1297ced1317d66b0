package adapt

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/repo"
	"gopkg.in/yaml.v3"
)

// Following the source. The adaptation remembers the source version it
// was made from (based_on.commit); the source goes on changing. Status
// compares, file by file, three versions: the base (the file as the
// adaptation took it), the source's newest (theirs) and the course folder
// (ours). Pull brings the source's changes in with a line-based
// three-way merge per file.
//
// Taking only some files: based_on.commit says "every file is as of this
// source version, plus my own changes". When the author takes some
// changed files and not others, no single commit says that any more, so
// the files taken record theirs under based_on.pages (path → commit) and
// based_on.commit stays where it was for the rest. Once every file the
// source changed has been taken, based_on.commit moves to the source's
// version and based_on.pages is dropped. The per-file record is what
// Status, Pull and Changes read as each file's base, so a file taken
// early is neither offered again nor counted as the adapter's change.

// ConflictsDir is where Pull writes the merged text, with conflict
// markers, of files changed on both sides in the same place: never into
// the course's own pages, which stay as they were.
const ConflictsDir = ".coursewright/conflicts"

// UpstreamOptions say how to reach the source.
type UpstreamOptions struct {
	// Auth says where credentials come from; nil: all the usual places.
	Auth *repo.Auth
	// Offline uses the source's versions fetched before, without a
	// network.
	Offline bool
}

// What happened to a file on one side.
const (
	Unchanged = "unchanged"
	Changed   = "changed"
	Added     = "added"
	Removed   = "removed"
)

// FileStatus is one file the source changed since the adaptation took it.
type FileStatus struct {
	Path  string `json:"path"`
	Title string `json:"title,omitempty"` // a page's title
	Page  bool   `json:"page"`            // a page (markdown) rather than another file
	// Upstream is what the source did: changed, added or removed.
	Upstream string `json:"upstream"`
	// Ours is what the adaptation did to it: unchanged, changed, added
	// (a file of its own at that path) or removed.
	Ours string `json:"ours"`
	// Conflict is set when both changed the same lines (or one removed
	// what the other changed): Pull stops on it.
	Conflict bool   `json:"conflict"`
	Base     string `json:"base"` // the source version the adaptation has it from
}

// Status is the state of an adaptation against its source.
type Status struct {
	Upstream string       `json:"upstream"` // the source's address
	Branch   string       `json:"branch"`
	Base     string       `json:"base"`   // based_on.commit
	Latest   string       `json:"latest"` // the source's newest version
	Files    []FileStatus `json:"files"`
}

// Conflicts lists the paths that cannot be taken without a decision.
func (s *Status) Conflicts() []string {
	var out []string
	for _, f := range s.Files {
		if f.Conflict {
			out = append(out, f.Path)
		}
	}
	return out
}

// UpstreamStatus fetches the source of the adaptation in dir and lists the
// files it changed since the adaptation took them, saying which of them
// the adapter changed too and which would conflict.
func UpstreamStatus(ctx context.Context, dir string) (*Status, error) {
	return StatusWith(ctx, dir, UpstreamOptions{})
}

// StatusWith is UpstreamStatus with options.
func StatusWith(ctx context.Context, dir string, opts UpstreamOptions) (*Status, error) {
	b, err := openBasis(dir)
	if err != nil {
		return nil, err
	}
	st, _, err := b.status(ctx, opts)
	return st, err
}

// fileMerge is what Pull would do to one file.
type fileMerge struct {
	status FileStatus
	remove bool   // take the source's removal
	text   []byte // the new content, unless remove
	marked []byte // with conflict markers, for a conflict of text
}

func (b *basis) status(ctx context.Context, opts UpstreamOptions) (*Status, []*fileMerge, error) {
	url, err := b.r.Upstream()
	if err != nil {
		return nil, nil, err
	}
	tip, err := b.fetch(ctx, opts.Auth, opts.Offline)
	if err != nil {
		return nil, nil, err
	}
	_, branch, _ := b.r.UpstreamTip()
	sets, err := b.fileSets()
	if err != nil {
		return nil, nil, err
	}
	latest, err := b.r.FilesAt(tip)
	if err != nil {
		return nil, nil, err
	}
	st := &Status{Upstream: url, Branch: branch, Base: b.commit, Latest: tip}
	paths := map[string]bool{}
	for p := range latest {
		paths[p] = true
	}
	for _, p := range b.basePaths(sets) {
		paths[p] = true
	}
	var merges []*fileMerge
	for _, p := range sortedKeys(paths) {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		baseHash, theirHash := b.baseHash(sets, p), latest[p]
		if baseHash == theirHash {
			continue // the source did not change it
		}
		m, err := b.mergeFile(p, b.baseOf(p), baseHash, tip, theirHash)
		if err != nil {
			return nil, nil, err
		}
		st.Files = append(st.Files, m.status)
		merges = append(merges, m)
	}
	return st, merges, nil
}

// mergeFile works out the three-way merge of one file the source changed.
func (b *basis) mergeFile(p, baseCommit, baseHash, tip, theirHash string) (*fileMerge, error) {
	fs := FileStatus{Path: p, Page: isPagePath(p), Base: baseCommit}
	read := func(commit string) ([]byte, error) {
		data, err := b.r.ReadAt(commit, p)
		if errors.Is(err, repo.ErrNotInHistory) {
			return nil, nil
		}
		return data, err
	}
	var base, theirs []byte
	var err error
	if baseHash != "" {
		if base, err = read(baseCommit); err != nil {
			return nil, err
		}
	}
	if theirHash != "" {
		if theirs, err = read(tip); err != nil {
			return nil, err
		}
	}
	ourHash, ours := b.workingHash(p)
	switch {
	case baseHash == "":
		fs.Upstream = Added
	case theirHash == "":
		fs.Upstream = Removed
	default:
		fs.Upstream = Changed
	}
	switch {
	case ourHash == baseHash:
		fs.Ours = Unchanged
	case ourHash == "":
		fs.Ours = Removed
	case baseHash == "":
		fs.Ours = Added
	default:
		fs.Ours = Changed
	}
	for _, data := range [][]byte{ours, theirs, base} {
		if fs.Page && data != nil {
			if pg, _ := course.ParsePage(p, data); pg != nil && pg.Title() != "" {
				fs.Title = pg.Title()
				break
			}
		}
	}
	m := &fileMerge{}
	switch {
	case fs.Ours == Unchanged || ourHash == theirHash:
		// Take theirs as it is (or it is already here).
		m.remove, m.text = theirHash == "", theirs
	case fs.Upstream == Removed || fs.Ours == Removed:
		// One side removed what the other changed: a decision.
		fs.Conflict = true
	case !isText(base) || !isText(ours) || !isText(theirs):
		fs.Conflict = true
	default:
		r := Merge3(string(base), string(ours), string(theirs), MergeLabels{
			Ours:   "this course (" + p + ")",
			Base:   "as adapted (" + shortHash(baseCommit) + ")",
			Theirs: "the source now (" + shortHash(tip) + ")",
		})
		if r.Conflicts > 0 {
			fs.Conflict = true
			m.marked = []byte(r.Text)
		} else {
			m.text = []byte(r.Text)
		}
	}
	if fs.Conflict && m.marked == nil {
		m.marked = theirs // the source's version, to compare by hand
	}
	m.status = fs
	return m, nil
}

// isText reports whether data looks like text a line merge can handle.
func isText(data []byte) bool {
	head := data
	if len(head) > 8000 {
		head = head[:8000]
	}
	return !bytes.Contains(head, []byte{0}) && utf8.Valid(head)
}

// UpstreamConflictError names the files Pull could not merge. Nothing was
// changed; the merged text with conflict markers of each is in Copies.
type UpstreamConflictError struct {
	Paths  []string
	Copies []string // ConflictsDir/<path>, absolute
}

// ErrConflict matches a *UpstreamConflictError with errors.Is.
var ErrConflict = errors.New("the source and this course changed the same place")

func (e *UpstreamConflictError) Error() string {
	return fmt.Sprintf("%v in %s: nothing was changed; the two versions are side by side, with conflict markers, in %s",
		ErrConflict, strings.Join(e.Paths, ", "), ConflictsDir)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *UpstreamConflictError) Is(target error) bool { return target == ErrConflict }

// PullResult tells what Pull took.
type PullResult struct {
	Taken     []string `json:"taken"`
	Latest    string   `json:"latest"`    // the source version taken
	Remaining []string `json:"remaining"` // changed files not taken
	// BaseMoved is set when based_on.commit moved to Latest (every
	// change of the source is in).
	BaseMoved bool `json:"base_moved"`
}

// UpstreamPull brings the source's changes to pages (paths or folders;
// none: every changed file) into the adaptation in dir, merging each with
// the adapter's own changes line by line. When any of them was changed on
// both sides in the same place nothing at all is changed: a
// *UpstreamConflictError names them, and a copy of each with conflict markers is
// written under .coursewright/conflicts. based_on moves forward only for
// what was taken.
func UpstreamPull(ctx context.Context, dir string, pages ...string) (*PullResult, error) {
	return PullWith(ctx, dir, UpstreamOptions{}, pages...)
}

// PullWith is UpstreamPull with options.
func PullWith(ctx context.Context, dir string, opts UpstreamOptions, pages ...string) (*PullResult, error) {
	b, err := openBasis(dir)
	if err != nil {
		return nil, err
	}
	st, merges, err := b.status(ctx, opts)
	if err != nil {
		return nil, err
	}
	res := &PullResult{Latest: st.Latest}
	chosen, err := choose(merges, pages)
	if err != nil {
		return nil, err
	}
	// All or nothing: every chosen file must merge cleanly.
	var conflicts []*fileMerge
	for _, m := range chosen {
		if m.status.Conflict {
			conflicts = append(conflicts, m)
		}
	}
	if len(conflicts) > 0 {
		ce := &UpstreamConflictError{}
		for _, m := range conflicts {
			copyPath := filepath.Join(b.c.Dir, filepath.FromSlash(ConflictsDir), filepath.FromSlash(m.status.Path))
			if err := os.MkdirAll(filepath.Dir(copyPath), 0o755); err != nil {
				return nil, err
			}
			if err := course.WriteFileAtomic(copyPath, m.marked, 0o644); err != nil {
				return nil, err
			}
			ce.Paths = append(ce.Paths, m.status.Path)
			ce.Copies = append(ce.Copies, copyPath)
		}
		return nil, ce
	}
	for _, m := range chosen {
		full, err := course.SafeJoin(b.c.Dir, m.status.Path)
		if err != nil {
			return nil, err
		}
		if m.remove {
			if err := os.Remove(full); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("removing %s: %w", m.status.Path, err)
			}
		} else {
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				return nil, err
			}
			if err := course.WriteFileAtomic(full, m.text, 0o644); err != nil {
				return nil, err
			}
		}
		// An old conflict copy is stale now.
		os.Remove(filepath.Join(b.c.Dir, filepath.FromSlash(ConflictsDir), filepath.FromSlash(m.status.Path)))
		res.Taken = append(res.Taken, m.status.Path)
	}
	taken := map[string]bool{}
	for _, p := range res.Taken {
		taken[p] = true
	}
	for _, m := range merges {
		if !taken[m.status.Path] {
			res.Remaining = append(res.Remaining, m.status.Path)
		}
	}
	if len(res.Taken) == 0 {
		return res, nil
	}
	// based_on moves forward for what was taken (see the top of this
	// file). The course is read again: the pull may have changed
	// _data/course.yml itself.
	c, err := course.Load(b.c.Dir)
	if err != nil {
		return nil, err
	}
	if len(res.Remaining) == 0 {
		if _, err := c.Apply(course.SetMeta{Key: "based_on.commit", Value: st.Latest}); err != nil {
			return nil, err
		}
		if c.Data != nil {
			if err := c.Data.Delete("based_on", pagesKey); err != nil {
				return nil, err
			}
		}
		res.BaseMoved = true
	} else {
		pagesMap := map[string]string{}
		for p, commit := range b.pages {
			pagesMap[p] = commit
		}
		for _, p := range res.Taken {
			pagesMap[p] = st.Latest
		}
		if err := setBasedOnPages(c, pagesMap); err != nil {
			return nil, err
		}
	}
	if _, err := c.Save(); err != nil {
		return nil, err
	}
	return res, nil
}

// choose picks the merges for pages (paths or folders); none: all.
func choose(merges []*fileMerge, pages []string) ([]*fileMerge, error) {
	if len(pages) == 0 {
		return merges, nil
	}
	var out []*fileMerge
	seen := map[*fileMerge]bool{}
	for _, want := range pages {
		want = strings.Trim(path.Clean(filepath.ToSlash(strings.TrimPrefix(want, "./"))), "/")
		found := false
		for _, m := range merges {
			if m.status.Path == want || strings.HasPrefix(m.status.Path, want+"/") {
				found = true
				if !seen[m] {
					seen[m] = true
					out = append(out, m)
				}
			}
		}
		if !found {
			return nil, fmt.Errorf("%s has no changes in the source to take (see coursewright upstream status)", want)
		}
	}
	return out, nil
}

// setBasedOnPages writes based_on.pages.
func setBasedOnPages(c *course.Course, pages map[string]string) error {
	if c.Data == nil {
		return course.ErrNoData
	}
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, p := range sortedKeys(pages) {
		n.Content = append(n.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: p},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: pages[p]})
	}
	return c.Data.SetNode(n, "based_on", pagesKey)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
