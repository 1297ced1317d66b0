package repo

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// treeFile is one file of a flattened tree: path → blob and mode.
type treeFile struct {
	Hash plumbing.Hash
	Mode filemode.FileMode
}

// lazyWriterStorage is go-git's filesystem object store: it streams an
// object to a temporary file (hashing as it goes) and renames it into
// place on Close, so a blob of any size never sits in memory whole.
type lazyWriterStorage interface {
	LazyWriter() (io.WriteCloser, func(plumbing.ObjectType, int64) error, error)
}

// writeBlobFrom stores size bytes read from r as a blob and returns the hash
// of what was written. The hash is computed from the bytes written, so a
// file changing underneath can never produce an object whose name does not
// match its content.
func (r *Repo) writeBlobFrom(src io.Reader, size int64) (plumbing.Hash, error) {
	lw, ok := any(r.st).(lazyWriterStorage)
	if !ok {
		b, err := io.ReadAll(io.LimitReader(src, size))
		if err != nil {
			return plumbing.ZeroHash, err
		}
		return r.writeBlobBytes(b)
	}
	w, writeHeader, err := lw.LazyWriter()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if err := writeHeader(plumbing.BlobObject, size); err != nil {
		w.Close()
		return plumbing.ZeroHash, err
	}
	n, err := io.CopyN(w, src, size)
	if err != nil {
		w.Close()
		if errors.Is(err, io.EOF) {
			return plumbing.ZeroHash, fmt.Errorf("the file got shorter while it was read (%d of %d bytes); try again", n, size)
		}
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	h, ok := w.(interface{ Hash() plumbing.Hash })
	if !ok {
		return plumbing.ZeroHash, errors.New("internal error: go-git's object writer does not report its hash")
	}
	return h.Hash(), nil
}

// writeBlobBytes stores b as a blob unless it is there already.
func (r *Repo) writeBlobBytes(b []byte) (plumbing.Hash, error) {
	obj := &plumbing.MemoryObject{}
	obj.SetType(plumbing.BlobObject)
	if _, err := obj.Write(b); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.storeObject(obj)
}

// storeObject writes obj unless an object with its hash exists.
func (r *Repo) storeObject(obj *plumbing.MemoryObject) (plumbing.Hash, error) {
	h := obj.Hash()
	if r.st.HasEncodedObject(h) == nil {
		return h, nil
	}
	return r.st.SetEncodedObject(obj)
}

// hashFile returns the blob hash of size bytes of f without storing it.
func hashFile(f io.Reader, size int64) (plumbing.Hash, error) {
	h := plumbing.NewHasher(plumbing.BlobObject, size)
	n, err := io.CopyN(h, f, size)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return plumbing.ZeroHash, fmt.Errorf("the file got shorter while it was read (%d of %d bytes); try again", n, size)
		}
		return plumbing.ZeroHash, err
	}
	return h.Sum(), nil
}

// writeTrees stores the trees for files (slash paths) and returns the root
// tree's hash. Trees already stored are not written again, so an
// unchanged folder costs one hash.
func (r *Repo) writeTrees(files map[string]treeFile) (plumbing.Hash, error) {
	type node struct {
		files map[string]treeFile
		dirs  map[string]*node
	}
	newNode := func() *node { return &node{files: map[string]treeFile{}, dirs: map[string]*node{}} }
	root := newNode()
	for p, f := range files {
		n := root
		parts := strings.Split(p, "/")
		for _, d := range parts[:len(parts)-1] {
			c := n.dirs[d]
			if c == nil {
				c = newNode()
				n.dirs[d] = c
			}
			n = c
		}
		n.files[parts[len(parts)-1]] = f
	}
	var write func(n *node) (plumbing.Hash, error)
	write = func(n *node) (plumbing.Hash, error) {
		entries := make([]object.TreeEntry, 0, len(n.files)+len(n.dirs))
		for name, f := range n.files {
			entries = append(entries, object.TreeEntry{Name: name, Mode: f.Mode, Hash: f.Hash})
		}
		for name, c := range n.dirs {
			h, err := write(c)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
		}
		sort.Sort(object.TreeEntrySorter(entries))
		obj := &plumbing.MemoryObject{}
		if err := (&object.Tree{Entries: entries}).Encode(obj); err != nil {
			return plumbing.ZeroHash, err
		}
		return r.storeObject(obj)
	}
	h, err := write(root)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("writing the folder structure of the version: %w", err)
	}
	return h, nil
}

// flatten lists every file of the tree h as path → blob. A zero hash is
// the empty tree.
func (r *Repo) flatten(h plumbing.Hash) (map[string]treeFile, error) {
	out := map[string]treeFile{}
	if h.IsZero() {
		return out, nil
	}
	var walk func(h plumbing.Hash, prefix string) error
	walk = func(h plumbing.Hash, prefix string) error {
		t, err := object.GetTree(r.st, h)
		if err != nil {
			return fmt.Errorf("reading folder %q of a version: %w", prefix, err)
		}
		for _, e := range t.Entries {
			p := path.Join(prefix, e.Name)
			if e.Mode == filemode.Dir {
				if err := walk(e.Hash, p); err != nil {
					return err
				}
				continue
			}
			out[p] = treeFile{Hash: e.Hash, Mode: e.Mode}
		}
		return nil
	}
	return out, walk(h, "")
}

// commitTree returns the root tree of commit c (zero for a zero commit).
func (r *Repo) commitTree(c plumbing.Hash) (plumbing.Hash, error) {
	if c.IsZero() {
		return plumbing.ZeroHash, nil
	}
	cm, err := object.GetCommit(r.st, c)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("reading version %s: %w", c.String()[:7], err)
	}
	return cm.TreeHash, nil
}

// writeCommit stores a commit of tree with parents and returns its hash.
func (r *Repo) writeCommit(tree plumbing.Hash, parents []plumbing.Hash, a Author, message string) (plumbing.Hash, error) {
	now := time.Now()
	sig := object.Signature{Name: a.Name, Email: a.Email, When: now}
	if !strings.HasSuffix(message, "\n") {
		message += "\n"
	}
	c := &object.Commit{
		Author:       sig,
		Committer:    sig,
		Message:      message,
		TreeHash:     tree,
		ParentHashes: parents,
	}
	obj := &plumbing.MemoryObject{}
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("encoding the version: %w", err)
	}
	h, err := r.storeObject(obj)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("writing the version: %w", err)
	}
	return h, nil
}

// blobContent reads a blob whole.
func (r *Repo) blobContent(h plumbing.Hash) ([]byte, error) {
	b, err := object.GetBlob(r.st, h)
	if err != nil {
		return nil, err
	}
	rd, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	var buf bytes.Buffer
	_, err = io.Copy(&buf, rd)
	return buf.Bytes(), err
}

// openRegular opens a file for reading and returns its information.
func openRegular(p string) (*os.File, os.FileInfo, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}
