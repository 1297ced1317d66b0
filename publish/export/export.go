// Package export packages a course for use elsewhere: LMS packages
// (Common Cartridge 1.3 and 1.1, SCORM 1.2), EPUB 3, a printable book and
// an offline copy of the website. Every format is one file here over the
// same publish.Rendered value (the site build's rendering of the pages),
// so no format renders markdown on its own, and every output is
// deterministic: the same course gives byte-identical files (fixed
// timestamps, identifiers derived from the course and page paths).
package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/publish"
)

// Format names an export format; the values are the CLI's words.
type Format string

// The formats.
const (
	IMSCC   Format = "imscc"   // IMS Common Cartridge 1.3
	IMSCC11 Format = "imscc11" // IMS Common Cartridge 1.1 (Moodle)
	SCORM12 Format = "scorm12" // SCORM 1.2
	EPUB    Format = "epub"    // EPUB 3
	PDF     Format = "pdf"     // a printable book
	ZIP     Format = "zip"     // the website, working from disk
	GIFT    Format = "gift"    // the self-check questions, for a question bank
)

// formatInfo says what each format is for and its file name extension.
var formatInfo = []struct {
	f     Format
	ext   string
	about string
}{
	{IMSCC, ".imscc", "IMS Common Cartridge 1.3: Canvas, Brightspace, Blackboard, Schoology"},
	{IMSCC11, ".imscc", "IMS Common Cartridge 1.1: Moodle"},
	{SCORM12, ".zip", "SCORM 1.2: any SCORM LMS"},
	{EPUB, ".epub", "EPUB 3: e-readers"},
	{PDF, ".pdf", "a printable book"},
	{ZIP, ".zip", "the website, to open from disk or a USB stick"},
	{GIFT, ".txt", "GIFT: the self-check questions, for a Moodle question bank"},
}

// ErrUnknownFormat: a format word that names no format.
var ErrUnknownFormat = errors.New("unknown export format")

// Formats lists the formats, with what each is for.
func Formats() []struct{ Format, About string } {
	var out []struct{ Format, About string }
	for _, fi := range formatInfo {
		out = append(out, struct{ Format, About string }{string(fi.f), fi.about})
	}
	return out
}

// ParseFormat checks a format word.
func ParseFormat(s string) (Format, error) {
	for _, fi := range formatInfo {
		if string(fi.f) == s {
			return fi.f, nil
		}
	}
	var names []string
	for _, fi := range formatInfo {
		names = append(names, string(fi.f))
	}
	return "", fmt.Errorf("%w %q: choose %s", ErrUnknownFormat, s, strings.Join(names, ", "))
}

// FileName is the default file name of a course's export:
// <course folder>[-guide].<ext>, with -cc11 and -scorm12 told apart.
func FileName(dir string, f Format, guide bool) string {
	base := filepath.Base(filepath.Clean(dir))
	switch f {
	case IMSCC11:
		base += "-cc11"
	case SCORM12:
		base += "-scorm12"
	case ZIP:
		base += "-offline"
	case GIFT:
		base += "-questions"
	}
	if guide {
		base += "-guide"
	}
	for _, fi := range formatInfo {
		if fi.f == f {
			return base + fi.ext
		}
	}
	return base
}

// Options configure Export.
type Options struct {
	// Guide includes the facilitator guide (marked for instructors only
	// where the format can say so).
	Guide bool
	// Drafts includes hidden modules and unpublished pages.
	Drafts bool
	// Progress, when set, is told what the export is doing, from the
	// exporting goroutine (the app shows it; the CLI has no need).
	Progress func(Progress)
}

// Stage is a step of an export.
type Stage int

// The stages, in order.
const (
	StageRender  Stage = iota // rendering the pages (the site build for zip)
	StagePackage              // writing the package (printing, for pdf)
	StageDone                 // the file is complete
)

// Progress is how far an export is: its stage and, when known, how many
// of the stage's files are done (Total 0: not known).
type Progress struct {
	Stage       Stage
	Done, Total int
}

// report tells opts.Progress, if any.
func (o Options) report(s Stage, done, total int) {
	if o.Progress != nil {
		o.Progress(Progress{Stage: s, Done: done, Total: total})
	}
}

// Result says what Export did.
type Result struct {
	// Diagnostics are the site build's findings for the pages exported.
	Diagnostics []course.Diagnostic
	// Notes are what the author should know about the file (e.g. links
	// left out because their target is not in the package).
	Notes []string
	// Ext, when set, is the file name extension the output needs instead
	// of the format's (a book written as HTML in a zip: ".zip").
	Ext string
}

// Export writes the course in format f to w.
func Export(ctx context.Context, c *course.Course, f Format, w io.Writer, opts Options) (*Result, error) {
	res := &Result{}
	opts.report(StageRender, 0, 0)
	if f == GIFT {
		// The questions' markdown, not the rendered site (gift.go).
		if opts.Guide {
			res.Notes = append(res.Notes, "--guide changes nothing for gift: the facilitator guide has no self-check questions of its own")
		}
		if err := writeGIFT(ctx, c, w, opts, res); err != nil {
			return res, err
		}
		opts.report(StageDone, 0, 0)
		return res, nil
	}
	if f == ZIP {
		if opts.Guide {
			// The offline copy is the website as published, which holds
			// the guide whenever the course has one (zip.go says why).
			res.Notes = append(res.Notes, "--guide changes nothing for zip: the offline copy is the website, which holds the facilitator guide whenever the course has one")
		}
		if err := writeZipSite(ctx, c, w, opts, res); err != nil {
			return res, err
		}
		opts.report(StageDone, 0, 0)
		return res, nil
	}
	r, err := publish.RenderCourse(ctx, c, publish.RenderOptions{Drafts: opts.Drafts, Guide: opts.Guide})
	if err != nil {
		return nil, err
	}
	res.Diagnostics = r.Diagnostics
	opts.report(StagePackage, 0, 0)
	switch f {
	case EPUB:
		err = writeEPUB(ctx, r, w, res)
	case IMSCC:
		err = writeCC(ctx, r, w, cc13, res)
	case IMSCC11:
		err = writeCC(ctx, r, w, cc11, res)
	case SCORM12:
		err = writeSCORM(ctx, r, w, res)
	case PDF:
		err = writePDF(ctx, r, w, opts.Guide, res)
	default:
		_, err = ParseFormat(string(f))
	}
	if err == nil {
		opts.report(StageDone, 0, 0)
	}
	return res, err
}
