package publish

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ambLoader serves the AMB schema's files from testdata/amb.
type ambLoader struct{}

var ambURLRE = regexp.MustCompile(`^https://w3id\.org/kim/amb/[^/]+/schemas/([A-Za-z0-9-]+\.json)$`)

func (ambLoader) Load(url string) (any, error) {
	m := ambURLRE.FindStringSubmatch(url)
	if m == nil {
		return nil, fmt.Errorf("not a file of the AMB schema: %s", url)
	}
	f, err := os.Open(filepath.Join("testdata", "amb", m[1]))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

// goRegexp compiles the schema's patterns with Go's regexp, which has no
// lookahead: the one pattern that uses one (duration.json's
// `(?=\d|T\d)`, which only refuses a bare "P") is compiled without it.
// The course JSON-LD has no duration.
func goRegexp(s string) (jsonschema.Regexp, error) {
	return regexp.Compile(strings.ReplaceAll(s, `(?=\d|T\d)`, ""))
}

// ambSchema compiles the AMB schema (testdata/amb/README.md says which).
func ambSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.UseLoader(ambLoader{})
	c.UseRegexpEngine(goRegexp)
	c.AssertFormat()
	s, err := c.Compile("https://w3id.org/kim/amb/draft/schemas/schema.json")
	if err != nil {
		t.Fatalf("the AMB schema: %v", err)
	}
	return s
}

var ldScriptRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// pageLD is the JSON-LD of a built page.
func pageLD(t *testing.T, site, page string) map[string]any {
	t.Helper()
	m := ldScriptRE.FindStringSubmatch(readSite(t, site, page))
	if m == nil {
		t.Fatalf("%s: no JSON-LD", page)
	}
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(m[1]))
	if err != nil {
		t.Fatalf("%s: JSON-LD: %v", page, err)
	}
	return v.(map[string]any)
}

// readerPages are the built pages a reader can reach from the home page:
// not those of modules the course hides (they are built, as Jekyll
// builds them, but not listed), as published addresses under addr.
func readerPages(t *testing.T, site, addr string) map[string]bool {
	t.Helper()
	home := readSite(t, site, "index.html")
	shown := map[string]bool{}
	for _, m := range regexp.MustCompile(`<li class="module-card">\s*<h3><a href="modules/([^/"]+)/`).FindAllStringSubmatch(home, -1) {
		shown[m[1]] = true
	}
	out := map[string]bool{}
	for _, p := range sitePages(t, site) {
		if seg := strings.Split(p, "/"); len(seg) > 2 && seg[0] == "modules" && !shown[(&url.URL{Path: seg[1]}).EscapedPath()] {
			continue
		}
		out[addr+(&url.URL{Path: strings.TrimSuffix(p, "index.html")}).EscapedPath()] = true
	}
	return out
}

// TestJSONLDFollowsAMB builds every corpus course (published at a
// domain; one also with level, subjects, organisations and as an
// adaptation) and validates the JSON-LD of every page against the AMB
// JSON schema, then checks the course's own fields one by one.
func TestJSONLDFollowsAMB(t *testing.T) {
	schema := ambSchema(t)
	for _, name := range corpusCourses(t) {
		t.Run(name, func(t *testing.T) {
			c := setData(t, corpusCourse(t, name), "domain", "courses.example-library.org")
			if name == "we-are-ai" {
				setData(t, c,
					"level", "adult",
					"subject", "https://w3id.org/kim/hochschulfaechersystematik/n079, artificial intelligence, ethics",
					"audience", "Librarians and adult learners",
					"organizations", "Example Public Library",
					"based_on.title", "We Are AI (original)",
					"based_on.url", "https://example.org/we-are-ai",
					"based_on.authors", "Julia Stoyanovich",
					"based_on.license", "CC-BY-4.0",
				)
			}
			site := filepath.Join(t.TempDir(), "site")
			build(t, c, site, BuildOptions{})
			pages := sitePages(t, site)
			for _, p := range pages {
				ld := pageLD(t, site, p)
				if err := schema.Validate(ld); err != nil {
					t.Errorf("%s: not valid AMB:\n%v", p, err)
				}
				if !strings.HasPrefix(fmt.Sprint(ld["id"]), "https://courses.example-library.org/") {
					t.Errorf("%s: id %v is not at the published address", p, ld["id"])
				}
			}
			home := pageLD(t, site, "index.html")
			m := c.Meta()
			check := func(field string, want any) {
				t.Helper()
				got, _ := json.Marshal(home[field])
				w, _ := json.Marshal(want)
				if string(got) != string(w) {
					t.Errorf("%s = %s, want %s", field, got, w)
				}
			}
			check("id", "https://courses.example-library.org/")
			check("type", []string{"LearningResource", "Course"})
			check("name", c.Title())
			lang := baseLanguage(m.Language)
			if lang == "" {
				lang = "en"
			}
			check("inLanguage", []string{lang})
			if info, ok := course.LookupLicense(m.License); ok {
				check("license", map[string]string{"id": info.URL})
			}
			if lrt := fmt.Sprint(home["learningResourceType"]); !strings.Contains(lrt, hcrtCourse) {
				t.Errorf("learningResourceType %s", lrt)
			}
			if home["dateCreated"] == nil || home["dateModified"] == nil {
				t.Errorf("dates: %v, %v", home["dateCreated"], home["dateModified"])
			}
			// hasPart: every module and every published page.
			parts := map[string]bool{}
			for _, p := range home["hasPart"].([]any) {
				parts[p.(map[string]any)["id"].(string)] = true
			}
			for u := range readerPages(t, site, "https://courses.example-library.org/") {
				if strings.HasSuffix(u, ".org/") || strings.Contains(u, "/facilitator-guide/") || strings.Contains(u, "/attributions/") {
					continue // the course itself; the guide and credits are not parts of the course
				}
				if !parts[u] {
					t.Errorf("hasPart lacks %s", u)
				}
			}
			if name == "we-are-ai" {
				check("creator", []map[string]string{{"type": "Organization", "name": "Example Public Library"}})
				check("about", []map[string]any{
					{"id": "https://w3id.org/kim/hochschulfaechersystematik/n079", "prefLabel": map[string]string{"de": "Informatik", "en": "Computer science"}},
					{"id": "http://w3id.org/kim/schulfaecher/s1008", "prefLabel": map[string]string{"de": "Ethik", "en": "Ethics"}}})
				check("audience", []map[string]any{
					{"id": "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/student", "prefLabel": map[string]string{"de": "Lernende", "en": "Student"}},
					{"id": "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/generalPublic", "prefLabel": map[string]string{"de": "Allgemeinheit", "en": "General public"}},
					{"id": "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/professional", "prefLabel": map[string]string{"de": "Fachleute", "en": "Professional"}}})
				check("schema:audience", map[string]string{"type": "Audience", "audienceType": "Librarians and adult learners"})
				check("keywords", []string{"artificial intelligence", "Adult education"})
				based := home["isBasedOn"].([]any)[0].(map[string]any)
				if based["id"] != "https://example.org/we-are-ai" || based["name"] != "We Are AI (original)" ||
					fmt.Sprint(based["license"]) != "map[id:https://creativecommons.org/licenses/by/4.0/]" || based["creator"] == nil {
					t.Errorf("isBasedOn = %v", based)
				}
			}
			// A module page says what it is part of.
			for _, p := range pages {
				if strings.HasPrefix(p, "modules/") {
					ld := pageLD(t, site, p)
					if fmt.Sprint(ld["isPartOf"]) == "" || !strings.Contains(fmt.Sprint(ld["isPartOf"]), "https://courses.example-library.org/") {
						t.Errorf("%s: isPartOf %v", p, ld["isPartOf"])
					}
					break
				}
			}
		})
	}
}

// The AMB test above can fail: a course JSON-LD without its required
// id, or with a licence as a plain string, is refused by the schema.
func TestAMBSchemaRefuses(t *testing.T) {
	schema := ambSchema(t)
	good := `{"@context":["https://w3id.org/kim/amb/context.jsonld",{"@language":"en"}],"id":"https://x.example/","type":["LearningResource","Course"],"name":"X"}`
	for _, tc := range []struct{ name, doc string }{
		{"no id", strings.Replace(good, `"id":"https://x.example/",`, "", 1)},
		{"licence as text", strings.Replace(good, `"name":"X"`, `"name":"X","license":"https://creativecommons.org/licenses/by/4.0/"`, 1)},
		{"not a LearningResource", strings.Replace(good, `"LearningResource",`, "", 1)},
	} {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(tc.doc))
		if err != nil {
			t.Fatal(err)
		}
		if schema.Validate(v) == nil {
			t.Errorf("%s: the schema accepted %s", tc.name, tc.doc)
		}
	}
	v, _ := jsonschema.UnmarshalJSON(strings.NewReader(good))
	if err := schema.Validate(v); err != nil {
		t.Errorf("a minimal valid record was refused: %v", err)
	}
}

// TestSitemapRobotsFeed: sitemap.xml lists every published page, and
// nothing else, at the published address; robots.txt points to it; the
// feed lists the dated pages; link-preview tags carry the address.
func TestSitemapRobotsFeed(t *testing.T) {
	for _, name := range corpusCourses(t) {
		t.Run(name, func(t *testing.T) {
			c := setData(t, corpusCourse(t, name), "domain", "courses.example-library.org")
			site := filepath.Join(t.TempDir(), "site")
			build(t, c, site, BuildOptions{})
			var sm struct {
				URLs []struct {
					Loc string `xml:"loc"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal([]byte(readSite(t, site, "sitemap.xml")), &sm); err != nil {
				t.Fatal(err)
			}
			listed := map[string]bool{}
			for _, u := range sm.URLs {
				listed[u.Loc] = true
			}
			for u := range readerPages(t, site, "https://courses.example-library.org/") {
				if !listed[u] {
					t.Errorf("sitemap.xml lacks %s", u)
				}
				delete(listed, u)
			}
			for u := range listed {
				t.Errorf("sitemap.xml lists %s, which is no page of the site", u)
			}
			if robots := readSite(t, site, "robots.txt"); !strings.Contains(robots, "\nSitemap: https://courses.example-library.org/sitemap.xml\n") {
				t.Errorf("robots.txt:\n%s", robots)
			}
			var feed struct {
				Entries []struct {
					Title string `xml:"title"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal([]byte(readSite(t, site, "feed.xml")), &feed); err != nil {
				t.Fatal(err)
			}
			if len(feed.Entries) == 0 {
				t.Error("the feed has no entries")
			}
			home := readSite(t, site, "index.html")
			for _, tag := range []string{`<meta property="og:url" content="https://courses.example-library.org/">`,
				`<meta property="og:type" content="website">`, `<link rel="canonical" href="https://courses.example-library.org/">`,
				`<meta name="twitter:card"`, `type="application/atom+xml" href="feed.xml"`} {
				if !strings.Contains(home, tag) {
					t.Errorf("the home page lacks %s", tag)
				}
			}
		})
	}
}

// TestNoAddressNoSitemap: a course with no known address gets no sitemap
// (a sitemap needs absolute addresses) but robots.txt and the feed.
func TestNoAddressNoSitemap(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	build(t, sampleCourse(t), site, BuildOptions{})
	if _, err := os.Stat(filepath.Join(site, "sitemap.xml")); err == nil {
		t.Error("sitemap.xml without a published address")
	}
	if robots := readSite(t, site, "robots.txt"); strings.Contains(robots, "Sitemap:") {
		t.Errorf("robots.txt names a sitemap: %s", robots)
	}
	readSite(t, site, "feed.xml")
	// Publish knows the address: Build takes it.
	build(t, sampleCourse(t), site, BuildOptions{SiteURL: "https://owner.github.io/info-course/"})
	if !strings.Contains(readSite(t, site, "sitemap.xml"), "<loc>https://owner.github.io/info-course/modules/") {
		t.Error("the sitemap does not use the address Publish gave")
	}
}
