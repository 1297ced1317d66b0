package course

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Page is one markdown file: a module page (a Jekyll post), the home page,
// a single page at the root, or a facilitator-guide meeting.
//
// The text is kept as parsed parts plus the exact bytes read, so a page that
// was not edited is never rewritten, and an edited one keeps its byte-order
// mark, its line endings and every front-matter key it had.
type Page struct {
	Path string // slash-separated, relative to the course folder
	Date string // YYYY-MM-DD from a post file name; "" for other pages
	Slug string // from the file name

	course *Course // whose permalink rules give the page its URL; nil: Course-in-a-Box's

	readmeIndex bool // a README without front matter that is its folder's index (jekyll-readme-index)

	front *Doc   // front matter; nil when the page has none
	open  string // opening delimiter line, e.g. "---\n"
	close string // closing delimiter line
	body  string // markdown after the front matter, LF line endings
	bom   bool
	crlf  bool

	orig       string // text on disk when loaded or last saved
	saved      bool   // orig is on disk (false for new pages)
	loadedPath string // where orig lives on disk; "" for new pages
	dirty      bool

	src *diskText // where the text is read back from once dropped (KeepBodiesOnDisk); nil: held in orig and body
}

const bomUTF8 = "\xef\xbb\xbf"

// parsePage splits raw file bytes into front matter and body. A front
// matter that is not valid YAML is returned as an error; the page is still
// usable (its body is everything after the front matter block).
func parsePage(path string, raw string) (*Page, error) {
	p := &Page{Path: path, orig: raw, saved: true, loadedPath: path}
	s := raw
	if strings.HasPrefix(s, bomUTF8) {
		p.bom = true
		s = s[len(bomUTF8):]
	}
	if strings.Contains(s, "\r\n") {
		p.crlf = true
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	open, rest, ok := cutDelimiter(s)
	if !ok {
		p.body = s
		return p, nil
	}
	// Find the closing "---" (or "...") line.
	pos := 0
	for pos <= len(rest) {
		end := strings.IndexByte(rest[pos:], '\n')
		line := rest[pos:]
		if end >= 0 {
			line = rest[pos : pos+end+1]
		}
		if isDelimiter(line, true) {
			p.open = open
			p.close = line
			p.body = rest[pos+len(line):]
			fm := rest[:pos]
			if line := hiddenDelimiter(fm); line > 0 {
				// YAML breaks lines at a lone CR, so this "line" ends
				// the document there and a second one starts: an edit
				// would drop it, and the page's body would change.
				p.front = &Doc{src: []byte(fm)}
				return p, &YAMLError{Line: line, Msg: "a line of the front matter ends in a carriage return alone and the next starts with ---: YAML reads a second document there; save the page with ordinary line ends"}
			}
			d, err := ParseDoc([]byte(fm))
			if err != nil {
				p.front = &Doc{src: []byte(fm)}
				return p, err
			}
			p.front = d
			return p, nil
		}
		if end < 0 {
			break
		}
		pos += end + 1
	}
	// An opening delimiter with no closing one: Jekyll treats the whole
	// file as content, and so do we.
	p.body = s
	return p, nil
}

func cutDelimiter(s string) (line, rest string, ok bool) {
	end := strings.IndexByte(s, '\n')
	if end < 0 {
		return "", s, false
	}
	line = s[:end+1]
	if !isDelimiter(line, false) {
		return "", s, false
	}
	return line, s[end+1:], true
}

// hiddenDelimiter is the 1-based line of front matter fm (lines broken
// at LF) where a lone CR sets a "---" or "..." line apart, before or
// after it, which YAML reads as the start or end of a document; 0 when
// there is none. ("---\r0: " as the first line is a document start
// marker and a mapping for YAML, and a line of text for us: FuzzParsePage.)
func hiddenDelimiter(fm string) int {
	if !strings.Contains(fm, "\r") {
		return 0
	}
	for i, line := range strings.Split(fm, "\n") {
		parts := strings.Split(line, "\r")
		if len(parts) == 1 {
			continue
		}
		for _, part := range parts {
			if isDelimiter(part, true) {
				return i + 1
			}
		}
	}
	return 0
}

func isDelimiter(line string, closing bool) bool {
	t := strings.TrimRight(line, " \t\n")
	return t == "---" || (closing && t == "...")
}

// Bytes returns the file content as it would be saved.
func (p *Page) Bytes() []byte { return []byte(p.text()) }

func (p *Page) text() string {
	if !p.dirty && p.saved {
		return p.origText()
	}
	var b strings.Builder
	if p.bom {
		b.WriteString(bomUTF8)
	}
	text := p.open
	if p.front != nil {
		text += string(p.front.src) + p.close
	}
	text += p.Body()
	if p.crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	b.WriteString(text)
	return b.String()
}

// Front returns the page's front matter, creating an empty one if needed.
func (p *Page) Front() *Doc {
	if p.front == nil {
		p.front = &Doc{}
		p.open, p.close = "---\n", "---\n"
	}
	return p.front
}

// HasFront reports whether the page has a front matter block.
func (p *Page) HasFront() bool { return p.front != nil }

// Title is the front matter title ("" when missing).
func (p *Page) Title() string {
	if p.front == nil {
		return ""
	}
	return p.front.String("title")
}

// Body returns the markdown after the front matter, with LF line endings.
func (p *Page) Body() string {
	if p.src != nil {
		text, at := p.src.read(p.Path)
		return text[at:]
	}
	return p.body
}

// SetBody replaces the markdown body. It is the one call the editor makes
// for typing; structure edits go through Course.Apply.
func (p *Page) SetBody(s string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	p.holdText()
	if s == p.body {
		return
	}
	p.body = s
	p.dirty = true
}

// Published is false only when the front matter says `published: false`.
func (p *Page) Published() bool {
	if p.front == nil {
		return true
	}
	n := p.front.Lookup("published")
	return n == nil || n.Value != "false"
}

// SetFront sets a front matter key to a string value.
func (p *Page) SetFront(key, value string) error {
	p.holdText()
	if err := p.Front().SetString(value, key); err != nil {
		return err
	}
	p.dirty = true
	return nil
}

// SetFrontValue sets a front matter key to any YAML-encodable value.
func (p *Page) SetFrontValue(key string, v any) error {
	p.holdText()
	if err := p.Front().SetValue(v, key); err != nil {
		return err
	}
	p.dirty = true
	return nil
}

// Modified reports whether the page differs from what is on disk.
func (p *Page) Modified() bool {
	return p.loadedPath != p.Path || !p.saved || (p.dirty && p.text() != p.origText())
}

// Words counts the words of the body, as a reader would: markup and
// Liquid tags are not words.
func (p *Page) Words() int { return CountWords(p.Body()) }

// CountWords counts runs of letters or digits, skipping HTML tags and
// Liquid tags; it is a fast estimate for word counts and reading time.
func CountWords(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		if c == '<' || (c == '{' && i+1 < len(s) && (s[i+1] == '%' || s[i+1] == '{')) {
			closer := ">"
			if c == '{' {
				closer = "}"
			}
			if j := strings.Index(s[i+1:], closer); j >= 0 && j < 400 {
				i += j + 2
				in = false
				continue
			}
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || (in && (r == '\'' || r == '’' || r == '-'))
		if word && !in {
			n++
		}
		in = word
		i += size
	}
	return n
}
