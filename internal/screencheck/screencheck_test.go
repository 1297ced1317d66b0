package screencheck

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestCheck shows the checker finds what it is for, on screens rebuilt
// in the shapes issue 16 found (the page header and the guide editor
// before their fixes), and stays quiet on a screen that is right.
func TestCheck(t *testing.T) {
	test.NewTempApp(t)
	buttons := func(names ...string) []fyne.CanvasObject {
		var out []fyne.CanvasObject
		for _, n := range names {
			out = append(out, widget.NewButton(n, nil))
		}
		return out
	}
	english := EnglishStrings(
		map[string]string{"Save": "Save", "Close": "Close", "OK": "OK"},
		map[string]string{"Save": "Guardar", "Close": "Cerrar", "OK": "OK"})
	cases := []struct {
		name string
		size fyne.Size
		// screen builds the screen; it runs after the window has its
		// size, to leave a stale layout as the app once did.
		screen func(w fyne.Window) fyne.CanvasObject
		opts   Options
		want   []string // kinds of problem, each with a text it names
	}{
		{
			name: "page header before the fix: title squeezed, toolbar past the edge",
			size: fyne.NewSize(900, 650),
			screen: func(w fyne.Window) fyne.CanvasObject {
				// The title entry beside a toolbar that does not fit: the
				// toolbar keeps its minimum width and runs off the window.
				bar := container.NewHBox(buttons("Heading", "B", "I", "Link", "• List", "1. List", "Quote", "Tip", "Table", "Image…", "Video…")...)
				title := widget.NewEntry()
				title.SetText("Markdown & more")
				return column(container.NewBorder(nil, nil, nil, bar, title))
			},
			want: []string{`outside: outside its container's 600×36`},
		},
		{
			name: "page header before the fix: a button cut to its first letters",
			size: fyne.NewSize(900, 650),
			screen: func(w fyne.Window) fyne.CanvasObject {
				// A grid gives every button the same share of a narrow row.
				return column(container.NewGridWithColumns(11, buttons("Heading", "B", "I", "Link", "• List", "1. List", "Quote", "Tip", "Table", "Image…", "Video…")...))
			},
			want: []string{`truncated: "Heading"`, `truncated: "Image…"`, `truncated: "Video…"`},
		},
		{
			name: "page header before the fix: the address squeezed by a long button",
			size: fyne.NewSize(900, 650),
			screen: func(w fyne.Window) fyne.CanvasObject {
				slug := widget.NewEntry()
				slug.SetText("syllabus")
				return column(container.NewBorder(nil, nil, widget.NewLabel("Dirección"), widget.NewButton("Abrir en el navegador web predeterminado del sistema, en una ventana nueva", nil), slug))
			},
			want: []string{"narrow: an entry"},
		},
		{
			name: "guide editor before the fix: rows added without a layout cover the fields",
			size: fyne.NewSize(980, 640),
			screen: func(w fyne.Window) fyne.CanvasObject {
				prep := widget.NewMultiLineEntry()
				goals := widget.NewMultiLineEntry()
				body := container.NewVBox(widget.NewLabel("Preparation"), prep, widget.NewLabel("Learner goals"), goals)
				w.SetContent(body)
				// "Create these meetings" added the rows to the objects
				// without laying the box out again: they sit at 0,0.
				for range 3 {
					row := container.NewGridWithColumns(3, widget.NewEntry(), widget.NewEntry(), widget.NewButton("Delete", nil))
					row.Resize(fyne.NewSize(900, 36))
					body.Objects = append([]fyne.CanvasObject{row}, body.Objects...)
				}
				return body
			},
			want: []string{`overlap: overlaps widget.Label("Preparation")`, `overlap: fyne.Container at (0,0) 900×36 overlaps fyne.Container at (0,0) 900×36`},
		},
		{
			name: "guide editor before the fix: an activity name cut with an ellipsis",
			size: fyne.NewSize(600, 400),
			screen: func(w fyne.Window) fyne.CanvasObject {
				name := widget.NewLabel("Warm-up: introduce yourselves and say what brought you here")
				name.Truncation = fyne.TextTruncateEllipsis
				return container.NewBorder(nil, nil, nil, widget.NewButton("Delete this activity from the meeting", nil), name)
			},
			want: []string{`truncated: "Warm-up`},
		},
		{
			name: "English left in a Spanish screen",
			size: fyne.NewSize(600, 400),
			screen: func(w fyne.Window) fyne.CanvasObject {
				return container.NewVBox(widget.NewButton("Save", nil), widget.NewLabel("No se pudo abrir: open course: the folder has no modules"),
					widget.NewLabel("Cerrar"), widget.NewLabel("OK"), widget.NewLabel("El archivo modules/intro/the-end.md"))
			},
			opts: Options{English: english, EnglishWords: EnglishOnlyWords("es")},
			want: []string{`english: "Save" is the English`, `english: "No se pudo abrir: open course`},
		},
		{
			name: "folder names beside their paths are names, English around them is not",
			size: fyne.NewSize(900, 650),
			screen: func(w fyne.Window) fyne.CanvasObject {
				return container.NewVBox(
					widget.NewButton("course  —  /tmp/review/course", nil),
					widget.NewButton("my course  —  /home/ana/my course", nil),
					widget.NewLabel("Abrir el course"),
					widget.NewLabel("No se pudo abrir /tmp/review/course: the folder is missing"),
					widget.NewLabel("Could not open the course /tmp/review/course"))
			},
			opts: Options{English: english, EnglishWords: EnglishOnlyWords("es")},
			want: []string{`english: "Abrir el course" has the English word "course"`, `english: "No se pudo abrir /tmp/review/course: the folder is missing" has the English word "the"`,
				`english: "Could not open the course /tmp/review/course" has the English word "Could"`},
		},
		{
			name: "guide editor before the fix: a page choice cut with an ellipsis",
			size: fyne.NewSize(600, 400),
			screen: func(w fyne.Window) fyne.CanvasObject {
				page := widget.NewSelect([]string{"(none)", "processor-architecture/single-cycle"}, nil)
				page.SetSelected("processor-architecture/single-cycle")
				return container.NewGridWithColumns(4, widget.NewEntry(), widget.NewEntry(), page, widget.NewButton("X", nil))
			},
			want: []string{`truncated: "processor-architecture/single-cycle" needs`},
		},
		{
			name: "course tree before the fix: a title running past the tree's edge",
			size: fyne.NewSize(900, 650),
			screen: func(w fyne.Window) fyne.CanvasObject {
				// The app's rows are labels with more to them (dragging).
				tree := courseTree(fyne.TextTruncateOff)
				return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(180, 600), tree), nil, widget.NewLabel("page"))
			},
			want: []string{`truncated: widget.Tree/screencheck.treeRow("Technology trends and the end of Denn…") "Technology trends and the end of Dennard scaling" needs`},
		},
		{
			name: "course tree after the fix: a long title ends in an ellipsis",
			size: fyne.NewSize(900, 650),
			screen: func(w fyne.Window) fyne.CanvasObject {
				return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(180, 600), courseTree(fyne.TextTruncateEllipsis)), nil, widget.NewLabel("page"))
			},
		},
		{
			name: "a screen that is right",
			size: fyne.NewSize(900, 650),
			screen: func(w fyne.Window) fyne.CanvasObject {
				title := widget.NewEntry()
				form := widget.NewForm(widget.NewFormItem("Title", title), widget.NewFormItem("Address", widget.NewEntry()))
				note := widget.NewLabel("A long explanation that wraps at the width of the window, however narrow the window is made by the author.")
				note.Wrapping = fyne.TextWrapWord
				back := container.NewStack(widget.NewLabel("under"), widget.NewLabel("over")) // a stack: on top of each other by design
				page := widget.NewSelect([]string{"(none)", "intro/setup"}, nil)
				page.SetSelected("intro/setup")
				tree := widget.NewTreeWithStrings(map[string][]string{"": {"Intro"}, "Intro": {"Setup", "Goals"}})
				tree.OpenAllBranches()
				top := container.NewVBox(form, container.NewGridWithColumns(3, widget.NewEntry(), page, widget.NewButton("X", nil)),
					container.NewGridWrap(fyne.NewSize(180, 150), tree))
				return container.NewBorder(top, container.NewHBox(layout.NewSpacer(), widget.NewButton("Close", nil)), nil, nil,
					container.NewVBox(note, back))
			},
			opts: Options{English: english, EnglishWords: EnglishOnlyWords("es"), Allowed: func(s string) bool {
				return s == "Close" || s == "Title" || s == "Address" || s == "under" || s == "over" || strings.HasPrefix(s, "A long") || s == "Setup" || s == "Goals"
			}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := test.NewTempWindow(t, widget.NewLabel(""))
			w.Resize(tc.size)
			root := tc.screen(w)
			if w.Content() != root {
				w.SetContent(root)
			}
			ps := Check(w.Content(), tc.opts)
			got := strings.Join(Sorted(ps), "\n")
			if len(tc.want) == 0 && len(ps) > 0 {
				t.Fatalf("problems on a screen that is right:\n%s", got)
			}
			for _, want := range tc.want {
				kind, text, _ := strings.Cut(want, ": ")
				found := false
				for _, p := range ps {
					found = found || (p.Kind == kind && strings.Contains(p.Where+" "+p.What, text))
				}
				if !found {
					t.Errorf("not found: %s\nproblems:\n%s", want, got)
				}
			}
		})
	}
}

// treeRow is a tree row as the app makes them: a label with more to it.
type treeRow struct{ widget.Label }

// courseTree is a tree with a long title, its rows cut as trunc says.
func courseTree(trunc fyne.TextTruncation) *widget.Tree {
	kids := map[string][]string{"": {"Introduction"}, "Introduction": {"Technology trends and the end of Dennard scaling", "Intro"}}
	tree := widget.NewTree(func(id string) []string { return kids[id] }, func(id string) bool { return kids[id] != nil },
		func(bool) fyne.CanvasObject {
			r := &treeRow{}
			r.Truncation = trunc
			r.ExtendBaseWidget(r)
			return r
		},
		func(id string, _ bool, o fyne.CanvasObject) { o.(*treeRow).SetText(id) })
	tree.OpenAllBranches()
	return tree
}

// column is what the page editor's column gave the header before the
// fix at a 900 px window: 600 px, whatever the header needed.
func column(header fyne.CanvasObject) fyne.CanvasObject {
	header.Resize(fyne.NewSize(600, header.MinSize().Height))
	return container.NewWithoutLayout(header)
}

// TestCheckDialog: a dialog with no button to close it is reported.
func TestCheckDialog(t *testing.T) {
	test.NewTempApp(t)
	if ps := CheckDialog(container.NewVBox(widget.NewLabel("Working…")), Options{}); len(ps) != 1 || ps[0].Kind != "no-close" {
		t.Fatalf("a dialog without buttons: %v", ps)
	}
	if ps := CheckDialog(container.NewVBox(widget.NewLabel("Done."), widget.NewButton("OK", nil)), Options{}); len(ps) != 0 {
		t.Fatalf("a dialog with OK: %v", ps)
	}
}
