package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/coursewright/coursewright/course"
)

// courseJSON is what info --json prints.
type courseJSON struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	License     string `json:"license"`
	// LicenseSource is where the license was found (file:line) when the
	// course does not record it in _data/course.yml.
	LicenseSource string       `json:"license_source,omitempty"`
	Language      string       `json:"language"`
	Authors       []string     `json:"authors"`
	Modules       []moduleJSON `json:"modules"`
	Guides        int          `json:"guides"`
	Problems      int          `json:"problems"`
}

// moduleJSON is a module in info --json and module list --json.
type moduleJSON struct {
	Slug    string     `json:"slug"`
	Title   string     `json:"title"`
	Hidden  bool       `json:"hidden"`
	Missing bool       `json:"missing,omitempty"` // listed, but the folder is not there
	Pages   []pageJSON `json:"pages"`
}

// pageJSON is a page in info --json and page list --json.
type pageJSON struct {
	Slug      string `json:"slug"`
	Title     string `json:"title"`
	Path      string `json:"path"`
	Words     int    `json:"words"`
	Published bool   `json:"published"`
}

func modulesJSON(c *course.Course) []moduleJSON {
	out := make([]moduleJSON, 0, len(c.Modules))
	for _, m := range c.Modules {
		out = append(out, moduleJSON{Slug: m.Slug, Title: m.Title, Hidden: m.Hidden, Missing: m.Missing, Pages: pagesJSON(m)})
	}
	return out
}

func pagesJSON(m *course.Module) []pageJSON {
	out := make([]pageJSON, 0, len(m.Pages))
	for _, p := range m.Pages {
		out = append(out, pageJSON{Slug: p.Slug, Title: p.Title(), Path: p.Path, Words: p.Words(), Published: p.Published()})
	}
	return out
}

func (a *app) info(cmd command, args []string) error {
	f := a.flags(cmd).withJSON()
	if _, err := f.parse(args); err != nil {
		return err
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	meta := c.Meta()
	license, licenseSource := courseLicense(c, meta)
	meta.License = license
	problems := len(course.Check(c))
	if *f.json {
		authors := meta.Authors
		if authors == nil {
			authors = []string{}
		}
		return a.printJSON(courseJSON{
			Title: meta.Title, Description: meta.Description, License: meta.License, LicenseSource: licenseSource, Language: meta.Language,
			Authors: authors, Modules: modulesJSON(c), Guides: len(c.Guides), Problems: problems,
		})
	}
	printOutline(a.stdout, c, meta, licenseSource, problems)
	return nil
}

// courseLicense is the course's content license: the one _data/course.yml
// records, else the one adapt would find (one detection for both,
// course.DetectLicense), with where it was found. A course that records
// none and states none the detection trusts has "".
func courseLicense(c *course.Course, meta course.Meta) (id, source string) {
	if meta.License != "" {
		return meta.License, ""
	}
	det, err := course.DetectLicense(c.Dir)
	if err != nil || det.ContentLicense() == "" {
		return "", ""
	}
	return det.ContentLicense(), det.Source
}

// printOutline writes the readable form of info.
func printOutline(w io.Writer, c *course.Course, meta course.Meta, licenseSource string, problems int) {
	orNot := func(s, hint string) string {
		if s == "" {
			return "(not set; " + hint + ")"
		}
		return s
	}
	fmt.Fprintf(w, "Title:    %s\n", orNot(meta.Title, `coursewright meta set title "Course title"`))
	if meta.Description != "" {
		fmt.Fprintf(w, "About:    %s\n", meta.Description)
	}
	if licenseSource != "" {
		fmt.Fprintf(w, "License:  %s (found in %s; record it with: coursewright meta set license %s)\n", meta.License, licenseSource, meta.License)
	} else {
		fmt.Fprintf(w, "License:  %s\n", orNot(meta.License, "coursewright meta set license CC-BY-SA-4.0"))
	}
	fmt.Fprintf(w, "Language: %s\n", orNot(meta.Language, "coursewright meta set language en"))
	if len(meta.Authors) > 0 {
		fmt.Fprintf(w, "Authors:  %s\n", strings.Join(meta.Authors, ", "))
	}
	fmt.Fprintf(w, "Folder:   %s\n", c.Dir)

	fmt.Fprintf(w, "\nModules (%d):\n", len(c.Modules))
	if len(c.Modules) == 0 {
		fmt.Fprintln(w, `  none yet; add one with: coursewright module add "Title"`)
	}
	n := 0
	for _, m := range c.Modules {
		num := "-."
		if !m.Hidden {
			n++
			num = fmt.Sprintf("%d.", n)
		}
		fmt.Fprintf(w, "  %-3s %s [%s]%s\n", num, m.Title, m.Slug, moduleMarks(m))
		for _, p := range m.Pages {
			mark := ""
			if !p.Published() {
				mark = " (not published)"
			}
			fmt.Fprintf(w, "        - %s%s\n", titleOf(p), mark)
		}
	}

	fmt.Fprintf(w, "\nFacilitator guide: %s\n", plural(len(c.Guides), "meeting", "meetings"))
	if problems > 0 {
		fmt.Fprintf(w, "Problems: %d (coursewright check lists them)\n", problems)
	} else {
		fmt.Fprintln(w, "Problems: none")
	}
}

func moduleMarks(m *course.Module) string {
	s := ""
	if m.Hidden {
		s += " (not in the menu)"
	}
	if m.Missing {
		s += " (folder missing)"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
