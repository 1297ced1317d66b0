package export

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"rsc.io/qr"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"github.com/coursewright/coursewright/publish"
)

// qrImgRE finds the book's QR code images: their alt text names the
// address, their source is the PNG.
var qrImgRE = regexp.MustCompile(`<img class="qr" alt="QR code: ([^"]+)" src="data:image/png;base64,([^"]+)"`)

// TestBookVideoQRCodes: each video in the printable book is a link with
// its address and a QR code of that address (read back module by module
// from the PNG), so a reader of paper can open it with a phone.
func TestBookVideoQRCodes(t *testing.T) {
	r, err := renderedCourse(t, "course-in-a-box")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := writeBookHTML(r, dir, false, nil); err != nil {
		t.Fatal(err)
	}
	book, err := os.ReadFile(filepath.Join(dir, "book.html"))
	if err != nil {
		t.Fatal(err)
	}
	links := strings.Count(string(book), `class="media-link"><a href="https://`)
	codes := qrImgRE.FindAllStringSubmatch(string(book), -1)
	if links == 0 || len(codes) != links {
		t.Fatalf("%d video links and %d QR codes in the book; want one code per link (and some videos)", links, len(codes))
	}
	for _, m := range codes {
		addr := strings.ReplaceAll(m[1], "&amp;", "&")
		if !strings.Contains(string(book), `<a href="`+m[1]+`">`) {
			t.Errorf("QR code of %s has no link to the same address", addr)
		}
		data, err := base64.StdEncoding.DecodeString(m[2])
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("QR code of %s: %v", addr, err)
		}
		want, err := qr.Encode(addr, qr.M)
		if err != nil {
			t.Fatal(err)
		}
		// The PNG has a 4-module quiet zone and 4 pixels a module.
		const scale, quiet = 4, 4
		if b := img.Bounds(); b.Dx() != (want.Size+2*quiet)*scale {
			t.Fatalf("QR code of %s is %d px wide; want %d", addr, b.Dx(), (want.Size+2*quiet)*scale)
		}
		for y := 0; y < want.Size; y++ {
			for x := 0; x < want.Size; x++ {
				c, _, _, _ := img.At((x+quiet)*scale+scale/2, (y+quiet)*scale+scale/2).RGBA()
				if black := c < 0x8000; black != want.Black(x, y) {
					t.Fatalf("QR code of %s: module (%d,%d) is wrong", addr, x, y)
				}
			}
		}
	}
	t.Logf("%d videos, each with a QR code", len(codes))
}

// TestBookCreditsAdaptedCourse: the printed book of an adapted course
// credits the original on its title page (title, authors, source address
// printed out, license: TASL), from the same value the site's footer
// uses; a course of its own has no such line.
func TestBookCreditsAdaptedCourse(t *testing.T) {
	c, err := course.Load(testcorpus.Copy(t, "we-are-ai"))
	if err != nil {
		t.Fatal(err)
	}
	titlePage := func() string {
		t.Helper()
		r, err := publish.RenderCourse(context.Background(), c, publish.RenderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := writeBookHTML(r, dir, false, nil); err != nil {
			t.Fatal(err)
		}
		book, err := os.ReadFile(filepath.Join(dir, "book.html"))
		if err != nil {
			t.Fatal(err)
		}
		s := string(book)
		start, end := strings.Index(s, `<section class="title-page">`), strings.Index(s, `<nav class="toc">`)
		if start < 0 || end < start {
			t.Fatal("the book has no title page before its contents")
		}
		return s[start:end]
	}
	if tp := titlePage(); strings.Contains(tp, "adapted from") {
		t.Errorf("a course of its own credits an original:\n%s", tp)
	}
	for _, kv := range [][2]string{
		{"based_on.title", "Civic Online Reasoning"},
		{"based_on.url", "https://example.org/cor"},
		{"based_on.authors", "Ana Pérez, Bo Li"},
		{"based_on.license", "CC-BY-4.0"},
	} {
		if _, err := c.Apply(course.SetMeta{Key: kv[0], Value: kv[1]}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	tp := titlePage()
	for _, want := range []string{
		"This course is adapted from",
		"Civic Online Reasoning",
		"Ana Pérez",
		`<span class="source">https://example.org/cor</span>`,
		`<a href="https://creativecommons.org/licenses/by/4.0/">CC-BY-4.0</a>`,
	} {
		if !strings.Contains(tp, want) {
			t.Errorf("the title page lacks %q:\n%s", want, tp)
		}
	}
}

// TestGuideBookAgendas: the printed guide gives each meeting its timed
// agenda as a table built from the guide's front matter (each step's
// start and end, its activity and the course page it uses, the total),
// and keeps the preparation list's check boxes to tick on paper.
func TestGuideBookAgendas(t *testing.T) {
	r, err := renderedGuide(t, "we-are-ai")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := writeBookHTML(r, dir, true, nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "book.html"))
	if err != nil {
		t.Fatal(err)
	}
	book := string(data)
	meetings := 0
	for i, p := range r.Guide {
		if p.Meeting == 0 {
			continue
		}
		meetings++
		start := strings.Index(book, `id="`+fmt.Sprintf("p%03d", i+1)+`"`)
		end := strings.Index(book[start+1:], "<section ")
		if start < 0 {
			t.Fatalf("no section for meeting %d", p.Meeting)
		}
		sec := book[start:]
		if end >= 0 {
			sec = book[start : start+1+end]
		}
		if len(p.Agenda) == 0 {
			t.Errorf("meeting %d (%s) has no agenda in the rendered guide", p.Meeting, p.Title)
			continue
		}
		if !strings.Contains(sec, `<table class="agenda">`) {
			t.Errorf("meeting %d has no agenda table", p.Meeting)
			continue
		}
		at, used := 0, 0
		for _, it := range p.Agenda {
			row := fmt.Sprintf(`<td class="time">%d:%02d–%d:%02d</td><td>%s`, at/60, at%60, (at+it.Minutes)/60, (at+it.Minutes)%60, xmlText.Replace(it.Activity))
			if !strings.Contains(sec, row) {
				t.Errorf("meeting %d's agenda lacks the step %q", p.Meeting, row)
			}
			if it.Page != nil {
				used++
				if !strings.Contains(sec, `<span class="uses">`+xmlText.Replace(it.Page.Title)+"</span>") {
					t.Errorf("meeting %d's agenda does not name the page %q", p.Meeting, it.Page.Title)
				}
			}
			at += it.Minutes
		}
		if !strings.Contains(sec, fmt.Sprintf(`<th class="min">%d</th></tr></tfoot>`, at)) {
			t.Errorf("meeting %d's agenda does not total %d minutes", p.Meeting, at)
		}
		if used == 0 {
			t.Errorf("meeting %d's agenda names no course page", p.Meeting)
		}
		if !strings.Contains(sec, `type="checkbox"`) {
			t.Errorf("meeting %d's preparation has no check boxes", p.Meeting)
		}
	}
	if meetings == 0 {
		t.Fatal("the drafted guide has no meetings")
	}
}
