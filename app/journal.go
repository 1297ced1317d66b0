package app

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/coursewright/coursewright/course"
)

// The journal keeps the text typed since the last save, so that a crash,
// a kill or a power cut loses at most the last quarter of a second of
// work. It lives in the app's storage, never in the course folder: it
// must not be published, committed or picked up by Jekyll.
//
// A course's journal is a log, one JSON record a line, only ever appended
// to and synced after each append: a record written is on disk, and a
// kill in the middle of an append damages nothing before it (the torn
// last line is ignored when reading). The first record holds whole page
// texts; the ones after hold what changed, as one splice per page, so
// that typing into a long page writes bytes, not the page, four times a
// second. When the log grows past a few times the text it holds, it is
// rewritten compactly (atomically, with a sync) and appended to again.

// JournalInterval is the longest a change waits before it is appended
// to the journal while typing goes on: the journal's write is a
// throttle, not a debounce, so continuous typing never holds it back.
// With the time to take the text and sync the file, every change is on
// disk within JournalBound.
const JournalInterval = 50 * time.Millisecond

// JournalBound is what the journal promises: every change is on disk
// this long after it was made, however long the typing goes on.
const JournalBound = 250 * time.Millisecond

// journalEntry is what a course's journal holds once read.
type journalEntry struct {
	Dir     string            // the course folder
	Written time.Time         // when the last record was written
	Pages   map[string]string // unsaved page bodies by path
}

// journalRecord is one line of the log. A record with Body set gives a
// page's whole text; one with Splice set changes a page's text: Del bytes
// at At are replaced by Ins. Gone says a page has nothing unsaved any
// more. The first record of a file also names the course folder.
type journalRecord struct {
	Dir     string    `json:"dir,omitempty"`
	Written time.Time `json:"t"`
	Path    string    `json:"path,omitempty"`
	Body    *string   `json:"body,omitempty"`
	Splice  bool      `json:"splice,omitempty"`
	At      int       `json:"at,omitempty"`
	Del     int       `json:"del,omitempty"`
	Ins     string    `json:"ins,omitempty"`
	Gone    bool      `json:"gone,omitempty"`
}

// journal reads and writes recovery files in one folder.
type journal struct{ root string }

// path is the recovery file of a course folder: a hash of the folder's
// absolute path, which is unique and safe as a file name.
func (j journal) path(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(j.root, hex.EncodeToString(sum[:12])+".journal")
}

// snapshotRecords is a whole journal holding pages, paths in order.
func snapshotRecords(dir string, pages map[string]string, now time.Time) []byte {
	var buf bytes.Buffer
	buf.Write(mustLine(journalRecord{Dir: dir, Written: now}))
	paths := make([]string, 0, len(pages))
	for p := range pages {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		body := pages[p]
		buf.Write(mustLine(journalRecord{Written: now, Path: p, Body: &body}))
	}
	return buf.Bytes()
}

// mustLine is a record as one line of JSON. Marshalling these plain
// structs cannot fail.
func mustLine(r journalRecord) []byte {
	b, err := json.Marshal(r)
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}

// read returns the journal of a course folder; ok is false when there is
// none or it holds nothing unsaved. A damaged record ends the reading:
// what came before it is still returned (a kill in the middle of an
// append tears only the last line).
func (j journal) read(dir string) (journalEntry, bool) {
	e, ok := j.readFile(filepath.Base(j.path(dir)))
	if ok && e.Dir == "" {
		e.Dir = dir
	}
	return e, ok
}

// readFile reads the journal file of that name.
func (j journal) readFile(name string) (journalEntry, bool) {
	f, err := os.Open(filepath.Join(j.root, name))
	if err != nil {
		return journalEntry{}, false
	}
	defer f.Close()
	e := journalEntry{Pages: map[string]string{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 256<<20)
	for sc.Scan() {
		var r journalRecord
		if json.Unmarshal(sc.Bytes(), &r) != nil || !e.apply(r) {
			break
		}
	}
	if len(e.Pages) == 0 {
		return journalEntry{}, false
	}
	return e, true
}

// apply plays one record onto the entry; false when it does not fit (a
// splice outside its page's text), which ends the reading.
func (e *journalEntry) apply(r journalRecord) bool {
	if r.Dir != "" {
		e.Dir = r.Dir
	}
	if !r.Written.IsZero() {
		e.Written = r.Written
	}
	switch {
	case r.Path == "":
	case r.Gone:
		delete(e.Pages, r.Path)
	case r.Body != nil:
		e.Pages[r.Path] = *r.Body
	case r.Splice:
		old, ok := e.Pages[r.Path]
		if !ok || r.At < 0 || r.Del < 0 || r.At+r.Del > len(old) {
			return false
		}
		e.Pages[r.Path] = old[:r.At] + r.Ins + old[r.At+r.Del:]
	}
	return true
}

func (j journal) remove(dir string) error {
	err := os.Remove(j.path(dir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// differences lists the journaled pages whose text differs from the
// course as loaded, in path order, with both texts.
func (e journalEntry) differences(c *course.Course) []pageDiff {
	var out []pageDiff
	for path, body := range e.Pages {
		p := c.PageByPath(path)
		if p == nil || p.Body() == body {
			continue
		}
		out = append(out, pageDiff{path: path, page: p, disk: p.Body(), journal: body})
	}
	sortDiffs(out)
	return out
}

// journalLog appends a window's changes to its course's journal. It
// remembers what the file holds, so that each append carries only the
// splice from there to the text now. Its methods may be called from any
// goroutine; appends are serialised and a snapshot older than the last
// one written is dropped.
type journalLog struct {
	j   journal
	dir string

	mu      sync.Mutex
	onDisk  map[string]string // what the file holds, by page path; nil: no file
	size    int64             // bytes in the file
	written uint64            // sequence number of the last snapshot written
	// seq numbers snapshots in the order the UI thread took them.
	seq uint64
}

func newJournalLog(j journal, dir string) *journalLog {
	return &journalLog{j: j, dir: dir}
}

// journalSnapshot is the unsaved text of a course at one moment.
type journalSnapshot struct {
	seq   uint64
	pages map[string]string
	at    time.Time
}

// snapshot numbers a set of unsaved pages; call it where they were taken
// (the UI thread), so that numbers follow the order of the edits.
func (l *journalLog) snapshot(pages map[string]string) journalSnapshot {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	return journalSnapshot{seq: l.seq, pages: pages, at: time.Now()}
}

// write brings the journal file up to the snapshot: appends the splices
// and syncs, rewrites it when the log has grown too long, or removes it
// when nothing is unsaved.
func (l *journalLog) write(s journalSnapshot) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s.seq <= l.written {
		return nil // a newer text is on disk already
	}
	l.written = s.seq
	if len(s.pages) == 0 {
		l.onDisk, l.size = nil, 0
		return l.j.remove(l.dir)
	}
	total := 0
	for _, b := range s.pages {
		total += len(b)
	}
	if l.onDisk == nil || l.size > int64(4*total+64<<10) {
		return l.rewrite(s)
	}
	var buf bytes.Buffer
	for _, p := range sortedKeys(l.onDisk) {
		if _, ok := s.pages[p]; !ok {
			buf.Write(mustLine(journalRecord{Written: s.at, Path: p, Gone: true}))
		}
	}
	for _, p := range sortedKeys(s.pages) {
		body := s.pages[p]
		old, had := l.onDisk[p]
		switch {
		case !had:
			buf.Write(mustLine(journalRecord{Written: s.at, Path: p, Body: &body}))
		case old != body:
			at, del, ins := splice(old, body)
			buf.Write(mustLine(journalRecord{Written: s.at, Path: p, Splice: true, At: at, Del: del, Ins: ins}))
		}
	}
	if buf.Len() == 0 {
		return nil
	}
	if err := appendSync(l.j.path(l.dir), buf.Bytes()); err != nil {
		// The file may hold part of the append: start afresh next time.
		l.onDisk = nil
		return err
	}
	l.size += int64(buf.Len())
	l.onDisk = s.pages
	return nil
}

// rewrite replaces the file with the snapshot's whole texts.
func (l *journalLog) rewrite(s journalSnapshot) error {
	data := snapshotRecords(l.dir, s.pages, s.at)
	if err := os.MkdirAll(l.j.root, 0o700); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if err := course.WriteFileAtomic(l.j.path(l.dir), data, 0o600); err != nil {
		l.onDisk = nil
		return fmt.Errorf("journal: %w", err)
	}
	l.onDisk, l.size = s.pages, int64(len(data))
	return nil
}

// forget drops what the log knows of the file (after someone else
// removed or replaced it): the next write starts a new file.
func (l *journalLog) forget() {
	l.mu.Lock()
	l.onDisk, l.size = nil, 0
	l.mu.Unlock()
}

// appendSync appends data to a file and syncs it to disk.
func appendSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return fmt.Errorf("journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return fmt.Errorf("journal: %w", err)
	}
	return f.Close()
}

// splice is the one replacement that turns a into b: the bytes both
// share at the start and at the end are kept. Typing changes one place
// at a time, so this is what was typed. Offsets are in bytes, moved to
// character boundaries: JSON cannot carry half a character.
func splice(a, b string) (at, del int, ins string) {
	n := min(len(a), len(b))
	p := 0
	for p < n && a[p] == b[p] {
		p++
	}
	for p > 0 && (p < len(a) && !utf8.RuneStart(a[p]) || p < len(b) && !utf8.RuneStart(b[p])) {
		p--
	}
	s := 0
	for s < n-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	for s > 0 && (!utf8.RuneStart(a[len(a)-s]) || !utf8.RuneStart(b[len(b)-s])) {
		s--
	}
	return p, len(a) - p - s, b[p : len(b)-s]
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ReadJournalFile reads one journal file as the app does when it starts:
// the unsaved page bodies by path. The end-to-end tests, which run the
// real app in another process, check its journal with it.
func ReadJournalFile(path string) (map[string]string, error) {
	dir, name := filepath.Split(path)
	j := journal{root: filepath.Clean(dir)}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	_ = f.Close()
	e, ok := j.readFile(name)
	if !ok {
		return map[string]string{}, nil
	}
	return e.Pages, nil
}
