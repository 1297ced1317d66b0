package publish

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/coursewright/coursewright/course"
)

// manifestFile, in the site folder, records what the last build wrote and
// from which inputs, so the next build redoes only what changed and knows
// which files are its own.
const manifestFile = ".coursewright-build.json"

// manifestVersion changes when the manifest's meaning does; a manifest of
// another version makes the next build start afresh (but still lets it
// remove the files that manifest lists).
const manifestVersion = 1

// manifest is the content of manifestFile. Maps are written with sorted
// keys and nothing in it depends on time or on where the course is, so
// the same course gives the same manifest.
type manifest struct {
	Version int                  `json:"version"`
	Theme   string               `json:"theme"`
	Outputs map[string]*outEntry `json:"outputs"` // by slash path in the site folder

	spool *searchSpool // where the search text of this build's pages is
}

// outEntry is one file of the site.
type outEntry struct {
	// In hashes every input of a generated file (page source, the titles
	// and links its navigation shows, site-wide settings, theme); empty
	// for files copied from the course, which are compared by size, time
	// and content instead.
	In digest `json:"in,omitzero"`
	// Out hashes the bytes written, and Size is their length.
	Out  digest `json:"out,omitzero"`
	Size int64  `json:"size,omitempty"`
	// Search is the page's entry in the search index, kept so that a page
	// that is not rendered again still appears in it.
	Search *searchText `json:"search,omitempty"`
	// Diags are the page's render diagnostics, reported again by builds
	// that skip it.
	Diags []course.Diagnostic `json:"diags,omitempty"`

	// spooled is where Search is in the build's spool, for the pages
	// this build rendered (their Search is nil).
	spooled spoolRef
}

func newManifest(theme string) *manifest {
	return &manifest{Version: manifestVersion, Theme: theme, Outputs: map[string]*outEntry{}}
}

// readManifest reads the site folder's manifest, and returns it with the
// hash of its bytes (which tell whether the next one is the same). A
// missing one is nil; an unreadable or foreign one is an error.
func readManifest(dir string) (*manifest, string, error) {
	data, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("read build manifest: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, "", fmt.Errorf("read build manifest %s: %w", filepath.Join(dir, manifestFile), err)
	}
	if m.Outputs == nil {
		m.Outputs = map[string]*outEntry{}
	}
	hw := &hashWriter{h: newHasher()}
	hw.Write(data)
	return &m, hw.sum(), nil
}

// encodeTo writes the manifest as JSON with one output per line, in path
// order, so that it is readable and diffs well. It streams: the manifest
// of a large course (every page's search text) is never held whole in
// memory.
func (m *manifest) encodeTo(w io.Writer) error {
	b := bufio.NewWriterSize(w, 64<<10)
	theme, _ := json.Marshal(m.Theme)
	fmt.Fprintf(b, "{\n\"version\": %d,\n\"theme\": %s,\n\"outputs\": {", m.Version, theme)
	for i, k := range sortedKeys(m.Outputs) {
		key, err := json.Marshal(k)
		if err != nil {
			return err
		}
		e := m.Outputs[k]
		if e.Search == nil && e.spooled.n > 0 {
			st, err := m.spool.searchOf(e)
			if err != nil {
				return err
			}
			withText := *e
			withText.Search = st
			e = &withText
		}
		val, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n")
		b.Write(key)
		b.WriteString(": ")
		b.Write(val)
	}
	b.WriteString("\n}\n}\n")
	return b.Flush()
}

// write saves the manifest unless the folder's copy, whose bytes hash to
// oldSum, is the same. The hash is worked out first, without writing.
func (m *manifest) write(dir string, oldSum string) error {
	h := &hashWriter{h: newHasher()}
	if err := m.encodeTo(h); err != nil {
		return err
	}
	if oldSum != "" && h.sum() == oldSum {
		return nil
	}
	w := &writer{root: dir}
	f, commit, err := w.create(manifestFile, true)
	if err != nil {
		return err
	}
	return commit(m.encodeTo(f))
}

// hashWriter hashes what is written to it as hashBytes hashes a slice.
type hashWriter struct {
	h *hasher
	n uint64
	// The length prefix hashBytes puts first is not known until the end,
	// so the bytes are hashed on their own and the length is added last.
}

func (w *hashWriter) Write(p []byte) (int, error) {
	w.h.h.Write(p)
	w.n += uint64(len(p))
	return len(p), nil
}

func (w *hashWriter) sum() string {
	binary.LittleEndian.PutUint64(w.h.buf[:], w.n)
	w.h.h.Write(w.h.buf[:])
	return w.h.sum()
}

// hasher hashes a sequence of values unambiguously (each string is
// length-prefixed).
type hasher struct {
	h   hash.Hash
	buf [8]byte
}

func newHasher() *hasher { return &hasher{h: sha256.New()} }

func (h *hasher) str(ss ...string) *hasher {
	for _, s := range ss {
		binary.LittleEndian.PutUint64(h.buf[:], uint64(len(s)))
		h.h.Write(h.buf[:])
		h.h.Write([]byte(s))
	}
	return h
}

func (h *hasher) bytes(b []byte) *hasher {
	binary.LittleEndian.PutUint64(h.buf[:], uint64(len(b)))
	h.h.Write(h.buf[:])
	h.h.Write(b)
	return h
}

func (h *hasher) num(n int) *hasher {
	binary.LittleEndian.PutUint64(h.buf[:], uint64(n))
	h.h.Write(h.buf[:])
	return h
}

func (h *hasher) flag(b bool) *hasher {
	if b {
		return h.num(1)
	}
	return h.num(0)
}

func (h *hasher) link(l link) *hasher { return h.str(l.Title, l.URL).flag(l.Draft) }

// sum is the first 128 bits of the hash, in hex: plenty to tell versions
// of one file apart, and half the manifest size of the full hash.
func (h *hasher) sum() string {
	return hex.EncodeToString(h.h.Sum(nil)[:16])
}

func hashBytes(b []byte) string { return newHasher().bytes(b).sum() }

// digest is what sum writes in hex, kept as bytes: the manifest entries
// of a large site hold two each, and as strings they were 64 bytes of
// heap a page more.
type digest [16]byte

func (h *hasher) digest() digest {
	var d digest
	copy(d[:], h.h.Sum(nil))
	return d
}

func hashDigest(b []byte) digest { return newHasher().bytes(b).digest() }

func (d digest) isZero() bool { return d == digest{} }

// MarshalText writes d as sum does, so manifests keep their format.
func (d digest) MarshalText() ([]byte, error) {
	return hex.AppendEncode(nil, d[:]), nil
}

func (d *digest) UnmarshalText(text []byte) error {
	if hex.DecodedLen(len(text)) != len(d) {
		return fmt.Errorf("a hash of %d characters, not %d", len(text), hex.EncodedLen(len(d)))
	}
	_, err := hex.Decode(d[:], text)
	return err
}
