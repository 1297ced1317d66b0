package course

import "gopkg.in/yaml.v3"

// LegacyBannerKey is the older Course-in-a-Box template's name for the
// banner image, which courses made from it still carry (in _config.yml,
// or beside the title in _data/course.yml); jumbotron_image replaced it.
const LegacyBannerKey = "jumbotron_background_image"

// Setting is where a course setting is written: its key, its file and the
// line of its value (0 when the setting is not written anywhere).
type Setting struct {
	Key, File string
	Line      int
}

// BannerImage is the banner image the course sets and where: the
// jumbotron_image of _config.yml, else the older template's
// jumbotron_background_image, in _config.yml or else _data/course.yml.
// The value is "" when none is set; the setting then names
// jumbotron_image in _config.yml, where a new one goes.
func (c *Course) BannerImage() (value string, at Setting) {
	for _, s := range []Setting{{"jumbotron_image", ConfigFile, 0}, {LegacyBannerKey, ConfigFile, 0}, {LegacyBannerKey, DataFile, 0}} {
		d := c.Config
		if s.File == DataFile {
			d = c.Data
		}
		if d == nil {
			continue
		}
		n := d.Lookup(s.Key)
		if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Value == "" {
			continue
		}
		s.Line = n.Line
		return n.Value, s
	}
	return "", Setting{Key: "jumbotron_image", File: ConfigFile}
}
