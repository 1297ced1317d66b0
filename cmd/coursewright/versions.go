package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/coursewright/coursewright/repo"
)

const versionSaveDoc = `Save a version of the course: every file of the course, as it is now, with
a message saying what changed. The first version turns the folder into a
git repository (branch main). Files that look like passwords or keys
(.env, *.pem, id_*), very large files and links leading out of the course
are never saved; they are listed so you know.`

const versionRestoreDoc = `Bring a page, a module folder or (without PATH) the whole course back to
how it was in version REV, as a new version: later versions stay in the
history, so a restore can itself be undone.`

const remoteSetDoc = `Set where the course is published: an HTTPS address
(https://github.com/OWNER/REPO.git) or an SSH one (git@github.com:OWNER/REPO.git).
Never put a token in the address: Coursewright takes it from
COURSEWRIGHT_TOKEN, your git credential helper or the system keychain.`

// openRepo opens the course folder's repository (one is made on the
// first saved version).
func (a *app) openRepo(dir string) (*repo.Repo, error) {
	if _, err := a.open(dir); err != nil {
		return nil, err
	}
	r, err := repo.Open(dir, repo.Options{})
	if errors.Is(err, repo.ErrNotInHistory) {
		return repo.Open(dir, repo.Options{Create: true})
	}
	return r, err
}

func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func (a *app) versionSave(cmd command, args []string) error {
	f := a.flags(cmd)
	msg := f.String("m", "", "what changed, in a few words")
	if _, err := f.parse(args); err != nil {
		return err
	}
	if strings.TrimSpace(*msg) == "" {
		return f.usageErrorf("say what changed with -m \"message\"")
	}
	r, err := a.openRepo(*f.dir)
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	hash, report, err := r.SaveVersion(ctx, repo.SaveOptions{Message: *msg})
	if report != nil {
		a.reportSkipped(report.Skipped)
	}
	if errors.Is(err, repo.ErrNothingToSave) {
		fmt.Fprintln(a.stdout, "nothing changed since the last saved version")
		return nil
	}
	if err != nil {
		return err
	}
	n := len(report.Added) + len(report.Modified) + len(report.Deleted)
	fmt.Fprintf(a.stdout, "saved version %s: %s (%s)\n", short(hash), *msg, plural(n, "file", "files"))
	return nil
}

func (a *app) reportSkipped(skipped []repo.Skipped) {
	for _, s := range skipped {
		if s.Reason == repo.SkipBuildOutput || s.Reason == repo.SkipAppData {
			continue // always left out, by design: not news
		}
		if s.Detail != "" {
			fmt.Fprintf(a.stderr, "left out %s: %s (%s)\n", s.Path, s.Detail, s.Reason)
			continue
		}
		fmt.Fprintf(a.stderr, "left out %s: %s\n", s.Path, s.Reason)
	}
}

func short(hash string) string {
	if len(hash) > 10 {
		return hash[:10]
	}
	return hash
}

// versionJSON is one line of version list --json.
type versionJSON struct {
	Hash    string    `json:"hash"`
	Message string    `json:"message"`
	Author  string    `json:"author"`
	Email   string    `json:"email"`
	Date    time.Time `json:"date"`
	Changed []string  `json:"changed"`
}

func (a *app) versionList(cmd command, args []string) error {
	f := a.flags(cmd).withJSON()
	limit := f.Int("n", 0, "show at most `N` versions (0: all)")
	if _, err := f.parse(args); err != nil {
		return err
	}
	r, err := a.openRepo(*f.dir)
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	vs, err := r.History(ctx, *limit)
	if err != nil {
		return err
	}
	if *f.json {
		out := make([]versionJSON, 0, len(vs))
		for _, v := range vs {
			out = append(out, versionJSON{v.Hash, v.Message, v.Author.Name, v.Author.Email, v.When, v.Changed})
		}
		return a.printJSON(out)
	}
	if len(vs) == 0 {
		fmt.Fprintln(a.stdout, "no versions saved yet (coursewright version save -m \"message\")")
	}
	for _, v := range vs {
		fmt.Fprintf(a.stdout, "%s  %s  %-20s %s (%s)\n", short(v.Hash), v.When.Local().Format("2006-01-02 15:04"),
			v.Author.Name, firstLine(v.Message), plural(len(v.Changed), "file", "files"))
	}
	return nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func (a *app) versionRestore(cmd command, args []string) error {
	f := a.flags(cmd)
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	r, err := a.openRepo(*f.dir)
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	hash, err := r.Restore(ctx, pos[0], pos[1:]...)
	what := "the whole course"
	if len(pos) > 1 {
		what = strings.Join(pos[1:], ", ")
	}
	if errors.Is(err, repo.ErrNothingToSave) {
		fmt.Fprintf(a.stdout, "%s is already as it was in %s\n", what, pos[0])
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "restored %s as it was in %s (new version %s; nothing was deleted from the history)\n", what, pos[0], short(hash))
	return nil
}

func (a *app) remoteSet(cmd command, args []string) error {
	f := a.flags(cmd)
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if err := repo.CheckRemoteURL(pos[0]); err != nil {
		return err
	}
	r, err := a.openRepo(*f.dir)
	if err != nil {
		return err
	}
	if err := r.SetRemote(pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "the course will be published to %s\n", pos[0])
	return nil
}

func (a *app) remoteShow(cmd command, args []string) error {
	f := a.flags(cmd)
	if _, err := f.parse(args); err != nil {
		return err
	}
	r, err := a.openRepo(*f.dir)
	if err != nil {
		return err
	}
	url, err := r.Remote()
	if errors.Is(err, repo.ErrNoRemote) {
		fmt.Fprintln(a.stdout, "no place to publish yet (coursewright remote set URL)")
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, repo.RedactURL(url))
	return nil
}
