package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/preview"
	"github.com/coursewright/coursewright/publish"
)

const buildDoc = `Build the course's website into a folder (default: _site in the course):
every visible page, the home page, single pages, the facilitator guide,
images and a search index, with only relative links, so the folder works
at a domain root, under a project path (GitHub Pages) or opened from disk.

Hidden modules and pages with "published: false" are left out unless
--drafts is given. A rebuild only renders what changed. The folder is the
build's: what it did not write is removed (an old Jekyll build, say),
except .git, CNAME and what keep_files in _config.yml names. The new site
is put together beside the folder and moved in only when complete, so
Ctrl+C leaves the last build as it was. Problems found
while loading or rendering are listed on stderr; the exit status is 1 when
the site could not be built or any of them is an error (an invalid
course.yml, a page that could not be read or rendered): such a site lacks
content.`

const serveDoc = `Build the website and serve it on this computer, rebuilding when a file
of the course changes; open browser tabs reload by themselves and show the
build's problems over the page. It listens on 127.0.0.1 only unless --host
is given. Stop it with Ctrl+C.`

func (a *app) build(cmd command, args []string) error {
	f := a.flags(cmd)
	out := f.String("o", "", "output folder `DIR` (default: _site in the course folder)")
	drafts := f.Bool("drafts", false, "include hidden modules and unpublished pages")
	if _, err := f.parse(args); err != nil {
		return err
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	// The build reads each page's body while it renders that page, and
	// never edits: held to the end, the bodies were a third of the
	// memory a large course's build took (issue 12).
	c.KeepBodiesOnDisk()
	if *out == "" {
		*out = filepath.Join(c.Dir, "_site")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := publish.BuildOptions{Drafts: *drafts}
	if isTerminal(a.stderr) {
		opts.Progress = func(done, total int) {
			fmt.Fprintf(a.rawStderr, "\rbuilding… %d/%d pages", done, total)
		}
	}
	res, err := publish.Build(ctx, c, *out, opts)
	if opts.Progress != nil {
		fmt.Fprint(a.rawStderr, "\r\033[K")
	}
	if err != nil && ctx.Err() != nil {
		fmt.Fprintf(a.stderr, "stopped; %s is as the last build left it\n", *out)
		return exitStatus(exitFail)
	}
	if err != nil {
		return advise(fmt.Errorf("the site could not be built: %w", err), "Fix the problem above and run coursewright build again.")
	}
	// Load errors (invalid course.yml, unreadable or binary pages, bad
	// front matter) leave content out of the site: they are listed too,
	// and any error makes the exit status 1.
	diags := append(publish.ErrorsIn(c, nil), res.Diagnostics...)
	counts := map[course.Severity]int{}
	for _, d := range diags {
		fmt.Fprintln(a.stderr, diagnosticLine(d))
		counts[d.Severity]++
	}
	fmt.Fprintf(a.stdout, "built %d pages (%d files written, %d unchanged) in %s into %s\n",
		res.Pages, res.Written, res.Skipped, res.Duration.Round(time.Millisecond), *out)
	if len(diags) > 0 {
		fmt.Fprintln(a.stderr, summary(counts))
	}
	if n := counts[course.SeverityError]; n > 0 {
		return exitStatus(exitFail)
	}
	return nil
}

func (a *app) serve(cmd command, args []string) error {
	f := a.flags(cmd)
	port := f.Int("port", 8080, "port `N` to listen on (0 picks a free one)")
	host := f.String("host", "", "address to listen on; anything but 127.0.0.1 serves the site to your network")
	drafts := f.Bool("drafts", false, "include hidden modules and unpublished pages")
	if _, err := f.parse(args); err != nil {
		return err
	}
	if _, err := a.open(*f.dir); err != nil {
		return err
	}
	// Signals are caught from the start: Ctrl+C during the first build of
	// a large course stops it too, and the temporary site is removed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := preview.Options{Host: *host, Port: *port, Drafts: *drafts, AllowRemote: *host != "", Log: a.stderr}
	s, err := preview.StartContext(ctx, *f.dir, opts)
	if ctx.Err() != nil {
		if err == nil {
			s.Close()
		}
		fmt.Fprintln(a.stderr, "stopped")
		return exitStatus(exitFail)
	}
	if err != nil {
		return advise(fmt.Errorf("cannot start the preview: %w", err), "Try another port with --port N, or --port 0 to pick a free one.")
	}
	defer s.Close()
	fmt.Fprintf(a.stdout, "Serving the course at %s (Ctrl+C to stop)\n", s.URL())
	<-ctx.Done()
	fmt.Fprintln(a.stderr, "stopped")
	return nil
}

// isTerminal reports whether w is an interactive terminal, where progress
// can redraw a line.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
