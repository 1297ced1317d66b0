package course

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// A .scss or .sass file with front matter is a stylesheet Jekyll compiles
// into CSS for the course's old theme (css/main.scss, with Liquid in it).
// Coursewright's theme has its own styles, so such files are left out of
// the site, and check says so once for the course. Without front matter
// Jekyll copies the file as it is, and so does Coursewright.

// CodeStylesheetsLeftOut: the course's Sass stylesheets are not published.
// Args: Count, Files (the first few, separated by commas).
const CodeStylesheetsLeftOut Code = "stylesheets-left-out"

// IsThemeStylesheet reports whether the course file rel (slash path), at
// full on disk, is a Sass stylesheet Jekyll would compile: a .scss or
// .sass file that starts with front matter.
func IsThemeStylesheet(rel, full string) bool {
	lower := strings.ToLower(rel)
	if !strings.HasSuffix(lower, ".scss") && !strings.HasSuffix(lower, ".sass") {
		return false
	}
	return startsWithFrontMatter(full)
}

// noteStylesheet records a stylesheet that discovery found, for check.
func (c *Course) noteStylesheet(rel string) {
	if IsThemeStylesheet(rel, filepath.Join(c.Dir, filepath.FromSlash(rel))) {
		c.styles = append(c.styles, rel)
	}
}

// ThemeStylesheets lists the course's Sass stylesheets with front matter,
// which the site leaves out, by path.
func (c *Course) ThemeStylesheets() []string { return c.styles }

// checkStylesheets says once that the old theme's stylesheets are left
// out, naming them (the first three) and how many there are.
func (ck *checker) checkStylesheets() {
	styles := ck.c.styles
	if len(styles) == 0 {
		return
	}
	named := styles
	if len(named) > 3 {
		named = named[:3]
	}
	files := strings.Join(named, ", ")
	if len(styles) > len(named) {
		files += ", …"
	}
	what := "the Sass stylesheet " + files + " is"
	if len(styles) > 1 {
		what = fmt.Sprintf("%d Sass stylesheets (%s) are", len(styles), files)
	}
	ck.out = append(ck.out, Diagnostic{File: styles[0], Severity: SeverityInfo, Code: CodeStylesheetsLeftOut,
		Args:    argMap([]string{"Count", strconv.Itoa(len(styles)), "Files", files}),
		Message: what + " left out of the site: they style the course's old Jekyll theme, and Coursewright's theme has its own styles",
		Hint:    "nothing to do; the banner colour and images are in the course settings"})
}
