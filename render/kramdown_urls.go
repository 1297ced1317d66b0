package render

import (
	"regexp"
	"strings"
)

// kramdown accepts spaces in a link's or image's address —
// `![map](img/my map.png)` — where CommonMark needs <…> around it.
// spacedURLs adds the brackets before parsing, outside code, keeping
// every line where it was so diagnostics keep their line numbers.

var (
	// ](address with spaces "optional title")
	spacedURLRE = regexp.MustCompile(`\]\(([^()<>\n"']*? [^()<>\n"']*?)((?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?)\)`)
	urlFenceRE  = regexp.MustCompile("^ {0,3}(```+|~~~+)")
)

func spacedURLs(src string) string {
	if !strings.Contains(src, "](") {
		return src
	}
	lines := strings.SplitAfter(src, "\n")
	fence := ""
	changed := false
	for i, line := range lines {
		if m := urlFenceRE.FindStringSubmatch(line); m != nil {
			switch {
			case fence == "":
				fence = m[1][:3]
			case strings.HasPrefix(m[1], fence):
				fence = ""
			}
			continue
		}
		if fence != "" || strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") || !strings.Contains(line, "](") {
			continue
		}
		if out := bracketSpacedURLs(line); out != line {
			lines[i] = out
			changed = true
		}
	}
	if !changed {
		return src
	}
	return strings.Join(lines, "")
}

// bracketSpacedURLs rewrites one line, leaving code spans alone.
func bracketSpacedURLs(line string) string {
	var b strings.Builder
	for line != "" {
		tick := strings.IndexByte(line, '`')
		if tick < 0 {
			b.WriteString(rewriteSpaced(line))
			break
		}
		b.WriteString(rewriteSpaced(line[:tick]))
		run := len(line[tick:]) - len(strings.TrimLeft(line[tick:], "`"))
		closing := strings.Index(line[tick+run:], line[tick:tick+run])
		if closing < 0 {
			b.WriteString(line[tick:])
			break
		}
		end := tick + run + closing + run
		b.WriteString(line[tick:end])
		line = line[end:]
	}
	return b.String()
}

func rewriteSpaced(s string) string {
	return spacedURLRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := spacedURLRE.FindStringSubmatch(m)
		u := strings.TrimSpace(sub[1])
		if !strings.Contains(u, " ") {
			return m
		}
		return "](<" + u + ">" + sub[2] + ")"
	})
}
