package publish

import (
	"context"
	"fmt"
	"html/template"
	"strings"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/course"
)

// The attributions page (/attributions/) gathers the credit an open
// course owes and gives: the course it adapts, with title, authors,
// source and license (TASL) and what was changed, the images' authors,
// sources and licenses from img/credits.yml, and the course's own
// license. The footer of every page links to it.

// attributionsURL is the page's site path.
const attributionsURL = "/attributions/"

// attributionsView is what the attributions page shows.
type attributionsView struct {
	BasedOn *attribution
	Version string   // the source version adapted, shortened
	Changes []string // what the adaptation changed, one line each
	Media   []creditView
}

// creditView is one image's credit.
type creditView struct {
	File       string // its name
	URL        string // its site path, when the site has it
	Title      string
	Author     string
	Source     string // a web address, linked
	SourceText string // a source that is not an address
	License    *course.LicenseInfo
	LicenseRaw string // a license Coursewright does not know, as written
}

// planAttributions decides whether the site has an attributions page (a
// course that adapts another or credits images) and adds it, unless the
// course has a page of its own at that address.
func (s *site) planAttributions(add func(*sitePage) bool, taken map[string]*sitePage) {
	credits, diags := s.c.Credits()
	s.diags = append(s.diags, diags...)
	s.credits = credits
	b := s.meta.BasedOn
	if len(credits) == 0 && (b == nil || (b.Title == "" && b.URL == "")) {
		return
	}
	out := outFile(attributionsURL)
	if prev := taken[out]; prev != nil {
		s.attributionsURL = prev.url // the author's own page says it
		return
	}
	if add(&sitePage{kind: kindAttributions, url: attributionsURL, out: out, title: s.t.Attributions}) {
		s.attributionsURL = attributionsURL
	}
}

// prepareChanges works out what an adaptation changed, for the footer,
// the attributions page and the JSON-LD.
func (s *site) prepareChanges(ctx context.Context) {
	b := s.meta.BasedOn
	if b == nil || b.Commit == "" {
		return
	}
	ch, err := adapt.CourseChanges(ctx, s.c)
	if err != nil {
		s.warn(course.CodeChangesUnlisted, course.DataFile, s.dataLine("based_on"), "the changes made to the adapted course could not be listed: "+err.Error(),
			"the site says only that changes were made; check based_on.commit")
		return
	}
	s.changes = ch
}

// attributionsHash is what the attributions, the footer and the JSON-LD
// show beyond the YAML files: the credits and the changes.
func (s *site) attributionsHash() string {
	h := newHasher().str(s.attributionsURL)
	for _, c := range s.credits {
		h.str(c.File, c.Title, c.Author, c.Source, c.License)
	}
	if s.changes != nil {
		h.str(s.changes.Summary())
		for _, l := range s.t.changeLines(s.changes, true) {
			h.str(l)
		}
	}
	return h.sum()
}

// attributionsView builds the page's content.
func (s *site) attributionsView(v *siteView) *attributionsView {
	av := &attributionsView{BasedOn: v.Attribution}
	if b := s.meta.BasedOn; b != nil {
		av.Version = b.Commit
		if len(av.Version) > 10 {
			av.Version = av.Version[:10]
		}
	}
	if av.BasedOn != nil {
		av.Changes = s.t.changeLines(s.changes, true)
		switch {
		case len(av.Changes) > 0:
		case s.changes == nil:
			av.Changes = []string{s.t.ChangesGeneric}
		default:
			av.Changes = []string{s.t.NoChangesYet}
		}
	}
	for _, c := range s.credits {
		cv := creditView{File: strings.TrimPrefix(c.File, course.ImageDir+"/"), Title: c.Title, Author: c.Author}
		if s.fileSet[c.File] {
			cv.URL = "/" + c.File
		}
		if src := strings.TrimSpace(c.Source); strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://") {
			cv.Source = src
		} else {
			cv.SourceText = src
		}
		if info, ok := c.LicenseInfo(s.meta.License); ok {
			cv.License = &info
			if strings.EqualFold(strings.TrimSpace(c.License), course.CourseLicenseWord) {
				cv.LicenseRaw = s.t.CreditUnderSite
			}
		} else {
			cv.LicenseRaw = c.License
		}
		av.Media = append(av.Media, cv)
	}
	return av
}

// creditText is the plain-text credit of the adapted course for the
// JSON-LD: TASL and the changes.
func (s *site) creditText(a *attribution) string {
	var b strings.Builder
	fmt.Fprintf(&b, s.t.Quote, a.Title)
	if a.Authors != "" {
		b.WriteString(fmt.Sprintf(s.t.ByAuthors, a.Authors))
	}
	if a.URL != "" {
		b.WriteString(" (" + a.URL + ")")
	}
	if a.License != nil {
		b.WriteString(fmt.Sprintf(s.t.UsedUnder, a.License.ID))
		if a.License.URL != "" {
			b.WriteString(" (" + a.License.URL + ")")
		}
	}
	b.WriteString(". " + s.t.changesSummary(s.changes))
	return b.String()
}

// footerChanges is the footer's line about the changes.
func (s *site) footerChanges() template.HTML {
	return template.HTML(template.HTMLEscapeString(s.t.changesSummary(s.changes)))
}
