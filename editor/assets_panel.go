package editor

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/publish"
)

// AssetInfo is one file of the course's img/ folder: where it is used
// and its credit from img/credits.yml.
type AssetInfo struct {
	Path   string   // slash path in the course, e.g. img/banner.png
	UsedBy []string // page paths, and "_config.yml" for the banner
	Credit *course.Credit
}

// AssetUsage lists the course's images (course.Assets), each with the
// pages that link to it — read with course.ExtractLinks and resolved with
// course.ResolveLink, the way Check finds them — and its credit.
func AssetUsage(c *course.Course) []AssetInfo {
	used := map[string][]string{} // site path → page paths
	for _, p := range c.AllPages() {
		seen := map[string]bool{}
		for _, l := range course.ExtractLinks(p.Body()) {
			site, ok := course.ResolveLink(p.URL(), l.Target)
			if ok && !seen[site] {
				seen[site] = true
				used[site] = append(used[site], p.Path)
			}
		}
	}
	m := c.Meta()
	for _, banner := range []string{m.JumbotronImage, m.JumbotronMask, m.JumbotronIcon} {
		if banner != "" {
			site := "/" + strings.TrimPrefix(banner, "/")
			used[site] = append(used[site], course.ConfigFile)
		}
	}
	credits, _ := c.Credits()
	byFile := map[string]*course.Credit{}
	for i := range credits {
		byFile[credits[i].File] = &credits[i]
	}
	var out []AssetInfo
	for _, a := range c.Assets {
		if !course.IsImage(a) {
			continue
		}
		info := AssetInfo{Path: a, UsedBy: used["/"+a], Credit: byFile[a]}
		sort.Strings(info.UsedBy)
		out = append(out, info)
	}
	return out
}

// AssetLine describes an image in one line of the asset panel.
func AssetLine(a AssetInfo) string {
	use := lang.L("unused")
	if n := len(a.UsedBy); n > 0 {
		use = lang.N("used on {{.Count}} pages", n, map[string]any{"Count": n})
	}
	credit := lang.L("no credit")
	if cr := a.Credit; cr != nil {
		parts := []string{}
		for _, s := range []string{cr.Author, cr.License} {
			if strings.TrimSpace(s) != "" {
				parts = append(parts, s)
			}
		}
		credit = lang.L("credit: {{.Credit}}", map[string]any{"Credit": strings.Join(parts, ", ")})
	}
	return a.Path + " · " + use + " · " + credit
}

// AssetsPanel lists the course's images with where each is used, the
// unused ones, and their credits; choosing one shows the details.
type AssetsPanel struct {
	List    *widget.List
	Details *widget.Label
	// Unused says how many images no page uses.
	Unused *widget.Label
	// Shrink makes a smaller copy of the chosen image, shown when it is a
	// JPEG or PNG over 500 KB; Undo puts the last image made smaller back
	// as it was.
	Shrink, Undo *widget.Button
	Content      fyne.CanvasObject

	v        *CourseView
	assets   []AssetInfo
	selected string // the chosen image's path, "" for none
	undo     *shrunkImage
}

// shrunkImage is the image the panel last made smaller, with its bytes
// before, so that Undo can put them back.
type shrunkImage struct {
	path     string
	original []byte
}

// NewAssetsPanel builds the image panel of the view's course.
func NewAssetsPanel(v *CourseView) *AssetsPanel {
	a := &AssetsPanel{v: v, Details: widget.NewLabel(""), Unused: widget.NewLabel("")}
	a.Details.Wrapping = fyne.TextWrapWord
	a.List = widget.NewList(func() int { return len(a.assets) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("img/an-image-name.png · used on 10 pages · credit: someone")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(AssetLine(a.assets[i])) })
	a.List.OnSelected = func(i widget.ListItemID) { a.show(a.assets[i].Path) }
	a.List.OnUnselected = func(widget.ListItemID) { a.show("") }
	refresh := widget.NewButton(lang.L("Refresh"), a.Refresh)
	a.Shrink = widget.NewButton(lang.L("Make a smaller copy"), a.AskShrink)
	a.Undo = widget.NewButton(lang.L("Undo smaller copy"), a.UndoShrink)
	a.Shrink.Hide()
	a.Undo.Hide()
	details := container.NewBorder(nil, container.NewHBox(a.Shrink, a.Undo), nil, nil, container.NewVScroll(a.Details))
	split := container.NewVSplit(a.List, details)
	split.Offset = 0.65
	a.Content = container.NewBorder(container.NewBorder(nil, nil, nil, refresh, a.Unused), nil, nil, nil, split)
	a.Refresh()
	return a
}

// Refresh reads the images and their use again.
func (a *AssetsPanel) Refresh() {
	a.v.Flush()
	a.assets = AssetUsage(a.v.c)
	unused := 0
	for _, x := range a.assets {
		if len(x.UsedBy) == 0 {
			unused++
		}
	}
	a.Unused.SetText(lang.L("{{.Images}} images, {{.Unused}} unused", map[string]any{"Images": len(a.assets), "Unused": unused}))
	a.List.UnselectAll()
	a.List.Refresh()
	a.show("")
}

// Select chooses the image at path (e.g. img/photo.jpg) in the list.
func (a *AssetsPanel) Select(path string) {
	for i, x := range a.assets {
		if x.Path == path {
			a.List.Select(i)
			return
		}
	}
}

// show puts the details of the image at path (none for "") below the
// list, with the button to make it smaller when it is too large.
func (a *AssetsPanel) show(path string) {
	a.selected = path
	a.Shrink.Hide()
	a.Details.SetText("")
	for _, x := range a.assets {
		if x.Path != path {
			continue
		}
		a.Details.SetText(a.details(x))
		if publish.CanFixImage(a.v.c, x.Path) {
			a.Shrink.Show()
		}
	}
	if a.undo != nil {
		a.Undo.Show()
	} else {
		a.Undo.Hide()
	}
}

// AskShrink offers to put a smaller copy in place of the chosen image,
// as `coursewright check --fix-images` does (publish.FixImage): the same
// name, so every link stays as it is. It asks first when the view's
// prompter can; Undo puts the original back.
func (a *AssetsPanel) AskShrink() {
	path := a.selected
	if path == "" {
		return
	}
	full := filepath.Join(a.v.c.Dir, filepath.FromSlash(path))
	st, err := os.Stat(full)
	if err != nil {
		a.v.fail(err)
		return
	}
	c, canAsk := a.v.prompt.(Confirmer)
	if !canAsk {
		a.shrink(path)
		return
	}
	size := publish.SizeText(st.Size())
	if w, h, ok := ImageSize(full); ok {
		size = lang.L("{{.Size}}, {{.Width}}×{{.Height}} pixels", map[string]any{"Size": size, "Width": w, "Height": h})
	}
	c.Confirm(lang.L("Make a smaller copy"),
		lang.L("{{.Path}} is {{.Size}}: slow to load for learners on a phone. Replace it by a copy {{.Web}} pixels wide? Pages keep their links to it. Undo smaller copy puts the original back.",
			map[string]any{"Path": path, "Size": size, "Web": WebImageWidth}),
		func(yes bool) {
			if yes {
				a.shrink(path)
			}
		})
}

// shrink makes the image at path smaller, keeping its bytes for Undo.
func (a *AssetsPanel) shrink(path string) {
	full := filepath.Join(a.v.c.Dir, filepath.FromSlash(path))
	original, err := os.ReadFile(full)
	if err != nil {
		a.v.fail(err)
		return
	}
	r := publish.FixImage(a.v.c, path)
	if r.After != r.Before {
		a.undo = &shrunkImage{path: path, original: original}
	}
	if r.Err != nil {
		a.v.fail(fmt.Errorf("%s: not made smaller: %w", path, r.Err))
	}
	a.Refresh()
	a.Select(path)
}

// UndoShrink puts back the image the panel last made smaller.
func (a *AssetsPanel) UndoShrink() {
	u := a.undo
	if u == nil {
		return
	}
	if err := os.WriteFile(filepath.Join(a.v.c.Dir, filepath.FromSlash(u.path)), u.original, 0o644); err != nil {
		a.v.fail(err)
		return
	}
	a.undo = nil
	a.Refresh()
	a.Select(u.path)
}

// Assets is the list shown.
func (a *AssetsPanel) Assets() []AssetInfo { return a.assets }

func (a *AssetsPanel) details(x AssetInfo) string {
	var b strings.Builder
	b.WriteString(x.Path + "\n")
	full := filepath.Join(a.v.c.Dir, filepath.FromSlash(x.Path))
	if st, err := os.Stat(full); err == nil {
		size := publish.SizeText(st.Size())
		if w, h, ok := ImageSize(full); ok {
			size = lang.L("{{.Size}}, {{.Width}}×{{.Height}} pixels", map[string]any{"Size": size, "Width": w, "Height": h})
		}
		b.WriteString(size + "\n")
		if st.Size() > publish.MaxImageBytes {
			b.WriteString(lang.L("More than 500 KB: slow to load for learners on a phone.") + "\n")
		}
	}
	b.WriteString("\n")
	if len(x.UsedBy) == 0 {
		b.WriteString(lang.L("No page uses this image.") + "\n")
	} else {
		b.WriteString(lang.L("Used on:") + "\n")
		for _, p := range x.UsedBy {
			b.WriteString("• " + p + "\n")
		}
	}
	b.WriteString("\n")
	if cr := x.Credit; cr != nil {
		for _, f := range [][2]string{{lang.L("Title"), cr.Title}, {lang.L("Author"), cr.Author}, {lang.L("Source"), cr.Source}, {lang.L("License"), cr.License}} {
			if f[1] != "" {
				b.WriteString(f[0] + ": " + f[1] + "\n")
			}
		}
	} else {
		b.WriteString(lang.L("No credit: add the author, source and license of this image to img/credits.yml.") + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}
