package course

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// A course loaded for a build holds every page's text from the load to
// the end: about 2 KB a page for a one-page module of 200 words, two
// thirds of what the course model costs a page, and twice that in
// resident memory once the collector's headroom is counted. A build
// needs a page's body only while it renders (and hashes) that page; its
// front matter (title, permalink, dates) is what the menus, indexes and
// other pages' links need of it. KeepBodiesOnDisk lets such a course
// drop the text of every page read from a file and not edited, and read
// it back from the file whenever asked.

// diskText is where a page whose text was dropped reads it back: its
// file, as it was when loaded. It does not change once made (a page copy
// shares it), except for the error of the last read.
type diskText struct {
	dir     string    // the course's folder (Course.Dir, shared)
	size    int64     // its size when loaded
	mod     time.Time // its modification time when loaded
	bodyAt  int       // where the body starts in the text
	heading string    // HeadingTitle, worked out once: menus ask for it often
	secret  string    // SecretContent's verdict on the text, worked out once

	mu     sync.Mutex
	err    error  // the last read's failure; nil once a read succeeds
	holds  int    // Hold calls not released yet
	held   string // the text read while held ("" and heldAt 0 when not)
	heldAt int
	heldOK bool
}

// KeepBodiesOnDisk drops the text of every page read from a file and not
// edited since (its body and the file's bytes): Body, Bytes and the rest
// read it from the file when asked. Front matter stays in memory. For a
// course that is read many pages at a time and edited seldom, as a build
// reads one: memory then no longer grows with what the pages say. Pages
// with a byte-order mark or CRLF line ends keep their text (their body
// is not a slice of the file). An edit reads the page's text back before
// it changes anything, so edits and Save work as before.
//
// When a page's file changed since the load or cannot be read, the body
// is "" and BodyError says why (a changed text would go unchecked for
// secrets, under the old front matter).
func (c *Course) KeepBodiesOnDisk() {
	for _, p := range c.AllPages() {
		if p.src != nil || p.dirty || !p.saved || p.loadedPath != p.Path || p.bom || p.crlf || !strings.HasSuffix(p.orig, p.body) {
			continue
		}
		st, ok := c.stamps[p.Path]
		if !ok || st.size != int64(len(p.orig)) {
			continue
		}
		heading := p.HeadingTitle()
		secret := SecretContent(p.Path, []byte(p.orig))
		p.src = &diskText{
			dir:     c.Dir,
			size:    st.size,
			mod:     st.mod,
			bodyAt:  len(p.orig) - len(p.body),
			heading: heading,
			secret:  secret,
		}
		// The delimiter lines are slices of the text too: copied, they
		// no longer keep all of it alive.
		p.orig, p.body = "", ""
		p.open, p.close = ownLine(p.open), ownLine(p.close)
	}
}

// ownLine is a delimiter line that shares no memory with a page's text.
func ownLine(s string) string {
	if s == "---\n" {
		return "---\n"
	}
	return strings.Clone(s)
}

// read gives the page's file text and where its body starts ("" and 0
// when the file is gone or changed since the load: d.err says which).
func (d *diskText) read(path string) (string, int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.heldOK {
		return d.held, d.heldAt
	}
	return d.readLocked(path)
}

// errChangedSinceLoad is the read of a dropped text whose file changed
// since the course was read: its front matter (title, permalink) and the
// secret check were of the old text, so the new one is not used.
var errChangedSinceLoad = errors.New("the file changed after the course was read; run the build again")

// readLocked is read with d.mu held.
func (d *diskText) readLocked(path string) (string, int) {
	text, same, err := d.readFile(filepath.Join(d.dir, filepath.FromSlash(path)))
	if err == nil && !same {
		err = errChangedSinceLoad
	}
	d.err = err
	if err != nil {
		return "", 0
	}
	return text, d.bodyAt
}

// readFile reads the file, and says whether it is still the file loaded
// (same size and time).
func (d *diskText) readFile(full string) (string, bool, error) {
	f, err := os.Open(full)
	if err != nil {
		return "", false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", false, err
	}
	if st.Size() > MaxPageSize {
		return "", false, fmt.Errorf("the file grew to %d MB since the course was read (the limit is %d MB)", st.Size()>>20, MaxPageSize>>20)
	}
	// One read into a buffer of the file's size (io.Copy would take a
	// 32 KB buffer for each read, as many as the build has workers).
	buf := make([]byte, st.Size()+1)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", false, err
	}
	text := string(buf[:n])
	same := st.Size() == d.size && st.ModTime().Equal(d.mod) && int64(n) == d.size
	return text, same, nil
}

// Hold keeps the page's text in memory until release is called, when it
// was dropped (KeepBodiesOnDisk): a render asks for a page's body and
// bytes several times, and then reads the file once. Holds nest; the
// text is dropped again when the last is released.
func (p *Page) Hold() (release func()) {
	d := p.src
	if d == nil {
		return func() {}
	}
	d.mu.Lock()
	d.holds++
	if d.holds == 1 {
		d.held, d.heldAt = d.readLocked(p.Path)
		d.heldOK = d.err == nil
	}
	d.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			d.mu.Lock()
			defer d.mu.Unlock()
			if d.holds--; d.holds == 0 {
				d.held, d.heldAt, d.heldOK = "", 0, false
			}
		})
	}
}

// BodyError is why the page's text could not be read back from its file
// the last time it was asked for (see KeepBodiesOnDisk); nil when it was,
// or when the page holds its text.
func (p *Page) BodyError() error {
	if p.src == nil {
		return nil
	}
	p.src.mu.Lock()
	defer p.src.mu.Unlock()
	return p.src.err
}

// origText is the page's text as on disk when loaded or last saved.
func (p *Page) origText() string {
	if p.src != nil {
		text, _ := p.src.read(p.Path)
		return text
	}
	return p.orig
}

// holdText reads a page's dropped text back into memory, before an edit
// changes it.
func (p *Page) holdText() {
	if p.src == nil {
		return
	}
	text, same, err := p.src.readFile(filepath.Join(p.src.dir, filepath.FromSlash(p.Path)))
	switch {
	case err != nil: // gone: Save's check against the disk says so
		p.orig, p.body = "", ""
	case same:
		p.orig, p.body = text, text[p.src.bodyAt:]
	default: // changed: the edit is of the file as it is now
		np, _ := parsePage(p.Path, text)
		p.orig, p.body = text, np.body
	}
	p.src = nil
}
