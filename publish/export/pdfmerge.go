package export

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
)

// Joining the PDFs Chromium prints of a long book's parts (see printBook
// in pdf.go) into one. This reads only what Chromium's PDF writer (Skia)
// writes: a classic cross-reference table, plain numbered objects, direct
// stream lengths, one page tree, named destinations in a /Dests
// dictionary. The joined file keeps every part's pages in order under one
// page tree, their fonts and images, one /Dests dictionary holding every
// part's anchors, and the links between parts (printed as links to the
// other part's file) turned into links to those anchors. It leaves out
// the parts' tagged-PDF structure trees: each part's tree numbers its
// marked content on its own, and joining them is more than a printed
// book needs.

// pdfObj is one object of a parsed PDF: its dictionary or value, and the
// raw stream that follows it, if any.
type pdfObj struct {
	head   []byte // the object's value, without "N 0 obj" and stream
	stream []byte // "stream\n…\nendstream", or nil
}

// pdfDoc is a PDF as Chromium writes it.
type pdfDoc struct {
	objs        map[int]*pdfObj
	root, info  int
	pagesRoot   int
	pages       []int          // page objects, in order
	dests       map[string]int // anchor → page (from 0)
	destEntries [][2][]byte    // the /Dests entries as written: name, array
	lang        []byte         // the catalog's /Lang value, or nil
}

var (
	pdfStartXrefRE = regexp.MustCompile(`startxref\s+(\d+)\s*%%EOF\s*$`)
	pdfXrefHeadRE  = regexp.MustCompile(`^xref\s+0\s+(\d+)\s+`)
	pdfTrailerRE   = regexp.MustCompile(`trailer\s*<<`)
	pdfRootRE      = regexp.MustCompile(`/Root\s+(\d+)\s+0\s+R`)
	pdfInfoRE      = regexp.MustCompile(`/Info\s+(\d+)\s+0\s+R`)
	pdfObjHeadRE   = regexp.MustCompile(`^(\d+)\s+0\s+obj\s*`)
	pdfLengthRE    = regexp.MustCompile(`/Length\s+(\d+)(\s+0\s+R)?`)
	pdfPagesRefRE  = regexp.MustCompile(`/Pages\s+(\d+)\s+0\s+R`)
	pdfDestsRefRE  = regexp.MustCompile(`/Dests\s+(\d+)\s+0\s+R`)
	pdfLangRE      = regexp.MustCompile(`/Lang\s+(\((?:[^()\\]|\\.)*\))`)
	pdfEntryRE     = regexp.MustCompile(`/([^\s/\[\]<>()]+)\s*(\[[^\]]*\])`)
	pdfRefInRE     = regexp.MustCompile(`(\d+)\s+0\s+R`)
	pdfURIActionRE = regexp.MustCompile(`/A\s*<<\s*/Type\s*/Action\s*/S\s*/URI\s*/URI\s*\(((?:[^()\\]|\\.)*)\)\s*>>`)
)

// parsePDF reads a PDF written by Chromium.
func parsePDF(data []byte) (*pdfDoc, error) {
	m := pdfStartXrefRE.FindSubmatch(data)
	if m == nil {
		return nil, errors.New("no startxref")
	}
	at, _ := strconv.Atoi(string(m[1]))
	if at >= len(data) {
		return nil, errors.New("startxref past the end")
	}
	h := pdfXrefHeadRE.FindSubmatchIndex(data[at:])
	if h == nil {
		return nil, errors.New("no cross-reference table where startxref points (a cross-reference stream?)")
	}
	n, _ := strconv.Atoi(string(data[at+h[2] : at+h[3]]))
	table := data[at+h[1]:]
	d := &pdfDoc{objs: map[int]*pdfObj{}, dests: map[string]int{}}
	for i := 0; i < n; i++ {
		if len(table) < (i+1)*20 {
			return nil, errors.New("short cross-reference table")
		}
		e := table[i*20 : i*20+20]
		if e[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off >= len(data) {
			return nil, fmt.Errorf("bad cross-reference entry %q", e)
		}
		o, err := parsePDFObj(data[off:], i)
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", i, err)
		}
		d.objs[i] = o
	}
	tr := pdfTrailerRE.FindIndex(data[at:])
	if tr == nil {
		return nil, errors.New("no trailer")
	}
	trailer := data[at+tr[0]:]
	if m := pdfRootRE.FindSubmatch(trailer); m != nil {
		d.root, _ = strconv.Atoi(string(m[1]))
	}
	if m := pdfInfoRE.FindSubmatch(trailer); m != nil {
		d.info, _ = strconv.Atoi(string(m[1]))
	}
	cat := d.objs[d.root]
	if cat == nil {
		return nil, errors.New("no catalog")
	}
	if m := pdfPagesRefRE.FindSubmatch(cat.head); m != nil {
		d.pagesRoot, _ = strconv.Atoi(string(m[1]))
	}
	if m := pdfLangRE.FindSubmatch(cat.head); m != nil {
		d.lang = m[1]
	}
	if err := d.walkPages(d.pagesRoot, 0); err != nil {
		return nil, err
	}
	pageIndex := map[int]int{}
	for i, p := range d.pages {
		pageIndex[p] = i
	}
	if m := pdfDestsRefRE.FindSubmatch(cat.head); m != nil {
		n, _ := strconv.Atoi(string(m[1]))
		if o := d.objs[n]; o != nil {
			for _, e := range pdfEntryRE.FindAllSubmatch(o.head, -1) {
				d.destEntries = append(d.destEntries, [2][]byte{e[1], e[2]})
				if r := pdfRefInRE.FindSubmatch(e[2]); r != nil {
					p, _ := strconv.Atoi(string(r[1]))
					if i, ok := pageIndex[p]; ok {
						d.dests[string(e[1])] = i
					}
				}
			}
		}
	}
	return d, nil
}

// parsePDFObj reads "N 0 obj … endobj" at the start of b.
func parsePDFObj(b []byte, num int) (*pdfObj, error) {
	h := pdfObjHeadRE.FindSubmatchIndex(b)
	if h == nil || string(b[h[2]:h[3]]) != strconv.Itoa(num) {
		return nil, errors.New("no object where the cross-reference table points")
	}
	rest := b[h[1]:]
	end := pdfValueEnd(rest)
	if end < 0 {
		return nil, errors.New("unterminated value")
	}
	o := &pdfObj{head: bytes.TrimRight(rest[:end], " \r\n")}
	after := rest[end:]
	trimmed := bytes.TrimLeft(after, " \r\n")
	if bytes.HasPrefix(trimmed, []byte("stream")) {
		m := pdfLengthRE.FindSubmatch(o.head)
		if m == nil || len(m[2]) > 0 {
			return nil, errors.New("a stream without a direct /Length")
		}
		length, _ := strconv.Atoi(string(m[1]))
		start := len(after) - len(trimmed) + len("stream")
		if bytes.HasPrefix(after[start:], []byte("\r\n")) {
			start += 2
		} else if bytes.HasPrefix(after[start:], []byte("\n")) {
			start++
		}
		stop := start + length
		if stop > len(after) {
			return nil, errors.New("stream past the end of the file")
		}
		tail := bytes.TrimLeft(after[stop:], " \r\n")
		if !bytes.HasPrefix(tail, []byte("endstream")) {
			return nil, errors.New("no endstream after the stream's /Length bytes")
		}
		o.stream = append([]byte("stream\n"), after[start:stop]...)
		o.stream = append(o.stream, "\nendstream"...)
		after = tail[len("endstream"):]
	}
	if !bytes.HasPrefix(bytes.TrimLeft(after, " \r\n"), []byte("endobj")) {
		return nil, errors.New("no endobj")
	}
	return o, nil
}

// pdfValueEnd is where the value at the start of b ends: after its
// outermost dictionary or array, or at "stream"/"endobj" for a plain
// value; strings are skipped whole. -1 when it does not end.
func pdfValueEnd(b []byte) int {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '(':
			j := pdfStringEnd(b, i)
			if j < 0 {
				return -1
			}
			i = j - 1
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			depth++
			i++
		case c == '>' && i+1 < len(b) && b[i+1] == '>':
			depth--
			i++
			if depth == 0 {
				return i + 1
			}
		case c == '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return -1
			}
			i += j
		case c == '[':
			depth++
		case c == ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		case depth == 0 && (bytes.HasPrefix(b[i:], []byte("endobj")) || bytes.HasPrefix(b[i:], []byte("stream"))):
			return i
		}
	}
	return -1
}

// pdfStringEnd is the index after the literal string starting at b[i].
func pdfStringEnd(b []byte, i int) int {
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return -1
}

// mapRefs rewrites each "N 0 R" outside strings through f.
func mapRefs(b []byte, f func(int) int) []byte {
	var out []byte
	plain := func(s []byte) {
		out = append(out, pdfRefInRE.ReplaceAllFunc(s, func(m []byte) []byte {
			n, _ := strconv.Atoi(string(pdfRefInRE.FindSubmatch(m)[1]))
			return []byte(strconv.Itoa(f(n)) + " 0 R")
		})...)
	}
	last := 0
	for i := 0; i < len(b); i++ {
		if b[i] != '(' {
			continue
		}
		j := pdfStringEnd(b, i)
		if j < 0 {
			break
		}
		plain(b[last:i])
		out = append(out, b[i:j]...)
		last, i = j, j-1
	}
	plain(b[last:])
	return out
}

func (d *pdfDoc) walkPages(n, depth int) error {
	o := d.objs[n]
	if o == nil || depth > 64 {
		return fmt.Errorf("page tree node %d is missing", n)
	}
	if !pdfPagesRE.Match(o.head) {
		d.pages = append(d.pages, n)
		return nil
	}
	if m := pdfKidsRE.FindSubmatch(o.head); m != nil {
		for _, r := range pdfRefRE.FindAllSubmatch(m[1], -1) {
			k, _ := strconv.Atoi(string(r[1]))
			if err := d.walkPages(k, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// mergePDFs joins the PDFs of a book's parts, in order, into one.
func mergePDFs(parts []*pdfDoc) []byte {
	// Every anchor of every part, first one wins, as in one document.
	destOwner := map[string]bool{}
	type entry struct{ name, array []byte }
	var entries []entry
	next := 1
	newNum := make([]map[int]int, len(parts))
	var order [][2]int // part, old number: the objects in the order written
	for pi, d := range parts {
		newNum[pi] = map[int]int{}
		// The objects the pages, the anchors and (for the first part)
		// the document information reach, breadth first from them.
		queue := []int{d.pagesRoot}
		if pi == 0 && d.info != 0 {
			queue = append(queue, d.info)
		}
		for _, e := range d.destEntries {
			for _, r := range pdfRefInRE.FindAllSubmatch(e[1], -1) {
				n, _ := strconv.Atoi(string(r[1]))
				queue = append(queue, n)
			}
		}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			if _, done := newNum[pi][n]; done || d.objs[n] == nil {
				continue
			}
			newNum[pi][n] = next
			next++
			order = append(order, [2]int{pi, n})
			mapRefs(d.objs[n].head, func(k int) int { queue = append(queue, k); return k })
		}
		for _, e := range d.destEntries {
			if destOwner[string(e[0])] {
				continue
			}
			destOwner[string(e[0])] = true
			entries = append(entries, entry{e[0], mapRefs(e[1], func(k int) int { return newNum[pi][k] })})
		}
	}
	pagesNum, destsNum, catalogNum := next, next+1, next+2

	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xd3\xeb\xe9\xe1\n")
	offsets := make([]int, catalogNum+1)
	write := func(n int, head, stream []byte) {
		offsets[n] = out.Len()
		out.WriteString(strconv.Itoa(n) + " 0 obj\n")
		out.Write(head)
		if stream != nil {
			out.WriteByte(' ')
			out.Write(stream)
		}
		out.WriteString("\nendobj\n")
	}
	total := 0
	var kids []byte
	for _, oi := range order {
		pi, n := oi[0], oi[1]
		d := parts[pi]
		head := mapRefs(d.objs[n].head, func(k int) int { return newNum[pi][k] })
		if n == d.pagesRoot {
			// Each part's page tree hangs from the joined one.
			head = append([]byte("<</Parent "+strconv.Itoa(pagesNum)+" 0 R\n"), bytes.TrimPrefix(head, []byte("<<"))...)
			kids = append(kids, strconv.Itoa(newNum[pi][n])+" 0 R "...)
			total += len(d.pages)
		}
		// A link to another part's file, at one of the book's anchors,
		// becomes a link to that anchor.
		head = pdfURIActionRE.ReplaceAllFunc(head, func(m []byte) []byte {
			u, err := url.Parse(string(pdfURIActionRE.FindSubmatch(m)[1]))
			if err != nil || u.Scheme != "file" {
				return m
			}
			frag, _, _ := bytes.Cut([]byte(u.Fragment), []byte("#"))
			if !destOwner[string(frag)] {
				return m
			}
			return append([]byte("/Dest /"), frag...)
		})
		write(newNum[pi][n], head, d.objs[n].stream)
	}
	write(pagesNum, []byte("<</Type /Pages\n/Count "+strconv.Itoa(total)+"\n/Kids ["+string(bytes.TrimSpace(kids))+"]>>"), nil)
	slices.SortFunc(entries, func(a, b entry) int { return bytes.Compare(a.name, b.name) })
	var dests bytes.Buffer
	dests.WriteString("<<")
	for i, e := range entries {
		if i > 0 {
			dests.WriteByte('\n')
		}
		dests.WriteString("/" + string(e.name) + " " + string(e.array))
	}
	dests.WriteString(">>")
	write(destsNum, dests.Bytes(), nil)
	catalog := "<</Type /Catalog\n/Pages " + strconv.Itoa(pagesNum) + " 0 R\n/Dests " + strconv.Itoa(destsNum) + " 0 R\n" +
		"/ViewerPreferences <</Type /ViewerPreferences\n/DisplayDocTitle true>>"
	if parts[0].lang != nil {
		catalog += "\n/Lang " + string(parts[0].lang)
	}
	write(catalogNum, []byte(catalog+">>"), nil)

	xref := out.Len()
	out.WriteString("xref\n0 " + strconv.Itoa(catalogNum+1) + "\n0000000000 65535 f \n")
	for n := 1; n <= catalogNum; n++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[n])
	}
	out.WriteString("trailer\n<</Size " + strconv.Itoa(catalogNum+1) + "\n/Root " + strconv.Itoa(catalogNum) + " 0 R")
	if parts[0].info != 0 {
		out.WriteString("\n/Info " + strconv.Itoa(newNum[0][parts[0].info]) + " 0 R")
	}
	out.WriteString(">>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF")
	return out.Bytes()
}
