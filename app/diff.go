package app

import (
	"fmt"
	"sort"
	"strings"

	"github.com/coursewright/coursewright/course"
)

// pageDiff is a page whose text exists in two versions: on disk (or in
// memory) and in the journal or another program's save.
type pageDiff struct {
	path          string
	page          *course.Page
	disk, journal string
}

func sortDiffs(ds []pageDiff) {
	sort.Slice(ds, func(i, j int) bool { return ds[i].path < ds[j].path })
}

// lineDiff shows what differs between two texts, as lines removed (-)
// and added (+) between the lines both share at the start and the end.
// It is enough for an author to recognise their work; maxLines caps it.
func lineDiff(a, b string, maxLines int) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	p := 0
	for p < len(al) && p < len(bl) && al[p] == bl[p] {
		p++
	}
	s := 0
	for s < len(al)-p && s < len(bl)-p && al[len(al)-1-s] == bl[len(bl)-1-s] {
		s++
	}
	var out []string
	for _, l := range al[p : len(al)-s] {
		out = append(out, "- "+l)
	}
	for _, l := range bl[p : len(bl)-s] {
		out = append(out, "+ "+l)
	}
	if len(out) > maxLines {
		more := len(out) - maxLines
		out = append(out[:maxLines], fmt.Sprintf("… and %d more changed lines", more))
	}
	if len(out) == 0 {
		return "(no difference)"
	}
	return fmt.Sprintf("from line %d:\n%s", p+1, strings.Join(out, "\n"))
}
