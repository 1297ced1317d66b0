package course

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// Course-in-a-Box's _data/course.yml holds title, description and
// modules. What a course also needs to be shared well — license,
// language, authors, audience, meeting plan, outcomes, the course it
// adapts — Coursewright keeps as extra keys there, which Jekyll ignores.
// The theme keys live in _config.yml, where the template reads them.

// BasedOn names the course this one adapts.
type BasedOn struct {
	Title   string   `yaml:"title,omitempty" json:"title,omitempty"`
	URL     string   `yaml:"url,omitempty" json:"url,omitempty"`
	Commit  string   `yaml:"commit,omitempty" json:"commit,omitempty"`
	Authors []string `yaml:"authors,omitempty" json:"authors,omitempty"`
	License string   `yaml:"license,omitempty" json:"license,omitempty"`
	// Language of the adapted course, when it differs from this one's
	// (a translation).
	Language string `yaml:"language,omitempty" json:"language,omitempty"`
}

// LanguageVersion is another language version of the course, published
// at URL (course.yml `translations`), for the site's language switcher.
type LanguageVersion struct {
	Language string `yaml:"language" json:"language"`
	URL      string `yaml:"url" json:"url"`
}

// Meta is the course's descriptive data, read from both YAML files.
type Meta struct {
	Title          string   `json:"title"`
	Description    string   `json:"description"`
	License        string   `json:"license"`
	Language       string   `json:"language"`
	Authors        []string `json:"authors"`
	Audience       string   `json:"audience"`
	Meetings       int      `json:"meetings"`
	MeetingMinutes int      `json:"meeting_minutes"`
	Outcomes       []string `json:"outcomes"`
	// Level is the stage of education the course is for, one of Levels;
	// Subjects say what it is about; Organizations made it with the
	// Authors. Course directories (OERSI and others) index all three.
	Level         string   `json:"level"`
	Subjects      []string `json:"subject"`
	Organizations []string `json:"organizations"`
	Domain        string   `json:"domain"`
	BasedOn       *BasedOn `json:"based_on,omitempty"`
	// Translations are the course's other language versions.
	Translations []LanguageVersion `json:"translations,omitempty"`

	JumbotronColor string `json:"jumbotron_color"`
	JumbotronImage string `json:"jumbotron_image"`
	JumbotronMask  string `json:"jumbotron_mask"`
	JumbotronIcon  string `json:"jumbotron_icon"`
}

// Levels are the stages of education a course can name as its level, in
// order: the levels of UNESCO's ISCED 2011 (0 to 8) and, for the courses
// libraries run for everyone, adult education.
var Levels = []string{"early-childhood", "primary", "lower-secondary", "upper-secondary", "post-secondary",
	"short-tertiary", "bachelor", "master", "doctoral", "adult"}

// metaKey describes one settable key.
type metaKey struct {
	file  string // ConfigFile or DataFile
	kind  string // "string", "int", "list", "license", "language", "color"
	about string
}

// metaKeys are the keys `meta get/set` know; "based_on.*" are handled
// as nested keys of based_on.
var metaKeys = map[string]metaKey{
	"title":             {DataFile, "string", "course title"},
	"description":       {DataFile, "string", "short description (HTML allowed)"},
	"license":           {DataFile, "license", "SPDX license id, e.g. CC-BY-SA-4.0"},
	"language":          {DataFile, "language", "language tag, e.g. en, es, de-AT"},
	"authors":           {DataFile, "list", "authors, separated by commas"},
	"audience":          {DataFile, "string", "who the course is for"},
	"meetings":          {DataFile, "int", "number of meetings"},
	"meeting_minutes":   {DataFile, "int", "length of a meeting in minutes"},
	"outcomes":          {DataFile, "list", "learning outcomes, separated by semicolons"},
	"level":             {DataFile, "level", "stage of education: " + strings.Join(Levels, ", ")},
	"subject":           {DataFile, "list", "what the course is about, separated by commas"},
	"organizations":     {DataFile, "list", "organisations that made the course, separated by commas"},
	"domain":            {DataFile, "string", "custom domain for the published site"},
	"based_on.title":    {DataFile, "string", "title of the adapted course"},
	"based_on.url":      {DataFile, "string", "address of the adapted course"},
	"based_on.commit":   {DataFile, "string", "commit of the adapted course"},
	"based_on.authors":  {DataFile, "list", "authors of the adapted course"},
	"based_on.license":  {DataFile, "license", "license of the adapted course"},
	"based_on.language": {DataFile, "language", "language of the adapted course"},
	"jumbotron_color":   {ConfigFile, "color", "banner colour, e.g. #1f5f8b"},
	"jumbotron_image":   {ConfigFile, "string", "banner image, e.g. img/banner.png"},
	"jumbotron_mask":    {ConfigFile, "string", "banner mask image"},
	"jumbotron_icon":    {ConfigFile, "string", "banner icon"},
}

// MetaKeys lists the keys `meta` accepts, sorted, with a description.
func MetaKeys() [][2]string {
	out := make([][2]string, 0, len(metaKeys))
	for k, v := range metaKeys {
		out = append(out, [2]string{k, v.about})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// Meta reads the course's descriptive data.
func (c *Course) Meta() Meta {
	var m Meta
	if d := c.Data; d != nil {
		m.Title = d.String("title")
		m.Description = d.String("description")
		m.License = d.String("license")
		m.Language = d.String("language")
		m.Authors = stringList(d.Lookup("authors"))
		m.Audience = d.String("audience")
		m.Meetings, _ = strconv.Atoi(d.String("meetings"))
		m.MeetingMinutes, _ = strconv.Atoi(d.String("meeting_minutes"))
		m.Outcomes = stringList(d.Lookup("outcomes"))
		m.Level = d.String("level")
		m.Subjects = stringList(d.Lookup("subject"))
		m.Organizations = stringList(d.Lookup("organizations"))
		m.Domain = d.String("domain")
		if n := d.Lookup("translations"); n != nil && n.Kind == yaml.SequenceNode {
			_ = n.Decode(&m.Translations) // malformed entries are left out
		}
		if n := d.Lookup("based_on"); n != nil && n.Kind == yaml.MappingNode {
			var b BasedOn
			if n.Decode(&b) == nil {
				m.BasedOn = &b
			}
		}
	}
	if d := c.Config; d != nil {
		m.JumbotronColor = d.String("jumbotron_color")
		m.JumbotronMask = d.String("jumbotron_mask")
		m.JumbotronIcon = d.String("jumbotron_icon")
	}
	// The older template's setting counts when jumbotron_image is not set.
	m.JumbotronImage, _ = c.BannerImage()
	return m
}

func stringList(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		if n.Value == "" || n.Tag == "!!null" {
			return nil
		}
		return []string{n.Value}
	}
	var out []string
	for _, it := range n.Content {
		if it.Kind == yaml.ScalarNode {
			out = append(out, it.Value)
		} else if it.Kind == yaml.MappingNode {
			if _, v := mapEntry(it, "name"); v != nil {
				out = append(out, v.Value)
			}
		}
	}
	return out
}

// GetMeta returns the value of one key as text: lists joined with the
// separator `meta set` takes.
func (c *Course) GetMeta(key string) (string, error) {
	k, ok := metaKeys[key]
	if !ok {
		return "", fmt.Errorf("unknown setting %q; known settings: %s", key, knownKeys())
	}
	d := c.Data
	if k.file == ConfigFile {
		d = c.Config
	}
	if d == nil {
		return "", nil
	}
	path := strings.Split(key, ".")
	if k.kind == "list" {
		sep := ", "
		if key == "outcomes" {
			sep = "; "
		}
		return strings.Join(stringList(d.Lookup(path...)), sep), nil
	}
	return d.String(path...), nil
}

func knownKeys() string {
	var ks []string
	for _, kv := range MetaKeys() {
		ks = append(ks, kv[0])
	}
	return strings.Join(ks, ", ")
}

var colorRE = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// SetMeta sets one setting of the course, validated.
type SetMeta struct {
	Key, Value string
}

func (e SetMeta) String() string { return fmt.Sprintf("set %s", e.Key) }

func (e SetMeta) Apply(c *Course) (Edit, error) {
	k, ok := metaKeys[e.Key]
	if !ok {
		return nil, fmt.Errorf("unknown setting %q; known settings: %s", e.Key, knownKeys())
	}
	v := strings.TrimSpace(e.Value)
	var value any = v
	switch k.kind {
	case "int":
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%s must be a whole number, not %q", e.Key, e.Value)
		}
		value = n
	case "list":
		sep := ","
		if e.Key == "outcomes" {
			sep = ";"
		}
		items := []string{}
		for _, s := range strings.Split(v, sep) {
			if s = strings.TrimSpace(s); s != "" {
				items = append(items, s)
			}
		}
		value = items
	case "license":
		if v != "" && !ValidLicenseID(v) {
			return nil, fmt.Errorf("%q is not a known SPDX license id; use one like CC-BY-SA-4.0, CC-BY-4.0 or CC0-1.0", v)
		}
		if info, ok := LookupLicense(v); ok {
			value = info.ID
		}
	case "language":
		if v != "" {
			tag, err := language.Parse(v)
			if err != nil {
				return nil, fmt.Errorf("%q is not a language tag; use one like en, es, de or pt-BR", v)
			}
			value = tag.String()
		}
	case "level":
		if v != "" && !slices.Contains(Levels, v) {
			return nil, fmt.Errorf("%q is not a level; use one of %s", v, strings.Join(Levels, ", "))
		}
	case "color":
		if v != "" && !colorRE.MatchString(v) {
			return nil, fmt.Errorf("%q is not a colour; use a hex colour like #1f5f8b", v)
		}
	case "string":
		if e.Key == "title" {
			if err := ValidateTitle(v); err != nil {
				return nil, err
			}
		}
	}
	var d *Doc
	if k.file == ConfigFile {
		if c.Config == nil {
			if c.configOrig != nil {
				return nil, fmt.Errorf("_config.yml is not valid YAML; fix it first")
			}
			c.Config = &Doc{}
		}
		d = c.Config
	} else {
		var err error
		if d, err = c.data(); err != nil {
			return nil, err
		}
	}
	before := snapshot(d)
	path := strings.Split(e.Key, ".")
	var err error
	if s, ok := value.(string); ok {
		err = d.SetString(s, path...)
	} else {
		err = d.SetValue(value, path...)
	}
	if err != nil {
		before.restore()
		return nil, err
	}
	return &inverse{desc: e.String(), redo: e, undo: func(*Course) error {
		before.restore()
		return nil
	}}, nil
}
