package editor

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
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
	Unused  *widget.Label
	Content fyne.CanvasObject

	v      *CourseView
	assets []AssetInfo
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
	a.List.OnSelected = func(i widget.ListItemID) { a.Details.SetText(a.details(a.assets[i])) }
	refresh := widget.NewButton(lang.L("Refresh"), a.Refresh)
	split := container.NewVSplit(a.List, container.NewVScroll(a.Details))
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
	a.Details.SetText("")
}

// Assets is the list shown.
func (a *AssetsPanel) Assets() []AssetInfo { return a.assets }

func (a *AssetsPanel) details(x AssetInfo) string {
	var b strings.Builder
	b.WriteString(x.Path + "\n\n")
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
