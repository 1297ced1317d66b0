package adapt

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/repo"
	"golang.org/x/text/language"
)

// A language version is an adaptation whose pages each record the source
// page and source version they translate (translation_of, see
// course.TranslationOf). Check then lists the pages not translated yet
// and those whose source page changed after they were translated.

// TranslateOptions describe Translate.
type TranslateOptions struct {
	// Language of the version, a language tag ("de").
	Language string
	// Done lists pages whose translation was brought up to date with the
	// source: their translation_of moves to the source's newest version.
	Done []string
	// Auth and Offline are for fetching the source's newest version (for
	// Done).
	Auth    *repo.Auth
	Offline bool
}

// TranslateResult tells what Translate did.
type TranslateResult struct {
	Language string   `json:"language"`
	Marked   []string `json:"marked,omitempty"` // pages newly marked as translations
	Done     []string `json:"done,omitempty"`   // pages recorded as up to date
	Source   string   `json:"source,omitempty"` // the source version Done recorded
}

// Translate makes the adaptation in dir a language version of the course
// it adapts: it sets the course's language and marks every page that comes
// from the source (and is not marked yet) as the translation of the source
// page, as of the version it was taken from. Pages the adapter added are
// left alone. With Done, those pages' translation_of is moved to the
// source's newest version, once their translation has caught up.
func Translate(ctx context.Context, dir string, opts TranslateOptions) (*TranslateResult, error) {
	c, err := course.Load(dir)
	if err != nil {
		return nil, err
	}
	b, err := basisOf(c)
	if errors.Is(err, ErrNotAdaptation) {
		return nil, fmt.Errorf("%w: translate marks the pages of an adaptation as translations of its source; to make a language version of this course, give a new folder: coursewright translate --language %s DIR", err, opts.Language)
	}
	if err != nil {
		return nil, err
	}
	res := &TranslateResult{}
	if opts.Language != "" {
		tag, err := language.Parse(opts.Language)
		if err != nil {
			return nil, fmt.Errorf("%q is not a language tag; use one like en, es, de or pt-BR", opts.Language)
		}
		if _, err := c.Apply(course.SetMeta{Key: "language", Value: tag.String()}); err != nil {
			return nil, err
		}
	}
	res.Language = c.Meta().Language
	if res.Language == "" {
		return nil, errors.New("say which language this version is in with --language, e.g. --language de")
	}
	sets, err := b.fileSets()
	if err != nil {
		return nil, err
	}
	marked, err := markTranslations(c, "", func(p string) (string, bool) {
		base := b.baseOf(p)
		_, ok := sets[base][p]
		return base, ok
	})
	if err != nil {
		return nil, err
	}
	res.Marked = marked

	if len(opts.Done) > 0 {
		tip, err := b.fetch(ctx, opts.Auth, opts.Offline)
		if err != nil {
			return nil, err
		}
		for _, p := range opts.Done {
			pg := c.PageByPath(strings.TrimPrefix(p, "./"))
			if pg == nil {
				return nil, fmt.Errorf("there is no page %s in this course", p)
			}
			t, ok := pg.TranslationOf()
			if !ok {
				return nil, fmt.Errorf("%s is not marked as a translation", pg.Path)
			}
			if _, err := b.r.ReadAt(tip, t.Path); errors.Is(err, repo.ErrNotInHistory) {
				return nil, fmt.Errorf("the source page %s of %s no longer exists in the source", t.Path, pg.Path)
			}
			if _, err := c.Apply(course.SetTranslationOf{Page: pg.Path, Of: course.TranslationOf{Path: t.Path, Commit: tip}}); err != nil {
				return nil, err
			}
			res.Done = append(res.Done, pg.Path)
		}
		res.Source = tip
	}
	if _, err := c.Save(); err != nil {
		return nil, err
	}
	return res, nil
}

// markTranslations marks the pages of c as translations of the same paths
// of the source. base gives the source version of a path and whether the
// source has it there; nil means every page comes from commit.
func markTranslations(c *course.Course, commit string, base func(path string) (string, bool)) ([]string, error) {
	if base == nil {
		base = func(string) (string, bool) { return commit, true }
	}
	var marked []string
	for _, p := range c.AllPages() {
		if _, ok := p.TranslationOf(); ok {
			continue
		}
		src, ok := base(p.Path)
		if !ok {
			continue
		}
		if _, err := c.Apply(course.SetTranslationOf{Page: p.Path, Of: course.TranslationOf{Path: p.Path, Commit: src}}); err != nil {
			return marked, err
		}
		marked = append(marked, p.Path)
	}
	sort.Strings(marked)
	return marked, nil
}

// gitSource reads the course a translation was made from out of the
// adaptation's repository, where its versions were fetched.
type gitSource struct {
	r   *repo.Repo
	tip string // the newest version of the source known
}

func (s *gitSource) SourceFile(path, commit string) ([]byte, bool, error) {
	if commit == "" {
		commit = s.tip
	}
	data, err := s.r.ReadAt(commit, path)
	if errors.Is(err, repo.ErrNotInHistory) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return data, true, nil
}

func (s *gitSource) SourcePages() ([]string, error) {
	files, err := s.r.FilesAt(s.tip)
	if err != nil {
		return nil, err
	}
	var out []string
	for p := range files {
		if isPagePath(p) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, nil
}

// CheckConfig says how CheckOptions may reach the source.
type CheckConfig struct {
	// Fetch the source's newest version first; otherwise the last one
	// fetched is used.
	Fetch bool
	Auth  *repo.Auth
}

// CheckOptions works out the extra checks course.CheckWith runs for the
// course c: against the course it translates (its newest version, fetched
// when cfg.Fetch), the license of its images when it has a publishing
// address, and which files are inherited unchanged from the source (whose
// credit covers them). What cannot be worked out is left out; the notes
// say why, for the user.
func CheckOptions(ctx context.Context, c *course.Course, cfg CheckConfig) (opts course.CheckOptions, notes []string) {
	r, err := repo.Open(c.Dir, repo.Options{})
	if err != nil {
		return opts, nil
	}
	if _, err := r.Remote(); err == nil {
		opts.Publishing = true
	}
	b, err := basisOf(c)
	if err != nil {
		if !errors.Is(err, ErrNotAdaptation) {
			notes = append(notes, err.Error())
		}
		return opts, notes
	}
	if sets, err := b.fileSets(); err == nil {
		opts.Inherited = map[string]bool{}
		for _, p := range b.basePaths(sets) {
			if h, _ := b.workingHash(p); h != "" && h == b.baseHash(sets, p) {
				opts.Inherited[p] = true
			}
		}
	}
	translated := false
	for _, p := range c.AllPages() {
		if _, ok := p.TranslationOf(); ok {
			translated = true
			break
		}
	}
	if !translated {
		return opts, notes
	}
	if _, err := r.Upstream(); err != nil {
		// A folder or zip source has no newer versions: pages can still
		// be untranslated, never outdated.
		opts.Translations = &gitSource{r: r, tip: b.commit}
		return opts, notes
	}
	tip, err := b.fetch(ctx, cfg.Auth, !cfg.Fetch)
	if err != nil && cfg.Fetch {
		notes = append(notes, "the source course could not be reached, so translations are compared with the last version fetched: "+err.Error())
		tip, _, err = r.UpstreamTip()
	}
	if err != nil {
		return opts, notes
	}
	opts.Translations = &gitSource{r: r, tip: tip}
	return opts, notes
}
