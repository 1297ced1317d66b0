package course

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const (
	// maxSlugify keeps generated slugs short enough to read in a URL and
	// leaves room under maxSlug for the date prefix and ".md".
	maxSlugify = 60
	// maxSlug is well under the 255-byte file name limit of common file
	// systems, so a name that passes also fits once "YYYY-MM-DD-" and ".md"
	// are added, and inside a git checkout on Windows with its short paths.
	maxSlug = 100
	// fallbackSlug is used when a title has nothing usable in a URL
	// (only punctuation or emoji).
	fallbackSlug = "page"
)

// latinLetters maps Latin letters that Unicode does not decompose into a
// base letter plus accent, so NFKD alone would leave them in the slug. They
// get the spelling their languages use when a keyboard lacks them.
var latinLetters = map[rune]string{
	'ß': "ss",
	'æ': "ae",
	'œ': "oe",
	'ø': "o",
	'ł': "l",
	'đ': "d",
	'ð': "d",
	'þ': "th",
	'ı': "i",
}

// Slugify turns a title in any language into a readable slug for file and
// URL names: lowercase letters and digits separated by single dashes.
// Accents are removed from Latin and Greek letters ("Übung 1" → "ubung-1"),
// where URLs conventionally go without them; other scripts are kept as they
// are ("Введение" → "введение"), because stripping their marks would change
// the words (Japanese dakuten, Devanagari virama, Cyrillic й). The result
// is at most 60 bytes, never empty, and always passes ValidateSlug.
func Slugify(title string) string {
	// Lowercase before NFKD so special casings ("İ") are handled, and
	// after, because compatibility forms can decompose to capitals
	// ("ℌ" → "H").
	decomposed := norm.NFKD.String(strings.ToLower(title))

	var b strings.Builder
	dash := false      // a separator is pending
	kept := false      // the previous rune went into the slug
	dropMarks := false // marks on the previous letter are to be removed
	for _, r := range decomposed {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			r = unicode.ToLower(r)
			if s, ok := latinLetters[r]; ok {
				b.WriteString(s)
			} else {
				b.WriteRune(r)
			}
			kept = true
			dropMarks = unicode.In(r, unicode.Latin, unicode.Greek)
		case unicode.In(r, unicode.M):
			// A mark belongs to the letter before it: drop it with that
			// letter's accents, or when it has no letter to sit on.
			if kept && !dropMarks {
				b.WriteRune(r)
			}
		case r == '\'' || r == '’':
			// Apostrophes join a word: "don't" reads better as "dont"
			// than as "don-t".
		default:
			dash = true
			kept = false
		}
	}
	// Recompose, so the file name has the same bytes as the title typed on
	// any system (macOS would otherwise show decomposed Hangul or й).
	s := norm.NFC.String(b.String())
	s = truncateSlug(s, maxSlugify)
	if s == "" {
		return fallbackSlug
	}
	if windowsReserved(s) {
		// "con" can't be created on Windows; a suffix keeps it readable.
		s += "-" + fallbackSlug
	}
	return s
}

// truncateSlug cuts s to at most max bytes, preferring the end of a word,
// never splitting a rune or separating a letter from its marks, and never
// ending with a dash.
func truncateSlug(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 {
		if utf8.RuneStart(s[cut]) {
			r, _ := utf8.DecodeRuneInString(s[cut:])
			if !unicode.In(r, unicode.M) {
				break
			}
		}
		cut--
	}
	// Cut at the last dash unless the word boundary is at the very start,
	// which would leave too little of the title to recognize it.
	if s[cut] != '-' {
		if i := strings.LastIndexByte(s[:cut], '-'); i >= max/3 {
			cut = i
		}
	}
	return strings.TrimRight(s[:cut], "-")
}

// windowsReserved reports whether name is a device name that Windows
// refuses as a file name, with or without an extension ("con", "NUL.md").
func windowsReserved(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.TrimRight(base, " ")
	switch strings.ToUpper(base) {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) >= 4 {
		prefix := strings.ToUpper(base[:3])
		rest := base[3:]
		if prefix == "COM" || prefix == "LPT" {
			switch rest {
			// Windows also treats the superscript digits as device numbers.
			case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
				return true
			}
		}
	}
	return false
}

// slugError builds an ErrBadSlug error that says what is wrong with name
// and what to do about it.
func slugError(name, problem, fix string) error {
	return fmt.Errorf("%w: %q %s; %s", ErrBadSlug, name, problem, fix)
}

// ValidateSlug checks a page slug or module folder name before it becomes a
// file or folder name. It accepts what real courses use (spaces, '&',
// capitals, any script) and refuses what would escape the course folder,
// be ignored by Jekyll, or fail on Windows or macOS, where the course may
// be cloned later.
func ValidateSlug(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("%w: the name is empty; type a name", ErrBadSlug)
	case !utf8.ValidString(s):
		return slugError(s, "contains bytes that are not text", "retype the name")
	case s == "." || s == "..":
		return slugError(s, "is reserved for folders", "use letters or digits")
	case strings.Contains(s, ".."):
		return slugError(s, "contains two dots in a row", "use a single dot or a dash")
	case strings.ContainsAny(s, `/\`):
		return slugError(s, "contains a slash", "use a dash (-) instead")
	case strings.ContainsRune(s, 0):
		return slugError(s, "contains a NUL character", "retype the name")
	case strings.ContainsFunc(s, unicode.IsControl):
		return slugError(s, "contains a line break, tab or other invisible control character", "keep the name on one line without tabs")
	case strings.ContainsAny(s, `<>:"|?*`):
		return slugError(s, `contains one of < > : " | ? *, which Windows does not allow in names`, "use a dash (-) instead")
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case unicode.IsSpace(first) || unicode.IsSpace(last):
		return slugError(s, "starts or ends with a space", "remove the space")
	case first == '.' || first == '_':
		return slugError(s, "starts with a dot or underscore, so the website would leave it out", "start the name with a letter or digit")
	case last == '.':
		return slugError(s, "ends with a dot, which Windows removes", "remove the dot")
	case windowsReserved(s):
		return slugError(s, "is a device name that Windows reserves", "add a word, for example "+strings.ToLower(s)+"-notes")
	case len(s) > maxSlug:
		return slugError(s, fmt.Sprintf("is too long (%d bytes)", len(s)), fmt.Sprintf("shorten it to at most %d letters (fewer for letters outside the Latin alphabet)", maxSlug))
	}
	return nil
}

// ValidateTitle checks a course, module or page title, which is stored as a
// single-line YAML value and shown in menus.
func ValidateTitle(t string) error {
	switch {
	case strings.TrimSpace(t) == "":
		return fmt.Errorf("%w: the title is empty; type a title", ErrBadTitle)
	case !utf8.ValidString(t):
		return fmt.Errorf("%w: %q contains bytes that are not text; retype the title", ErrBadTitle, t)
	case strings.ContainsAny(t, "\n\r\u0085\u2028\u2029"):
		return fmt.Errorf("%w: %q has a line break; keep the title on one line", ErrBadTitle, t)
	case strings.ContainsFunc(t, unicode.IsControl):
		return fmt.Errorf("%w: %q contains a tab or other invisible control character; remove it", ErrBadTitle, t)
	}
	return nil
}

// SafeJoin joins a slash-separated path relative to the course folder root
// onto root, refusing any path that would lead outside it: absolute paths,
// "..", NUL, and links (in the part of the path that already exists) that
// point out of the course. The result is lexical (root + rel), not the
// resolved link target, so messages show the path the author knows.
//
// The check happens before the caller touches the file, so a link swapped
// in between is not caught; that is acceptable for a folder only its owner
// edits.
func SafeJoin(root, rel string) (string, error) {
	if err := checkRel(rel); err != nil {
		return "", err
	}
	clean := path.Clean(rel)
	full := filepath.Join(root, filepath.FromSlash(clean))

	// Find the longest prefix of the path that exists; below it there is
	// nothing that could be a link.
	existing := ""
	if _, err := os.Lstat(root); err == nil {
		existing = root
		cur := root
		for part := range strings.SplitSeq(clean, "/") {
			cur = filepath.Join(cur, part)
			if _, err := os.Lstat(cur); err != nil {
				break
			}
			existing = cur
		}
	}
	// Resolving the whole prefix, rather than testing each part for being
	// a link, also catches Windows junctions and links within links. A
	// broken link can't be checked, so it counts as outside.
	if existing != "" && existing != root && !IsInside(root, existing) {
		return "", fmt.Errorf("%w: %q goes through a link to a place outside the course; copy the files into the course folder instead", ErrOutsideCourse, rel)
	}
	return full, nil
}

// checkRel refuses relative paths that are unsafe no matter what is on
// disk.
func checkRel(rel string) error {
	bad := func(why string) error {
		return fmt.Errorf("%w: %q %s", ErrOutsideCourse, rel, why)
	}
	switch {
	case rel == "":
		return fmt.Errorf("%w: the path is empty", ErrOutsideCourse)
	case strings.ContainsRune(rel, 0):
		return bad("contains a NUL character")
	case strings.HasPrefix(rel, "/") || filepath.IsAbs(rel) || filepath.VolumeName(filepath.FromSlash(rel)) != "":
		return bad("is an absolute path; paths must be relative to the course folder")
	case strings.ContainsRune(rel, '\\'):
		// Backslash is a separator on Windows, so "..\x" would escape
		// there while looking harmless elsewhere.
		return bad("contains a backslash; use / between folders")
	}
	for part := range strings.SplitSeq(rel, "/") {
		if part == ".." {
			return bad("goes up out of the folder with ..")
		}
	}
	// "." would be the course folder itself, which no caller should
	// overwrite, move or delete.
	if path.Clean(rel) == "." {
		return bad("names the course folder itself, not something in it")
	}
	// On Windows this also refuses device names such as "nul", which
	// would not be files in the course at all.
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return bad("is not a path inside the course folder")
	}
	return nil
}

// IsInside reports whether path, after following all links, is root or
// inside root (itself resolved, since the course folder may be reached
// through a link, as with /var → /private/var on macOS). Both must exist:
// where a broken link leads can't be checked, so it is reported as not
// inside.
func IsInside(root, path string) bool {
	r, err := resolveAbs(root)
	if err != nil {
		return false
	}
	p, err := resolveAbs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(r, p)
	if err != nil {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// resolveAbs follows all links in p and makes it absolute, so two paths can
// be compared.
func resolveAbs(p string) (string, error) {
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", err
	}
	return filepath.Abs(r)
}
