package adapt

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/coursewright/coursewright/course"
	"gopkg.in/yaml.v3"
)

// Confidence says how sure DetectLicense is of what it found.
type Confidence int

// Confidence levels, weakest first.
const (
	// ConfidenceNone: no license statement was found at all.
	ConfidenceNone Confidence = iota
	// ConfidenceLow: only a software license, or a passing mention in a
	// page, which may not cover the course content.
	ConfidenceLow
	// ConfidenceMedium: a license statement in the README or the site's
	// footer (a rel="license" link or the license's name).
	ConfidenceMedium
	// ConfidenceHigh: the license key of _data/course.yml, or a license
	// file holding the license's legal text.
	ConfidenceHigh
)

func (c Confidence) String() string {
	switch c {
	case ConfidenceLow:
		return "low"
	case ConfidenceMedium:
		return "medium"
	case ConfidenceHigh:
		return "high"
	}
	return "none"
}

// MarshalText makes Confidence read as a word in JSON.
func (c Confidence) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Evidence is one license statement found in a course.
type Evidence struct {
	ID         string     `json:"id"`     // SPDX id
	Source     string     `json:"source"` // file:line
	Confidence Confidence `json:"confidence"`
	// Code is set for software licenses (MIT, BSD, Apache, GPL): in a
	// Course-in-a-Box repository they cover the Jekyll template, not the
	// course's text.
	Code bool `json:"code,omitempty"`
}

// Detection is the license DetectLicense settled on, and everything it saw.
type Detection struct {
	ID         string     `json:"id"`     // SPDX id; "" when nothing was found
	Source     string     `json:"source"` // file:line of the statement used
	Confidence Confidence `json:"confidence"`
	// Note explains a doubt worth showing the user: statements that
	// disagree, or only a software license found.
	Note     string     `json:"note,omitempty"`
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Where license statements are looked for, in the order they are trusted
// when two of the same confidence disagree: what the course says about
// itself in its data first, then license files, then the footer every
// page shows, then the README, then other pages.
const (
	rankData = iota
	rankLicenseFile
	rankFooter
	rankReadme
	rankPage
)

type finding struct {
	Evidence
	rank int
	line int
}

// DetectLicense finds the content license of the course in dir (a course
// folder, or any folder with a course's files). It reads the license key
// of _data/course.yml, license files at the top (LICENSE, LICENCE,
// COPYING, with any extension), whose Creative Commons legal code is
// recognized by its title line ("Attribution-ShareAlike 4.0
// International"), the README, and the theme's includes and layouts,
// where Course-in-a-Box footers carry a rel="license" link to a Creative
// Commons deed.
//
// Software licenses (MIT, BSD, Apache, GPL) are only used when no content
// license is found, with low confidence: every Course-in-a-Box repository
// carries the template's MIT license, which says nothing about the course
// text. A course with no statement at all gets ID "" — all rights
// reserved.
func DetectLicense(dir string) (Detection, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return Detection{}, fmt.Errorf("looking for the license: %w", err)
	}
	if !st.IsDir() {
		return Detection{}, fmt.Errorf("looking for the license: %s is not a folder", dir)
	}
	var found []finding

	// _data/course.yml: a Coursewright course says it outright.
	if raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(course.DataFile))); err == nil {
		found = append(found, dataLicense(raw, course.DataFile, rankData, ConfidenceHigh)...)
	}
	if raw, err := os.ReadFile(filepath.Join(dir, course.ConfigFile)); err == nil {
		found = append(found, dataLicense(raw, course.ConfigFile, rankData, ConfidenceMedium)...)
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		return Detection{}, fmt.Errorf("looking for the license: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() || !e.Type().IsRegular() {
			continue
		}
		name := e.Name()
		lower := strings.ToLower(name)
		base := strings.TrimSuffix(lower, filepath.Ext(lower))
		switch {
		case isLicenseName(lower):
			raw, err := readLimited(filepath.Join(dir, name))
			if err == nil {
				found = append(found, licenseFile(name, raw)...)
			}
		case base == "readme":
			raw, err := readLimited(filepath.Join(dir, name))
			if err == nil {
				found = append(found, statements(name, raw, rankReadme, ConfidenceMedium)...)
			}
		case base == "about" || base == "credits" || base == "license-content" || base == "index":
			raw, err := readLimited(filepath.Join(dir, name))
			if err == nil {
				found = append(found, statements(name, raw, rankPage, ConfidenceLow)...)
			}
		}
	}
	// The theme's footer: real Course-in-a-Box courses state their
	// content license only there.
	for _, sub := range []string{"_includes", "_layouts"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*.htm*"))
		sort.Strings(files)
		for _, f := range files {
			raw, err := readLimited(f)
			if err != nil {
				continue
			}
			rel := sub + "/" + filepath.Base(f)
			found = append(found, statements(rel, raw, rankFooter, ConfidenceMedium)...)
		}
	}
	return decide(found), nil
}

// isLicenseName matches LICENSE, LICENCE.md, COPYING.txt, LICENSE.template,
// LICENSE-content…
func isLicenseName(lower string) bool {
	for _, p := range []string{"license", "licence", "copying"} {
		if lower == p || strings.HasPrefix(lower, p+".") || strings.HasPrefix(lower, p+"-") || strings.HasPrefix(lower, p+"_") {
			return true
		}
	}
	return false
}

// readLimited reads a file of at most 1 MB: license statements are short,
// and a huge README is not worth reading whole.
func readLimited(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 1<<20))
}

// dataLicense reads a `license:` key of a YAML file.
func dataLicense(raw []byte, file string, rank int, conf Confidence) []finding {
	var root yaml.Node
	if yaml.Unmarshal(raw, &root) != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Value != "license" || v.Kind != yaml.ScalarNode || v.Value == "" {
			continue
		}
		src := fmt.Sprintf("%s:%d", file, v.Line)
		if info, ok := course.LookupLicense(v.Value); ok {
			return []finding{{Evidence: Evidence{ID: info.ID, Source: src, Confidence: conf, Code: isCodeLicense(info.ID)}, rank: rank, line: v.Line}}
		}
		// Not an SPDX id: maybe words ("CC BY-SA 4.0").
		return statements(file, []byte(v.Value), rank, conf)
	}
	return nil
}

// ccTitleRE is the title line of Creative Commons legal code, e.g.
// "Attribution-NonCommercial-ShareAlike 4.0 International" or, in 3.0
// texts, "Attribution-ShareAlike 3.0 Unported".
var ccTitleRE = regexp.MustCompile(`^\s*(?:Creative Commons\s+)?(?:Legal Code\s+)?Attribution((?:-(?:NonCommercial|ShareAlike|NoDerivatives|NoDerivs))*)\s+(\d\.\d)(?:\s+(?:International|Unported|Generic|[A-Z][a-z]+))?\s*(?:Public License)?\s*$`)

// licenseFile reads a license file: the legal code of a Creative Commons
// license (by its title line) or of a software license (by its first
// words), else any statement in it.
func licenseFile(name string, raw []byte) []finding {
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	lineNo, seen := 0, 0
	for sc.Scan() && seen < 12 {
		lineNo++
		line := strings.TrimSpace(strings.Trim(sc.Text(), "#*= \t"))
		if line == "" {
			continue
		}
		seen++
		if m := ccTitleRE.FindStringSubmatch(line); m != nil {
			if id := ccID(m[1], m[2]); id != "" {
				return []finding{{Evidence: Evidence{ID: id, Source: fmt.Sprintf("%s:%d", name, lineNo), Confidence: ConfidenceHigh}, rank: rankLicenseFile, line: lineNo}}
			}
		}
		if strings.Contains(line, "CC0 1.0 Universal") {
			return []finding{{Evidence: Evidence{ID: "CC0-1.0", Source: fmt.Sprintf("%s:%d", name, lineNo), Confidence: ConfidenceHigh}, rank: rankLicenseFile, line: lineNo}}
		}
		for _, cl := range codeLicenseTitles {
			if cl.re.MatchString(line) {
				id := cl.id
				if cl.refine != nil {
					id = cl.refine(string(raw))
				}
				return []finding{{Evidence: Evidence{ID: id, Source: fmt.Sprintf("%s:%d", name, lineNo), Confidence: ConfidenceLow, Code: true}, rank: rankLicenseFile, line: lineNo}}
			}
		}
	}
	// A short license file that states the license in words.
	return statements(name, raw, rankLicenseFile, ConfidenceHigh)
}

// codeLicenseTitles recognize software licenses by the first lines of
// their text.
var codeLicenseTitles = []struct {
	re     *regexp.Regexp
	id     string
	refine func(text string) string
}{
	{re: regexp.MustCompile(`(?i)^(?:the\s+)?MIT License\b|^Permission is hereby granted, free of charge`), id: "MIT"},
	{re: regexp.MustCompile(`(?i)^Apache License`), id: "Apache-2.0"},
	{re: regexp.MustCompile(`(?i)^GNU (?:GENERAL|LESSER GENERAL|AFFERO GENERAL) PUBLIC LICENSE`), id: "GPL-3.0-only", refine: gplVersion},
	{re: regexp.MustCompile(`(?i)^(?:BSD \d-Clause License|Redistribution and use in source and binary forms)`), id: "BSD-3-Clause", refine: bsdClauses},
	{re: regexp.MustCompile(`(?i)^This is free and unencumbered software released into the public domain`), id: "Unlicense"},
}

func gplVersion(text string) string {
	kind := "GPL"
	switch {
	case strings.Contains(text, "LESSER GENERAL"):
		kind = "LGPL"
	case strings.Contains(text, "AFFERO"):
		kind = "AGPL"
	}
	v := "3.0"
	if strings.Contains(text, "Version 2,") {
		v = "2.0"
		if kind == "LGPL" {
			v = "2.1"
		}
	}
	return kind + "-" + v + "-only"
}

func bsdClauses(text string) string {
	if strings.Contains(text, "Neither the name") || strings.Contains(text, "3-Clause") {
		return "BSD-3-Clause"
	}
	return "BSD-2-Clause"
}

var (
	// A link to a Creative Commons deed or legal code.
	deedRE = regexp.MustCompile(`(?i)creativecommons\.org/licenses/(by(?:-nc)?(?:-sa|-nd)?)/(\d\.\d)`)
	zeroRE = regexp.MustCompile(`(?i)creativecommons\.org/publicdomain/zero/1\.0|\bCC0\b`)
	// "Creative Commons Attribution-ShareAlike 4.0 International",
	// "Creative Commons Attribution NonCommercial 4.0".
	longNameRE = regexp.MustCompile(`(?i)Creative\s+Commons\s+(?:License\s*:?\s*)?Attribution((?:[\s-]+(?:Non-?Commercial|Share-?Alike|No-?Deriv(?:ative)?s))*)\s+(\d\.\d)`)
	// "CC BY-SA 4.0", "CC-BY-NC-SA-4.0", "CC BY 4.0" (badges included).
	shortNameRE = regexp.MustCompile(`\bCC[\s-]BY((?:[\s-](?:NC|SA|ND))*)[\s-]+(\d\.\d)\b`)
	// Software licenses named in prose ("shared under an MIT License").
	codeNameRE = regexp.MustCompile(`\b(MIT|Apache|BSD|GPL)\b[ -](?:License|Licence|licensed)|\blicensed under (?:the )?(MIT|Apache|BSD|GPL)\b`)
)

// statements finds license statements in prose or HTML, line by line.
func statements(file string, raw []byte, rank int, conf Confidence) []finding {
	var out []finding
	lines := strings.Split(string(raw), "\n")
	for i, line := range lines {
		src := fmt.Sprintf("%s:%d", file, i+1)
		add := func(id string, c Confidence, code bool) {
			if id == "" {
				return
			}
			out = append(out, finding{Evidence: Evidence{ID: id, Source: src, Confidence: c, Code: code}, rank: rank, line: i + 1})
		}
		for _, m := range deedRE.FindAllStringSubmatch(line, -1) {
			add(deedID(m[1], m[2]), conf, false)
		}
		for _, m := range longNameRE.FindAllStringSubmatch(line, -1) {
			add(ccID(m[1], m[2]), conf, false)
		}
		for _, m := range shortNameRE.FindAllStringSubmatch(line, -1) {
			add(ccID(m[1], m[2]), conf, false)
		}
		if zeroRE.MatchString(line) {
			add("CC0-1.0", conf, false)
		}
		for _, m := range codeNameRE.FindAllStringSubmatch(line, -1) {
			name := m[1] + m[2]
			id := map[string]string{"MIT": "MIT", "Apache": "Apache-2.0", "BSD": "BSD-3-Clause", "GPL": "GPL-3.0-only"}[name]
			add(id, ConfidenceLow, true)
		}
	}
	return out
}

// deedID turns a deed path ("by-nc-sa", "4.0") into an SPDX id.
func deedID(kind, version string) string {
	id := "CC-" + strings.ToUpper(kind) + "-" + version
	if !course.ValidLicenseID(id) {
		return ""
	}
	info, _ := course.LookupLicense(id)
	return info.ID
}

// ccID turns the elements of a Creative Commons license as written
// ("-NonCommercial-ShareAlike", " NC SA", "-SA") and its version into an
// SPDX id, or "" for a combination that does not exist.
func ccID(elements, version string) string {
	e := strings.ToUpper(strings.NewReplacer("-", "", " ", "", "\t", "").Replace(elements))
	id := "CC-BY"
	rest := e
	take := func(long, short string) bool {
		for _, p := range []string{long, short} {
			if strings.HasPrefix(rest, p) {
				rest = rest[len(p):]
				return true
			}
		}
		return false
	}
	if take("NONCOMMERCIAL", "NC") {
		id += "-NC"
	}
	switch {
	case take("SHAREALIKE", "SA"):
		id += "-SA"
	case take("NODERIVATIVES", "ND"), take("NODERIVS", "ND"):
		id += "-ND"
	}
	if rest != "" {
		return ""
	}
	id += "-" + version
	if !course.ValidLicenseID(id) {
		return ""
	}
	info, _ := course.LookupLicense(id)
	return info.ID
}

// isCodeLicense reports whether id is a software license rather than one
// written for texts and media.
func isCodeLicense(id string) bool {
	u := strings.ToUpper(id)
	return !strings.HasPrefix(u, "CC") && !strings.HasPrefix(u, "GFDL") && !strings.HasPrefix(u, "OGL") && u != "PUBLIC-DOMAIN"
}

// decide picks the license from the findings: the most confident content
// license, with ties broken by where it was found. Disagreeing content
// statements are reported in the note.
func decide(found []finding) Detection {
	if len(found) == 0 {
		return Detection{Note: "no license statement was found: the course is all rights reserved unless its authors say otherwise"}
	}
	// Keep one finding per (license, file): the first line it is on.
	seen := map[string]bool{}
	var uniq []finding
	for _, f := range found {
		file, _, _ := strings.Cut(f.Source, ":")
		k := f.ID + "\x00" + file
		if seen[k] {
			continue
		}
		seen[k] = true
		uniq = append(uniq, f)
	}
	sort.SliceStable(uniq, func(i, j int) bool {
		a, b := uniq[i], uniq[j]
		if a.Code != b.Code {
			return !a.Code
		}
		if a.Confidence != b.Confidence {
			return a.Confidence > b.Confidence
		}
		return a.rank < b.rank
	})
	d := Detection{}
	for _, f := range uniq {
		d.Evidence = append(d.Evidence, f.Evidence)
	}
	best := uniq[0]
	d.ID, d.Source, d.Confidence = best.ID, best.Source, best.Confidence
	if best.Code {
		d.Confidence = ConfidenceLow
		d.Note = fmt.Sprintf("only a software license (%s, in %s) was found; in a Course-in-a-Box repository it usually covers the template code, not the course text: ask the authors which license the course itself has", best.ID, best.Source)
		return d
	}
	var others []string
	for _, f := range uniq[1:] {
		if !f.Code && f.ID != best.ID && f.Confidence >= ConfidenceMedium {
			others = append(others, fmt.Sprintf("%s (%s)", f.ID, f.Source))
		}
	}
	if len(others) > 0 {
		d.Note = fmt.Sprintf("the course also names %s; %s (%s) was taken because it is the clearest statement", strings.Join(others, ", "), best.ID, best.Source)
	}
	return d
}
