package course

import (
	"strings"
	"unicode"
)

// moduleEntryProblem says why a module entry of course.yml is not a single
// safe folder name under modules/ ("../../../victim", "a/b", ""), or ""
// when it is one. Such an entry names no module: the course is not
// loaded from it, check reports it, and no edit touches it — a rename,
// hide or removal would otherwise act on a folder outside the course.
func moduleEntryProblem(slug string) string {
	switch {
	case strings.TrimSpace(slug) == "":
		return "is empty"
	case slug == "." || slug == "..":
		return "is not a folder name"
	case strings.ContainsAny(slug, `/\`):
		return "contains a slash: a module is one folder directly inside modules/"
	case strings.ContainsFunc(slug, unicode.IsControl):
		return "contains a control character"
	case strings.HasPrefix(slug, ".") || strings.HasPrefix(slug, "_"):
		return "starts with a dot or underscore, so the website would leave it out"
	}
	return ""
}

// badModuleEntry is the error edits return for such an entry.
func badModuleEntry(slug, why string) error {
	return errorOf(ErrBadSlug, "the module %q listed in %s %s; correct or remove it in %s by hand, nothing was changed", slug, DataFile, why, DataFile)
}
