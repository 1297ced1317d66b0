package course

// Codes of the diagnostics that keep untrusted files and runaway pages out
// of a site (issue 12).
const (
	CodeActiveMarkupLeftOut Code = "active-markup-left-out" // an HTML or SVG file that can run script
	CodeMarkupUnchecked     Code = "markup-unchecked"       // an HTML or SVG file that could not be checked
	CodeRenderLimit         Code = "render-limit"           // a page's render passed a limit (loops, output, time)
)
