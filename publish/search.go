package publish

import (
	"bufio"
	"encoding/json"
	"html"
	"io"
	"iter"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/coursewright/coursewright/render"
)

// searchIndexFile is the search index: a script that assigns the index to
// a global, because fetch() and XHR do not work for sites opened from
// disk, while <script src> does.
const searchIndexFile = "search-index.js"

// searchText is what the index holds of one page's text; titles and
// addresses come from the current site plan instead, so a renamed page is
// found by its new title even when its text was not rendered again.
type searchText struct {
	H string `json:"h,omitempty"` // headings
	X string `json:"x,omitempty"` // the start of the text
	K string `json:"k,omitempty"` // further distinct words
}

// searchEntry is one page of search-index.js.
type searchEntry struct {
	T string `json:"t"`           // title
	U string `json:"u"`           // site path
	M string `json:"m,omitempty"` // module title
	searchText
}

var timingRE = regexp.MustCompile(`(?s)<p class="timing">.*?</p>`)

const (
	excerptLen  = 240
	maxKeywords = 160
)

// pageSearchText extracts a page's search text from its rendered HTML.
func pageSearchText(title string, out render.Output) *searchText {
	st := &searchText{}
	var hs strings.Builder
	for _, h := range out.Headings {
		if t := strings.TrimSpace(h.Text); t != "" && t != title {
			if hs.Len() > 0 {
				hs.WriteString(" · ")
			}
			hs.WriteString(t)
		}
	}
	st.H = hs.String()
	// The text starts after "Suggested timing" lines, which would
	// otherwise begin most excerpts.
	text := plainText(timingRE.ReplaceAllString(out.HTML, " "))
	if len(out.Headings) > 0 && out.Headings[0].Text == title {
		text = strings.TrimSpace(strings.TrimPrefix(text, title))
	}
	st.X, text = cutWords(text, excerptLen)
	// Copied: a cut of the text would keep the whole page's text alive
	// until the build's end.
	st.X = strings.Clone(st.X)
	seen := make(map[string]struct{}, maxKeywords*2)
	eachWord(strings.ToLower(st.X+" "+st.H), func(w string) bool {
		seen[w] = struct{}{}
		return true
	})
	var kw strings.Builder
	n := 0
	eachWord(strings.ToLower(text), func(w string) bool {
		if _, ok := seen[w]; ok || utf8.RuneCountInString(w) < 4 {
			return true
		}
		seen[w] = struct{}{}
		if n > 0 {
			kw.WriteByte(' ')
		}
		kw.WriteString(w)
		n++
		return n < maxKeywords
	})
	st.K = strings.Clone(kw.String()) // without the builder's spare capacity
	return st
}

// eachWord calls f with each word of s (runs of letters, digits and
// hyphens) until f returns false.
func eachWord(s string, f func(string) bool) {
	start := -1
	for i, r := range s {
		if notWordRune(r) {
			if start >= 0 {
				if !f(s[start:i]) {
					return
				}
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		f(s[start:])
	}
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' }

// cutWords returns the first n bytes of s, cut at a space, and the rest.
func cutWords(s string, n int) (head, rest string) {
	if len(s) <= n {
		return s, ""
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimSpace(s[:cut]) + "…", s[cut:]
}

const (
	searchIndexHead = "/* Search index of this course, written by Coursewright; search.js reads it. */\nwindow.coursewrightSearch = "
	searchIndexTail = ";\n"
)

// writeSearchIndexTo writes search-index.js to w one entry at a time: the
// JSON array json.Marshal would make of all entries, so that a build
// holds one entry's JSON rather than the whole index several times over
// (the marshalled array, its copy with the script around it, and the
// copy of that as bytes took about 6 KB a page at a build's peak).
func writeSearchIndexTo(w io.Writer, entries iter.Seq[searchEntry]) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(searchIndexHead)
	bw.WriteByte('[')
	first := true
	for e := range entries {
		data, err := json.Marshal(e) // escapes <, > and &
		if err != nil {
			return err
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		bw.Write(data)
	}
	bw.WriteByte(']')
	bw.WriteString(searchIndexTail)
	return bw.Flush()
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// plainText reduces sanitised HTML to its text: tags become spaces,
// comments and <style> and <script> contents are dropped, character
// references are decoded and white space is collapsed.
func plainText(s string) string {
	var b strings.Builder
	b.Grow(len(s) / 2)
	space := false // a space is due before the next word
	text := func(t string) {
		if t == "" {
			return
		}
		if strings.IndexByte(t, '&') >= 0 {
			t = html.UnescapeString(t)
		}
		if isSpace(t[0]) {
			space = true
		}
		for w := range strings.FieldsSeq(t) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			space = true
		}
		space = space && isSpace(t[len(t)-1]) || b.Len() == 0
	}
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			text(s[i:])
			break
		}
		text(s[i : i+j])
		i += j
		if strings.HasPrefix(s[i:], "<!--") {
			end := strings.Index(s[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			break
		}
		tag := s[i+1 : i+end]
		i += end + 1
		if !inlineTag(tag) {
			space = true
		}
		for _, raw := range []string{"style", "script"} {
			if len(tag) >= len(raw) && strings.EqualFold(tag[:len(raw)], raw) && (len(tag) == len(raw) || tag[len(raw)] == ' ') {
				closeTag := "</" + raw
				k := i
				for k < len(s) {
					n := strings.Index(s[k:], "</")
					if n < 0 {
						k = len(s)
						break
					}
					k += n
					if len(s)-k >= len(closeTag) && strings.EqualFold(s[k:k+len(closeTag)], closeTag) {
						break
					}
					k += 2
				}
				i = k
			}
		}
	}
	return b.String()
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// inlineTag reports whether a tag (its text between < and >) is one of
// the inline elements that do not separate words.
func inlineTag(tag string) bool {
	name := strings.TrimPrefix(tag, "/")
	if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
		name = name[:i]
	}
	switch name {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
		"mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var":
		return true
	}
	return false
}
