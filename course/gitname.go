package course

import "strings"

// IsGitName reports whether a file or folder name (one path element) is,
// or on some file system becomes, git's own ".git": in any case (Windows
// and macOS ignore case), with trailing dots or spaces (Windows drops
// them), as the 8.3 short name GIT~1, or with the invisible characters
// macOS's HFS+ ignores. A course never holds one: a .git folder inside a
// course is another repository, whose config can make git run commands
// (core.fsmonitor, core.hooksPath).
func IsGitName(name string) bool {
	n := strings.Map(func(r rune) rune {
		switch {
		case r >= 0x200c && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x206a && r <= 0x206f, r == 0xfeff:
			return -1 // ignored by HFS+
		}
		return r
	}, name)
	n = strings.TrimRight(n, ". ")
	return strings.EqualFold(n, ".git") || strings.EqualFold(n, "git~1")
}

// IsExactGitName reports whether name is literally ".git" in some case,
// the spelling git itself and a copy on this machine recognise; the other
// spellings IsGitName catches only become .git elsewhere.
func IsExactGitName(name string) bool { return strings.EqualFold(name, ".git") }
