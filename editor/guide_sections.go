package editor

import (
	"strings"
)

// The three sections every meeting page has, as course writes them
// (course/guide_draft.go). The guide editor edits the text under each;
// anything else in the page stays as it is.
const (
	sectionPreparation = "## Preparation"
	sectionGoals       = "## Learner goals"
	sectionTips        = "## Facilitator tips"
)

// guideSection returns the markdown under a "## " heading of body, up to
// the next "## " heading, trimmed; "" when the heading is missing.
func guideSection(body, heading string) string {
	lines := strings.Split(body, "\n")
	start := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == heading {
			start = i + 1
			break
		}
	}
	if start < 0 {
		return ""
	}
	end := sectionEnd(lines, start)
	return strings.TrimSpace(strings.Join(lines[start:end], "\n"))
}

// sectionEnd is the line where the section starting at line start ends:
// the next heading of the same or a higher level, outside code fences.
func sectionEnd(lines []string, start int) int {
	fence := ""
	for i := start; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		switch {
		case fence != "" && strings.HasPrefix(t, fence):
			fence = ""
		case fence != "":
		case strings.HasPrefix(t, "```"), strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		case strings.HasPrefix(t, "## ") || strings.HasPrefix(t, "# ") || t == "##" || t == "#":
			return i
		}
	}
	return len(lines)
}

// setGuideSection replaces the text under a heading of body, adding the
// section at the end when the page has none.
func setGuideSection(body, heading, text string) string {
	text = strings.TrimSpace(text)
	lines := strings.Split(body, "\n")
	start := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == heading {
			start = i + 1
			break
		}
	}
	if start < 0 {
		if text == "" {
			return body
		}
		return strings.TrimRight(body, "\n") + "\n\n" + heading + "\n\n" + text + "\n"
	}
	end := sectionEnd(lines, start)
	var out []string
	out = append(out, lines[:start]...)
	out = append(out, "")
	if text != "" {
		out = append(out, strings.Split(text, "\n")...)
		out = append(out, "")
	}
	out = append(out, lines[end:]...)
	res := strings.Join(out, "\n")
	if end == len(lines) {
		res = strings.TrimRight(res, "\n") + "\n"
	}
	return res
}
