package main

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// termSafe writes text for a terminal with every control character made
// visible: a course or page title holding ESC sequences could otherwise
// rewrite the screen, change the window title or hide what follows. Line
// breaks and tabs pass, and a carriage return only before a line feed
// (CRLF text). JSON output is unaffected: encoding/json never writes raw
// control characters, and the escapes below are JSON's own.
//
// The progress lines that redraw themselves write to the raw stream, not
// through this.
type termSafe struct{ w io.Writer }

func (t termSafe) Write(p []byte) (int, error) {
	clean := true
	for _, b := range p {
		if needsEscape(b) {
			clean = false
			break
		}
	}
	if clean {
		return t.w.Write(p)
	}
	out := make([]byte, 0, len(p)+16)
	for i := 0; i < len(p); {
		b := p[i]
		switch {
		case b == '\r' && i+1 < len(p) && p[i+1] == '\n':
			out = append(out, b)
		case b < 0x20 && b != '\n' && b != '\t', b == 0x7f:
			out = fmt.Appendf(out, `\u%04x`, b)
		case b >= 0x80:
			r, size := utf8.DecodeRune(p[i:])
			if r >= 0x80 && r <= 0x9f || r == 0x202e || r == 0x202d || r == 0x2066 || r == 0x2067 || r == 0x2068 || r == 0x2069 {
				out = fmt.Appendf(out, `\u%04x`, r) // C1 controls (CSI) and bidi overrides
			} else {
				out = append(out, p[i:i+size]...)
			}
			i += size
			continue
		default:
			out = append(out, b)
		}
		i++
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// needsEscape reports whether b may start something termSafe changes.
func needsEscape(b byte) bool {
	return b < 0x20 && b != '\n' && b != '\t' || b == 0x7f || b == 0xc2 || b == 0xe2
}
