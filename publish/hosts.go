package publish

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Each git host serves a website its own way, and publishing must put the
// built site exactly where the chosen host looks for it. This file is the
// one place that knows how: the CLI, the publish panel and the README all
// follow this table.
//
//   - GitHub Pages serves a branch (gh-pages by convention) as it is;
//     .nojekyll stops it running Jekyll over the built site, CNAME names
//     a custom domain.
//   - GitLab Pages serves only what a CI job named `pages` leaves in the
//     artifact folder public/; a pushed branch alone shows nothing. The
//     site branch therefore carries a .gitlab-ci.yml whose job copies the
//     branch into public/: no build, no Ruby, nothing fetched.
//   - Codeberg Pages, and Forgejo or Gitea servers running a pages server,
//     serve a branch named `pages`; .domains names a custom domain.
//   - Other hosts serve nothing: the site is pushed to a branch so it can
//     be downloaded or deployed, and no address is promised.

// HostKind names a git host's way of serving websites. The values are the
// CLI's --host words.
type HostKind string

// The host kinds.
const (
	HostGitHub   HostKind = "github"
	HostGitLab   HostKind = "gitlab"
	HostCodeberg HostKind = "codeberg"
	HostForgejo  HostKind = "forgejo"
	HostNone     HostKind = "none"
)

// Host is what publishing needs to know about one kind of host.
type Host struct {
	Kind HostKind
	// Name is the host as people write it.
	Name string
	// Domains are the addresses of the public instance, recognised in a
	// remote when no host is chosen ("" for kinds that are self-hosted
	// only).
	Domain string
	// PagesDomain serves owner's sites as owner.PagesDomain/name/; "" when
	// the address is not known (self-hosted, or no pages at all).
	PagesDomain string
	// Branch is where the built site goes unless the author names another.
	Branch string
	// FixedBranch: the host serves Branch and no other, so a site
	// published elsewhere gets no address.
	FixedBranch bool
	// Serves says whether the host serves websites at all.
	Serves bool
	// extras writes the files the host needs beside the pages into the
	// site folder (and knows the branch the site goes to).
	extras func(out, domain, branch string) error
}

// hostTable is every host kind, in the order the panel offers them.
var hostTable = []Host{
	{Kind: HostGitHub, Name: "GitHub", Domain: "github.com", PagesDomain: "github.io", Branch: "gh-pages", Serves: true, extras: githubExtras},
	{Kind: HostGitLab, Name: "GitLab", Domain: "gitlab.com", PagesDomain: "gitlab.io", Branch: "pages", Serves: true, extras: gitlabExtras},
	{Kind: HostCodeberg, Name: "Codeberg", Domain: "codeberg.org", PagesDomain: "codeberg.page", Branch: "pages", FixedBranch: true, Serves: true, extras: pagesDomainsExtras},
	{Kind: HostForgejo, Name: "Forgejo / Gitea", Branch: "pages", FixedBranch: true, Serves: true, extras: pagesDomainsExtras},
	{Kind: HostNone, Name: "Other git host", Branch: "gh-pages", extras: noExtras},
}

// extraFiles are every file some host's extras write; a host removes the
// others' so a site moved between hosts carries none of the old host's.
var extraFiles = []string{".nojekyll", "CNAME", ".gitlab-ci.yml", ".domains"}

// ErrUnknownHost: a --host word that names no host kind.
var ErrUnknownHost = errors.New("unknown host")

// Hosts lists the host kinds, in the order the panel offers them.
func Hosts() []Host { return append([]Host(nil), hostTable...) }

// HostByKind returns the host of a kind ("github", "gitlab", "codeberg",
// "forgejo", "none").
func HostByKind(kind HostKind) (Host, error) {
	for _, h := range hostTable {
		if h.Kind == kind {
			return h, nil
		}
	}
	return Host{}, fmt.Errorf("%w %q: choose github, gitlab, codeberg, forgejo or none", ErrUnknownHost, kind)
}

// DetectHost recognises the public hosts by a remote's address; any other
// address is HostNone (a self-hosted GitLab or Forgejo is recognised by
// the author's choice, not by its address).
func DetectHost(remote string) Host {
	host, _, _ := splitRemote(remote)
	for _, h := range hostTable {
		if h.Domain != "" && strings.EqualFold(host, h.Domain) {
			return h
		}
	}
	h, _ := HostByKind(HostNone)
	return h
}

var scpLikeRE = regexp.MustCompile(`^(?:[\w.-]+@)?([\w.-]+):(.+)$`)

// splitRemote is a remote's host name and its owner/name path; owner and
// name are "" unless the path has exactly two parts.
func splitRemote(remote string) (host, owner, name string) {
	path := ""
	if u, err := url.Parse(remote); err == nil && u.Host != "" {
		host, path = u.Hostname(), u.Path
	} else if m := scpLikeRE.FindStringSubmatch(remote); m != nil {
		host, path = m[1], m[2]
	}
	parts := strings.Split(strings.Trim(strings.TrimSuffix(strings.Trim(path, "/"), ".git"), "/"), "/")
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return host, "", ""
	}
	return host, parts[0], parts[1]
}

// SiteURL is where the host serves the site pushed to remote on branch:
// a custom domain wins; otherwise owner.PagesDomain/name/ (or the owner's
// own site for a repository named owner.PagesDomain). It is "" when the
// host serves no site there or its address is not known.
func (h Host) SiteURL(remote, domain, branch string) string {
	if !h.Serves || (h.FixedBranch && branch != "" && branch != h.Branch) {
		return ""
	}
	if domain != "" {
		return "https://" + strings.TrimSuffix(domain, "/") + "/"
	}
	if h.PagesDomain == "" {
		return ""
	}
	_, owner, name := splitRemote(remote)
	if owner == "" {
		return ""
	}
	pages := strings.ToLower(owner) + "." + h.PagesDomain
	if strings.EqualFold(name, pages) {
		return "https://" + pages + "/"
	}
	return "https://" + pages + "/" + name + "/"
}

// SiteURL is where a public host with pages (GitHub, GitLab, Codeberg,
// recognised by the address) serves the site pushed to remote on its
// usual branch; a custom domain wins. "" when the host is not known.
func SiteURL(remote, domain string) string {
	h := DetectHost(remote)
	if h.Kind == HostNone {
		return ""
	}
	return h.SiteURL(remote, domain, h.Branch)
}

// writeExtras writes the host's files into the built site and removes
// those of other hosts.
func (h Host) writeExtras(out, domain, branch string) error {
	for _, f := range extraFiles {
		if err := os.Remove(filepath.Join(out, f)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return h.extras(out, domain, branch)
}

func noExtras(string, string, string) error { return nil }

// githubExtras: .nojekyll, so GitHub Pages serves the files as they are,
// and CNAME for a custom domain.
func githubExtras(out, domain, _ string) error {
	if err := os.WriteFile(filepath.Join(out, ".nojekyll"), nil, 0o644); err != nil {
		return err
	}
	if domain == "" {
		return nil
	}
	return os.WriteFile(filepath.Join(out, "CNAME"), []byte(domain+"\n"), 0o644)
}

// pagesDomainsExtras: Codeberg's pages server (and Forgejo's) reads a
// custom domain from .domains.
func pagesDomainsExtras(out, domain, _ string) error {
	if domain == "" {
		return nil
	}
	return os.WriteFile(filepath.Join(out, ".domains"), []byte(domain+"\n"), 0o644)
}

// gitlabExtras writes the CI configuration that makes GitLab Pages serve
// the site branch.
func gitlabExtras(out, _, branch string) error {
	if strings.ContainsAny(branch, `"\\`) {
		return fmt.Errorf("the branch name %q cannot be used for GitLab Pages: it holds a quotation mark", branch)
	}
	return os.WriteFile(filepath.Join(out, ".gitlab-ci.yml"), []byte(GitLabCI(branch)), 0o644)
}

// GitLabCI is the .gitlab-ci.yml of the site branch. Its one job, named
// `pages` as GitLab Pages requires, copies the branch as it is into
// public/ (the artifact GitLab serves): the site is already built, so it
// needs no build step, no Ruby and no network, and busybox's sh, cp and
// mktemp are all it runs. The pipeline runs on the site branch only, so
// pushing the course's source starts nothing. A folder of the site named
// public survives as public/public.
func GitLabCI(branch string) string {
	q := `"` + branch + `"`
	return `# Written by Coursewright: GitLab Pages serves what the job named "pages"
# leaves in public/. The site is already built, so the job only copies this
# branch into public/ (no build, no Ruby, no network).
workflow:
  rules:
    - if: $CI_COMMIT_BRANCH == ` + q + `

pages:
  stage: deploy
  image: busybox
  variables:
    GIT_DEPTH: "1"
  script:
    - tmp="$(mktemp -d)"
    - cp -R . "$tmp/public"
    - rm -rf "$tmp/public/.git" "$tmp/public/.gitlab-ci.yml"
    - rm -rf public
    - mv "$tmp/public" public
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == ` + q + `
`
}
