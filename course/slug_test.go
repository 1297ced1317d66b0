package course

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Übung 1", "ubung-1"},
		{"Café au lait", "cafe-au-lait"},
		{"Straße", "strasse"},
		{"STRASSE ẞ", "strasse-ss"},
		{"Введение", "введение"},
		{"Мой курс", "мой-курс"}, // й keeps its breve: Cyrillic marks are part of the letter
		{"日本語の講座", "日本語の講座"},
		{"ガイド", "ガイド"}, // dakuten kept, not "カイト"
		{"한국어 강좌", "한국어-강좌"},
		{"हिन्दी पाठ", "हिन्दी-पाठ"},
		{"Εισαγωγή", "εισαγωγη"},
		{"Tiếng Việt", "tieng-viet"},
		{"Okwegatta", "okwegatta"},
		{"København & Æbleø", "kobenhavn-aebleo"},
		{"Don't Panic!", "dont-panic"},
		{"Read & Watch", "read-watch"},
		{"  --Hello,   World--  ", "hello-world"},
		{"ＦＵＬＬ　ｗｉｄｔｈ", "full-width"},
		{"ﬁnal", "final"},
		{"İstanbul", "istanbul"},
		{"Week 1: Intro", "week-1-intro"},
		{"../../etc/passwd", "etc-passwd"},
		{".hidden", "hidden"},
		{"_draft", "draft"},
		{"a\x00b\nc", "a-b-c"},
		{"", "page"},
		{"   ", "page"},
		{"!!!", "page"},
		{"🎉🎉", "page"},
		{"\xff\xfe", "page"},
		{"CON", "con-page"},
		{"lpt1", "lpt1-page"},
		{"com10", "com10"},
		{"Console", "console"},
	}
	for _, tt := range tests {
		got := Slugify(tt.in)
		if got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if err := ValidateSlug(got); err != nil {
			t.Errorf("Slugify(%q) = %q fails ValidateSlug: %v", tt.in, got, err)
		}
	}
}

func TestSlugifyLength(t *testing.T) {
	tests := []struct{ in, want string }{
		// Cut at the last word that fits.
		{strings.Repeat("word ", 20), strings.TrimSuffix(strings.Repeat("word-", 12), "-")},
		// One long word: cut at 60 bytes.
		{strings.Repeat("a", 100), strings.Repeat("a", 60)},
		// Two-byte runes: never split one.
		{strings.Repeat("ж", 40), strings.Repeat("ж", 30)},
		// Three-byte runes: 60 is a multiple of 3.
		{strings.Repeat("語", 30), strings.Repeat("語", 20)},
		// Word boundary too early: keep the long word, cut mid-word.
		{"ab " + strings.Repeat("c", 80), "ab-" + strings.Repeat("c", 57)},
	}
	for _, tt := range tests {
		got := Slugify(tt.in)
		if got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) > 60 || !utf8.ValidString(got) || strings.HasSuffix(got, "-") {
			t.Errorf("Slugify(%q) = %q: too long, invalid UTF-8 or ends with a dash", tt.in, got)
		}
	}
	// A letter and its combining marks stay together at the cut.
	// "a" shifts the 6-byte pairs (क + vowel sign) so byte 60 falls on the
	// vowel sign.
	hindi := "a" + strings.Repeat("कि", 30)
	got := Slugify(hindi)
	if want := "a" + strings.Repeat("कि", 9); got != want {
		t.Errorf("Slugify(hindi) = %q, want %q: a letter split from its mark", got, want)
	}
}

func TestValidateSlugAccepts(t *testing.T) {
	for _, s := range []string{
		"intro", "read&watch", "Memory Architecture", "Processor Architecture",
		"week-1", "a.b", "введение", "日本語", "console", "com10", "nul-page", "x~1",
		strings.Repeat("a", 100),
	} {
		if err := ValidateSlug(s); err != nil {
			t.Errorf("ValidateSlug(%q) = %v, want nil", s, err)
		}
	}
}

func TestValidateSlugRefuses(t *testing.T) {
	for _, s := range []string{
		"", ".", "..", "../x", "a/..", "a..b", "a/b", `a\b`, "x\x00y", "a\nb", "a\tb", "a\x7fb",
		".hidden", "_x", "_posts", " x", "x ", "x.", "a:b", "a<b", "a>b", `a"b`, "a|b", "a?b", "a*b",
		"CON", "con", "con.md", "Con.txt", "PRN", "aux", "NUL", "nul.tar.gz", "COM1", "com9", "LPT1", "lpt9.md",
		"COM¹", "conin$",
		strings.Repeat("a", 101), "\xff", "ab\xc3",
	} {
		err := ValidateSlug(s)
		if err == nil {
			t.Errorf("ValidateSlug(%q) = nil, want an error", s)
			continue
		}
		if !errors.Is(err, ErrBadSlug) {
			t.Errorf("ValidateSlug(%q) = %v, does not wrap ErrBadSlug", s, err)
		}
		if strings.ContainsAny(err.Error(), "\x00\n") {
			t.Errorf("ValidateSlug(%q): message %q is not printable on one line", s, err)
		}
	}
}

func TestValidateTitle(t *testing.T) {
	for _, s := range []string{"Introduction", "Übung 1: Grundlagen", "日本語の講座", "Read & watch", " padded "} {
		if err := ValidateTitle(s); err != nil {
			t.Errorf("ValidateTitle(%q) = %v, want nil", s, err)
		}
	}
	for _, s := range []string{"", "   ", "\t", "a\nb", "a\r\nb", "a\u2028b", "a\tb", "a\x00b", "a\x1bb", "\xff"} {
		err := ValidateTitle(s)
		if !errors.Is(err, ErrBadTitle) {
			t.Errorf("ValidateTitle(%q) = %v, want ErrBadTitle", s, err)
		}
	}
}

// symlinkOrSkip makes a link, skipping the test where that needs privileges
// (Windows without developer mode).
func symlinkOrSkip(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		if runtime.GOOS == "windows" {
			t.Skipf("cannot create symlinks here: %v", err)
		}
		t.Fatal(err)
	}
}

func TestSafeJoin(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(root, "modules", "intro", "_posts"), 0o755))
	must(t, os.WriteFile(filepath.Join(outside, "secret.md"), []byte("x"), 0o644))
	symlinkOrSkip(t, outside, filepath.Join(root, "out"))
	symlinkOrSkip(t, filepath.Join(outside, "secret.md"), filepath.Join(root, "secret.md"))
	symlinkOrSkip(t, filepath.Join(root, "modules"), filepath.Join(root, "in"))
	symlinkOrSkip(t, filepath.Join(root, "missing"), filepath.Join(root, "broken"))

	good := []struct{ rel, want string }{
		{"index.md", "index.md"},
		{"modules/intro/_posts/2000-01-01-a.md", "modules/intro/_posts/2000-01-01-a.md"},
		{"modules/new/_posts/2000-01-01-a.md", "modules/new/_posts/2000-01-01-a.md"},
		{"modules/./intro//x.md", "modules/intro/x.md"},
		{"in/intro/x.md", "in/intro/x.md"},
		{"in", "in"},
		{"modules/Memory Architecture/read&watch.md", "modules/Memory Architecture/read&watch.md"},
	}
	for _, tt := range good {
		got, err := SafeJoin(root, tt.rel)
		if err != nil {
			t.Errorf("SafeJoin(root, %q) = %v, want nil", tt.rel, err)
			continue
		}
		if want := filepath.Join(root, filepath.FromSlash(tt.want)); got != want {
			t.Errorf("SafeJoin(root, %q) = %q, want %q", tt.rel, got, want)
		}
	}

	bad := []string{
		"", ".", "./", "..", "../x", "a/../../x", "a/../b", "/etc/passwd", `..\x`, `a\b`, "a\x00b",
		"out", "out/secret.md", "out/new.md", "out/sub/new.md", "secret.md", "broken",
	}
	if runtime.GOOS == "windows" {
		bad = append(bad, "C:/x", "C:x", "nul")
	}
	for _, rel := range bad {
		got, err := SafeJoin(root, rel)
		if !errors.Is(err, ErrOutsideCourse) {
			t.Errorf("SafeJoin(root, %q) = %q, %v; want ErrOutsideCourse", rel, got, err)
		}
	}

	// A root that doesn't exist yet (a course being created) has no links
	// to check.
	newRoot := filepath.Join(root, "not-yet")
	if got, err := SafeJoin(newRoot, "a/b.md"); err != nil || got != filepath.Join(newRoot, "a", "b.md") {
		t.Errorf("SafeJoin(new root) = %q, %v", got, err)
	}
}

func TestSafeJoinRootIsLink(t *testing.T) {
	real := t.TempDir()
	must(t, os.Mkdir(filepath.Join(real, "img"), 0o755))
	link := filepath.Join(t.TempDir(), "course")
	symlinkOrSkip(t, real, link)
	if _, err := SafeJoin(link, "img/x.png"); err != nil {
		t.Errorf("course reached through a link: %v", err)
	}
}

func TestIsInside(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(root, "a", "b"), 0o755))
	symlinkOrSkip(t, outside, filepath.Join(root, "out"))
	symlinkOrSkip(t, filepath.Join(root, "a", "b"), filepath.Join(root, "in"))
	// A sibling whose name starts with the root's name is not inside it.
	sibling := root + "-other"
	must(t, os.Mkdir(sibling, 0o755))
	t.Cleanup(func() { os.RemoveAll(sibling) })

	tests := []struct {
		path string
		want bool
	}{
		{root, true},
		{filepath.Join(root, "a"), true},
		{filepath.Join(root, "a", "b"), true},
		{filepath.Join(root, "in"), true},
		{filepath.Join(root, "out"), false},
		{filepath.Join(root, "missing"), false},
		{outside, false},
		{sibling, false},
		{filepath.Dir(root), false},
	}
	for _, tt := range tests {
		if got := IsInside(root, tt.path); got != tt.want {
			t.Errorf("IsInside(root, %q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{
		"", "Übung 1", "Café au lait", "Straße", "Введение", "日本語の講座", "Okwegatta",
		"CON", "con.md", "../x", ".hidden", "_x", " x", "x.", "a:b", "a\x00b", "\xff",
		"ガイド", "हिन्दी", "한국어", "ℌello", "ǅemal", strings.Repeat("ab ", 40), strings.Repeat("é", 50),
		"\u0301\u0301a", "a\u200db", "COM¹", "Ⅻ", "㍿",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		s := Slugify(title)
		if err := ValidateSlug(s); err != nil {
			t.Fatalf("Slugify(%q) = %q: %v", title, s, err)
		}
		if len(s) > 60 || strings.HasSuffix(s, "-") || strings.HasPrefix(s, "-") || strings.Contains(s, "--") {
			t.Fatalf("Slugify(%q) = %q: too long or badly dashed", title, s)
		}
		if again := Slugify(s); again != s {
			t.Fatalf("Slugify not stable: %q → %q → %q", title, s, again)
		}
	})
}
