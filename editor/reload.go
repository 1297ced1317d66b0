package editor

import (
	"context"
	"errors"
	"slices"

	"fyne.io/fyne/v2"

	"github.com/coursewright/coursewright/course"
)

// staleRetries is how many times a re-read of the folder is made again
// when the author saved while it ran, before it says so.
const staleRetries = 3

// prepareReload starts a re-read of the course folder (UI thread): what
// the editor holds goes into the course first, then the course's file
// stamps are copied for ReloadScan.Scan, which may run anywhere.
func (v *CourseView) prepareReload() *course.ReloadScan {
	v.Flush()
	return v.c.PrepareReload()
}

// ReloadFolder brings the course up to date with its folder after
// something outside the editor changed it (a restore, a publish that
// merged a co-author's work, another program), without holding the UI
// thread: the folder is read on a goroutine and only the result is put
// into the course here, then shown (Reloaded). done, when not nil, gets
// the result on the UI thread. Closing the view stops the read.
func (v *CourseView) ReloadFolder(done func(course.ReloadResult, error)) {
	v.ReloadFolderContext(context.Background(), done)
}

// ReloadFolderContext is ReloadFolder that stops reading when ctx is
// done (the author stopped it): done then gets ctx's error, and the course
// stays as it was.
func (v *CourseView) ReloadFolderContext(ctx context.Context, done func(course.ReloadResult, error)) {
	v.reloadFolder(ctx, v.prepareReload(), nil, staleRetries, done)
}

// reloadFolder scans s (prepared from the course on the UI thread) in the
// background until ctx or the view's life ends, or takes the result of a
// scan already made when scanned, then applies it.
func (v *CourseView) reloadFolder(ctx context.Context, s *course.ReloadScan, scanned *error, retries int, done func(course.ReloadResult, error)) {
	if scanned != nil {
		v.applyReload(ctx, s, *scanned, retries, done)
		return
	}
	v.reloading++
	v.checks.Add(1)
	scanCtx, stop := context.WithCancel(ctx)
	unlink := context.AfterFunc(v.life, stop)
	go func() {
		defer v.checks.Done()
		err := s.Scan(scanCtx)
		unlink()
		stop()
		if v.closed.Load() {
			return
		}
		fyne.Do(func() {
			if v.closed.Load() {
				return
			}
			v.reloading--
			v.applyReload(ctx, s, err, retries, done)
		})
	}()
}

// applyScan puts a re-read of the folder, prepared with prepareReload and
// scanned off the UI thread (with the work that changed the folder), into
// the course and shows it; scanErr is what the scan returned. done, when
// not nil, gets the result.
func (v *CourseView) applyScan(s *course.ReloadScan, scanErr error, done func(course.ReloadResult, error)) {
	v.reloadFolder(context.Background(), s, &scanErr, staleRetries, done)
}

// applyReload is the UI thread's part of a re-read: pointers only. When
// the author saved while the folder was read, the read is made again.
func (v *CourseView) applyReload(ctx context.Context, s *course.ReloadScan, scanErr error, retries int, done func(course.ReloadResult, error)) {
	var res course.ReloadResult
	err := scanErr
	if err == nil && ctx.Err() != nil {
		err = ctx.Err() // stopped as the scan ended: nothing is applied
	}
	if err == nil {
		v.Flush()
		res, err = v.c.ApplyReload(s)
		if errors.Is(err, course.ErrReloadStale) && retries > 0 {
			v.reloadFolder(ctx, v.prepareReload(), nil, retries-1, done)
			return
		}
	}
	if err == nil {
		v.Reloaded(res)
	}
	if done != nil {
		done(res, err)
	}
}

// SetBodies replaces the text of pages, by path: restoring a journal, or
// taking another program's version. The open page's change is one undo
// step in the editor; nothing is saved.
func (v *CourseView) SetBodies(bodies map[string]string) {
	v.Flush()
	for path, body := range bodies {
		if p := v.c.PageByPath(path); p != nil {
			p.SetBody(body)
		}
	}
	if p := v.Page.page; p != nil {
		if body, ok := bodies[p.Path]; ok {
			old := v.Page.Text.Text()
			c := diffChange(0, old, body)
			v.Page.Text.Replace(c.at, c.old, c.new)
		}
	}
	v.changed()
}

// Reloaded updates the view after course.Reload read files another
// program changed. Pages re-read in place show their new text; when the
// whole course was re-read, every page is new and the undo history,
// which points at the old ones, is dropped.
func (v *CourseView) Reloaded(res course.ReloadResult) {
	open := v.Page.page
	if res.Structure && len(res.Conflicts) == 0 {
		v.hist.clear()
		v.Page.page = nil
		var p *course.Page
		if open != nil {
			p = v.c.PageByPath(open.Path)
		}
		if p == nil {
			p = v.firstPage()
		}
		if p != nil {
			v.Page.open(v.c, p)
			v.Preview.ShowPage(v.c, p, p.Body())
		}
		v.refreshTree()
		return
	}
	if open != nil && slices.Contains(res.Changed, open.Path) {
		v.Page.Text.SetText(open.Body())
		v.Page.Title.SetText(open.Title())
		v.Preview.ShowPage(v.c, open, open.Body())
	}
	if len(res.Changed) > 0 {
		v.refreshTreeRows(res.Changed)
		v.runCheck()
	}
}
