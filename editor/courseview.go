// Package editor holds Coursewright's Fyne widgets: the course tree, the
// page editor and the live preview, put together in a CourseView. Every
// change they make is a call into package course; dialogs, windows and
// menus belong to package app, which the view asks through a Prompter.
package editor

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/course/selfcheck"
	"github.com/coursewright/coursewright/render"
)

// Prompter is how the view asks the author something. The app answers
// with dialogs; tests answer at once.
type Prompter interface {
	// AskText asks for one line of text; done is not called on cancel.
	AskText(title, label, initial string, done func(string))
	// ShowError tells the author that something failed.
	ShowError(err error)
}

// CourseView is the content of a course window: the tree, the page
// editor and the preview.
//
// The course belongs to the UI thread: every change to it is made there,
// and background work (the problem list, the preview) reads a snapshot
// taken there (course.Snapshot), so neither side ever waits for a lock
// the other holds.
type CourseView struct {
	Tree    *CourseTree
	Page    *PageEditor
	Preview *Preview
	// Outer splits the tree from the editor, Inner the editor from the
	// preview; the app remembers their offsets.
	Outer, Inner *container.Split
	Content      fyne.CanvasObject
	side         *sideLayout // the tree's width, until the author chooses one

	// OnChanged is called after every change, to the text or to the
	// structure (the app journals and retitles on it).
	OnChanged func()
	// OnSaved is called after a successful save.
	OnSaved func()
	// OnOpenInBrowser opens the page in the author's browser.
	OnOpenInBrowser func(p *course.Page)
	// OnOpenURL opens a web or mail address (a link tapped in the
	// preview) in the author's browser or mail program.
	OnOpenURL func(u string)
	// OnChooseImage asks the author for an image file and calls done
	// with its path (the app shows a file dialog; nothing on cancel).
	OnChooseImage func(done func(path string))
	// OnPublish opens the publish window (the app's); PublishBtn, under
	// the tree's actions, calls it.
	OnPublish  func()
	PublishBtn *widget.Button
	// OnShortcut gets the window's shortcuts typed in the editor.
	OnShortcut func(fyne.Shortcut) bool
	// OnSelfCheckForm shows the self-check form (the app's dialog);
	// OnInSelfCheck is told when the cursor enters or leaves a question,
	// so that the menu can say "Edit self-check…".
	OnSelfCheckForm func(f *SelfCheckForm)
	OnInSelfCheck   func(in bool)

	c      *course.Course // the UI thread's; see Course
	prompt Prompter
	words  Wording // the interface language's; see SetLanguage
	// checkSeq numbers the background checks; checking counts those
	// whose result has not come back (both UI thread only).
	checkSeq, checking int
	// checkCancel stops the check under way: a later one overtakes it
	// (UI thread only).
	checkCancel context.CancelFunc
	// reloading counts re-reads of the folder under way (UI thread only).
	reloading int
	// life ends when the view closes: background reads of the course
	// (checks, re-reads of the folder) stop then.
	life     context.Context
	endLife  context.CancelFunc
	settling bool // typing has not paused yet (settled is due)
	// closed: Close was called; background work ending later shows
	// nothing (read by its goroutines, hence atomic).
	closed atomic.Bool
	// checks counts the background checks still running, so that
	// WaitBackground can wait until none of them can call fyne.Do.
	checks sync.WaitGroup

	unsaved  map[string]bool // paths of pages with unsaved text (MarkUnsaved)
	hist     editHistory
	selected string // node id of the selected module or page
	// inSelfCheck: the cursor is in a self-check question; scBlocks are
	// the questions of scText, the page text last looked at (UI thread).
	inSelfCheck bool
	scText      string
	scBlocks    []selfcheck.Block
	scFound     bool
	idle        *time.Timer
	idleMu      sync.Mutex
}

// ViewOptions configure a CourseView.
type ViewOptions struct {
	// PreviewDelay is how long typing must pause before the preview
	// follows; 0 is PreviewDelay.
	PreviewDelay time.Duration
	// Language is the interface language (a code such as es, or a
	// locale): the language of the words the view chooses itself
	// (problems, drafted guide text, the publish notice); "" is English.
	// See SetLanguage.
	Language string
}

// NewCourseView builds the view of a loaded course. From now on the
// course belongs to the UI thread (see Course).
func NewCourseView(c *course.Course, r *render.Renderer, p Prompter, opts ViewOptions) *CourseView {
	v := &CourseView{c: c, prompt: p, words: WordingIn(opts.Language)}
	v.life, v.endLife = context.WithCancel(context.Background())
	v.Tree = newCourseTree(v)
	v.Page = newPageEditor(v)
	v.Preview = NewPreview(r)
	v.Preview.Delay = opts.PreviewDelay
	// The page's text shows first; its preview draws once it has.
	v.Preview.box.wait = v.Page.Text.Filling
	v.Preview.words = v.words
	v.Preview.OnRendered = func(_ time.Duration, ds []course.Diagnostic) { v.Page.setRendered(ds) }
	v.Preview.wording = v.Page.wording
	v.Preview.worded = v.Page.keepWords
	v.Preview.OnLink = v.followLink
	v.Preview.OnLine = func(line int) { v.Page.Text.GoToLine(line) }

	actions := container.NewGridWithColumns(2,
		actionButton(theme.FolderNewIcon(), lang.L("Module"), v.AddModule),
		actionButton(theme.DocumentCreateIcon(), lang.L("Page"), v.AddPage),
		actionButton(theme.DocumentIcon(), lang.L("Rename"), v.RenameSelected),
		actionButton(theme.DeleteIcon(), lang.L("Delete"), v.DeleteSelected),
		actionButton(theme.MoveUpIcon(), lang.L("Up"), func() { v.MoveSelected(-1) }),
		actionButton(theme.MoveDownIcon(), lang.L("Down"), func() { v.MoveSelected(1) }),
		actionButton(theme.VisibilityOffIcon(), lang.L("Hide/show"), v.ToggleHidden),
		actionButton(theme.ContentUndoIcon(), lang.L("Undo"), v.UndoStructure),
	)
	v.PublishBtn = widget.NewButtonWithIcon(lang.L("Publish…"), theme.UploadIcon(), func() {
		if v.OnPublish != nil {
			v.OnPublish()
		}
	})
	v.PublishBtn.Importance = widget.HighImportance
	side := container.NewBorder(nil, container.NewVBox(actions, v.PublishBtn), nil, nil, v.Tree)
	v.Inner = container.NewHSplit(v.Page, v.Preview)
	v.Inner.Offset = 0.55
	v.Outer = container.NewHSplit(side, v.Inner)
	v.Outer.Offset = sideMinShare
	v.side = &sideLayout{v: v, auto: sideMinShare}
	v.Content = container.New(v.side, v.Outer)
	v.Tree.OpenAllBranches()
	if first := v.firstPage(); first != nil {
		v.OpenPage(first)
	}
	return v
}

// actionButton is a flat button of the tree's toolbar. Fyne has no
// tooltips, so each says what it does in a word.
func actionButton(icon fyne.Resource, label string, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, icon, tapped)
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	return b
}

// Course is the course the view shows and edits. It belongs to the UI
// thread: read and change it only there (in fyne.Do from a goroutine);
// background work takes a Snapshot of it on the UI thread first.
func (v *CourseView) Course() *course.Course { return v.c }

// Busy reports whether background work started by the view (the problem
// list, the preview) has yet to show its result. Tests wait for it
// rather than sleep; call it on the UI thread.
func (v *CourseView) Busy() bool {
	return v.checking > 0 || v.reloading > 0 || v.settling || v.Preview.Pending()
}

func (v *CourseView) firstPage() *course.Page {
	if v.c.Home != nil {
		return v.c.Home
	}
	for _, m := range v.c.Modules {
		if len(m.Pages) > 0 {
			return m.Pages[0]
		}
	}
	if len(v.c.Pages) > 0 {
		return v.c.Pages[0]
	}
	return nil
}

// OpenPage shows a page in the editor and the preview, keeping the text
// of the page it leaves in memory (unsaved until Save).
func (v *CourseView) OpenPage(p *course.Page) {
	if p == nil || p == v.Page.page {
		return
	}
	v.Flush()
	v.Page.open(v.c, p)
	// The page's text shows at once; the preview is parsed off the UI
	// thread and follows.
	v.Preview.ShowPage(v.c, p, p.Body())
	v.selectNode(pageNode(p))
	v.runCheck()
}

func (v *CourseView) selectNode(id string) {
	v.selected = id
	v.Tree.Select(id)
	v.Tree.ScrollTo(id)
}

func (v *CourseView) nodeSelected(id string) {
	v.selected = id
	if p := v.nodePage(id); p != nil {
		v.OpenPage(p)
	}
}

func (v *CourseView) nodePage(id string) *course.Page {
	if len(id) > len(prefixPage) && id[:len(prefixPage)] == prefixPage {
		return v.c.PageByPath(id[len(prefixPage):])
	}
	return nil
}

// selectedModule is the selected module, or the module of the selected
// page.
func (v *CourseView) selectedModule() *course.Module {
	if len(v.selected) > len(prefixMod) && v.selected[:len(prefixMod)] == prefixMod {
		return v.c.Module(v.selected[len(prefixMod):])
	}
	if p := v.nodePage(v.selected); p != nil {
		m, _ := v.moduleOf(p)
		return m
	}
	return nil
}

func (v *CourseView) moduleOf(p *course.Page) (*course.Module, int) {
	for _, m := range v.c.Modules {
		for i, q := range m.Pages {
			if q == p {
				return m, i
			}
		}
	}
	return nil, -1
}

// Flush puts the editor's text into the page, so that Save and the
// journal see it.
func (v *CourseView) Flush() {
	if p := v.Page.page; p != nil {
		p.SetBody(v.Page.Text.Text())
	}
}

// Modified reports whether anything is unsaved.
func (v *CourseView) Modified() bool {
	v.Flush()
	return v.c.Modified()
}

// Unsaved returns the body of every page with unsaved text, by path:
// what the journal keeps.
func (v *CourseView) Unsaved() map[string]string {
	v.Flush()
	out := map[string]string{}
	for _, p := range v.c.AllPages() {
		if p.Modified() {
			out[p.Path] = p.Body()
		}
	}
	return out
}

// Save writes every change to disk (atomically, file by file). A title
// typed but not yet confirmed with Enter is saved too.
func (v *CourseView) Save() error {
	if p := v.Page.page; p != nil && v.Page.Title.Text != "" && v.Page.Title.Text != p.Title() {
		v.renamePage(p, v.Page.Title.Text)
	}
	v.Flush()
	if _, err := saveCourse(v.c); err != nil {
		return err
	}
	v.runCheck()
	if v.OnSaved != nil {
		v.OnSaved()
	}
	return nil
}

// runCheck lists the open page's problems. Check reads the whole course
// and every image, so it runs in the background on a snapshot; a check
// overtaken by a later one stops at its next page and drops its result.
func (v *CourseView) runCheck() {
	snap := v.c.Snapshot()
	if v.checkCancel != nil {
		v.checkCancel()
	}
	ctx, cancel := context.WithCancel(v.life)
	v.checkCancel = cancel
	v.checkSeq++
	v.checking++
	seq := v.checkSeq
	pw := v.Page.wording()
	v.checks.Add(1)
	go func() {
		defer v.checks.Done()
		ds, err := course.CheckContext(ctx, snap)
		if v.closed.Load() {
			return
		}
		var worded wordedProblems
		if err == nil {
			worded = pw.word(ds, true)
		}
		fyne.Do(func() {
			cancel()
			if v.closed.Load() {
				return // closed while the result was on its way
			}
			v.checking--
			if seq == v.checkSeq && err == nil {
				v.Page.keepWords(worded)
				v.Page.setCheck(ds)
			}
		})
	}()
}

// textChanged runs after each key: the preview and the slower updates
// wait for a pause in typing.
func (v *CourseView) textChanged() {
	if p := v.Page.page; p != nil {
		v.Preview.Update(v.c, p, v.Page.Text.Text())
	}
	v.idleMu.Lock()
	if v.idle != nil {
		v.idle.Stop()
	}
	v.settling = true
	v.idle = time.AfterFunc(v.previewDelay(), func() {
		if !v.closed.Load() {
			fyne.Do(v.settled)
		}
	})
	v.idleMu.Unlock()
	v.changed()
}

// settled runs once typing pauses.
func (v *CourseView) settled() {
	v.settling = false
	v.Page.updateStatus()
}

func (v *CourseView) previewDelay() time.Duration {
	if v.Preview.Delay > 0 {
		return v.Preview.Delay
	}
	return PreviewDelay
}

func (v *CourseView) changed() {
	if v.OnChanged != nil {
		v.OnChanged()
	}
}

// Close stops the view's timers (the window is closing).
func (v *CourseView) Close() {
	v.closed.Store(true)
	v.endLife()
	v.settling = false
	v.Preview.Stop()
	v.idleMu.Lock()
	if v.idle != nil {
		v.idle.Stop()
	}
	v.idleMu.Unlock()
}

// WaitBackground waits until no background check or re-read of the view is still
// running, so none can hand work to the UI thread any more: after Close,
// for tests whose next test must not meet this one's goroutines (Fyne's
// test driver runs fyne.Do on the calling goroutine once the stand-in UI
// thread is gone, which the race detector saw in TestSelectAcrossUnicode).
func (v *CourseView) WaitBackground() { v.checks.Wait() }

// OpenInBrowser shows the open page in the browser, as published.
func (v *CourseView) OpenInBrowser() {
	if v.OnOpenInBrowser != nil && v.Page.page != nil {
		v.Flush()
		v.OnOpenInBrowser(v.Page.page)
	}
}

func (v *CourseView) fail(err error) {
	if err != nil && v.prompt != nil {
		v.prompt.ShowError(err)
	}
}

// ErrNothingSelected is reported by actions that need a module or page.
var ErrNothingSelected = errors.New("select a module or a page in the list first")

// SetLanguage switches the words the view chooses itself (problems,
// drafted guide text, the publish notice) to another interface language;
// the problem list says its problems again at once.
func (v *CourseView) SetLanguage(locale string) {
	v.words = WordingIn(locale)
	v.Preview.words = v.words // from its next render on
	v.Page.rewordProblems()
}

// Wording is the view's wording, in its interface language.
func (v *CourseView) Wording() Wording { return v.words }
