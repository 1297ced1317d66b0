package publish

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/coursewright/coursewright/repo"
)

// What makes a published course findable: its published address (for
// the JSON-LD, the sitemap, link previews and the feed), when it was made
// and last changed, and its recent versions (the feed). Worked out once
// per build.
type findability struct {
	address  string // the site's published address, "https://…/"; "" when not known
	created  string // YYYY-MM-DD
	modified string
	versions []repo.Version // newest first, for the feed; nil without a repository
}

// feedVersions is how many versions the feed of changes lists.
const feedVersions = 20

// findOut works out the findability of the course: the address from
// siteURL (given by Publish), else the custom domain, else the host's
// address for the course's remote; the dates and versions from its
// repository, else the pages' dates.
func (s *site) findOut(ctx context.Context, siteURL string) findability {
	var f findability
	f.address = publishedAddress(s.c.Dir, s.meta.Domain, siteURL)
	if r, err := repo.Open(s.c.Dir, repo.Options{}); err == nil && r.IsRepository() {
		if first, last, err := r.Dates(ctx); err == nil && !first.IsZero() {
			f.created, f.modified = isoDate(first), isoDate(last)
		}
		f.versions, _ = r.History(ctx, feedVersions)
	}
	if f.created == "" {
		for _, p := range s.c.AllPages() {
			if p.Date == "" || s.visible[p] == nil {
				continue
			}
			if f.created == "" || p.Date < f.created {
				f.created = p.Date
			}
			if p.Date > f.modified {
				f.modified = p.Date
			}
		}
	}
	return f
}

func isoDate(t time.Time) string { return t.UTC().Format("2006-01-02") }

// publishedAddress is where the site is published: siteURL when known,
// else https://domain/, else what the host serves for the remote.
func publishedAddress(dir, domain, siteURL string) string {
	if siteURL != "" {
		return strings.TrimSuffix(siteURL, "/") + "/"
	}
	domain = strings.Trim(strings.TrimSpace(domain), "/")
	if domain != "" && !strings.ContainsAny(domain, "/: ") {
		return "https://" + domain + "/"
	}
	r, err := repo.Open(dir, repo.Options{})
	if err != nil || !r.IsRepository() {
		return ""
	}
	remote, _ := r.Remote()
	if remote == "" {
		return ""
	}
	h := HostOf(dir)
	return h.SiteURL(remote, "", h.Branch)
}

// absURL is a site path ("/modules/m/p/") at the published address, each
// segment escaped; "" without an address.
func (f *findability) absURL(sitePath string) string {
	if f.address == "" {
		return ""
	}
	return f.address + strings.TrimPrefix((&url.URL{Path: sitePath}).EscapedPath(), "/")
}

// levelIDs are the Levels in the KIM educational level vocabulary, which
// follows ISCED 2011's numbering; adult education has no level there.
var levelIDs = map[string]string{
	"early-childhood": "level_0", "primary": "level_1", "lower-secondary": "level_2", "upper-secondary": "level_3",
	"post-secondary": "level_4", "short-tertiary": "level_5", "bachelor": "level_6", "master": "level_7", "doctoral": "level_8",
}

// levelNames are the Levels as course directories show them (English).
var levelNames = map[string]string{
	"early-childhood": "Early childhood education", "primary": "Primary education", "lower-secondary": "Lower secondary education",
	"upper-secondary": "Upper secondary education", "post-secondary": "Post-secondary non-tertiary education",
	"short-tertiary": "Short-cycle tertiary education", "bachelor": "Bachelor's or equivalent level",
	"master": "Master's or equivalent level", "doctoral": "Doctoral or equivalent level", "adult": "Adult education",
}
