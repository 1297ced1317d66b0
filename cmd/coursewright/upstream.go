package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/repo"
)

const upstreamStatusDoc = `List the files the course you adapted (the remote "upstream") changed since
you took them, and for each whether you changed it too:

  U  changed in the source only: pull takes it as it is
  M  changed on both sides, in different places: pull merges them
  C  changed on both sides in the same place: a decision is needed
  A  added in the source     D  removed in the source

The source's newest versions are fetched first (--offline: the ones
fetched last).`

const upstreamPullDoc = `Bring the source's changes into the course: every changed file, or the
PAGEs (paths, or folders such as modules/intro) given. Each file is merged
line by line with your own changes to it.

When a file was changed on both sides in the same place, nothing at all is
changed and the exit status is 3: the two versions, with conflict markers,
are written to .coursewright/conflicts/PATH (never into the page itself).
Edit your page as you want it, then pull again, or pull the other pages by
name. based_on in _data/course.yml moves forward only for what was taken.

Exit status: 0 done (or nothing to take), 3 conflict needing a decision,
1 other errors.`

func (a *app) upstreamOptions(offline bool) adapt.UpstreamOptions {
	return adapt.UpstreamOptions{Auth: &repo.Auth{}, Offline: offline}
}

func (a *app) upstreamStatus(cmd command, args []string) error {
	f := a.flags(cmd).withJSON()
	offline := f.Bool("offline", false, "use the source's versions fetched last, without a network")
	if _, err := f.parse(args); err != nil {
		return err
	}
	if _, err := a.open(*f.dir); err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	st, err := adapt.StatusWith(ctx, *f.dir, a.upstreamOptions(*offline))
	if err != nil {
		return a.upstreamError(err)
	}
	if *f.json {
		return a.printJSON(st)
	}
	fmt.Fprintf(a.stdout, "source: %s (branch %s)\n", st.Upstream, st.Branch)
	fmt.Fprintf(a.stdout, "adapted from version %s; the source is now at %s\n", short(st.Base), short(st.Latest))
	if len(st.Files) == 0 {
		fmt.Fprintln(a.stdout, "nothing new in the source")
		return nil
	}
	width := 0
	for _, fs := range st.Files {
		width = max(width, len(fs.Path))
	}
	for _, fs := range st.Files {
		code, what := statusCode(fs)
		title := ""
		if fs.Title != "" {
			title = "  “" + fs.Title + "”"
		}
		fmt.Fprintf(a.stdout, "%s  %-*s  %s%s\n", code, width, fs.Path, what, title)
	}
	n := len(st.Files)
	fmt.Fprintf(a.stdout, "%s changed in the source", plural(n, "file", "files"))
	if c := len(st.Conflicts()); c > 0 {
		fmt.Fprintf(a.stdout, ", %d in the same place as your changes", c)
	}
	fmt.Fprintln(a.stdout, "; take them with: coursewright upstream pull [PAGE...]")
	return nil
}

// statusCode is a file's one-letter state and its explanation.
func statusCode(fs adapt.FileStatus) (string, string) {
	switch {
	case fs.Conflict && fs.Upstream == adapt.Removed:
		return "C", "removed in the source, changed by you"
	case fs.Conflict && fs.Ours == adapt.Removed:
		return "C", "changed in the source, removed by you"
	case fs.Conflict:
		return "C", "changed in the source and by you in the same place"
	case fs.Upstream == adapt.Added:
		return "A", "added in the source"
	case fs.Upstream == adapt.Removed:
		return "D", "removed in the source"
	case fs.Ours == adapt.Unchanged:
		return "U", "changed in the source"
	default:
		return "M", "changed in the source and by you, in different places"
	}
}

func (a *app) upstreamPull(cmd command, args []string) error {
	f := a.flags(cmd).withJSON()
	offline := f.Bool("offline", false, "use the source's versions fetched last, without a network")
	pages, err := f.parse(args)
	if err != nil {
		return err
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	// Pages may be given relative to the current folder or the course.
	for i, p := range pages {
		if abs, err := filepath.Abs(p); err == nil {
			if rel, err := filepath.Rel(c.Dir, abs); err == nil && !strings.HasPrefix(rel, "..") {
				pages[i] = filepath.ToSlash(rel)
			}
		}
	}
	ctx, stop := interruptible()
	defer stop()
	res, err := adapt.PullWith(ctx, *f.dir, a.upstreamOptions(*offline), pages...)
	if err != nil {
		return a.upstreamError(err)
	}
	if *f.json {
		return a.printJSON(res)
	}
	if len(res.Taken) == 0 {
		fmt.Fprintln(a.stdout, "nothing new in the source")
		return nil
	}
	for _, p := range res.Taken {
		fmt.Fprintf(a.stdout, "took %s\n", p)
	}
	if res.BaseMoved {
		fmt.Fprintf(a.stdout, "the course is now based on the source's version %s\n", short(res.Latest))
	} else {
		fmt.Fprintf(a.stdout, "%s of the source's version %s not taken yet: %s\n",
			plural(len(res.Remaining), "file", "files"), short(res.Latest), strings.Join(res.Remaining, ", "))
	}
	fmt.Fprintln(a.stdout, "the changes are in the course folder; save a version when you have looked at them")
	return nil
}

// upstreamError explains a failed status or pull and picks the exit
// status.
func (a *app) upstreamError(err error) error {
	var ce *adapt.UpstreamConflictError
	switch {
	case errors.As(err, &ce):
		fmt.Fprintf(a.stderr, "coursewright: the source and this course changed the same place in: %s\n", strings.Join(ce.Paths, ", "))
		fmt.Fprintln(a.stderr, "Nothing was changed. Both versions, with conflict markers, are in:")
		for _, c := range ce.Copies {
			fmt.Fprintf(a.stderr, "  %s\n", c)
		}
		fmt.Fprintln(a.stderr, "Edit your page as you want it and pull again, or take the other pages by name:\n"+
			"  coursewright upstream pull PAGE...")
		return exitStatus(exitConflict)
	case errors.Is(err, adapt.ErrNotAdaptation), errors.Is(err, repo.ErrNoUpstream):
		return advise(err, "Only a course made with `coursewright adapt` from a git source follows its source.")
	case errors.Is(err, repo.ErrAuth):
		return advise(err, "For HTTPS, set COURSEWRIGHT_TOKEN to a token that can read the source; for SSH, add your key to your account on the host.")
	}
	return err
}
