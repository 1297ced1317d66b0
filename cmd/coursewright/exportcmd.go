package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/publish/export"
)

const exportDoc = `Export the course as one file to use elsewhere. FORMAT is one of:
  imscc     IMS Common Cartridge 1.3: Canvas, Brightspace, Blackboard, Schoology
  imscc11   IMS Common Cartridge 1.1: Moodle
  scorm12   SCORM 1.2: any SCORM LMS
  epub      EPUB 3: e-readers
  pdf       a printable book (headless Chromium; without one, print-ready HTML)
  zip       the website, to open from disk or a USB stick
  gift      the self-check questions in Moodle's GIFT format, for a
            question bank (put-in-order questions have no GIFT kind)

The file goes to -o FILE (default: named after the course folder, in the
current folder). --guide adds the facilitator guide (for instructors only
where the format can say so); --drafts adds hidden modules and unpublished
pages. The same course always gives the same bytes. Pages are rendered as
the website renders them; problems found are listed on stderr.`

func (a *app) export(cmd command, args []string) error {
	f := a.flags(cmd)
	out := f.String("o", "", "write the export to `FILE`")
	guide := f.Bool("guide", false, "include the facilitator guide")
	drafts := f.Bool("drafts", false, "include hidden modules and unpublished pages")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	format, err := export.ParseFormat(pos[0])
	if err != nil {
		return f.usageErrorf("%v", err)
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	named := *out != ""
	if !named {
		*out = export.FileName(c.Dir, format, *guide)
	}
	ctx, stop := interruptible()
	defer stop()
	// Written in memory first, so a failed export leaves no half file.
	var buf bytes.Buffer
	res, err := export.Export(ctx, c, format, &buf, export.Options{Guide: *guide, Drafts: *drafts})
	if res != nil {
		counts := map[course.Severity]int{}
		for _, d := range res.Diagnostics {
			fmt.Fprintln(a.stderr, diagnosticLine(d))
			counts[d.Severity]++
		}
		if len(res.Diagnostics) > 0 {
			fmt.Fprintln(a.stderr, summary(counts))
		}
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	if res.Ext != "" && !named {
		// Written as another kind of file (a book as HTML in a zip where
		// no browser can print it): named for what it is.
		*out = strings.TrimSuffix(*out, filepath.Ext(*out)) + res.Ext
	}
	tmp := *out + ".part"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, *out); err != nil {
		os.Remove(tmp)
		return err
	}
	for _, n := range res.Notes {
		fmt.Fprintln(a.stdout, "note: "+n)
	}
	abs, _ := filepath.Abs(*out)
	fmt.Fprintf(a.stdout, "exported %s (%s) to %s\n", format, strings.TrimSpace(humanSize(buf.Len())), abs)
	return nil
}

// humanSize writes a byte count for people.
func humanSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
