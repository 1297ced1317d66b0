// Package adapt makes a course out of another one, with the law and the
// credit right: it finds the source's license and what that license
// allows (the Creative Commons rules, by SPDX id), records the source in
// based_on (title, address, the exact commit, authors, license), keeps a
// git source as the remote "upstream", says what the adaptation changed,
// brings in later changes of the source page by page with a three-way
// merge, and makes language versions whose pages remember what they
// translate.
//
// It builds on course (the model), repo (git) and nothing that draws: the
// CLI and the desktop app call it alike.
package adapt

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/repo"
	"golang.org/x/text/language"
)

// Options describe an adaptation.
type Options struct {
	// Title of the adaptation; default the source's.
	Title string
	// Language of the adaptation, a language tag ("de", "es"). When it
	// differs from the source's, the adaptation is a language version:
	// every page records what it translates (see Translate).
	Language string
	// License of the adaptation, an SPDX id; default the source's when
	// its license allows keeping it. Checked against AllowedLicenses.
	License string
	// IHavePermission says the adapter has the authors' permission to
	// adapt a course whose license does not allow it (or that has none).
	IHavePermission bool
	// Branch of a git source; default its default branch.
	Branch string
	// Auth says where credentials for a git source come from; nil: all
	// the usual places.
	Auth *repo.Auth
	// Progress receives the phases of the work and the transfer's
	// percentage.
	Progress func(phase string, percent int)
}

// SourceKind tells what SOURCE was.
type SourceKind string

// The kinds of source Adapt takes.
const (
	SourceGit    SourceKind = "git"    // a repository address or a local repository
	SourceFolder SourceKind = "folder" // a course folder without git
	SourceZip    SourceKind = "zip"    // a zip file of a course
)

// Result tells what Adapt made.
type Result struct {
	Dir        string         `json:"dir"`
	Kind       SourceKind     `json:"kind"`
	BasedOn    course.BasedOn `json:"based_on"`
	License    string         `json:"license"`   // the adaptation's license; "" when none was chosen
	Detection  Detection      `json:"detection"` // how the source's license was found
	Upstream   string         `json:"upstream,omitempty"`
	Branch     string         `json:"branch,omitempty"`     // the source's branch followed
	Version    string         `json:"version"`              // the adaptation's first saved version
	Language   string         `json:"language,omitempty"`   // set when the adaptation is a language version
	Translated int            `json:"translated,omitempty"` // pages marked as translations
	Warnings   []string       `json:"warnings,omitempty"`
}

// Adapt makes a new course in dir (missing or empty) from source: a git
// address (HTTPS or SSH, any host), a local repository, a course folder,
// or a .zip of a course. The adaptation gets based_on in
// _data/course.yml (title, address, the exact commit adapted, authors,
// license), the source as the remote "upstream" when it came from git, a
// license the source's license allows, and the title and language given.
// A git source's history is kept, and the adaptation is saved as a
// version on top of it; a folder or zip becomes a first version of its
// own that based_on.commit names, so changes are measured the same way.
//
// When the source's license does not allow adapting it (NoDerivatives, or
// no license at all) Adapt stops with ErrNoDerivatives or ErrNoLicense and
// leaves dir as it found it, unless IHavePermission is set.
func Adapt(ctx context.Context, source, dir string, opts Options) (*Result, error) {
	if opts.Progress == nil {
		opts.Progress = func(string, int) {}
	}
	if opts.Language != "" {
		tag, err := language.Parse(opts.Language)
		if err != nil {
			return nil, fmt.Errorf("%q is not a language tag; use one like en, es, de or pt-BR", opts.Language)
		}
		opts.Language = tag.String()
	}
	if opts.Title != "" {
		if err := course.ValidateTitle(opts.Title); err != nil {
			return nil, err
		}
	}
	if opts.License != "" && !course.ValidLicenseID(opts.License) {
		return nil, fmt.Errorf("%q is not a license id; use one like CC-BY-SA-4.0, CC-BY-4.0 or CC0-1.0", opts.License)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	existed, err := checkTarget(abs)
	if err != nil {
		return nil, err
	}
	kind, location, err := classify(source)
	if err != nil {
		return nil, err
	}
	res := &Result{Dir: abs, Kind: kind}
	// Whatever goes wrong before the adaptation is saved, the folder is
	// left as it was found: missing, or empty.
	done := false
	defer func() {
		if !done {
			cleanTarget(abs, existed)
		}
	}()

	var r *repo.Repo
	var commit string
	switch kind {
	case SourceGit:
		opts.Progress("Copying the course", 0)
		var cr repo.CloneResult
		r, cr, err = repo.Clone(ctx, location, abs, repo.CloneOptions{
			Branch: opts.Branch, Auth: opts.Auth,
			Progress: func(phase repo.Phase, pct int) { opts.Progress(string(phase), pct) },
		})
		if err != nil {
			return nil, err
		}
		commit, res.Upstream, res.Branch = cr.Commit, location, cr.Branch
	case SourceFolder:
		if err := copyCourse(location, abs); err != nil {
			return nil, err
		}
	case SourceZip:
		if err := unzipCourse(location, abs); err != nil {
			return nil, err
		}
	}

	det, err := DetectLicense(abs)
	if err != nil {
		return nil, err
	}
	res.Detection = det
	// The license of the course content: a software license found alone
	// is the Course-in-a-Box template's, which says nothing about the
	// course, so the course counts as unlicensed.
	sourceLicense := det.ContentLicense()
	if sourceLicense == "" && det.ID != "" {
		if !opts.IHavePermission {
			return nil, fmt.Errorf("only a software license (%s, in %s) was found, which in Course-in-a-Box repositories covers the template code, not the course: %w", det.ID, det.Source, ErrNoLicense)
		}
	}
	if err := CheckLicense(sourceLicense, opts.License, opts.IHavePermission); err != nil {
		return nil, err
	}
	if det.Note != "" {
		res.Warnings = append(res.Warnings, det.Note)
	}
	c, err := course.Load(abs)
	if errors.Is(err, course.ErrNotCourse) {
		return nil, fmt.Errorf("%s is not a course: it has no _config.yml, _data/course.yml or modules folder", source)
	}
	if err != nil {
		return nil, err
	}

	if kind != SourceGit {
		// The source as it was becomes the first version, which based_on
		// names: the adaptation's changes are measured from it.
		if r, err = repo.Open(abs, repo.Options{Create: true}); err != nil {
			return nil, err
		}
		commit, _, err = r.SaveVersion(ctx, repo.SaveOptions{Message: "The course as adapted, unchanged (from " + sourceName(source) + ")"})
		if err != nil {
			return nil, err
		}
	}

	// based_on: title, address, commit, authors, license.
	meta := c.Meta()
	b := course.BasedOn{
		Title:   strings.TrimSpace(meta.Title),
		URL:     webAddress(kind, location),
		Commit:  commit,
		Authors: meta.Authors,
		License: sourceLicense,
	}
	if b.Title == "" {
		b.Title = humanTitle(filepath.Base(strings.TrimSuffix(strings.TrimSuffix(location, "/"), ".git")))
	}
	if len(b.Authors) == 0 {
		b.Authors = authorsFromText(abs, c)
	}
	if len(b.Authors) == 0 && kind == SourceGit {
		if as, err := r.AuthorsOf(ctx, commit, 5); err == nil {
			for _, a := range as {
				if a.Name != "Coursewright" {
					b.Authors = append(b.Authors, a.Name)
				}
			}
		}
	}
	if len(b.Authors) == 0 {
		res.Warnings = append(res.Warnings, "the source names no authors: add them with `coursewright meta set based_on.authors \"Name, Name\"` so the credit is complete")
	}
	license := opts.License
	if info, ok := course.LookupLicense(license); ok {
		license = info.ID
	}
	if license == "" && sourceLicense != "" && CheckLicense(sourceLicense, "", false) == nil {
		if license, err = DefaultLicense(sourceLicense); err != nil {
			return nil, err
		}
	}
	if license == "" {
		res.Warnings = append(res.Warnings, "no license was chosen for the adaptation: choose one with `coursewright meta set license ID` before publishing")
	}
	// A source that is itself an adaptation: its based_on describes its
	// own source, not this one. Its credit must travel on (Creative
	// Commons asks every adapter to keep the credits they received), which
	// the adapter is told to do by hand for now.
	if prev := meta.BasedOn; prev != nil && (prev.Title != "" || prev.URL != "") {
		res.Warnings = append(res.Warnings, fmt.Sprintf("“%s” is itself adapted from “%s”%s: keep that credit too, e.g. on your course's about page",
			b.Title, firstNonEmpty(prev.Title, prev.URL), byAuthors(prev.Authors)))
	}
	if c.Data != nil {
		if err := c.Data.Delete("based_on"); err != nil {
			return nil, err
		}
	}
	edits := []course.Edit{
		course.SetMeta{Key: "based_on.title", Value: b.Title},
		course.SetMeta{Key: "based_on.url", Value: b.URL},
		course.SetMeta{Key: "based_on.commit", Value: b.Commit},
		course.SetMeta{Key: "based_on.authors", Value: strings.Join(b.Authors, ", ")},
	}
	if b.License != "" {
		edits = append(edits, course.SetMeta{Key: "based_on.license", Value: b.License})
	}
	if meta.Language != "" {
		// The original's language, for the site's language switcher.
		edits = append(edits, course.SetMeta{Key: "based_on.language", Value: meta.Language})
	}
	if license != "" {
		edits = append(edits, course.SetMeta{Key: "license", Value: license})
	}
	if len(meta.Authors) > 0 {
		// The original's authors are credited in based_on; the
		// adaptation's own authors are the adapter's to add, and keeping
		// the original's here would claim they wrote this version.
		edits = append(edits, course.SetMeta{Key: "authors", Value: ""})
	}
	if opts.Title != "" {
		edits = append(edits, course.SetMeta{Key: "title", Value: opts.Title})
	}
	if opts.Language != "" {
		edits = append(edits, course.SetMeta{Key: "language", Value: opts.Language})
	}
	for _, e := range edits {
		if _, err := c.Apply(e); err != nil {
			return nil, err
		}
	}
	if opts.Language != "" && !sameLanguage(opts.Language, meta.Language) {
		n, err := markTranslations(c, commit, nil)
		if err != nil {
			return nil, err
		}
		res.Language, res.Translated = opts.Language, len(n)
	}
	if _, err := c.Save(); err != nil {
		return nil, err
	}
	res.BasedOn, res.License = b, license
	msg := fmt.Sprintf("Adapted from “%s” (%s)", b.Title, shortHash(commit))
	v, _, err := r.SaveVersion(ctx, repo.SaveOptions{Message: msg})
	if err != nil && !errors.Is(err, repo.ErrNothingToSave) {
		return nil, err
	}
	res.Version = v
	done = true
	opts.Progress("Done", 100)
	return res, nil
}

// checkTarget fails unless dir is missing or an empty folder, and says
// whether it existed.
func checkTarget(dir string) (existed bool, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("the folder for the adaptation: %w", err)
	}
	if len(entries) > 0 {
		return true, fmt.Errorf("%s is not empty: choose a new folder for the adaptation", dir)
	}
	return true, nil
}

// cleanTarget undoes a failed adaptation: dir was empty or missing before.
func cleanTarget(dir string, existed bool) {
	if !existed {
		os.RemoveAll(dir)
		return
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// classify tells a git address, a local repository, a folder and a zip
// apart, and returns where to read it from (an absolute path for local
// sources).
func classify(source string) (SourceKind, string, error) {
	s := strings.TrimSpace(source)
	if s == "" {
		return "", "", errors.New("no course to adapt was given")
	}
	if st, err := os.Stat(s); err == nil {
		abs, err := filepath.Abs(s)
		if err != nil {
			return "", "", err
		}
		switch {
		case !st.IsDir() && strings.EqualFold(filepath.Ext(s), ".zip"):
			return SourceZip, abs, nil
		case !st.IsDir():
			return "", "", fmt.Errorf("%s is a file, but not a .zip of a course", source)
		case isRepository(abs):
			return SourceGit, abs, nil
		default:
			return SourceFolder, abs, nil
		}
	}
	if strings.HasPrefix(s, "file://") {
		return SourceGit, s, nil
	}
	if err := repo.CheckRemoteURL(s); err == nil && (strings.Contains(s, "://") || strings.Contains(s, "@") || strings.Contains(s, ":")) {
		return SourceGit, s, nil
	} else if errors.Is(err, repo.ErrCredentialsInURL) {
		return "", "", err
	}
	return "", "", fmt.Errorf("%s is neither a folder, a .zip file nor a git address (https://host/owner/repo.git or git@host:owner/repo.git)", source)
}

// isRepository reports whether dir is a git repository: a working copy
// (with .git) or a bare one.
func isRepository(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		return true
	}
	return fileExists(filepath.Join(dir, "HEAD")) && isDir(filepath.Join(dir, "objects")) && isDir(filepath.Join(dir, "refs"))
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// webAddress is where people can see the source, for the credit: a hosted
// repository's page rather than its clone address, an SSH address turned
// into the host's web page. A local folder has no public address; its
// path is kept so the adapter knows what it was.
func webAddress(kind SourceKind, location string) string {
	if kind != SourceGit {
		return location
	}
	s := location
	if !strings.Contains(s, "://") {
		// scp-like git@host:owner/repo.git
		if at := strings.Index(s, "@"); at >= 0 {
			s = s[at+1:]
		}
		if host, p, ok := strings.Cut(s, ":"); ok && !strings.HasPrefix(p, "/") {
			s = "https://" + host + "/" + p
		} else {
			return location
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return location
	}
	switch u.Scheme {
	case "ssh", "git+ssh", "ssh+git", "git":
		u.Scheme, u.User = "https", nil
		u.Host = u.Hostname()
	}
	u.User = nil
	if known := map[string]bool{"github.com": true, "gitlab.com": true, "codeberg.org": true, "bitbucket.org": true}; known[u.Hostname()] {
		u.Path = strings.TrimSuffix(u.Path, ".git")
	}
	return u.String()
}

// sourceName names a source in a message.
func sourceName(source string) string {
	return filepath.Base(strings.TrimRight(source, "/\\"))
}

// humanTitle makes a title of a folder or repository name.
func humanTitle(name string) string {
	s := strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(name))
	if s == "" {
		return name
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sameLanguage compares the base languages of two tags ("de" and "de-AT"
// are one language; an unset source language is taken as English, which
// nearly all Course-in-a-Box courses are written in).
func sameLanguage(a, b string) bool {
	if b == "" {
		b = "en"
	}
	ta, err1 := language.Parse(a)
	tb, err2 := language.Parse(b)
	if err1 != nil || err2 != nil {
		return strings.EqualFold(a, b)
	}
	ba, _ := ta.Base()
	bb, _ := tb.Base()
	return ba == bb
}

func shortHash(h string) string {
	if len(h) > 10 {
		return h[:10]
	}
	return h
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func byAuthors(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return " by " + strings.Join(names, ", ")
}
