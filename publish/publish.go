package publish

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/repo"
)

// Publishing is one action for the author: save a version, build the
// site, commit the built site to the publishing branch, push both, and
// say where the site will appear. It never forces a push and never
// overwrites a branch that holds the course's source.

// Options configure Publish.
type Options struct {
	// Branch receives the built site; default "gh-pages".
	Branch string
	// SourceOnly pushes the course's source only, for hosts that build
	// it with their own Jekyll (many Course-in-a-Box repositories keep
	// their source on gh-pages and let GitHub Pages build it).
	SourceOnly bool
	// Domain is a custom domain for the site (written as CNAME); default
	// the course's `domain` setting.
	Domain string
	// Message describes the version saved first; default "Publish".
	Message string
	// Out is where the site is built; default _site in the course.
	Out string
	// Auth says where credentials come from; nil: the usual places.
	Auth *repo.Auth
	// Progress receives the phase and percentage of the slow steps.
	Progress func(phase string, percent int)
}

// Result says what Publish did.
type Result struct {
	Version     string         // the version saved first; "" when nothing had changed
	Skipped     []repo.Skipped // files left out of the version (secrets, strays)
	SiteChanged bool           // the built site differs from the one published before
	Pushed      bool           // anything was sent to the server
	Merged      []string       // files a co-author had changed, merged in
	URL         string         // where the site will appear; "" when the host is not known
	Branch      string         // the branch that holds the site
	Diagnostics []course.Diagnostic
}

// ErrSourceBranchChoice is returned when the publishing branch holds the
// course's source: the author must choose between letting the host build
// the source and publishing the built site to another branch.
var ErrSourceBranchChoice = errors.New("the publishing branch holds this course's source")

// DefaultBranch is where GitHub Pages looks for a site.
const DefaultBranch = "gh-pages"

func (o *Options) validate(c *course.Course) {
	if o.Branch == "" {
		o.Branch = DefaultBranch
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
		o.Progress = func(string, int) {}
	}
}

// Publish saves, builds and pushes the course. Errors match
// repo.ErrConflict (a co-author changed the same files: nothing was
// pushed), repo.ErrAuth, repo.ErrNoRemote and ErrSourceBranchChoice.
func Publish(ctx context.Context, c *course.Course, opts Options) (*Result, error) {
	opts.validate(c)
	res := &Result{Branch: opts.Branch}
	r, err := repo.Open(c.Dir)
	if errors.Is(err, repo.ErrNotFound) || (err == nil && !r.IsRepository()) {
		r, err = repo.Init(c.Dir)
	}
	if err != nil {
		return nil, err
	}
	remote, err := r.Remote()
	if err != nil {
		return nil, err
	}
	res.URL = SiteURL(remote, opts.Domain)

	opts.Progress("Saving a version", 0)
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

	opts.Progress("Checking the server", 10)
	if err := r.Fetch(ctx, repo.FetchOptions{Auth: opts.Auth, Progress: scaled(opts.Progress, 10, 20)}); err != nil && !errors.Is(err, repo.ErrUpToDate) {
		return res, err
	}
	source, err := r.CurrentBranch()
	if err != nil {
		return res, err
	}
	if !opts.SourceOnly {
		if source == opts.Branch {
			return res, sourceChoice(opts.Branch)
		}
		if isSrc, err := r.IsSourceBranch(ctx, opts.Branch); err != nil {
			return res, err
		} else if isSrc {
			return res, sourceChoice(opts.Branch)
		}
	}
	merge, err := r.MergeRemote(ctx, source)
	if err != nil {
		return res, err // a *repo.ConflictError names the files
	}
	res.Merged = merge.Incoming
	if len(merge.Incoming) > 0 {
		if _, err := c.Reload(); err != nil {
			return res, err
		}
	}

	branches := []string{source}
	if !opts.SourceOnly {
		opts.Progress("Building the site", 25)
		built, err := Build(ctx, c, opts.Out, BuildOptions{Progress: func(done, total int) {
			opts.Progress("Building the site", 25+25*done/max(total, 1))
		}})
		if err != nil {
			return res, err
		}
		res.Diagnostics = withoutSecretsSaid(built.Diagnostics, res.Skipped)
		if err := siteExtras(opts.Out, opts.Domain); err != nil {
			return res, err
		}
		opts.Progress("Preparing the site", 50)
		_, changed, err := r.CommitTree(ctx, opts.Branch, opts.Out, "Publish "+c.Title())
		if err != nil {
			return res, err
		}
		res.SiteChanged = changed
		branches = append(branches, opts.Branch)
	}

	opts.Progress("Sending to the server", 60)
	err = r.Push(ctx, repo.PushOptions{Branches: branches, Auth: opts.Auth, Progress: scaled(opts.Progress, 60, 100)})
	switch {
	case err == nil:
		res.Pushed = true
	case errors.Is(err, repo.ErrUpToDate):
	default:
		return res, err
	}
	opts.Progress("Done", 100)
	return res, nil
}

func sourceChoice(branch string) error {
	return fmt.Errorf("%w: %s holds the course's own files, and publishing the built site there would replace them. "+
		"Choose one: keep publishing with the host's Jekyll (publish --source-only), or publish the built site to another branch (publish --branch site)",
		ErrSourceBranchChoice, branch)
}

// scaled maps a step's 0–100 % onto [from, to] of the whole publish.
func scaled(p func(string, int), from, to int) repo.ProgressFunc {
	return func(phase string, pct int) { p(phase, from+(to-from)*pct/100) }
}

// siteExtras adds what a static host needs beside the pages: .nojekyll,
// so GitHub Pages serves the files as they are, and CNAME for a custom
// domain.
func siteExtras(out, domain string) error {
	if err := os.WriteFile(filepath.Join(out, ".nojekyll"), nil, 0o644); err != nil {
		return err
	}
	cname := filepath.Join(out, "CNAME")
	if domain == "" {
		if err := os.Remove(cname); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	return os.WriteFile(cname, []byte(domain+"\n"), 0o644)
}

var scpLikeRE = regexp.MustCompile(`^(?:[\w.-]+@)?([\w.-]+):(.+)$`)

// SiteURL is where a host with Pages serves the site pushed to remote:
// GitHub, GitLab and Codeberg are recognised; a custom domain wins.
func SiteURL(remote, domain string) string {
	if domain != "" {
		return "https://" + strings.TrimSuffix(domain, "/") + "/"
	}
	host, path := "", ""
	if u, err := url.Parse(remote); err == nil && u.Host != "" {
		host, path = u.Hostname(), u.Path
	} else if m := scpLikeRE.FindStringSubmatch(remote); m != nil {
		host, path = m[1], m[2]
	}
	parts := strings.Split(strings.Trim(strings.TrimSuffix(strings.Trim(path, "/"), ".git"), "/"), "/")
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return ""
	}
	owner, name := strings.ToLower(parts[0]), parts[1]
	var pages string
	switch strings.ToLower(host) {
	case "github.com":
		pages = owner + ".github.io"
	case "gitlab.com":
		pages = owner + ".gitlab.io"
	case "codeberg.org":
		pages = owner + ".codeberg.page"
	default:
		return ""
	}
	if strings.EqualFold(name, pages) {
		return "https://" + pages + "/"
	}
	return "https://" + pages + "/" + name + "/"
}
