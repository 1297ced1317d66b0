package adapt

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/coursewright/coursewright/course"
)

// Course-in-a-Box courses rarely list their authors in data: they say it
// in prose — "developed by <a href="/about">Amrita Patel and Denise
// LaForce</a>" in the description, "A free online course by NYU + P2PU +
// QPL" in the README. authorsFromText reads those phrases.

// byRE finds the phrases that introduce a course's authors.
var byRE = regexp.MustCompile(`(?i)\b(?:(?:developed|written|created|built|offered|made|designed|authored|curated|produced|prepared|taught|compiled)\s+by|(?:course|curriculum|guide|materials?|circle)\s+by|under the leadership of|copyright\s+(?:\(c\)|©)?\s*\d{4}(?:\s*[-–]\s*\d{4})?,?)\s+`)

var (
	htmlLinkRE = regexp.MustCompile(`(?is)^<a\b[^>]*>(.*?)</a>`)
	mdLinkRE   = regexp.MustCompile(`^\[([^\]]+)\]\([^)]*\)`)
	tagRE      = regexp.MustCompile(`<[^>]*>`)
	// nameSepRE separates the names of a list: "A, B and C", "A & B",
	// "NYU + P2PU + QPL".
	nameSepRE = regexp.MustCompile(`\s*(?:,|;|\s&\s|\s\+\s|\band\b)\s*`)
)

// authorFiles are read for authors, in order; the first that names any
// wins. License files are not among them: in Course-in-a-Box
// repositories their copyright line is the template's.
var authorFiles = []string{"README.md", "README.markdown", "README", "about.md", "credits.md", "index.md"}

// authorsFromText returns the authors the course names in its
// description, README, about, credits or home page.
func authorsFromText(dir string, c *course.Course) []string {
	if c != nil {
		if names := namesFrom(c.Meta().Description); len(names) > 0 {
			return names
		}
	}
	for _, f := range authorFiles {
		raw, err := readLimited(filepath.Join(dir, f))
		if err != nil {
			continue
		}
		if names := namesFrom(string(raw)); len(names) > 0 {
			return names
		}
	}
	return nil
}

// namesFrom finds the first phrase introducing authors in text and reads
// the names after it.
func namesFrom(text string) []string {
	for _, loc := range byRE.FindAllStringIndex(text, -1) {
		if names := readNames(text[loc[1]:]); len(names) > 0 {
			return names
		}
	}
	return nil
}

// readNames reads the names at the start of s: a link's text, or the
// words up to the end of the sentence, split at commas, "and", "&" and
// "+", stopping at the first part that is not a name.
func readNames(s string) []string {
	var phrase string
	if m := htmlLinkRE.FindStringSubmatch(s); m != nil {
		phrase = tagRE.ReplaceAllString(m[1], "")
	} else if m := mdLinkRE.FindStringSubmatch(s); m != nil {
		phrase = m[1]
	} else {
		phrase = sentence(s)
	}
	phrase = html.UnescapeString(phrase)
	parts := nameSepRE.Split(phrase, -1)
	var out []string
	for i, p := range parts {
		name := trimName(p)
		if name == "" {
			if i == 0 {
				return nil
			}
			break
		}
		out = append(out, name)
		if len(out) == 8 {
			break
		}
	}
	return out
}

// abbreviations end with a period that does not end the sentence.
var abbreviations = map[string]bool{"dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "st": true, "jr": true, "sr": true}

// sentence returns s up to the end of its first sentence or line, or an
// opening bracket or tag.
func sentence(s string) string {
	end := len(s)
	for i, r := range s {
		if r == '\n' || r == '<' || r == '(' || r == '[' || r == '!' || r == '?' || r == '"' || r == '“' {
			end = i
			break
		}
		if r == '.' {
			// "Dr. Eric" and "Amrita S. Patel" go on.
			word := s[:i]
			if j := strings.LastIndexFunc(word, unicode.IsSpace); j >= 0 {
				word = word[j+1:]
			}
			if abbreviations[strings.ToLower(word)] || utf8.RuneCountInString(word) == 1 {
				continue
			}
			end = i
			break
		}
	}
	return s[:end]
}

// stopWords end a name: the words after a name in "offered by Jason
// Lowe-Power Winter Quarter 2021".
var stopWords = map[string]bool{
	"winter": true, "spring": true, "summer": true, "fall": true, "autumn": true,
	"quarter": true, "semester": true, "term": true, "session": true, "year": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
}

// connectors may stand between the words of a name ("Center for
// Responsible AI", "Ludwig van Beethoven").
var connectors = map[string]bool{"of": true, "for": true, "de": true, "van": true, "von": true, "der": true, "la": true, "le": true, "du": true, "da": true, "y": true, "the": true, "at": true}

// trimName keeps the leading words of p that read as a name, or returns
// "" when p does not start with one.
func trimName(p string) string {
	words := strings.Fields(tagRE.ReplaceAllString(p, " "))
	if len(words) > 0 && strings.EqualFold(words[0], "the") {
		words = words[1:]
	}
	var kept []string
	for _, w := range words {
		w = strings.TrimRight(w, ",:;")
		r, _ := utf8.DecodeRuneInString(w)
		lw := strings.ToLower(strings.TrimRight(w, "."))
		switch {
		case stopWords[lw], isYear(w):
			return joinName(kept)
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			kept = append(kept, w)
		case connectors[lw] && len(kept) > 0:
			kept = append(kept, w)
		default:
			return joinName(kept)
		}
	}
	return joinName(kept)
}

func isYear(w string) bool {
	w = strings.TrimRight(w, ".,")
	if len(w) != 4 {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// joinName drops trailing connectors and a trailing period.
func joinName(words []string) string {
	for len(words) > 0 && connectors[strings.ToLower(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	name := strings.TrimRight(strings.Join(words, " "), ".")
	if utf8.RuneCountInString(name) < 2 || len(name) > 80 {
		return ""
	}
	return name
}

// fileExists reports whether p is a regular file.
func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
