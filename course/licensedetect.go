package course

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

	"gopkg.in/yaml.v3"
)

// LicenseConfidence says how sure DetectLicense is of what it found.
type LicenseConfidence int

// LicenseConfidence levels, weakest first.
const (
	// LicenseConfidenceNone: no license statement was found at all.
	LicenseConfidenceNone LicenseConfidence = iota
	// LicenseConfidenceLow: only a software license, or a passing mention in a
	// page, which may not cover the course content.
	LicenseConfidenceLow
	// LicenseConfidenceMedium: a license statement in the README or the site's
	// footer (a rel="license" link or the license's name).
	LicenseConfidenceMedium
	// LicenseConfidenceHigh: the license key of _data/course.yml, or a license
	// file holding the license's legal text.
	LicenseConfidenceHigh
)

func (c LicenseConfidence) String() string {
	switch c {
	case LicenseConfidenceLow:
		return "low"
	case LicenseConfidenceMedium:
		return "medium"
	case LicenseConfidenceHigh:
		return "high"
	}
	return "none"
}

// MarshalText makes LicenseConfidence read as a word in JSON.
func (c LicenseConfidence) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// LicenseEvidence is one license statement found in a course.
type LicenseEvidence struct {
	ID         string            `json:"id"`     // SPDX id
	Source     string            `json:"source"` // file:line
	Confidence LicenseConfidence `json:"confidence"`
	// Code is set for software licenses (MIT, BSD, Apache, GPL): in a
	// Course-in-a-Box repository they cover the Jekyll template, not the
	// course's text.
	Code bool `json:"code,omitempty"`
}

// LicenseDetection is the license DetectLicense settled on, and everything it saw.
type LicenseDetection struct {
	ID         string            `json:"id"`     // SPDX id; "" when nothing was found
	Source     string            `json:"source"` // file:line of the statement used
	Confidence LicenseConfidence `json:"confidence"`
	// Note explains a doubt worth showing the user: statements that
	// disagree, or only a software license found.
	Note     string            `json:"note,omitempty"`
	Evidence []LicenseEvidence `json:"evidence,omitempty"`
}

// ContentLicense is the license found for the course's content: "" when
// no statement was found, or when only a software license was (in a
// Course-in-a-Box repository the template's, which says nothing about the
// course's text). `info` shows it and `adapt` starts from it.
func (d LicenseDetection) ContentLicense() string {
	if d.ID == "" || (IsCodeLicense(d.ID) && d.Confidence <= LicenseConfidenceLow) {
		return ""
	}
	return d.ID
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
	LicenseEvidence
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
func DetectLicense(dir string) (LicenseDetection, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return LicenseDetection{}, fmt.Errorf("looking for the license: %w", err)
	}
	if !st.IsDir() {
		return LicenseDetection{}, fmt.Errorf("looking for the license: %s is not a folder", dir)
	}
	var found []finding

	// _data/course.yml: a Coursewright course says it outright.
	if raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(DataFile))); err == nil {
		found = append(found, dataLicense(raw, DataFile, rankData, LicenseConfidenceHigh)...)
	}
	if raw, err := os.ReadFile(filepath.Join(dir, ConfigFile)); err == nil {
		found = append(found, dataLicense(raw, ConfigFile, rankData, LicenseConfidenceMedium)...)
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		return LicenseDetection{}, fmt.Errorf("looking for the license: %w", err)
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
				found = append(found, statements(name, raw, rankReadme, LicenseConfidenceMedium)...)
			}
		case base == "about" || base == "credits" || base == "license-content" || base == "index":
			raw, err := readLimited(filepath.Join(dir, name))
			if err == nil {
				found = append(found, statements(name, raw, rankPage, LicenseConfidenceLow)...)
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
			found = append(found, statements(rel, raw, rankFooter, LicenseConfidenceMedium)...)
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
func dataLicense(raw []byte, file string, rank int, conf LicenseConfidence) []finding {
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
		if info, ok := LookupLicense(v.Value); ok {
			return []finding{{LicenseEvidence: LicenseEvidence{ID: info.ID, Source: src, Confidence: conf, Code: IsCodeLicense(info.ID)}, rank: rank, line: v.Line}}
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
				return []finding{{LicenseEvidence: LicenseEvidence{ID: id, Source: fmt.Sprintf("%s:%d", name, lineNo), Confidence: LicenseConfidenceHigh}, rank: rankLicenseFile, line: lineNo}}
			}
		}
		if strings.Contains(line, "CC0 1.0 Universal") {
			return []finding{{LicenseEvidence: LicenseEvidence{ID: "CC0-1.0", Source: fmt.Sprintf("%s:%d", name, lineNo), Confidence: LicenseConfidenceHigh}, rank: rankLicenseFile, line: lineNo}}
		}
		for _, cl := range codeLicenseTitles {
			if cl.re.MatchString(line) {
				id := cl.id
				if cl.refine != nil {
					id = cl.refine(string(raw))
				}
				return []finding{{LicenseEvidence: LicenseEvidence{ID: id, Source: fmt.Sprintf("%s:%d", name, lineNo), Confidence: LicenseConfidenceLow, Code: true}, rank: rankLicenseFile, line: lineNo}}
			}
		}
	}
	// A short license file that states the license in words.
	return statements(name, raw, rankLicenseFile, LicenseConfidenceHigh)
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
	deedRE     = regexp.MustCompile(`(?i)creativecommons\.org/licenses/(by(?:-nc)?(?:-sa|-nd)?)/(\d\.\d)`)
	zeroLinkRE = regexp.MustCompile(`(?i)creativecommons\.org/publicdomain/zero/1\.0`)
	zeroRE     = regexp.MustCompile(`(?i)\bCC0\b`)
	// "Creative Commons Attribution-ShareAlike 4.0 International",
	// "Creative Commons Attribution NonCommercial 4.0", "CREATIVE COMMONS
	// ATTRIBUTION SHARE ALIKE 4.0".
	longNameRE = regexp.MustCompile(`(?i)Creative\s+Commons\s+(?:License\s*:?\s*)?Attribution((?:[\s-]+(?:Non[\s-]?Commercial|Share[\s-]?Alike|No[\s-]?Deriv(?:ative)?s))*)\s+(\d\.\d)`)
	// "CC BY-SA 4.0", "CC-BY-NC-SA-4.0", "cc by 4.0" (badges included).
	shortNameRE = regexp.MustCompile(`(?i)\bCC[\s-]BY((?:[\s-](?:NC|SA|ND))*)[\s-]+(\d\.\d)\b`)
	// Software licenses named in prose ("shared under an MIT License",
	// "APACHE LICENSE, VERSION 2.0").
	codeNameRE = regexp.MustCompile(`(?i)\b(MIT|Apache|BSD|GPL)\b[\s-]+(?:License|Licence|licensed)|\blicensed\s+under\s+(?:the\s+)?(MIT|Apache|BSD|GPL)\b`)
)

// codeLicenseIDs are the ids of software licenses named in prose.
var codeLicenseIDs = map[string]string{"MIT": "MIT", "APACHE": "Apache-2.0", "BSD": "BSD-3-Clause", "GPL": "GPL-3.0-only"}

// statements finds license statements in prose or HTML. Names are matched
// in any letter case and across line breaks and tags, as a footer wraps
// them ("APACHE LICENSE,\nVERSION 2.0", "Creative Commons <a …>Attribution
// 4.0</a>"); each is reported on the line where it starts.
//
// A software license named in the footer every page shows is what the
// site says about its content, so it counts as the course's license
// there; named in a README or a page it is taken, as in Course-in-a-Box's
// own README, for the template's.
func statements(file string, raw []byte, rank int, conf LicenseConfidence) []finding {
	var out []finding
	add := func(line int, id string, c LicenseConfidence, code bool) {
		if id != "" {
			out = append(out, finding{LicenseEvidence: LicenseEvidence{ID: id, Source: fmt.Sprintf("%s:%d", file, line), Confidence: c, Code: code}, rank: rank, line: line})
		}
	}
	// Addresses are read as written: a tag's attribute holds them.
	text := string(raw)
	lineOf := func(off int) int { return 1 + strings.Count(text[:off], "\n") }
	for _, m := range deedRE.FindAllStringSubmatchIndex(text, -1) {
		add(lineOf(m[0]), deedID(text[m[2]:m[3]], text[m[4]:m[5]]), conf, false)
	}
	for _, m := range zeroLinkRE.FindAllStringIndex(text, -1) {
		add(lineOf(m[0]), "CC0-1.0", conf, false)
	}
	// Names are read in the text as a reader sees it.
	prose, lines := readableText(raw)
	for _, m := range longNameRE.FindAllStringSubmatchIndex(prose, -1) {
		add(lines[m[0]], ccID(prose[m[2]:m[3]], prose[m[4]:m[5]]), conf, false)
	}
	for _, m := range shortNameRE.FindAllStringSubmatchIndex(prose, -1) {
		add(lines[m[0]], ccID(prose[m[2]:m[3]], prose[m[4]:m[5]]), conf, false)
	}
	for _, m := range zeroRE.FindAllStringIndex(prose, -1) {
		add(lines[m[0]], "CC0-1.0", conf, false)
	}
	for _, m := range codeNameRE.FindAllStringSubmatchIndex(prose, -1) {
		name := ""
		if m[2] >= 0 {
			name = prose[m[2]:m[3]]
		} else {
			name = prose[m[4]:m[5]]
		}
		id := codeLicenseIDs[strings.ToUpper(name)]
		if rank == rankFooter {
			add(lines[m[0]], id, conf, false)
		} else {
			add(lines[m[0]], id, LicenseConfidenceLow, true)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].line < out[j].line })
	return out
}

// readableText is raw with its tags taken out and every run of spaces,
// tabs and line breaks made one space, so that a name wrapped over lines
// or split by a link reads whole; lines[i] is the line the byte i of the
// text comes from.
func readableText(raw []byte) (text string, lines []int) {
	var b strings.Builder
	b.Grow(len(raw))
	lines = make([]int, 0, len(raw))
	line := 1
	space := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), " ") {
			b.WriteByte(' ')
			lines = append(lines, line)
		}
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '<' && i+1 < len(raw) && (raw[i+1] == '/' || raw[i+1] == '!' || isASCIILetter(raw[i+1])):
			end := bytes.IndexByte(raw[i:], '>')
			if end < 0 {
				end = len(raw) - i - 1
			}
			line += bytes.Count(raw[i:i+end+1], []byte("\n"))
			i += end
			space()
		case c == '\n':
			line++
			space()
		case c == ' ' || c == '\t' || c == '\r':
			space()
		default:
			b.WriteByte(c)
			lines = append(lines, line)
		}
	}
	return b.String(), lines
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// deedID turns a deed path ("by-nc-sa", "4.0") into an SPDX id.
func deedID(kind, version string) string {
	id := "CC-" + strings.ToUpper(kind) + "-" + version
	if !ValidLicenseID(id) {
		return ""
	}
	info, _ := LookupLicense(id)
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
	if !ValidLicenseID(id) {
		return ""
	}
	info, _ := LookupLicense(id)
	return info.ID
}

// IsCodeLicense reports whether id is a software license rather than one
// written for texts and media.
func IsCodeLicense(id string) bool {
	u := strings.ToUpper(id)
	return !strings.HasPrefix(u, "CC") && !strings.HasPrefix(u, "GFDL") && !strings.HasPrefix(u, "OGL") && u != "PUBLIC-DOMAIN"
}

// decide picks the license from the findings: the most confident content
// license, with ties broken by where it was found. Disagreeing content
// statements are reported in the note.
func decide(found []finding) LicenseDetection {
	if len(found) == 0 {
		return LicenseDetection{Note: "no license statement was found: the course is all rights reserved unless its authors say otherwise"}
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
	d := LicenseDetection{}
	for _, f := range uniq {
		d.Evidence = append(d.Evidence, f.LicenseEvidence)
	}
	best := uniq[0]
	d.ID, d.Source, d.Confidence = best.ID, best.Source, best.Confidence
	if best.Code {
		d.Confidence = LicenseConfidenceLow
		d.Note = fmt.Sprintf("only a software license (%s, in %s) was found; in a Course-in-a-Box repository it usually covers the template code, not the course text: ask the authors which license the course itself has", best.ID, best.Source)
		return d
	}
	var others []string
	for _, f := range uniq[1:] {
		if !f.Code && f.ID != best.ID && f.Confidence >= LicenseConfidenceMedium {
			others = append(others, fmt.Sprintf("%s (%s)", f.ID, f.Source))
		}
	}
	if len(others) > 0 {
		d.Note = fmt.Sprintf("the course also names %s; %s (%s) was taken because it is the clearest statement", strings.Join(others, ", "), best.ID, best.Source)
	}
	return d
}
