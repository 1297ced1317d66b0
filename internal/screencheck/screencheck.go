// Package screencheck checks what a machine can see wrong in a Fyne
// screen (issue 16's screen review): widgets that overlap a sibling or
// stick out of their container, label and button text that is cut or
// truncated, dialogs with no button to close them, and English text in an
// interface set to another language. It walks the widget tree as it is
// laid out now, on any driver: the test driver in `go test`, the real
// window in the screenshot run (scripts/screenshot.sh --all).
package screencheck

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Problem is one thing wrong on a screen: Where is the path of types
// from the root to the object (with its text, when it has one), What
// says what is wrong.
type Problem struct {
	Kind  string // "overlap", "outside", "truncated", "narrow", "english", "no-close"
	Where string
	What  string
}

func (p Problem) String() string { return p.Kind + ": " + p.Where + ": " + p.What }

// Options say what Check looks for besides the layout.
type Options struct {
	// English, when set, is text that must not be shown: the English
	// interface strings whose translation differs, for a screen in
	// another language (see EnglishStrings). A shown string that equals
	// one of them is reported.
	English map[string]bool
	// EnglishWords are words that show English text in a non-English
	// interface when a shown string has one of them as a whole word
	// (see EnglishOnlyWords). Nil: not checked.
	EnglishWords map[string]bool
	// Allowed is text that may show whatever the language: the course's
	// own words (its titles, pages and guide), names, paths.
	Allowed func(s string) bool
	// Content says whether an object shows the course's own text (the
	// page preview, the page being edited): the language is not
	// checked under it, the layout is.
	Content func(o fyne.CanvasObject) bool
}

// MinEntryWidth is the narrowest a one-line entry may be: about ten
// letters.
const MinEntryWidth = 80

// tolerance absorbs float rounding in layouts (a pixel at most).
const tolerance = 1

// Check walks the visible objects under root and reports the problems it
// finds, in tree order.
func Check(root fyne.CanvasObject, opts Options) []Problem {
	c := &checker{opts: opts}
	c.walk(root, typeName(root), false)
	return c.problems
}

// CheckDialog checks a dialog (a canvas overlay) like Check, and that it
// has a visible, enabled button to close it: a dialog without one traps
// the author (progress dialogs close themselves and are not checked with
// this).
func CheckDialog(overlay fyne.CanvasObject, opts Options) []Problem {
	ps := Check(overlay, opts)
	if len(Buttons(overlay)) == 0 {
		ps = append(ps, Problem{Kind: "no-close", Where: typeName(overlay), What: "the dialog has no button to close it"})
	}
	return ps
}

// Buttons lists the visible, enabled buttons under o, by their text.
func Buttons(o fyne.CanvasObject) []string {
	var out []string
	visit(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*widget.Button); ok && !b.Disabled() {
			out = append(out, b.Text)
		}
	})
	return out
}

// Texts lists the text shown under o: labels, buttons, check boxes,
// selections, hyperlinks, rich text segments, entry placeholders and the
// text of canvas.Text objects, each once, in tree order.
func Texts(o fyne.CanvasObject) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	visit(o, func(x fyne.CanvasObject) {
		switch w := x.(type) {
		case *widget.Label:
			add(w.Text)
		case *widget.Button:
			add(w.Text)
		case *widget.Check:
			add(w.Text)
		case *widget.Hyperlink:
			add(w.Text)
		case *widget.Select:
			add(w.Selected)
			add(w.PlaceHolder)
		case *widget.Entry:
			add(w.PlaceHolder)
		case *widget.RichText:
			for _, seg := range w.Segments {
				if t, ok := seg.(*widget.TextSegment); ok {
					add(t.Text)
				}
			}
		case *canvas.Text:
			add(w.Text)
		}
	})
	return out
}

// visit calls fn on every visible object under o, o included, going into
// widgets' renderers but not into entries (their text is the author's).
func visit(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	for _, ch := range children(o) {
		visit(ch, fn)
	}
}

// children are the objects o draws: a container's objects, a widget's
// renderer's objects. An entry's inside is its text, the author's: not
// checked.
func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch x := o.(type) {
	case *fyne.Container:
		return x.Objects
	case *widget.Entry, *widget.SelectEntry:
		return nil
	case fyne.Widget:
		return test.WidgetRenderer(x).Objects()
	}
	return nil
}

type checker struct {
	opts     Options
	problems []Problem
}

func (c *checker) add(kind, where, what string, args ...any) {
	c.problems = append(c.problems, Problem{Kind: kind, Where: where, What: fmt.Sprintf(what, args...)})
}

func (c *checker) walk(o fyne.CanvasObject, where string, content bool) {
	if o == nil || !o.Visible() {
		return
	}
	content = content || (c.opts.Content != nil && c.opts.Content(o))
	c.truncation(o, where)
	switch o.(type) {
	case *widget.Tree, *widget.List:
		c.rows(o, where)
	}
	if !content {
		c.english(o, where)
	}
	kids := children(o)
	if box, ok := o.(*fyne.Container); ok && checksSiblings(box) {
		c.siblings(box, kids, where)
	}
	for i, ch := range kids {
		if ch == nil || !ch.Visible() {
			continue
		}
		c.walk(ch, fmt.Sprintf("%s/%d:%s", where, i, describe(ch)), content)
	}
}

// checksSiblings says whether a container's layout promises that its
// objects do not overlap. Exempt by design:
//   - no layout (the objects are placed by hand, often on top of each
//     other: a widget's background and its text);
//   - stack (container.NewStack, NewMax): its objects are on top of each
//     other by definition (a background behind a form, a placeholder
//     behind an editor);
//   - the app's own overlay layouts, which end in "Overlay" or "Stack";
//   - Fyne's dialog layout, which draws the dialog's background behind
//     its title, text and buttons, and its icon half outside its corner.
//
// Every other layout (box, border, grid, form, padded, center, split,
// the app's rows and bars) places its objects side by side.
func checksSiblings(box *fyne.Container) bool {
	if box.Layout == nil {
		return false
	}
	t := reflect.TypeOf(box.Layout)
	if t.Kind() == reflect.Pointer && t.Elem().PkgPath() == "fyne.io/fyne/v2/dialog" {
		return false
	}
	name := t.String()
	if strings.Contains(name, "stack") || strings.Contains(name, "Stack") || strings.HasSuffix(name, "Overlay") {
		return false
	}
	return true
}

// siblings reports visible objects of box whose rectangles overlap, and
// objects that stick out of box (the box cuts them off, or they cover its
// neighbours).
func (c *checker) siblings(box *fyne.Container, kids []fyne.CanvasObject, where string) {
	var shown []fyne.CanvasObject
	for _, k := range kids {
		if k != nil && k.Visible() && k.Size().Width > 0 && k.Size().Height > 0 && !decoration(k) {
			shown = append(shown, k)
		}
	}
	size := box.Size()
	for i, a := range shown {
		ap, as := a.Position(), a.Size()
		if ap.X < -tolerance || ap.Y < -tolerance || ap.X+as.Width > size.Width+tolerance || ap.Y+as.Height > size.Height+tolerance {
			c.add("outside", where+"/"+describe(a), "at %s %s, outside its container's %s", pos(ap), sz(as), sz(size))
		}
		for _, b := range shown[i+1:] {
			if overlap(a, b) {
				c.add("overlap", where, "%s at %s %s overlaps %s at %s %s",
					describe(a), pos(ap), sz(as), describe(b), pos(b.Position()), sz(b.Size()))
			}
		}
	}
}

// decoration is an object drawn under or around others on purpose: a
// background rectangle, a separator line (a form's row divider is a
// container a pixel high, drawn in the padding under its row), a shadow.
func decoration(o fyne.CanvasObject) bool {
	if s := o.Size(); s.Width <= 2 || s.Height <= 2 {
		return true
	}
	switch o.(type) {
	case *canvas.Rectangle, *canvas.Line, *canvas.LinearGradient, *canvas.RadialGradient, *widget.Separator:
		return true
	}
	return false
}

func overlap(a, b fyne.CanvasObject) bool {
	ap, as, bp, bs := a.Position(), a.Size(), b.Position(), b.Size()
	return ap.X+as.Width > bp.X+tolerance && bp.X+bs.Width > ap.X+tolerance &&
		ap.Y+as.Height > bp.Y+tolerance && bp.Y+bs.Height > ap.Y+tolerance
}

// truncation reports text that does not fit where it is shown: a label,
// button, check box or hyperlink smaller than its text needs, or a label
// whose truncation cuts its text to an ellipsis.
func (c *checker) truncation(o fyne.CanvasObject, where string) {
	size := o.Size()
	if e, ok := o.(*widget.Entry); ok && !e.MultiLine && size.Height > 0 && size.Width < MinEntryWidth {
		// An entry scrolls its text, so it is never "cut"; but a field a
		// few letters wide (or squeezed to nothing) cannot be read.
		c.add("narrow", where, "an entry %.0f px wide (less than %.0f)", size.Width, float32(MinEntryWidth))
	}
	if size.Width <= 0 || size.Height <= 0 {
		return // not laid out (an empty list's template)
	}
	switch w := o.(type) {
	case *widget.Label:
		if w.Text == "" {
			return
		}
		if w.Truncation != fyne.TextTruncateOff && w.Wrapping == fyne.TextWrapOff {
			full := widget.NewLabelWithStyle(w.Text, w.Alignment, w.TextStyle)
			full.SizeName = w.SizeName
			if need := full.MinSize().Width; need > size.Width+tolerance {
				c.add("truncated", where, "%q needs %.0f px, has %.0f (cut with an ellipsis)", w.Text, need, size.Width)
			}
			return
		}
		c.fits(where, w.Text, w.MinSize(), size)
	case *widget.Button:
		c.fits(where, w.Text, w.MinSize(), size)
	case *widget.Check:
		c.fits(where, w.Text, w.MinSize(), size)
	case *widget.Hyperlink:
		if w.Truncation != fyne.TextTruncateOff && w.Wrapping == fyne.TextWrapOff {
			full := widget.NewLabel(w.Text)
			if need := full.MinSize().Width; need > size.Width+tolerance {
				c.add("truncated", where, "%q needs %.0f px, has %.0f (cut with an ellipsis)", w.Text, need, size.Width)
			}
			return
		}
		c.fits(where, w.Text, w.MinSize(), size)
	case *widget.Select:
		// A select's minimum width follows its placeholder, not the
		// choice shown, which it cuts with an ellipsis: the choice is
		// measured as the select lays it out (its label sits between
		// the padding and the drop-down icon).
		if w.Selected == "" {
			c.fits(where, w.PlaceHolder, w.MinSize(), size)
			return
		}
		th := w.Theme()
		pad, inner := th.Size(theme.SizeNamePadding), th.Size(theme.SizeNameInnerPadding)
		text := fyne.MeasureText(w.Selected, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width
		need := text + 3*inner - pad + th.Size(theme.SizeNameInlineIcon)
		if need > size.Width+tolerance {
			c.add("truncated", where, "%q needs %.0f px, has %.0f (cut with an ellipsis)", w.Selected, need, size.Width)
		}
	}
}

// rows reports the text of a list's or tree's rows that runs past the
// list's right edge, cut off there without a mark: rows are read at a
// glance, and a title the list cuts off (its start showing, the rest
// behind a sideways scroll) reads as another title. A row that wraps,
// or that ends its cut text with an ellipsis (the course tree, whose
// selected page shows its full title in the page header), says so. x
// and y place an object inside the list (the scroller's offset is in
// the positions already).
func (c *checker) rows(list fyne.CanvasObject, where string) {
	size := list.Size()
	var walk func(o fyne.CanvasObject, x, y float32)
	walk = func(o fyne.CanvasObject, x, y float32) {
		if o == nil || !o.Visible() {
			return
		}
		s := o.Size()
		if y+s.Height <= 0 || y >= size.Height || s.Width <= 0 {
			return // a row scrolled out of sight, or a template not laid out
		}
		var text string
		var need float32
		if l := asLabel(o); l != nil && l.Wrapping == fyne.TextWrapOff && l.Truncation == fyne.TextTruncateOff {
			text = l.Text
			full := widget.NewLabelWithStyle(l.Text, l.Alignment, l.TextStyle)
			full.SizeName = l.SizeName
			need = full.MinSize().Width
		} else if h, ok := o.(*widget.Hyperlink); ok && h.Wrapping == fyne.TextWrapOff && h.Truncation == fyne.TextTruncateOff {
			text, need = h.Text, widget.NewLabel(h.Text).MinSize().Width
		}
		if shown := size.Width - x; text != "" && need > shown+tolerance {
			c.add("truncated", where+"/"+describe(o), "%q needs %.0f px, the list shows %.0f of it", text, need, max(shown, 0))
			return
		}
		for _, ch := range children(o) {
			if ch != nil {
				p := ch.Position()
				walk(ch, x+p.X, y+p.Y)
			}
		}
	}
	for _, ch := range children(list) {
		if ch != nil {
			walk(ch, ch.Position().X, ch.Position().Y)
		}
	}
}

// asLabel is o's label: o itself, or the label a widget of the app is
// built on (a tree's row is a Label with drag handling).
func asLabel(o fyne.CanvasObject) *widget.Label {
	if l, ok := o.(*widget.Label); ok {
		return l
	}
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	if f := v.Elem().FieldByName("Label"); f.IsValid() && f.Type() == reflect.TypeOf(widget.Label{}) && f.CanAddr() {
		return f.Addr().Interface().(*widget.Label)
	}
	return nil
}

func (c *checker) fits(where, text string, min, size fyne.Size) {
	if min.Width > size.Width+tolerance {
		c.add("truncated", where, "%q needs %.0f px wide, has %.0f", text, min.Width, size.Width)
	} else if min.Height > size.Height+tolerance {
		c.add("truncated", where, "%q needs %.0f px high, has %.0f", text, min.Height, size.Height)
	}
}

// english reports interface text left in English.
func (c *checker) english(o fyne.CanvasObject, where string) {
	if c.opts.English == nil && c.opts.EnglishWords == nil {
		return
	}
	var texts []string
	switch w := o.(type) {
	case *widget.Label:
		texts = []string{w.Text}
	case *widget.Button:
		texts = []string{w.Text}
	case *widget.Check:
		texts = []string{w.Text}
	case *widget.Hyperlink:
		texts = []string{w.Text}
	case *widget.Select:
		texts = append([]string{w.Selected, w.PlaceHolder}, w.Options...)
	case *widget.Entry:
		texts = []string{w.PlaceHolder}
	case *widget.RichText:
		for _, seg := range w.Segments {
			if t, ok := seg.(*widget.TextSegment); ok {
				texts = append(texts, t.Text)
			}
		}
	}
	for _, s := range texts {
		s = strings.TrimSpace(s)
		if s == "" || (c.opts.Allowed != nil && c.opts.Allowed(s)) {
			continue
		}
		if c.opts.English[s] {
			c.add("english", where, "%q is the English interface text", s)
			continue
		}
		if w := englishWord(s, c.opts.EnglishWords); w != "" {
			c.add("english", where, "%q has the English word %q", s, w)
		}
	}
}

// englishWord returns the first word of s found in words. Paths and
// file names (a token with a slash, a dot inside or an underscore) are
// names, not words, and are skipped; so are the words of a folder's or
// file's name shown beside its path, as the recent courses list shows
// "course  —  /home/ana/course" (the last element of the path, shown
// again before it: the name its author chose). A word that is only in
// a path's last element, or only beside a path ("Could not open the
// course /home/ana/course"), is still checked.
func englishWord(s string, words map[string]bool) string {
	if words == nil {
		return ""
	}
	fields := strings.Fields(s)
	named := map[string]bool{}
	for i := strings.LastIndexAny(s, "/\\"); i >= 0; i = strings.LastIndexAny(s[:i], "/\\") {
		name := strings.TrimSpace(s[i+1:])
		if name != "" && strings.Contains(s[:i], name) {
			for _, w := range strings.Fields(name) {
				named[w] = true
			}
		}
	}
	for _, tok := range fields {
		if strings.ContainsAny(strings.TrimRight(tok, ".,:;!?)"), "/._") || named[tok] {
			continue
		}
		for _, w := range strings.FieldsFunc(tok, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '\'')
		}) {
			if words[w] {
				return w
			}
		}
	}
	return ""
}

// EnglishStrings is the set of English interface strings whose
// translation in other differs (en and other map the lang.L key to the
// shown text): shown in a screen in the other language, they are text
// left untranslated. Strings of one word shorter than four letters and
// strings that are the same in both are left out (a name, "OK", "PDF").
func EnglishStrings(en, other map[string]string) map[string]bool {
	out := map[string]bool{}
	for k, v := range en {
		t, ok := other[k]
		if !ok || t == v || len(v) < 4 {
			continue
		}
		out[strings.TrimSpace(v)] = true
	}
	return out
}

// EnglishOnlyWords are common English words that the interface text of
// the language code (es, de, fr) does not use: one of them in a shown
// string means the string is English (an error chain, a model's reply, a
// string the translations lack). Words that are also words of that
// language ("was" and "Version" in German, "Minutes" and "Page" in
// French) are left out for it.
func EnglishOnlyWords(code string) map[string]bool {
	words := map[string]bool{}
	for _, w := range strings.Fields(`the The and And of with With this This that
		could Could not should would your Your you You from there here which what What
		when When where Where does doesn't don't can't isn't wasn't couldn't is are was were
		Save Cancel Close Open Choose Publish Settings History Version Meeting Meetings
		Minutes Page Pages Module Modules Failed failed Something went wrong Try again
		folder Folder file File course Course changes Changes Done`) {
		words[w] = true
	}
	also := map[string]string{
		"de": "was Was Version Module Modules",
		"fr": "Minutes Page Pages Version Module Modules",
		"es": "",
	}
	for _, w := range strings.Fields(also[code]) {
		delete(words, w)
	}
	return words
}

// Sorted returns the problems as lines, sorted, for a stable report.
func Sorted(ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	sort.Strings(out)
	return out
}

func typeName(o fyne.CanvasObject) string {
	return strings.TrimPrefix(reflect.TypeOf(o).String(), "*")
}

// describe names an object by its type and, when it has one, its text.
func describe(o fyne.CanvasObject) string {
	name := typeName(o)
	var text string
	switch w := o.(type) {
	case *widget.Label:
		text = w.Text
	case *widget.Button:
		text = w.Text
	case *widget.Check:
		text = w.Text
	case *widget.Hyperlink:
		text = w.Text
	case *canvas.Text:
		text = w.Text
	case *widget.Entry:
		text = w.PlaceHolder
	default:
		if l := asLabel(o); l != nil {
			text = l.Text
		}
	}
	if r := []rune(text); len(r) > 40 {
		text = string(r[:37]) + "…"
	}
	if text != "" {
		return fmt.Sprintf("%s(%q)", name, text)
	}
	return name
}

func pos(p fyne.Position) string { return fmt.Sprintf("(%.0f,%.0f)", p.X, p.Y) }
func sz(s fyne.Size) string      { return fmt.Sprintf("%.0f×%.0f", s.Width, s.Height) }
