package textview

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// freshText spreads the drawing of rows never drawn before over several
// frames. Fyne keeps a texture of every text it drew (by its content,
// size and style), so a row drawn before costs a frame nothing; but the
// first drawing of a text shapes and rasterises it on the UI thread, and
// Fyne 2.7 makes a new shaper (a harfbuzz font) for every text it shapes:
// measuring an 80-character row alone costs 0.2 ms here, one of five
// characters 0.14 ms. The frame Mesa's software renderer then paints
// costs 15–25 ms more. Opening a page drew its 40 rows, some 3,000
// characters, in one frame, and the preview's first text in the next:
// the UI thread was busy 51–84 ms at a time (five tries). Now one frame
// draws at most perFrame characters of new rows, top first, and the rows
// held back show in the frames that follow (PageDown and a jump to a far
// line are spread the same way). Typing changes a row or a paragraph's
// rows, well within a frame's share.
type freshText struct {
	seen map[freshKey]struct{}
	left int       // characters of new rows this frame may still draw
	at   time.Time // when this frame's share began
	all  bool      // draw every row now (see later)
	// anim ticks on every frame while rows are held back, on the thread
	// that draws (as the cursor's blink does; see blinker); each tick
	// begins a frame's share.
	anim *fyne.Animation
	// start starts anim, and clock tells the time (tests play the frames
	// by hand); nil: the animation's Start, and time.Now.
	start func(*fyne.Animation)
	clock func() time.Time
}

func (f *freshText) now() time.Time {
	if f.clock != nil {
		return f.clock()
	}
	return time.Now()
}

type freshKey struct {
	text string
	font fontKey
}

const (
	// perFrame: some 6–12 ms of shaping and rasterising.
	perFrame = 500
	// frameShare is how long a frame's share lasts when no rows are held
	// back: the draws within one frame of Fyne's 60 a second share it.
	frameShare = 15 * time.Millisecond
	// fillGap is the least time between two frames that draw held rows:
	// a frame that Mesa paints in software takes 20–30 ms, longer than
	// the 16.7 ms between two ticks of Fyne's event loop, so frames that
	// each had something new to draw came back to back, and an event
	// waiting could miss the turn between them (Fyne picks at random
	// between a frame due and the events queued). A frame with nothing
	// new in between leaves the turn to the events.
	fillGap = 35 * time.Millisecond
	// seenCap bounds the texts remembered; past it they are forgotten
	// (the next rows drawn are spread over frames again, nothing worse).
	seenCap = 4000
)

// frame starts a new frame's share when the last began long enough ago
// and no rows are held back (while they are, the animation's ticks do).
func (f *freshText) frame() {
	if now := f.now(); f.anim == nil && now.Sub(f.at) >= frameShare {
		f.left, f.at = perFrame, now
	}
}

// take reports whether a row showing text in font may be drawn now: it was
// drawn before, or this frame's share has room for it.
func (f *freshText) take(text string, font fontKey) bool {
	k := freshKey{text, font}
	if _, ok := f.seen[k]; ok {
		return true
	}
	if f.left <= 0 && !f.all {
		return false
	}
	if f.seen == nil || len(f.seen) >= seenCap {
		f.seen = make(map[freshKey]struct{})
	}
	// A copy: the row is a slice of its paragraph's text, which may be
	// long and is replaced at each edit; kept whole, 4,000 of them could
	// be hundreds of megabytes.
	k.text = strings.Clone(text)
	f.seen[k] = struct{}{}
	f.left -= len(text)
	return true
}

// later draws again in the next frames, each with a new share, until
// nothing is held back. The animation is an hour long and stopped as soon
// as all shows, a few frames later: a tick at its end comes from a driver
// that ticks an animation once, when it starts (Fyne's test driver), and
// draws every row at once, so that nothing stays held back for good.
func (f *freshText) later(draw func()) {
	if f.anim != nil {
		return
	}
	f.anim = fyne.NewAnimation(time.Hour, func(done float32) {
		if f.anim == nil {
			return
		}
		now := f.now()
		if now.Sub(f.at) < fillGap && done < 1 {
			return
		}
		f.left, f.at, f.all = perFrame, now, done >= 1
		draw()
		f.all = false
	})
	f.anim.Curve = fyne.AnimationLinear
	if f.start != nil {
		f.start(f.anim)
		return
	}
	f.anim.Start()
}

// stop ends the drawing in later frames.
func (f *freshText) stop() {
	if f.anim != nil {
		f.anim.Stop()
		f.anim = nil
	}
}

// Filling reports whether rows on screen are still held back, to be
// drawn in the next frames: other widgets drawing new text can wait for
// it (the page's preview does), so that the frames stay short.
func (v *View) Filling() bool { return v.rend != nil && v.rend.fresh.anim != nil }
