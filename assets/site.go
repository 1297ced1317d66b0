package assets

import (
	"embed"
	"io/fs"
)

// The site theme's static files (stylesheet, search script), copied as
// they are into /assets/ of every built course website. No fonts or
// libraries from elsewhere: the site must work offline and from disk.
//
//go:embed site
var siteFS embed.FS

// Site returns the static files of the site theme, at the top level of the
// returned tree (site.css, search.js).
func Site() fs.FS {
	s, err := fs.Sub(siteFS, "site")
	if err != nil {
		panic("assets: " + err.Error()) // a constant, valid path
	}
	return s
}
