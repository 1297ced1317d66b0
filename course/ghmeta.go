package course

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// GitHub Pages gives Liquid site.github (jekyll-github-metadata): the
// repository the site is built from. Coursewright answers from the
// course's own remote, as the plugin does on a computer (its "origin"
// remote, or _config.yml's `repository: owner/name`); the values that
// need GitHub's API (stars, contributors, releases) are not there.

// githubRemoteRE is the plugin's github_remote_regex.
var githubRemoteRE = regexp.MustCompile(`github\.com(?::|/)([\w-]+)/([\w.-]+)`)

// GitHubRepository is the course's repository on GitHub as "owner/name":
// _config.yml's `repository` when it has a slash, else the origin remote
// when it is on github.com; "" when neither.
func (c *Course) GitHubRepository() string {
	if c == nil {
		return ""
	}
	if c.Config != nil {
		if r := strings.TrimSpace(c.Config.String("repository")); strings.Contains(r, "/") {
			return r
		}
	}
	remote := originRemote(c.Dir)
	m := githubRemoteRE.FindStringSubmatch(strings.TrimSuffix(remote, ".git"))
	if m == nil {
		return ""
	}
	return m[1] + "/" + m[2]
}

// originRemote is the url of [remote "origin"] in the course's .git/config
// ("" when there is none). Read by hand: the course model stays free of git.
func originRemote(dir string) string {
	f, err := os.Open(filepath.Join(dir, ".git", "config"))
	if err != nil {
		return ""
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			in = strings.EqualFold(strings.Join(strings.Fields(line), " "), `[remote "origin"]`)
			continue
		}
		if !in {
			continue
		}
		if k, v, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == "url" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// GitHubMetadata is site.github as jekyll-github-metadata gives it on
// github.com for the repository nwo ("owner/name"), the values that need
// no API call; nil when nwo is "".
func GitHubMetadata(nwo string) map[string]any {
	owner, name, ok := strings.Cut(nwo, "/")
	if !ok || owner == "" || name == "" {
		return nil
	}
	ownerURL := "https://github.com/" + owner
	repoURL := ownerURL + "/" + name
	userPage := strings.EqualFold(name, owner+".github.io") || strings.EqualFold(name, owner+".github.com")
	pages := "https://" + strings.ToLower(owner) + ".github.io"
	baseurl := ""
	if !userPage {
		baseurl = "/" + name
		pages += baseurl
	}
	return map[string]any{
		"repository_nwo":     nwo,
		"repository_name":    name,
		"project_title":      name,
		"owner_name":         owner,
		"owner_url":          ownerURL,
		"owner_gravatar_url": ownerURL + ".png",
		"repository_url":     repoURL,
		"clone_url":          repoURL + ".git",
		"releases_url":       repoURL + "/releases",
		"url":                pages,
		"baseurl":            baseurl,
		"is_user_page":       userPage,
		"is_project_page":    !userPage,
		"hostname":           "github.com",
		"pages_hostname":     "github.io",
		"api_url":            "https://api.github.com",
		"help_url":           "https://help.github.com",
		"environment":        "dotcom",
		"pages_env":          "dotcom",
	}
}
