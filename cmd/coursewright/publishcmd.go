package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/coursewright/coursewright/publish"
	"github.com/coursewright/coursewright/repo"
)

// Exit codes of publish, besides 0 and 1. Users' scripts rely on them.
const (
	exitConflict = 3 // a co-author changed the same files: a decision is needed
	exitAuth     = 4 // the server refused the sign-in
)

const publishDoc = `Publish the course: save a version if anything changed, build the
website, put it where the host serves it, send both to the server, and say
where the site will appear. Nothing is ever force-pushed, and a branch
holding the course's own files is never replaced.

--host says how the host serves websites (default: recognised by the
address for github.com, gitlab.com and codeberg.org; any other is none):
  github    the site on gh-pages with .nojekyll (CNAME for a custom domain);
            the first time, choose Pages → Deploy from branch gh-pages
  gitlab    the site on the branch pages with a .gitlab-ci.yml whose pages
            job copies it into public/ (nothing is built on GitLab's side);
            also for a self-hosted GitLab
  codeberg  the site on the branch pages (.domains for a custom domain)
  forgejo   the same, for a Forgejo or Gitea server with a pages server
  none      the site on gh-pages and no address: the host serves no sites

Credentials: COURSEWRIGHT_TOKEN (and COURSEWRIGHT_USER) for HTTPS, else
your git credential helper or the system keychain; for SSH your ssh-agent
or ~/.ssh keys, checked against ~/.ssh/known_hosts.

When a co-author changed other files, their work is merged in. When they
changed the same pages, nothing is sent and the exit status is 3: publish
again with --take-theirs (use their version of those pages) or
--keep-mine-as NAME (keep your version on branch NAME, then use theirs).

Exit status: 0 published (or nothing to publish), 3 conflict needing a
decision, 4 the server refused the sign-in, 1 other errors.`

func (a *app) publish(cmd command, args []string) error {
	f := a.flags(cmd)
	host := f.String("host", "", "how the host serves websites: `gitlab|codeberg|github|forgejo|none` (default: from the address)")
	branch := f.String("branch", "", "branch that receives the built site (default: the host's, gh-pages or pages)")
	sourceOnly := f.Bool("source-only", false, "push the course's source only (the host builds it with Jekyll)")
	domain := f.String("domain", "", "custom domain `D` for the site (written as CNAME)")
	msg := f.String("m", "", "message for the version saved first (default: Publish)")
	takeTheirs := f.Bool("take-theirs", false, "after a conflict: use the server's version of the conflicting pages")
	keepMine := f.String("keep-mine-as", "", "after a conflict: keep your version on branch `NAME`, then use the server's")
	acceptHost := f.String("accept-host-key", "", "trust an SSH server whose key has this `SHA256:…` fingerprint")
	if _, err := f.parse(args); err != nil {
		return err
	}
	if *host != "" {
		if _, err := publish.HostByKind(publish.HostKind(*host)); err != nil {
			return f.usageErrorf("--host: %v", err)
		}
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	auth := &repo.Auth{}
	opts := publish.Options{Host: publish.HostKind(*host), Branch: *branch, SourceOnly: *sourceOnly, Domain: *domain, Message: *msg, Auth: auth}
	if isTerminal(a.stderr) {
		opts.Progress = func(phase publish.Phase, pct int) { fmt.Fprintf(a.rawStderr, "\r\033[K%3d%% %s", pct, phase) }
	}
	res, err := publish.Publish(ctx, c, opts)
	if err != nil && (*takeTheirs || *keepMine != "") {
		if res, err = a.resolveAndRepublish(ctx, c.Dir, err, *keepMine, opts); err == nil {
			opts.Progress = nil
		}
	}
	var unknown *repo.ErrUnknownHost
	if errors.As(err, &unknown) && *acceptHost != "" {
		if *acceptHost != unknown.Fingerprint {
			return fmt.Errorf("the server %s shows key %s, not %s: not trusted", unknown.Host, unknown.Fingerprint, *acceptHost)
		}
		if err := auth.AcceptHostKey(unknown.Host, unknown.Key); err != nil {
			return err
		}
		res, err = publish.Publish(ctx, c, opts)
	}
	if opts.Progress != nil {
		fmt.Fprint(a.rawStderr, "\r\033[K")
	}
	if res != nil {
		a.reportSkipped(res.Skipped)
	}
	if err != nil {
		return a.publishError(err)
	}
	a.reportPublished(res)
	return nil
}

// resolveAndRepublish applies the author's choice after a conflict and
// publishes again.
func (a *app) resolveAndRepublish(ctx context.Context, dir string, err error, keepMine string, opts publish.Options) (*publish.Result, error) {
	var ce *repo.RemoteConflictError
	if !errors.As(err, &ce) {
		return nil, err
	}
	r, rerr := repo.Open(dir, repo.Options{})
	if rerr != nil {
		return nil, rerr
	}
	if keepMine != "" {
		if err := r.KeepMineAsBranch(keepMine); err != nil {
			return nil, err
		}
		if err := r.Push(ctx, repo.PushOptions{Branches: []string{keepMine}, Auth: opts.Auth}); err != nil && !errors.Is(err, repo.ErrUpToDate) {
			return nil, err
		}
		fmt.Fprintf(a.stdout, "your version is kept on branch %s (also on the server)\n", keepMine)
	}
	if _, err := r.TakeTheirs(ctx, ce.Paths...); err != nil {
		return nil, err
	}
	fmt.Fprintf(a.stdout, "using the server's version of %s\n", strings.Join(ce.Paths, ", "))
	c, lerr := a.open(dir)
	if lerr != nil {
		return nil, lerr
	}
	return publish.Publish(ctx, c, opts)
}

func (a *app) reportPublished(res *publish.Result) {
	if res.Version != "" {
		fmt.Fprintf(a.stdout, "saved version %s\n", short(res.Version))
	}
	if len(res.Merged) > 0 {
		fmt.Fprintf(a.stdout, "merged a co-author's changes to %s\n", strings.Join(res.Merged, ", "))
	}
	if !res.Pushed {
		fmt.Fprintln(a.stdout, "nothing to publish: the server already has this version of the course")
	} else if res.SiteChanged {
		fmt.Fprintf(a.stdout, "published the course and its website (branch %s)\n", res.Branch)
	} else {
		fmt.Fprintln(a.stdout, "published the course")
	}
	n := res.Notice(messageLocale())
	if n.URL != "" {
		fmt.Fprintln(a.stdout, n.Lead, n.URL)
	}
	if n.Step != "" {
		fmt.Fprintln(a.stdout, n.Step)
	}
}

// messageLocale is the language the user reads messages in, as the
// environment names it (LANGUAGE's first choice, LC_ALL, LC_MESSAGES,
// LANG); publish words the host's steps in it.
func messageLocale() string {
	if l, _, _ := strings.Cut(os.Getenv("LANGUAGE"), ":"); l != "" {
		return l
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "en"
}

// publishError explains a failed publish and picks the exit status.
func (a *app) publishError(err error) error {
	var (
		ce      *repo.RemoteConflictError
		unknown *repo.ErrUnknownHost
	)
	switch {
	case errors.As(err, &ce):
		fmt.Fprintf(a.stderr, "coursewright: a co-author changed the same pages on the server: %s\n", strings.Join(ce.Paths, ", "))
		fmt.Fprintln(a.stderr, "Nothing was sent. Choose one and publish again:\n"+
			"  coursewright publish --take-theirs          use their version of those pages\n"+
			"  coursewright publish --keep-mine-as NAME    keep yours on branch NAME, then use theirs")
		return exitStatus(exitConflict)
	case errors.As(err, &unknown):
		fmt.Fprintf(a.stderr, "coursewright: this is the first connection to %s; its key fingerprint is\n  %s\n", unknown.Host, unknown.Fingerprint)
		fmt.Fprintf(a.stderr, "If that matches what your host publishes, trust it with:\n  coursewright publish --accept-host-key %s\n", unknown.Fingerprint)
		return exitStatus(exitAuth)
	case errors.Is(err, repo.ErrAuth), errors.Is(err, repo.ErrPassphraseNeeded), errors.Is(err, repo.ErrHostKeyChanged):
		fmt.Fprintf(a.stderr, "coursewright: %v\n", err)
		fmt.Fprintln(a.stderr, "For HTTPS, set COURSEWRIGHT_TOKEN to a token with write access (or store one with your git credential helper);\n"+
			"for SSH, add your key to your account on the host or to your ssh-agent.")
		return exitStatus(exitAuth)
	case errors.Is(err, repo.ErrNoRemote):
		return advise(err, "Say where to publish first: coursewright remote set https://github.com/OWNER/REPO.git")
	case errors.Is(err, publish.ErrSourceBranchChoice):
		return err
	case errors.Is(err, publish.ErrCourseErrors):
		return advise(err, "Fix them (coursewright check lists every problem) and publish again.")
	}
	return err
}
