package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"golang.org/x/text/language"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/templates"
)

const newDoc = `Create a course in DIR, which must not exist yet or be empty. The course
has a home page, an about page and one module with one page, ready to edit
and to publish with Jekyll or GitHub Pages.

--title is required. The license is an SPDX id such as CC-BY-SA-4.0 (the
default), CC-BY-4.0 or CC0-1.0; the language a tag such as en, es or pt-BR.`

// noCourse is the advice when new refuses.
const noCourse = "No course was created."

func (a *app) newCourse(cmd command, args []string) error {
	f := a.flags(cmd)
	f.Lookup("C").Usage = "create the course's folder inside `DIR` (default: the current folder)"
	title := f.String("title", "", "the course `TITLE` (required)")
	license := f.String("license", "CC-BY-SA-4.0", "SPDX license `ID`")
	lang := f.String("language", "en", "language `TAG` the course is written in")
	desc := f.String("description", "", "one-line `TEXT` describing the course")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if *title == "" {
		return f.usageErrorf("--title is required, e.g. coursewright new %s --title \"Finding Good Information\"", shellQuote(pos[0]))
	}
	if err := course.ValidateTitle(*title); err != nil {
		return advise(err, noCourse)
	}
	info, ok := course.LookupLicense(*license)
	if !course.ValidLicenseID(*license) || !ok {
		return advise(fmt.Errorf("%q is not a license id Coursewright knows; use an SPDX id such as CC-BY-SA-4.0, CC-BY-4.0 or CC0-1.0", *license), noCourse)
	}
	tag, err := language.Parse(*lang)
	if err != nil {
		return advise(fmt.Errorf("%q is not a language tag; use one such as en, es, de or pt-BR", *lang), noCourse)
	}

	dir := pos[0]
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(*f.dir, dir)
	}
	vars := map[string]string{"title": *title, "license": info.ID, "language": tag.String(), "description": *desc}
	if err := templates.CopyTo(templates.NewCourse(), dir, vars); err != nil {
		if errors.Is(err, templates.ErrNotEmpty) {
			return advise(fmt.Errorf("%s already has files in it, and a new course needs an empty folder", dir),
				"Choose a new folder name, e.g. coursewright new my-course --title "+shellQuote(*title))
		}
		return fmt.Errorf("could not create the course in %s: %w", dir, err)
	}
	if _, err := course.Load(dir); err != nil {
		return fmt.Errorf("the course was created in %s but cannot be opened: %w", dir, err)
	}
	fmt.Fprintf(a.stdout, "created course %q in %s\n", *title, dir)
	fmt.Fprintf(a.stdout, "next: coursewright -C %s info\n", shellQuote(dir))
	return nil
}
