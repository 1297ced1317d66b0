package repo

import (
	"context"
	"fmt"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Dates are when the first and the newest version on the current branch
// were made (author dates); both zero in a folder without versions. It
// reads only the commits, not their changes, so it is cheap on long
// histories too.
func (r *Repo) Dates(ctx context.Context) (first, last time.Time, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.git == nil {
		return first, last, nil
	}
	_, head, err := r.head()
	if err != nil || head.IsZero() {
		return first, last, err
	}
	iter, err := r.git.Log(&git.LogOptions{From: head})
	if err != nil {
		return first, last, fmt.Errorf("reading the history of %s: %w", r.dir, err)
	}
	defer iter.Close()
	err = iter.ForEach(func(c *object.Commit) error {
		if err := checkCtx(ctx); err != nil {
			return err
		}
		w := c.Author.When
		if first.IsZero() || w.Before(first) {
			first = w
		}
		if w.After(last) {
			last = w
		}
		return nil
	})
	return first, last, err
}
