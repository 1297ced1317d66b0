package templates

import (
	"embed"
	"io/fs"
)

// The site theme: html/template files that publish.Build executes for
// every page of a course website. They are kept apart from the course
// trees above because they are Go templates, not course files.
//
//go:embed site/*.html
var siteFS embed.FS

// Site returns the site theme's templates (*.html at the top level of
// the returned tree). publish parses them once per build; hashing them
// gives the theme version that its incremental builds depend on.
func Site() fs.FS { return sub(siteFS, "site") }
