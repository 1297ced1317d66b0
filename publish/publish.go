package publish

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/repo"
)

// Publishing is one action for the author: save a version, build the
// site, commit the built site to the publishing branch, push both, and
// say where the site will appear. It never forces a push and never
// overwrites a branch that holds the course's source.

// Options configure Publish.
type Options struct {
	// Host says how the host serves websites (see hosts.go). It is kept
	// in the repository's settings for the next publish; default the
	// host kept there, else the one recognised by the remote's address.
	Host HostKind
	// Branch receives the built site; default the host's (gh-pages on
	// GitHub, pages on GitLab, Codeberg and Forgejo).
	Branch string
	// SourceOnly pushes the course's source only, for hosts that build
	// it with their own Jekyll (many Course-in-a-Box repositories keep
	// their source on gh-pages and let GitHub Pages build it).
	SourceOnly bool
	// Domain is a custom domain for the site (written as CNAME on
	// GitHub, .domains on Codeberg and Forgejo); default the course's
	// `domain` setting.
	Domain string
	// Message describes the version saved first; default "Publish".
	Message string
	// Out is where the site is built; default _site in the course.
	Out string
	// Auth says where credentials come from; nil: the usual places.
	Auth *repo.Auth
	// Progress receives the phase and percentage of the slow steps.
	Progress func(phase Phase, percent int)
}

// Result says what Publish did.
type Result struct {
	Version     string         // the version saved first; "" when nothing had changed
	Skipped     []repo.Skipped // files left out of the version (secrets, strays)
	SiteChanged bool           // the built site differs from the one published before
	Pushed      bool           // anything was sent to the server
	Merged      []string       // files a co-author had changed, merged in
	URL         string         // where the site will appear; "" when the host serves none there or its address is not known
	Branch      string         // the branch that holds the site
	Host        Host           // the host published to
	SourceOnly  bool           // only the source was sent (the host builds it, or nothing does)
	Diagnostics []course.Diagnostic
}

// ErrSourceBranchChoice is returned when the publishing branch holds the
// course's source: the author must choose between letting the host build
// the source and publishing the built site to another branch.
var ErrSourceBranchChoice = errors.New("the publishing branch holds this course's source")

// DefaultBranch is where GitHub Pages looks for a site.
const DefaultBranch = "gh-pages"

func (o *Options) validate(c *course.Course, host Host) {
	if o.Branch == "" {
		o.Branch = host.Branch
	}
	if o.Domain == "" {
		o.Domain = c.Meta().Domain
	}
	if o.Message == "" {
		o.Message = "Publish"
	}
	if o.Out == "" {
		o.Out = filepath.Join(c.Dir, "_site")
	}
	if o.Progress == nil {
		o.Progress = func(Phase, int) {}
	}
}

// Publish saves, builds and pushes the course. Errors match
// repo.ErrConflict (a co-author changed the same files: nothing was
// pushed), repo.ErrAuth, repo.ErrNoRemote and ErrSourceBranchChoice.
func Publish(ctx context.Context, c *course.Course, opts Options) (*Result, error) {
	r, err := repo.Open(c.Dir, repo.Options{})
	if errors.Is(err, repo.ErrNotInHistory) || (err == nil && !r.IsRepository()) {
		r, err = repo.Open(c.Dir, repo.Options{Create: true})
	}
	if err != nil {
		return nil, err
	}
	remote, err := r.Remote()
	if err != nil {
		return nil, err
	}
	host, err := chooseHost(r, remote, opts.Host)
	if err != nil {
		return nil, err
	}
	opts.validate(c, host)
	res := &Result{Branch: opts.Branch, Host: host, SourceOnly: opts.SourceOnly}
	if !opts.SourceOnly || host.Kind == HostGitHub {
		// With the source only, only GitHub builds a site from it.
		res.URL = host.SiteURL(remote, opts.Domain, opts.Branch)
	}

	// A course with errors would go out with modules or pages missing:
	// nothing is saved or sent until they are fixed.
	if errs := ErrorsIn(c, nil); len(errs) > 0 {
		return res, &CourseErrors{Diagnostics: errs}
	}

	opts.Progress(PhaseSaving, 0)
	hash, report, err := r.SaveVersion(ctx, repo.SaveOptions{Message: opts.Message})
	if report != nil {
		res.Skipped = report.Skipped
	}
	switch {
	case err == nil:
		res.Version = hash
	case errors.Is(err, repo.ErrNothingToSave):
	default:
		return res, err
	}

	opts.Progress(PhaseChecking, 10)
	if err := r.Fetch(ctx, repo.FetchOptions{Auth: opts.Auth, Progress: scaled(opts.Progress, 10, 20)}); err != nil && !errors.Is(err, repo.ErrUpToDate) {
		return res, err
	}
	source, err := r.CurrentBranch()
	if err != nil {
		return res, err
	}
	if !opts.SourceOnly {
		if source == opts.Branch {
			return res, sourceChoice(host, opts.Branch)
		}
		if isSrc, err := r.IsSourceBranch(ctx, opts.Branch); err != nil {
			return res, err
		} else if isSrc {
			return res, sourceChoice(host, opts.Branch)
		}
	}
	merge, err := r.MergeRemote(ctx, source)
	if err != nil {
		return res, err // a *repo.RemoteConflictError names the files
	}
	res.Merged = merge.Incoming
	if len(merge.Incoming) > 0 {
		if _, err := c.Reload(); err != nil {
			return res, err
		}
	}

	branches := []string{source}
	if !opts.SourceOnly {
		opts.Progress(PhaseBuilding, 25)
		built, err := Build(ctx, c, opts.Out, BuildOptions{SiteURL: res.URL, Progress: func(done, total int) {
			opts.Progress(PhaseBuilding, 25+25*done/max(total, 1))
		}})
		if err != nil {
			return res, err
		}
		res.Diagnostics = withoutSecretsSaid(built.Diagnostics, res.Skipped)
		if errs := ErrorsIn(c, built.Diagnostics); len(errs) > 0 {
			return res, &CourseErrors{Diagnostics: errs}
		}
		if err := host.writeExtras(opts.Out, opts.Domain, opts.Branch); err != nil {
			return res, err
		}
		opts.Progress(PhasePreparing, 50)
		_, changed, err := r.CommitTree(ctx, opts.Branch, opts.Out, "Publish "+c.Title())
		if err != nil {
			return res, err
		}
		res.SiteChanged = changed
		branches = append(branches, opts.Branch)
	}

	opts.Progress(PhaseSending, 60)
	err = r.Push(ctx, repo.PushOptions{Branches: branches, Auth: opts.Auth, Progress: scaled(opts.Progress, 60, 100)})
	switch {
	case err == nil:
		res.Pushed = true
	case errors.Is(err, repo.ErrUpToDate):
	default:
		return res, err
	}
	opts.Progress(PhaseDone, 100)
	return res, nil
}

// hostSetting is the repository setting that keeps the author's choice
// of host.
const hostSetting = "host"

// chooseHost is the host named (and then kept for the next publish), else
// the one kept, else the one the remote's address shows.
func chooseHost(r *repo.Repo, remote string, kind HostKind) (Host, error) {
	if kind != "" {
		h, err := HostByKind(kind)
		if err != nil {
			return h, err
		}
		return h, r.SetSetting(hostSetting, string(kind))
	}
	if kept, err := r.Setting(hostSetting); err != nil {
		return Host{}, err
	} else if kept != "" {
		if h, err := HostByKind(HostKind(kept)); err == nil {
			return h, nil
		}
	}
	return DetectHost(remote), nil
}

// HostOf is the host a course's repository publishes to: the one chosen
// last, else the one its remote's address shows (HostNone for a folder
// without a repository or a remote).
func HostOf(dir string) Host {
	r, err := repo.Open(dir, repo.Options{})
	if err != nil {
		return DetectHost("")
	}
	remote, _ := r.Remote()
	h, err := chooseHost(r, remote, "")
	if err != nil {
		return DetectHost(remote)
	}
	return h
}

// sourceChoice explains why the site cannot go to branch: it holds the
// course's own files, and the way out depends on the host.
func sourceChoice(host Host, branch string) error {
	why := fmt.Sprintf("%s holds the course's own files, and publishing the built site there would replace them", branch)
	switch {
	case host.Kind == HostGitHub:
		return fmt.Errorf("%w: %s. Choose one: keep publishing with GitHub's Jekyll (publish --source-only), or publish the built site to another branch (publish --branch site)",
			ErrSourceBranchChoice, why)
	case host.FixedBranch && branch == host.Branch:
		return fmt.Errorf("%w: %s. %s serves only the branch %s and does not build Jekyll sites: move the course's source to another branch (for example main) and publish again",
			ErrSourceBranchChoice, why, host.Name, host.Branch)
	}
	return fmt.Errorf("%w: %s. Publish the built site to another branch (publish --branch site)", ErrSourceBranchChoice, why)
}

// scaled maps a step's 0–100 % onto [from, to] of the whole publish.
func scaled(p func(Phase, int), from, to int) repo.ProgressFunc {
	return func(phase repo.Phase, pct int) { p(Phase(phase), from+(to-from)*pct/100) }
}
