package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/repo"
)

const adaptDoc = `Make a new course in DIR (missing or empty) out of another one: SOURCE is a
git address (HTTPS or SSH, any host), a local repository or course folder,
or a .zip of a course.

The source's license is found (in _data/course.yml, LICENSE files, the
README or the site's footer; the Course-in-a-Box template's MIT license is
not the course's) and decides what you may do, by Creative Commons' rules:
CC BY allows any license for your version, CC BY-SA and CC BY-NC-SA the
same license (or a later version), CC0 anything; a NoDerivatives license
allows no adaptation, and a course without a license is all rights
reserved. Adapting those needs the authors' permission: --i-have-permission.

The new course records what it adapts in _data/course.yml (based_on: title,
address, the exact version, authors, license), keeps a git source as the
remote "upstream" (see coursewright upstream status), and its site credits
the original and lists what you changed. With --language, every page
records the source page it translates (see coursewright translate).`

const translateDoc = `Make a language version of a course. With DIR, the course (-C) is adapted
into DIR as a new course in --language, every page marked as a translation
of the course's page. Without DIR, the course must itself be an adaptation:
its language is set and each page taken from its source is marked.

coursewright check then lists the pages not translated yet and those whose
source page changed after they were translated. Once such a page is
translated again, record it with --done PAGE (repeatable).`

func (a *app) adaptCourse(cmd command, args []string) error {
	f := a.flags(cmd).withJSON()
	title := f.String("title", "", "title `T` of your version (default: the source's)")
	lang := f.String("language", "", "language `L` of your version, e.g. de; makes it a language version")
	license := f.String("license", "", "license `ID` of your version (default: the source's, when allowed)")
	permission := f.Bool("i-have-permission", false, "you have the authors' permission to adapt a course whose license does not allow it")
	branch := f.String("branch", "", "branch of a git source (default: its default branch)")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	opts := adapt.Options{Title: *title, Language: *lang, License: *license, IHavePermission: *permission,
		Branch: *branch, Auth: &repo.Auth{}}
	if isTerminal(a.stderr) {
		opts.Progress = func(phase string, pct int) { fmt.Fprintf(a.rawStderr, "\r\033[K%3d%% %s", pct, phase) }
	}
	res, err := adapt.Adapt(ctx, pos[0], pos[1], opts)
	if opts.Progress != nil {
		fmt.Fprint(a.rawStderr, "\r\033[K")
	}
	if err != nil {
		return a.adaptError(err)
	}
	if *f.json {
		return a.printJSON(res)
	}
	a.reportAdapted(res)
	return nil
}

// adaptError explains why an adaptation was refused.
func (a *app) adaptError(err error) error {
	switch {
	case errors.Is(err, adapt.ErrNoDerivatives), errors.Is(err, adapt.ErrNoLicense), errors.Is(err, adapt.ErrLicenseNotAllowed):
		return err // the error says it all, and what to do
	case errors.Is(err, repo.ErrAuth):
		return advise(err, "For HTTPS, set COURSEWRIGHT_TOKEN to a token that can read the repository; for SSH, add your key to your account on the host.")
	}
	return err
}

func (a *app) reportAdapted(res *adapt.Result) {
	d := res.Detection
	if d.ID != "" {
		fmt.Fprintf(a.stdout, "the source's license: %s (found in %s, %s confidence)\n", d.ID, d.Source, d.Confidence)
	} else {
		fmt.Fprintln(a.stdout, "the source has no license: adapted with your statement that you have the authors' permission")
	}
	b := res.BasedOn
	fmt.Fprintf(a.stdout, "adapted “%s” (version %s) into %s\n", b.Title, short(b.Commit), res.Dir)
	credit := "  based on: " + b.URL
	if len(b.Authors) > 0 {
		credit += ", by " + strings.Join(b.Authors, ", ")
	}
	fmt.Fprintln(a.stdout, credit)
	if res.License != "" {
		fmt.Fprintf(a.stdout, "  your version's license: %s\n", res.License)
	}
	if res.Language != "" {
		fmt.Fprintf(a.stdout, "  a language version (%s): %s marked as translations (coursewright check lists what is left)\n", res.Language, plural(res.Translated, "page", "pages"))
	}
	if res.Upstream != "" {
		fmt.Fprintf(a.stdout, "  the source is kept as the remote \"upstream\" (branch %s): see its new changes with\n    coursewright -C %s upstream status\n", res.Branch, shellQuote(res.Dir))
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(a.stderr, "note: %s\n", w)
	}
}

// stringsFlag collects a repeatable flag.
type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }

func (a *app) translate(cmd command, args []string) error {
	f := a.flags(cmd).withJSON()
	lang := f.String("language", "", "language `L` of the version, e.g. de")
	var done stringsFlag
	f.Var(&done, "done", "record that `PAGE`'s translation is up to date with its source (repeatable)")
	offline := f.Bool("offline", false, "with --done: use the source's version fetched last, without a network")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	if len(pos) == 1 {
		if *lang == "" {
			return f.usageErrorf("say which language the new version is in with --language, e.g. --language de")
		}
		if len(done) > 0 {
			return f.usageErrorf("--done is for a language version that exists; run it with -C on that version")
		}
		c, err := a.open(*f.dir)
		if err != nil {
			return err
		}
		res, err := adapt.Adapt(ctx, c.Dir, pos[0], adapt.Options{Language: *lang, Auth: &repo.Auth{}})
		if err != nil {
			return a.adaptError(err)
		}
		if *f.json {
			return a.printJSON(res)
		}
		a.reportAdapted(res)
		return nil
	}
	if *lang == "" && len(done) == 0 {
		return f.usageErrorf("say which language with --language, or which pages are translated again with --done PAGE")
	}
	if _, err := a.open(*f.dir); err != nil {
		return err
	}
	res, err := adapt.Translate(ctx, *f.dir, adapt.TranslateOptions{Language: *lang, Done: done, Auth: &repo.Auth{}, Offline: *offline})
	if err != nil {
		return err
	}
	if *f.json {
		return a.printJSON(res)
	}
	if *lang != "" {
		fmt.Fprintf(a.stdout, "the course is a language version (%s): %s newly marked as translations\n", res.Language, plural(len(res.Marked), "page", "pages"))
	}
	for _, p := range res.Done {
		fmt.Fprintf(a.stdout, "%s: translation up to date with the source's version %s\n", p, short(res.Source))
	}
	return nil
}

// checkOptions works out check's checks beyond the folder: translations
// against the source's newest version, image licenses for a course with a
// publishing address.
func (a *app) checkOptions(c *course.Course) course.CheckOptions {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	opts, notes := adapt.CheckOptions(ctx, c, adapt.CheckConfig{Fetch: true, Auth: &repo.Auth{}})
	for _, n := range notes {
		fmt.Fprintf(a.stderr, "note: %s\n", n)
	}
	return opts
}
