package course

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Media credits: who made an image, where it came from and under which
// license it may be used, kept next to the images in img/credits.yml so
// that the site's attributions page can list them:
//
//	banner.jpg:
//	  title: Reading room            # optional
//	  author: Jane Doe
//	  source: https://commons.wikimedia.org/wiki/File:Reading_room.jpg
//	  license: CC-BY-SA-4.0          # an SPDX id, or "course"
//
// Keys are file names under img/ (or paths starting with img/). A list of
// entries with a `file:` key is read too. The license "course" means the
// image was made for this course and shares its license.

// CreditsFile holds the media credits.
const CreditsFile = ImageDir + "/credits.yml"

// CourseLicenseWord as an image's license means: made for this course,
// under the course's own license.
const CourseLicenseWord = "course"

// Credit is the attribution of one image.
type Credit struct {
	File    string `json:"file"` // slash path in the course, e.g. img/banner.jpg
	Title   string `json:"title,omitempty"`
	Author  string `json:"author,omitempty"`
	Source  string `json:"source,omitempty"` // where it came from, usually an address
	License string `json:"license,omitempty"`
	Line    int    `json:"line,omitempty"` // line in img/credits.yml
}

// LicenseInfo describes the credit's license: a known SPDX license, or
// the course's own for "course". ok is false for a license Coursewright
// does not know (or none).
func (cr Credit) LicenseInfo(courseLicense string) (LicenseInfo, bool) {
	l := strings.TrimSpace(cr.License)
	if strings.EqualFold(l, CourseLicenseWord) {
		if courseLicense == "" {
			return LicenseInfo{}, false
		}
		return LookupLicense(courseLicense)
	}
	if strings.EqualFold(l, "public domain") || strings.EqualFold(l, "public-domain") {
		return LookupLicense("CC-PDDC")
	}
	return LookupLicense(l)
}

// Credits reads img/credits.yml. A missing file is no credits and no
// problem; entries it cannot read are reported with their line.
func (c *Course) Credits() ([]Credit, []Diagnostic) {
	raw, err := os.ReadFile(filepath.Join(c.Dir, filepath.FromSlash(CreditsFile)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []Diagnostic{{File: CreditsFile, Severity: SeverityWarning, Code: CodeCreditsUnreadable, Message: "cannot read the image credits: " + err.Error(), Hint: "check the file's permissions"}}
	}
	return ParseCredits(raw)
}

// ParseCredits reads the text of an img/credits.yml.
func ParseCredits(raw []byte) ([]Credit, []Diagnostic) {
	var diags []Diagnostic
	bad := func(line int, msg, hint string) {
		diags = append(diags, Diagnostic{File: CreditsFile, Line: line, Severity: SeverityWarning, Code: CodeCreditsInvalid, Message: msg, Hint: hint})
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		line := 0
		if ye := toYAMLError(err); ye != nil {
			line = ye.Line
		}
		bad(line, "the image credits are not valid YAML: "+err.Error(), "fix the line shown")
		return nil, diags
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	doc := root.Content[0]
	var out []Credit
	read := func(file string, v *yaml.Node, line int) {
		if v.Kind != yaml.MappingNode {
			bad(v.Line, fmt.Sprintf("the credit of %s must list author, source and license", file),
				"write author:, source: and license: on lines under the file name")
			return
		}
		cr := Credit{File: creditPath(file), Line: line}
		for i := 0; i+1 < len(v.Content); i += 2 {
			k, val := v.Content[i].Value, v.Content[i+1]
			if val.Kind != yaml.ScalarNode {
				continue
			}
			switch strings.ToLower(k) {
			case "title":
				cr.Title = val.Value
			case "author", "creator", "by":
				cr.Author = val.Value
			case "source", "url":
				cr.Source = val.Value
			case "license", "licence":
				cr.License = val.Value
			}
		}
		out = append(out, cr)
	}
	switch doc.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(doc.Content); i += 2 {
			read(doc.Content[i].Value, doc.Content[i+1], doc.Content[i].Line)
		}
	case yaml.SequenceNode:
		for _, it := range doc.Content {
			file := ""
			if it.Kind == yaml.MappingNode {
				if _, f := mapEntry(it, "file"); f != nil {
					file = f.Value
				}
			}
			if file == "" {
				bad(it.Line, "this credit names no image", "add file: with the image's name")
				continue
			}
			read(file, it, it.Line)
		}
	default:
		bad(doc.Line, "the image credits must be a list of images", "write one image name per entry, with author, source and license under it")
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out, diags
}

// creditPath makes a credits key a course path: "banner.jpg" and
// "/img/banner.jpg" are both img/banner.jpg.
func creditPath(key string) string {
	k := strings.TrimPrefix(path.Clean("/"+strings.TrimSpace(key)), "/")
	if strings.HasPrefix(k, ImageDir+"/") {
		return k
	}
	return ImageDir + "/" + k
}

// IsImage reports whether a file name is an image a page can show.
func IsImage(name string) bool { return checkIsImage(name) }

// creditDiagnostics warns, for a course about to be published, about the
// images whose license is unknown: no credit at all, or a credit without
// a license Coursewright knows. Images in inherited (files unchanged from
// the course this one adapts) are covered by that course's attribution.
func creditDiagnostics(c *Course, inherited map[string]bool) []Diagnostic {
	credits, out := c.Credits()
	byFile := map[string]Credit{}
	for _, cr := range credits {
		byFile[cr.File] = cr
	}
	license := c.Meta().License
	for _, a := range c.Assets {
		if !IsImage(a) || inherited[a] || strings.HasPrefix(path.Base(a), "favicon") {
			continue
		}
		cr, ok := byFile[a]
		switch {
		case !ok:
			out = append(out, Diagnostic{File: a, Severity: SeverityWarning, Code: CodeImageNoLicense,
				Message: "this image has no known license: the site will be published without saying who made it or whether it may be shared",
				Hint:    "add it to " + CreditsFile + " with its author, source and license (license: course if you made it for this course)"})
		default:
			if _, known := cr.LicenseInfo(license); !known {
				msg := fmt.Sprintf("the license of this image (%q in %s) is not one Coursewright knows", cr.License, CreditsFile)
				if strings.TrimSpace(cr.License) == "" {
					msg = "the credit of this image in " + CreditsFile + " names no license"
				}
				out = append(out, Diagnostic{File: a, Severity: SeverityWarning, Code: CodeImageLicenseUnknown, Message: msg,
					Args: argMap([]string{"License", strings.TrimSpace(cr.License)}),
					Hint: "use an SPDX id such as CC-BY-4.0 or CC0-1.0, or course if you made it for this course"})
			}
		}
	}
	return out
}

// CheckOptions add checks that need more than the course folder.
type CheckOptions struct {
	// Translations, when set, is the course this one translates: Check
	// then reports untranslated and outdated pages.
	Translations TranslationSource
	// Publishing is set when the course is about to be published (it has
	// a publishing address): Check then warns about images whose license
	// is unknown.
	Publishing bool
	// Inherited lists files (slash paths) unchanged from the course this
	// one adapts: that course's attribution covers them.
	Inherited map[string]bool
}

// extraDiagnostics runs the checks opts asks for.
func (opts CheckOptions) extraDiagnostics(c *Course) []Diagnostic {
	var out []Diagnostic
	if opts.Translations != nil {
		out = append(out, translationDiagnostics(c, opts.Translations)...)
	}
	if opts.Publishing {
		out = append(out, creditDiagnostics(c, opts.Inherited)...)
	} else if _, diags := c.Credits(); len(diags) > 0 {
		out = append(out, diags...)
	}
	return out
}
