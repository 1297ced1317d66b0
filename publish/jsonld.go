package publish

import (
	"encoding/json"
	"html/template"
	"path"
	"slices"
	"strings"
)

// Every page carries JSON-LD in the AMB profile of schema.org (the
// "Allgemeines Metadatenprofil für Bildungsressourcen" that OERSI and
// other OER directories harvest, https://w3id.org/kim/amb/): the home
// page describes the course, every other page itself as a part of it.
// Its @context also names schema.org, so search engines read it too.

// ambContext is the profile's JSON-LD context.
const ambContext = "https://w3id.org/kim/amb/context.jsonld"

// hcrtCourse is "course" in the resource types OERSI uses (HCRT).
const hcrtCourse = "https://w3id.org/kim/hcrt/course"

// ldResource is an AMB learning resource.
type ldResource struct {
	Context              []any       `json:"@context"`
	ID                   string      `json:"id,omitempty"`
	Type                 []string    `json:"type"`
	Name                 string      `json:"name"`
	Description          string      `json:"description,omitempty"`
	Creator              []ldAgent   `json:"creator,omitempty"`
	License              *ldID       `json:"license,omitempty"`
	InLanguage           []string    `json:"inLanguage,omitempty"`
	LearningResourceType []ldConcept `json:"learningResourceType,omitempty"`
	About                []ldConcept `json:"about,omitempty"`
	Keywords             []string    `json:"keywords,omitempty"`
	EducationalLevel     []ldConcept `json:"educationalLevel,omitempty"`
	Audience             []ldConcept `json:"audience,omitempty"`
	Image                string      `json:"image,omitempty"`
	DateCreated          string      `json:"dateCreated,omitempty"`
	DateModified         string      `json:"dateModified,omitempty"`
	IsBasedOn            []ldPart    `json:"isBasedOn,omitempty"`
	HasPart              []ldPart    `json:"hasPart,omitempty"`
	IsPartOf             []ldPart    `json:"isPartOf,omitempty"`
	// Beyond AMB, in schema.org terms (the schema: prefix where AMB gives
	// the name another shape): what learners will be able to do, the
	// course's length, and its audience in the author's words.
	Teaches      []string    `json:"schema:teaches,omitempty"`
	TimeRequired string      `json:"timeRequired,omitempty"`
	AudienceText *ldAudience `json:"schema:audience,omitempty"`
}

type ldAudience struct {
	Type         string `json:"type"`
	AudienceType string `json:"audienceType"`
}

type ldID struct {
	ID string `json:"id"`
}

type ldAgent struct {
	Type string `json:"type"` // Person or Organization
	Name string `json:"name"`
}

type ldConcept struct {
	ID        string            `json:"id"`
	PrefLabel map[string]string `json:"prefLabel,omitempty"`
}

type ldPart struct {
	ID      string    `json:"id,omitempty"`
	Type    []string  `json:"type,omitempty"`
	Name    string    `json:"name"`
	License *ldID     `json:"license,omitempty"`
	Creator []ldAgent `json:"creator,omitempty"`
	// CreditText credits the work as its license asks, with the changes
	// made to it (for isBasedOn).
	CreditText string `json:"creditText,omitempty"`
}

func ldAgents(people, orgs []string) []ldAgent {
	var out []ldAgent
	for _, n := range people {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, ldAgent{Type: "Person", Name: n})
		}
	}
	for _, n := range orgs {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, ldAgent{Type: "Organization", Name: n})
		}
	}
	return out
}

// baseLanguage is the two-letter language AMB names (ISO 639-1) of a tag.
func baseLanguage(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(base)
}

// ldCommon is what every page's JSON-LD says: context, language,
// licence and creators.
func (b *builder) ldCommon(v *siteView) ldResource {
	m := b.s.meta
	lang := baseLanguage(v.Lang)
	ld := ldResource{
		Context:    []any{ambContext, "https://schema.org", map[string]string{"@language": lang}},
		InLanguage: []string{lang},
		Creator:    ldAgents(m.Authors, m.Organizations),
	}
	if v.License != nil && v.License.URL != "" {
		ld.License = &ldID{ID: v.License.URL}
	}
	return ld
}

// courseJSONLD is the home page's description of the whole course.
func (b *builder) courseJSONLD(v *siteView) (template.JS, error) {
	m, f := b.s.meta, &b.find
	ld := b.ldCommon(v)
	ld.ID = f.absURL("/")
	ld.Type = []string{"LearningResource", "Course"}
	ld.Name = v.Title
	ld.Description = plainText(m.Description)
	ld.LearningResourceType = []ldConcept{{ID: hcrtCourse, PrefLabel: map[string]string{"en": "Course", "de": "Kurs"}}}
	for _, s := range m.Subjects {
		if about, ok := aboutConcept(s); ok {
			if !slices.ContainsFunc(ld.About, func(c ldConcept) bool { return c.ID == about.ID }) {
				ld.About = append(ld.About, about)
			}
		} else if s = strings.TrimSpace(s); s != "" {
			ld.Keywords = append(ld.Keywords, s)
		}
	}
	if id := levelIDs[m.Level]; id != "" {
		ld.EducationalLevel = []ldConcept{{ID: "https://w3id.org/kim/educationalLevel/" + id, PrefLabel: map[string]string{"en": levelNames[m.Level]}}}
	} else if m.Level != "" {
		ld.Keywords = append(ld.Keywords, levelNames[m.Level])
	}
	if a := strings.TrimSpace(m.Audience); a != "" {
		ld.Audience = audienceConcepts(a)
		ld.AudienceText = &ldAudience{Type: "Audience", AudienceType: a}
	}
	ld.Image = b.shareImage(v)
	ld.DateCreated, ld.DateModified = f.created, f.modified
	ld.Teaches = m.Outcomes
	ld.TimeRequired = isoDuration(b.s.courseMinutes())
	if a := v.Attribution; a != nil && m.BasedOn != nil {
		p := ldPart{ID: a.URL, Type: []string{"LearningResource", "Course"}, Name: a.Title, Creator: ldAgents(m.BasedOn.Authors, nil)}
		if a.License != nil && a.License.URL != "" {
			p.License = &ldID{ID: a.License.URL}
		}
		p.CreditText = b.s.creditText(a)
		ld.IsBasedOn = []ldPart{p}
	}
	for _, mod := range b.s.modules {
		if !mod.Draft {
			ld.HasPart = append(ld.HasPart, ldPart{ID: f.absURL(mod.URL), Type: []string{"LearningResource"}, Name: mod.Title})
		}
	}
	for _, p := range b.s.c.AllPages() {
		sp := b.s.visible[p]
		if sp == nil || sp.draft || sp.kind == kindRedirect || sp.kind == kindHome || (sp.module != nil && sp.module.offMenu) {
			continue
		}
		ld.HasPart = append(ld.HasPart, ldPart{ID: f.absURL(sp.url), Type: []string{"LearningResource", "WebPage"}, Name: sp.title})
	}
	if f.address == "" {
		// Without a published address the parts have no id; AMB needs one
		// for each, so they are left out rather than sent half-described.
		ld.HasPart = nil
	}
	return encodeLD(ld)
}

// pageJSONLD is a page's description of itself, as part of the course.
func (b *builder) pageJSONLD(v *siteView, d *pageData) (template.JS, error) {
	f := &b.find
	ld := b.ldCommon(v)
	ld.ID = f.absURL(d.URL)
	ld.Type = []string{"LearningResource", "WebPage"}
	ld.Name = d.Title
	ld.Description = d.Summary
	if home := f.absURL("/"); home != "" {
		ld.IsPartOf = []ldPart{{ID: home, Type: []string{"LearningResource", "Course"}, Name: v.Title}}
	}
	return encodeLD(ld)
}

// encodeLD encodes with encoding/json, which escapes <, > and & so that
// no course text can close the script element.
func encodeLD(ld ldResource) (template.JS, error) {
	data, err := json.Marshal(ld)
	if err != nil {
		return "", err
	}
	return template.JS(data), nil
}

// shareImage is the picture link previews and directories show: the
// banner image, else the banner icon, as an absolute address ("" when
// the site's address is not known and the image is one of its files).
func (b *builder) shareImage(v *siteView) string {
	m := b.s.meta
	for _, key := range []string{"jumbotron_image", "jumbotron_icon"} {
		val := m.JumbotronImage
		if key == "jumbotron_icon" {
			val = m.JumbotronIcon
		}
		u := b.s.themeImageQuiet(val)
		switch {
		case u == "":
		case strings.HasPrefix(u, "https://"):
			return u
		default:
			return b.find.absURL(u)
		}
	}
	return ""
}

// themeImageQuiet is themeImage without its warnings (themeImage has
// given them already for the banner).
func (s *site) themeImageQuiet(val string) string {
	val = strings.TrimSpace(baseurlRE.ReplaceAllString(strings.TrimSpace(val), ""))
	switch {
	case val == "":
		return ""
	case strings.HasPrefix(val, "https://"):
		return val
	}
	rel := strings.TrimPrefix(path.Clean("/"+val), "/")
	if !s.fileSet[rel] {
		return ""
	}
	return "/" + rel
}
