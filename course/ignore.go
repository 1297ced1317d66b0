package course

import (
	"path"
	"strings"
)

// What is not course content: the one list every part of Coursewright
// uses — the folder watchers (app and preview), the copy an adaptation
// starts from (adapt), the files a version saves and the .gitignore a new
// course gets (repo). Keeping it in one place keeps them from drifting.
// (Files that look like secrets are another matter: see the secret
// detector.)

// notContentDirs are folders (path.Match patterns) that never hold course
// content: git's data, the built site, the folder a build stages the
// next site in beside it (publish), Coursewright's own data (the trash,
// the journal), and the caches of Jekyll, Sass and npm.
var notContentDirs = []string{".git", "_site", ".coursewright-build-*", ".coursewright", ".jekyll-cache", ".sass-cache", "node_modules"}

// notContentFiles are file-name patterns (path.Match) that never are course
// content: Jekyll's metadata and the leftovers of editors and file
// managers.
var notContentFiles = []string{".jekyll-metadata", "*.swp", "*.swo", "*~", ".#*", ".DS_Store", "Thumbs.db"}

// NotContentDir reports whether a folder named name (one path element)
// never holds course content.
func NotContentDir(name string) bool {
	for _, d := range notContentDirs {
		if ok, _ := path.Match(d, name); ok {
			return true
		}
	}
	return false
}

// NotContentFile reports whether a file named name (one path element) is
// never course content. The temporary files of WriteFileAtomic count too:
// they exist only while a save is under way.
func NotContentFile(name string) bool {
	for _, p := range notContentFiles {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp")
}

// NotContent reports whether the slash-separated path rel, relative to the
// course folder, lies in a folder that is not content or names a file that
// is not.
func NotContent(rel string) bool {
	parts := strings.Split(rel, "/")
	for _, p := range parts[:len(parts)-1] {
		if NotContentDir(p) {
			return true
		}
	}
	last := parts[len(parts)-1]
	return NotContentDir(last) || NotContentFile(last)
}

// NotContentIgnoreRules are the same lists as .gitignore lines: a folder
// as "name/", a file pattern as it is. .git needs no rule: git never
// tracks its own folder.
func NotContentIgnoreRules() []string {
	var rules []string
	for _, d := range notContentDirs {
		if d != ".git" {
			rules = append(rules, d+"/")
		}
	}
	return append(rules, notContentFiles...)
}
