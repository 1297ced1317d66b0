package editor

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/publish"
)

// SettingsForm edits the course's descriptive data: what course.SetMeta
// can set. Each field is checked as the author types by the very rule
// SetMeta applies (on a scratch course, so nothing changes until Save),
// and Save applies one undoable SetMeta per changed field, then writes
// the files — which keeps the comments and unknown keys of both YAML files,
// because course edits the YAML documents in place.
type SettingsForm struct {
	Title, Description, Language, Authors, Audience *widget.Entry
	Meetings, MeetingMinutes, Domain, Color         *widget.Entry
	// Outcomes holds one learning outcome a line.
	Outcomes *widget.Entry
	// Level offers course.Levels in plain words; Subjects are what the
	// course is about. OER directories index both.
	Level    *widget.Select
	Subjects *widget.Entry
	// License offers the plain-language descriptions of
	// course.CourseLicenses (plus the course's own license when it is
	// another one).
	License     *widget.Select
	Image, Icon *widget.Select
	// Swatch shows the banner colour; Contrast says how readable text
	// on it is.
	Swatch   *canvas.Rectangle
	Contrast *widget.Label
	// Status says what the last Save did, or why it failed.
	Status  *widget.Label
	SaveBtn *widget.Button
	// CloseBtn closes the form (OnClose), asking first when a setting
	// was changed and not saved.
	CloseBtn *widget.Button
	Content  fyne.CanvasObject
	// OnClose closes the form's window, and Ask asks on that window (the
	// app sets both; without Ask the view's prompt asks).
	OnClose func()
	Ask     Confirmer

	v        *CourseView
	licenses []course.LicenseInfo // in the order of License.Options
}

// levelNames are the Level choices: "not set", then course.Levels in
// plain words.
func levelNames() []string {
	out := []string{lang.L("(not set)")}
	for _, k := range course.Levels {
		out = append(out, levelName(k))
	}
	return out
}

// levelName is a level in the app's language.
func levelName(k string) string {
	switch k {
	case "early-childhood":
		return lang.X("level.early-childhood", "Early childhood")
	case "primary":
		return lang.X("level.primary", "Primary school")
	case "lower-secondary":
		return lang.X("level.lower-secondary", "Lower secondary school")
	case "upper-secondary":
		return lang.X("level.upper-secondary", "Upper secondary school")
	case "post-secondary":
		return lang.X("level.post-secondary", "After school, not university")
	case "short-tertiary":
		return lang.X("level.short-tertiary", "Short college course")
	case "bachelor":
		return lang.X("level.bachelor", "University, bachelor's level")
	case "master":
		return lang.X("level.master", "University, master's level")
	case "doctoral":
		return lang.X("level.doctoral", "Doctoral level")
	case "adult":
		return lang.X("level.adult", "Adults, lifelong learning")
	}
	return k // a level added to course.Levels and not yet worded here
}

// levelKey is the course.Levels key of the Level choice i ("" for none).
func levelKey(i int) string {
	if i <= 0 || i > len(course.Levels) {
		return ""
	}
	return course.Levels[i-1]
}

// noImage is the image choice for "none".
func noImage() string { return lang.L("(none)") }

// NewSettingsForm builds the settings form of the view's course, filled
// with its current settings.
func NewSettingsForm(v *CourseView) *SettingsForm {
	f := &SettingsForm{v: v}
	entry := func(key string) *widget.Entry {
		e := widget.NewEntry()
		e.Validator = metaValidator(key)
		return e
	}
	f.Title = entry("title")
	f.Description = entry("description")
	f.Description.MultiLine = true
	f.Description.Wrapping = fyne.TextWrapWord
	f.Language = entry("language")
	f.Language.SetPlaceHolder("en, es, de, pt-BR…")
	f.Authors = entry("authors")
	f.Authors.SetPlaceHolder(lang.L("names, separated by commas"))
	f.Audience = entry("audience")
	f.Level = widget.NewSelect(levelNames(), nil)
	f.Subjects = entry("subject")
	f.Subjects.SetPlaceHolder(lang.L("topics, separated by commas"))
	f.Meetings = entry("meetings")
	f.MeetingMinutes = entry("meeting_minutes")
	f.Domain = entry("domain")
	f.Domain.Validator = validateDomain
	f.Domain.SetPlaceHolder(lang.L("course.example.org (optional)"))
	f.Color = entry("jumbotron_color")
	f.Color.SetPlaceHolder("#1f5f8b")
	f.Outcomes = widget.NewMultiLineEntry()
	f.Outcomes.SetPlaceHolder(lang.L("one learning outcome a line"))
	f.Outcomes.Validator = validateOutcomes
	f.Swatch = canvas.NewRectangle(color.Transparent)
	f.Swatch.SetMinSize(fyne.NewSize(48, 32))
	f.Swatch.StrokeWidth = 1
	f.Swatch.StrokeColor = theme.Color(theme.ColorNameForeground)
	f.Contrast = widget.NewLabel("")
	f.Contrast.Wrapping = fyne.TextWrapWord
	f.Color.OnChanged = func(string) { f.updateSwatch() }
	f.License = widget.NewSelect(nil, nil)
	f.License.PlaceHolder = lang.L("Choose a license")
	f.Image = widget.NewSelect(nil, nil)
	f.Icon = widget.NewSelect(nil, nil)
	f.Status = widget.NewLabel("")
	f.Status.Wrapping = fyne.TextWrapWord
	f.SaveBtn = widget.NewButtonWithIcon(lang.L("Save settings"), theme.DocumentSaveIcon(), func() { f.Status.SetText(f.statusOf(f.Save())) })
	f.SaveBtn.Importance = widget.HighImportance

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Title"), f.Title),
		widget.NewFormItem(lang.X("settings.description", "Description"), f.Description),
		widget.NewFormItem(lang.L("License"), f.License),
		widget.NewFormItem(lang.L("Language"), f.Language),
		widget.NewFormItem(lang.L("Authors"), f.Authors),
		widget.NewFormItem(lang.L("Audience"), f.Audience),
		widget.NewFormItem(lang.L("Education level"), f.Level),
		widget.NewFormItem(lang.L("Subjects"), f.Subjects),
		widget.NewFormItem(lang.L("Meetings"), f.Meetings),
		widget.NewFormItem(lang.L("Minutes per meeting"), f.MeetingMinutes),
		widget.NewFormItem(lang.L("Learning outcomes"), f.Outcomes),
		widget.NewFormItem(lang.L("Banner colour"), container.NewBorder(nil, nil, nil, f.Swatch, f.Color)),
		widget.NewFormItem("", f.Contrast),
		widget.NewFormItem(lang.L("Banner image"), f.Image),
		widget.NewFormItem(lang.L("Banner icon"), f.Icon),
		widget.NewFormItem(lang.L("Custom domain"), f.Domain),
	)
	f.CloseBtn = widget.NewButton(lang.L("Close"), f.Close)
	buttons := container.NewHBox(f.CloseBtn, f.SaveBtn)
	f.Content = container.NewBorder(nil, container.NewBorder(nil, nil, nil, buttons, f.Status), nil, nil, container.NewVScroll(form))
	f.Reset()
	return f
}

// metaValidator checks a value the way SetMeta would, on an empty
// scratch course, so the reason shown is the model's own.
func metaValidator(key string) fyne.StringValidator {
	return func(s string) error {
		if isIntKey(key) && strings.TrimSpace(s) == "" {
			return nil // left unplanned
		}
		_, err := new(course.Course).Apply(course.SetMeta{Key: key, Value: s})
		return err
	}
}

func isIntKey(key string) bool { return key == "meetings" || key == "meeting_minutes" }

// validateOutcomes refuses the one character the model's list syntax
// uses as its separator, which would split an outcome in two.
func validateOutcomes(s string) error {
	if strings.Contains(s, ";") {
		return Words(lang.L("an outcome cannot contain \";\": put each outcome on its own line"))
	}
	return nil
}

// validateDomain checks a custom domain: a host name, without scheme or
// path, as GitHub Pages' CNAME file takes it.
func validateDomain(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if strings.Contains(s, "://") || strings.ContainsAny(s, "/ ") {
		return Words(lang.L("give the domain only, like course.example.org, without https:// or a path"))
	}
	if !strings.Contains(s, ".") {
		return notDomain(s)
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return notDomain(s)
		}
		for _, r := range label {
			if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				return Words(lang.L("a domain has only letters, digits, dots and hyphens, not {{.Char}}", map[string]any{"Char": strconv.Quote(string(r))}))
			}
		}
	}
	return nil
}

func notDomain(s string) error {
	return Words(lang.L("{{.Value}} is not a domain; use one like course.example.org", map[string]any{"Value": strconv.Quote(s)}))
}

// Reset fills the form with the course's current settings.
func (f *SettingsForm) Reset() {
	c := f.v.c
	m := c.Meta()
	f.Title.SetText(m.Title)
	f.Description.SetText(m.Description)
	f.Language.SetText(m.Language)
	f.Authors.SetText(strings.Join(m.Authors, ", "))
	f.Audience.SetText(m.Audience)
	f.Level.SetSelectedIndex(max(0, slices.Index(course.Levels, m.Level)+1))
	f.Subjects.SetText(strings.Join(m.Subjects, ", "))
	f.Meetings.SetText(intText(m.Meetings))
	f.MeetingMinutes.SetText(intText(m.MeetingMinutes))
	f.Outcomes.SetText(strings.Join(m.Outcomes, "\n"))
	f.Domain.SetText(m.Domain)
	f.Color.SetText(m.JumbotronColor)

	f.licenses = course.CourseLicenses()
	known := m.License == ""
	for _, l := range f.licenses {
		if strings.EqualFold(l.ID, m.License) {
			known = true
		}
	}
	if !known {
		// Keep a license the chooser does not offer, so that saving
		// without touching it does not change it.
		l, ok := course.LookupLicense(m.License)
		if !ok {
			l = course.LicenseInfo{ID: m.License, Plain: m.License}
		}
		f.licenses = append(f.licenses, l)
	}
	opts := make([]string, len(f.licenses))
	sel := ""
	for i, l := range f.licenses {
		opts[i] = LicenseText(l)
		if strings.EqualFold(l.ID, m.License) {
			sel = opts[i]
		}
	}
	f.License.SetOptions(opts)
	f.License.ClearSelected()
	if sel != "" {
		f.License.SetSelected(sel)
	}

	images := []string{noImage()}
	for _, a := range c.Assets {
		if isImage(a) {
			images = append(images, a)
		}
	}
	setImage := func(s *widget.Select, cur string) {
		o := images
		if cur != "" && !contains(images, cur) {
			o = append(append([]string(nil), images...), cur)
		}
		s.SetOptions(o)
		if cur == "" {
			cur = noImage()
		}
		s.SetSelected(cur)
	}
	setImage(f.Image, m.JumbotronImage)
	setImage(f.Icon, m.JumbotronIcon)
	f.updateSwatch()
	f.Status.SetText("")
}

func intText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isImage reports whether an asset path names a picture the banner can
// show.
func isImage(p string) bool {
	switch strings.ToLower(p[strings.LastIndex(p, ".")+1:]) {
	case "png", "jpg", "jpeg", "gif", "svg", "webp":
		return true
	}
	return false
}

// updateSwatch shows the colour typed so far and how readable the
// banner's text will be on it; the theme picks white or black text, so
// the warning is about colours where even the better one reads poorly.
func (f *SettingsForm) updateSwatch() {
	s := strings.TrimSpace(f.Color.Text)
	fg, ratio := publish.ReadableTextColor(s)
	if fg == "" {
		f.Swatch.FillColor = color.Transparent
		f.Swatch.Refresh()
		if s == "" {
			f.Contrast.SetText(lang.L("No banner colour: the theme's default is used."))
		} else {
			f.Contrast.SetText(lang.L("Type a hex colour like #1f5f8b to see how readable the banner is."))
		}
		return
	}
	f.Swatch.FillColor = hexColor(s)
	f.Swatch.Refresh()
	f.Contrast.SetText(ContrastMessage(fg, ratio))
}

// ContrastMessage describes the contrast of the banner's text (colour fg,
// ratio to the background) in words, with a warning below WCAG's 7:1
// (AAA) and a stronger one below 4.5:1 (AA).
func ContrastMessage(fg string, ratio float64) string {
	data := map[string]any{"Ratio": fmt.Sprintf("%.1f", ratio)}
	white := strings.EqualFold(fg, "#ffffff")
	switch {
	case ratio < 4.5 && white:
		return lang.L("Banner text will be white, contrast {{.Ratio}}:1 — warning: hard to read (below 4.5:1); choose a darker or lighter colour.", data)
	case ratio < 4.5:
		return lang.L("Banner text will be dark, contrast {{.Ratio}}:1 — warning: hard to read (below 4.5:1); choose a darker or lighter colour.", data)
	case ratio < 7 && white:
		return lang.L("Banner text will be white, contrast {{.Ratio}}:1 — warning: readable, but below the 7:1 that helps people with low vision; a darker or lighter colour reads better.", data)
	case ratio < 7:
		return lang.L("Banner text will be dark, contrast {{.Ratio}}:1 — warning: readable, but below the 7:1 that helps people with low vision; a darker or lighter colour reads better.", data)
	case white:
		return lang.L("Banner text will be white, contrast {{.Ratio}}:1 — good contrast.", data)
	}
	return lang.L("Banner text will be dark, contrast {{.Ratio}}:1 — good contrast.", data)
}

// hexColor turns #rgb or #rrggbb into a colour (a valid one: the caller
// checked it with ReadableTextColor).
func hexColor(s string) color.Color {
	s = strings.TrimPrefix(s, "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	n, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return color.Transparent
	}
	return color.NRGBA{R: uint8(n >> 16), G: uint8(n >> 8), B: uint8(n), A: 0xff}
}

// Values returns the form's settings as SetMeta takes them, by key.
func (f *SettingsForm) Values() map[string]string {
	var outcomes []string
	for _, l := range strings.Split(f.Outcomes.Text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			outcomes = append(outcomes, l)
		}
	}
	license := ""
	if i := f.License.SelectedIndex(); i >= 0 && i < len(f.licenses) {
		license = f.licenses[i].ID
	}
	image := func(s *widget.Select) string {
		if s.Selected == noImage() {
			return ""
		}
		return s.Selected
	}
	return map[string]string{
		"title":           f.Title.Text,
		"description":     f.Description.Text,
		"license":         license,
		"language":        f.Language.Text,
		"authors":         f.Authors.Text,
		"audience":        f.Audience.Text,
		"level":           levelKey(f.Level.SelectedIndex()),
		"subject":         f.Subjects.Text,
		"meetings":        f.Meetings.Text,
		"meeting_minutes": f.MeetingMinutes.Text,
		"outcomes":        strings.Join(outcomes, "; "),
		"domain":          f.Domain.Text,
		"jumbotron_color": f.Color.Text,
		"jumbotron_image": image(f.Image),
		"jumbotron_icon":  image(f.Icon),
	}
}

// Validate checks every field; the first problem is returned, named.
func (f *SettingsForm) Validate() error {
	fields := []struct {
		name string
		e    *widget.Entry
	}{{lang.L("Title"), f.Title}, {lang.X("settings.description", "Description"), f.Description}, {lang.L("Language"), f.Language}, {lang.L("Authors"), f.Authors},
		{lang.L("Audience"), f.Audience}, {lang.L("Subjects"), f.Subjects}, {lang.L("Meetings"), f.Meetings}, {lang.L("Minutes per meeting"), f.MeetingMinutes},
		{lang.L("Learning outcomes"), f.Outcomes}, {lang.L("Banner colour"), f.Color}, {lang.L("Custom domain"), f.Domain}}
	for _, fl := range fields {
		if err := fl.e.Validate(); err != nil {
			return Words(fl.name + ": " + err.Error()) // the validators' words
		}
	}
	return nil
}

// Changed reports whether a field differs from the course's setting.
func (f *SettingsForm) Changed() bool {
	vals := f.Values()
	for key, val := range vals {
		cur, err := f.v.c.GetMeta(key)
		if err != nil {
			continue
		}
		val = strings.TrimSpace(val)
		if isIntKey(key) && (val == "" || val == "0") && (cur == "" || cur == "0") {
			continue
		}
		if val != cur {
			return true
		}
	}
	return false
}

// Close closes the form; changed settings that are not saved are
// dropped only when the author says so.
func (f *SettingsForm) Close() {
	if f.OnClose == nil {
		return
	}
	c, canAsk := f.Ask, f.Ask != nil
	if !canAsk {
		c, canAsk = f.v.prompt.(Confirmer)
	}
	if !f.Changed() || !canAsk {
		f.OnClose()
		return
	}
	c.Confirm(lang.L("Close without saving?"), lang.L("Some settings were changed and not saved. Close the settings and drop these changes?"), func(ok bool) {
		if ok {
			f.OnClose()
		}
	})
}

// Save applies the changed settings, one undoable edit each, and writes
// the course.
func (f *SettingsForm) Save() (changed int, err error) {
	if err := f.Validate(); err != nil {
		return 0, err
	}
	f.v.Flush() // the course is saved whole: the page's text too
	c := f.v.c
	vals := f.Values()
	// The form's order, so that undo steps back from the last field.
	order := []string{"title", "description", "license", "language", "authors", "audience", "level", "subject",
		"meetings", "meeting_minutes", "outcomes", "jumbotron_color", "jumbotron_image", "jumbotron_icon", "domain"}
	for _, key := range order {
		val := strings.TrimSpace(vals[key])
		cur, err := c.GetMeta(key)
		if err != nil {
			return changed, err
		}
		if val == "" && isIntKey(key) {
			// An emptied number means "not planned"; a course that never
			// had the key does not get one.
			if cur == "" {
				continue
			}
			val = "0"
		}
		if cur == val {
			continue
		}
		err = f.v.hist.apply(c, course.SetMeta{Key: key, Value: val})
		if err != nil {
			return changed, fmt.Errorf("%s: %w", key, err)
		}
		changed++
	}
	if changed == 0 {
		return 0, nil
	}
	return changed, f.v.afterStructure()
}

// statusOf says what Save did.
func (f *SettingsForm) statusOf(n int, err error) string {
	switch {
	case err != nil:
		f.v.fail(err)
		return lang.L("Not saved: {{.Reason}}", map[string]any{"Reason": UserError(f.v.words, "", err).Error()})
	case n == 0:
		return lang.L("Nothing to save: no setting changed.")
	}
	return lang.N("Saved {{.Count}} settings.", n, map[string]any{"Count": n})
}
