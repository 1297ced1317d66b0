package publish

import (
	"math"
	"strconv"
	"strings"
)

// Text colours the theme chooses between for text on the course's banner
// colour: white, or a near-black that is softer than pure black.
const (
	lightText = "#ffffff"
	darkText  = "#1a1a1a"
	blackText = "#000000"
)

// minContrast is WCAG 2.2 AA's contrast minimum for normal text.
const minContrast = 4.5

// ReadableTextColor picks the text colour for the background colour bg
// (#rgb or #rrggbb, the form jumbotron_color takes): white or near-black,
// whichever has the higher WCAG contrast ratio with bg, and returns it with
// that ratio. On the mid tones where neither reaches 4.5:1, pure black is
// used instead of near-black: every colour has at least 4.58:1 with white
// or with black, so the result always meets WCAG 2.2 AA for normal text.
// For a bg that is not a hex colour it returns "" and 0.
func ReadableTextColor(bg string) (fg string, ratio float64) {
	r, g, b, ok := parseHex(bg)
	if !ok {
		return "", 0
	}
	l := luminance(r, g, b)
	onLight := contrastRatio(l, 1)
	onDark := contrastRatio(l, hexLuminance(darkText))
	switch {
	case max(onLight, onDark) < minContrast:
		// Mid tones: only pure black (or white) reaches 4.5:1.
		if onBlack := contrastRatio(l, 0); onBlack > onLight {
			return blackText, onBlack
		}
		return lightText, onLight
	case onLight >= onDark:
		return lightText, onLight
	}
	return darkText, onDark
}

// contrastRatio is WCAG's (L1 + 0.05) / (L2 + 0.05), lighter over darker.
func contrastRatio(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}

func hexLuminance(s string) float64 {
	r, g, b, _ := parseHex(s)
	return luminance(r, g, b)
}

// luminance is the relative luminance of an sRGB colour (WCAG 2.2).
func luminance(r, g, b uint8) float64 {
	lin := func(c uint8) float64 {
		v := float64(c) / 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// parseHex reads #rgb or #rrggbb (the # may be missing; case ignored).
func parseHex(s string) (r, g, b uint8, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return 0, 0, 0, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return 0, 0, 0, false
	}
	return uint8(v >> 16), uint8(v >> 8), uint8(v), true
}

// normalizeHex returns the colour as lower-case #rrggbb, or "".
func normalizeHex(s string) string {
	r, g, b, ok := parseHex(s)
	if !ok {
		return ""
	}
	const digits = "0123456789abcdef"
	out := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, c := range []uint8{r, g, b} {
		out[1+2*i], out[2+2*i] = digits[c>>4], digits[c&15]
	}
	return string(out)
}
