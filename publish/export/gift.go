package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/course/selfcheck"
)

// GIFT export: every self-check question of the course in Moodle's GIFT
// format, for a question bank (Moodle: Question bank → Import → GIFT).
// Questions are grouped in a category per module ($CATEGORY:
// $course$/top/<course>/<module>; the home page and single pages in the
// course's own category), each page's questions after a "// page: …"
// comment, each titled with its stable identifier (selfcheck.ID), so a
// question bank importing the file again recognises its questions. The
// format of one question is selfcheck.WriteGIFT's. It reads the pages'
// markdown, not the rendered site: GIFT carries markdown ([markdown]).

// giftPage is a page whose questions go into the file, and its category.
type giftPage struct {
	page     *course.Page
	category string
}

// giftPages lists the pages in the site's order with their categories.
func giftPages(c *course.Course, drafts bool) []giftPage {
	top := "$course$/top/" + giftCategoryName(c.Title())
	var out []giftPage
	if c.Home != nil {
		out = append(out, giftPage{c.Home, top})
	}
	for _, p := range c.Pages {
		if drafts || p.Published() {
			out = append(out, giftPage{p, top})
		}
	}
	for _, m := range c.Modules {
		if m.Missing || (m.Hidden && !drafts) {
			continue
		}
		title := m.Title
		if title == "" {
			title = m.Slug
		}
		for _, p := range m.Pages {
			if drafts || p.Published() {
				out = append(out, giftPage{p, top + "/" + giftCategoryName(title)})
			}
		}
	}
	return out
}

// giftCategoryName writes a title as one level of a Moodle category path,
// where "/" separates levels and "//" stands for a slash.
func giftCategoryName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		s = "Course"
	}
	return strings.ReplaceAll(s, "/", "//")
}

// bodyLineOffset is how many lines of p's file come before its body.
func bodyLineOffset(p *course.Page) int {
	n := bytes.Count(p.Bytes(), []byte("\n")) - strings.Count(p.Body(), "\n")
	return max(n, 0)
}

// writeGIFT writes the course's questions as GIFT.
func writeGIFT(ctx context.Context, c *course.Course, w io.Writer, opts Options, res *Result) error {
	var b strings.Builder
	title := strings.Join(strings.Fields(c.Title()), " ")
	if title == "" {
		title = "the course"
	}
	b.WriteString("// Self-check questions of " + title + ", in Moodle's GIFT format.\n")
	b.WriteString("// Written by Coursewright; import them in a question bank as GIFT.\n\n")
	category := ""
	written, orders := 0, 0
	for _, gp := range giftPages(c, opts.Drafts) {
		if err := ctx.Err(); err != nil {
			return err
		}
		blocks := selfcheck.Find(gp.page.Body())
		if len(blocks) == 0 {
			continue
		}
		if gp.category != category {
			category = gp.category
			b.WriteString("$CATEGORY: " + category + "\n\n")
		}
		b.WriteString("// page: " + gp.page.Path + "\n\n")
		offset := bodyLineOffset(gp.page)
		for i, bl := range blocks {
			n := i + 1
			if bl.Err != nil {
				res.Notes = append(res.Notes, fmt.Sprintf("%s:%d: question %d left out: %s", gp.page.Path, bl.Err.Line+offset, n, bl.Err.Problem))
				continue
			}
			q, err := selfcheck.WriteGIFT(selfcheck.ID(gp.page.Path, n), bl.Question)
			if errors.Is(err, selfcheck.ErrNoGIFTKind) {
				orders++
				b.WriteString(fmt.Sprintf("// question %d (put in order) left out: GIFT has no ordering kind\n\n", n))
				continue
			}
			if err != nil {
				return fmt.Errorf("%s:%d: %w", gp.page.Path, bl.Line+offset, err)
			}
			b.WriteString(q + "\n")
			written++
		}
	}
	if orders > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d put-in-order questions left out: GIFT has no ordering kind", orders))
	}
	if written == 0 {
		res.Notes = append(res.Notes, "the course has no self-check questions to export")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
