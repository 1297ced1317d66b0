package adapt

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/repo"
	"gopkg.in/yaml.v3"
)

// ErrNotAdaptation: the course names no course it adapts (no
// based_on.commit), so there is no source to compare with.
var ErrNotAdaptation = errors.New("this course is not an adaptation of another course (its _data/course.yml has no based_on.commit)")

// pagesKey holds, under based_on, the source version of the pages taken
// from the source after the adapted commit (see UpstreamPull).
const pagesKey = "pages"

// basis is an adaptation with what it knows of its source: the course,
// its repository, the adapted commit and the per-page commits of pages
// brought in later.
type basis struct {
	c      *course.Course
	r      *repo.Repo
	commit string            // based_on.commit
	pages  map[string]string // based_on.pages: path → source commit
}

// openBasis loads the adaptation in dir.
func openBasis(dir string) (*basis, error) {
	c, err := course.Load(dir)
	if err != nil {
		return nil, err
	}
	return basisOf(c)
}

// basisOf is openBasis for a course already loaded.
func basisOf(c *course.Course) (*basis, error) {
	b := c.Meta().BasedOn
	if b == nil || b.Commit == "" {
		return nil, ErrNotAdaptation
	}
	r, err := repo.Open(c.Dir, repo.Options{})
	if err != nil {
		return nil, err
	}
	if !r.HasCommit(b.Commit) {
		return nil, fmt.Errorf("the adapted version %s (based_on.commit) is not in this course's history: get the source's versions first (coursewright upstream status fetches them)", shortHash(b.Commit))
	}
	bs := &basis{c: c, r: r, commit: b.Commit, pages: map[string]string{}}
	if c.Data != nil {
		if n := c.Data.Lookup("based_on", pagesKey); n != nil && n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k, v := n.Content[i], n.Content[i+1]; v.Kind == yaml.ScalarNode && v.Value != "" {
					bs.pages[k.Value] = v.Value
				}
			}
		}
	}
	return bs, nil
}

// baseOf is the source version a file of the adaptation was last taken
// from.
func (b *basis) baseOf(path string) string {
	if c, ok := b.pages[path]; ok {
		return c
	}
	return b.commit
}

// fileSets reads the file lists (path → blob hash) of every source version
// the adaptation is based on, by commit.
func (b *basis) fileSets() (map[string]map[string]string, error) {
	sets := map[string]map[string]string{}
	commits := []string{b.commit}
	for _, c := range b.pages {
		commits = append(commits, c)
	}
	for _, c := range commits {
		if sets[c] != nil {
			continue
		}
		files, err := b.r.FilesAt(c)
		if err != nil {
			return nil, fmt.Errorf("reading the source as of %s: %w", shortHash(c), err)
		}
		sets[c] = files
	}
	return sets, nil
}

// baseHash is the blob hash of path in its base version ("" when the base
// has no such file).
func (b *basis) baseHash(sets map[string]map[string]string, path string) string {
	return sets[b.baseOf(path)][path]
}

// basePaths lists every path the adaptation's bases hold.
func (b *basis) basePaths(sets map[string]map[string]string) []string {
	seen := map[string]bool{}
	for p := range sets[b.commit] {
		if _, own := b.pages[p]; !own {
			seen[p] = true
		}
	}
	for p, c := range b.pages {
		if _, ok := sets[c][p]; ok {
			seen[p] = true
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// workingHash is the blob hash of a file in the course folder, or "" when
// it is not there.
func (b *basis) workingHash(path string) (string, []byte) {
	data, err := os.ReadFile(filepath.Join(b.c.Dir, filepath.FromSlash(path)))
	if err != nil {
		return "", nil
	}
	return repo.BlobHash(data), data
}

// fetch brings the source's new versions in, unless offline, and returns
// the newest version of the source known.
func (b *basis) fetch(ctx context.Context, auth *repo.Auth, offline bool) (string, error) {
	if !offline {
		tip, err := b.r.FetchUpstream(ctx, repo.FetchOptions{Auth: auth})
		if err == nil {
			return tip, nil
		}
		return "", err
	}
	tip, _, err := b.r.UpstreamTip()
	return tip, err
}
