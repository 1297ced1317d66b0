package course

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// A facilitator guide is drafted from what the course pages already say:
// learning-circle courses carry their timing ("_Suggested time: 20 min_",
// "### Share (10 min)") and their facilitator tips ("> Facilitator tip: …")
// inside the learner pages. DraftGuide gathers those into one meeting plan
// per module, which the author then edits; nothing in it is invented
// beyond an even split of the minutes no page accounts for.

// DefaultMeetingMinutes is the length of a learning-circle meeting when
// the course does not set meeting_minutes.
const DefaultMeetingMinutes = 90

// plannedMeetingMinutes is the planned length of one meeting of the course.
func (c *Course) plannedMeetingMinutes() int {
	if m := c.Meta().MeetingMinutes; m > 0 {
		return m
	}
	return DefaultMeetingMinutes
}

// guideSections are the three sections every meeting page has, in this
// order, in the words w.
func guideSections(w GuideWords) (prep, goals, tips string) {
	return "## " + w.Preparation, "## " + w.Goals, "## " + w.Tips
}

// DraftGuide drafts a facilitator guide for the course: one meeting per
// listed module, in course order, whose agenda is the module's published
// pages with the minutes their timing lines give (pages without one share
// what is left of the meeting evenly), with a preparation checklist, learner
// goals and the pages' facilitator tips.
//
// The guides are new, unsaved pages (facilitator-guide/meeting-N.md); the
// course is not changed. WriteDraftGuide adds them to the course. The
// words are English; DraftGuideIn writes them in another language.
func DraftGuide(c *Course) []*Guide { return DraftGuideIn(c, "en") }

// DraftGuideIn is DraftGuide with the words in language lang (see
// GuideWordsFor).
func DraftGuideIn(c *Course, lang string) []*Guide {
	w := GuideWordsFor(lang)
	total := c.plannedMeetingMinutes()
	outcomes := c.Meta().Outcomes
	var gs []*Guide
	for _, m := range c.Modules {
		// Hidden modules are not part of the course Jekyll shows; a listed
		// module with no folder has no pages to meet about.
		if m.Hidden || m.Missing {
			continue
		}
		n := len(gs) + 1
		var pages []*Page
		for _, p := range m.Pages {
			if p.Published() {
				pages = append(pages, p)
			}
		}
		agenda := draftAgenda(m, pages, total)
		title := fmt.Sprintf(w.MeetingTitle, n, m.Title)
		g := newGuide(n, title, total, agenda, draftGuideBody(w, pages, agenda, outcomes))
		gs = append(gs, g)
	}
	return gs
}

// guideMeetingPath is where meeting n's page lives.
func guideMeetingPath(n int) string { return fmt.Sprintf("%s/meeting-%d.md", GuideDir, n) }

// newGuide makes an unsaved meeting page. Its front matter is built key by
// key so it reads in the order an author expects: layout, title, meeting,
// minutes, agenda. `layout: page` is Course-in-a-Box's layout for single
// pages, so Jekyll renders (and prints) the guide like any other page.
func newGuide(n int, title string, minutes int, agenda []AgendaItem, body string) *Guide {
	path := guideMeetingPath(n)
	p := newFrontPage(path, title, body)
	if agenda == nil {
		agenda = []AgendaItem{} // written as `agenda: []`, a list to fill in
	}
	// Setting plain values on a fresh document cannot fail.
	_ = p.SetFrontValue("meeting", n)
	_ = p.SetFrontValue("minutes", minutes)
	_ = p.SetFrontValue("agenda", agenda)
	return &Guide{Page: p, Meeting: n, Minutes: minutes, Agenda: append([]AgendaItem(nil), agenda...)}
}

// newFrontPage makes an unsaved single page with `layout: page` and a title.
func newFrontPage(path, title, body string) *Page {
	slug := path[strings.LastIndexByte(path, '/')+1:]
	slug = strings.TrimSuffix(slug, ".md")
	p := &Page{Path: path, Slug: slug, open: "---\n", close: "---\n", body: body, dirty: true, front: &Doc{}}
	_ = p.SetFrontValue("layout", "page")
	_ = p.SetFrontValue("title", titleNode(title))
	return p
}

// titleNode writes a title plain when YAML allows it and double-quoted
// otherwise ("Meeting 1: Who Made This?"), as hand-written guides do.
func titleNode(title string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: title}
	if !plainSafe(title) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// draftAgenda makes one agenda item per page. Pages whose minutes are
// unknown share what the timed pages leave of the meeting, the first ones
// getting the odd minutes, so the agenda adds up whenever it can.
func draftAgenda(m *Module, pages []*Page, total int) []AgendaItem {
	agenda := make([]AgendaItem, len(pages))
	known, unknown := 0, 0
	timed := make([]bool, len(pages))
	for i, p := range pages {
		agenda[i] = AgendaItem{Activity: draftPageTitle(p), Page: m.Slug + "/" + p.Slug}
		if mins, ok := PageMinutes(p.Body()); ok {
			agenda[i].Minutes, timed[i] = mins, true
			known += mins
		} else {
			unknown++
		}
	}
	if unknown == 0 {
		return agenda
	}
	left := max(total-known, 0)
	share, extra := left/unknown, left%unknown
	for i := range agenda {
		if timed[i] {
			continue
		}
		agenda[i].Minutes = share
		if extra > 0 {
			agenda[i].Minutes++
			extra--
		}
	}
	return agenda
}

func draftPageTitle(p *Page) string {
	if t := strings.TrimSpace(p.Title()); t != "" {
		return t
	}
	return humanize(p.Slug)
}

// draftGuideBody writes the three sections of a drafted meeting.
func draftGuideBody(w GuideWords, pages []*Page, agenda []AgendaItem, outcomes []string) string {
	guidePreparation, guideGoals, guideTips := guideSections(w)
	var b strings.Builder
	b.WriteString("\n" + guidePreparation + "\n\n")
	for _, it := range draftPreparation(w, pages, agenda) {
		b.WriteString("- [ ] " + draftIndent(it, "  ") + "\n")
	}
	if goals := draftGoals(w, outcomes); goals != "" {
		b.WriteString("\n" + guideGoals + "\n\n" + goals)
	} else {
		b.WriteString("\n" + guideGoals + "\n")
	}
	b.WriteString("\n" + guideTips + "\n\n")
	tips := 0
	for _, p := range pages {
		for _, t := range FacilitatorTips(p.Body()) {
			t = draftRelinkText(p.URL(), t)
			b.WriteString("- " + draftIndent(t, "  ") + fmt.Sprintf(w.TipFrom, draftPageLink(p)) + "\n")
			tips++
		}
	}
	if tips == 0 {
		b.WriteString("- " + w.NoTips + "\n")
	}
	return b.String()
}

// draftIndent indents every line after the first, so a multi-line text
// stays inside the list item it starts.
func draftIndent(s, pad string) string {
	return strings.ReplaceAll(s, "\n", "\n"+pad)
}

// draftPageLink is a markdown link to a course page that works from any page
// of the site, the way Course-in-a-Box courses link between pages.
func draftPageLink(p *Page) string {
	return "[" + draftLinkText(draftPageTitle(p)) + "](" + draftSiteLink(p.URL()) + ")"
}

func draftSiteLink(sitePath string) string { return "{{ site.baseurl }}" + escapePath(sitePath) }

func draftLinkText(s string) string {
	return strings.NewReplacer("[", `\[`, "]", `\]`).Replace(s)
}

// draftPreparation lists what the facilitator does before the meeting:
// read each page, test its videos, get its handouts ready.
func draftPreparation(w GuideWords, pages []*Page, agenda []AgendaItem) []string {
	var items []string
	for i, p := range pages {
		items = append(items, fmt.Sprintf(w.ReadThrough, draftPageLink(p), agenda[i].Minutes))
	}
	for _, p := range pages {
		if vids := draftPageVideos(p.Body()); len(vids) > 0 {
			test := w.TestVideo
			if len(vids) > 1 {
				test = w.TestVideos
			}
			items = append(items, fmt.Sprintf(test, draftPageLink(p), strings.Join(vids, ", ")))
		}
	}
	for _, p := range pages {
		for _, l := range draftPageMaterials(p.Body()) {
			target := draftRelinkTarget(p.URL(), l.target)
			items = append(items, fmt.Sprintf(w.GetMaterial,
				draftLinkText(l.text), target, draftPageLink(p)))
		}
	}
	return items
}

// draftGoals writes the learner goals: the course's outcomes when it has
// them; else nothing, for the facilitator to write (a page's first
// paragraph says what the page is about, not what learners can do after
// the meeting, and reads as goals that nobody set).
func draftGoals(w GuideWords, outcomes []string) string {
	if len(outcomes) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(w.GoalsLead + "\n\n")
	for _, o := range outcomes {
		b.WriteString("- " + o + "\n")
	}
	return b.String()
}

// Timing lines as learning-circle courses write them. Emphasis markers
// (_ and *) are blanked out before matching, so "_Suggested time: 20 min_"
// and "**Timing:** 30 minutes" read the same.
const draftDurationPat = `(?:\d+(?:[.,]\d+)?|an|one|half[ \t]+an)(?:[ \t]*(?:-|–|—|to)[ \t]*\d+(?:[.,]\d+)?)?[ \t]*(?:hours?|hrs?|h|minutes?|mins?|m)\b(?:[ \t]*(?:and[ \t]*)?\d+[ \t]*(?:minutes?|mins?|m)\b)?`

var (
	// draftPageTimingRE is a page-level line: "Suggested time: 20 min",
	// "Suggested timing: 30 minutes", "Estimated time: 1 hour", "Timing: 45 min".
	draftPageTimingRE = regexp.MustCompile(`(?i)^[ \t>#+-]*(?:(?:suggested|estimated|recommended|approximate|approx\.?|total)[ \t]+(?:time|timing|duration|length)|timing|time|time[ \t]+needed|duration)[ \t]*[:\-–—][ \t]*(` + draftDurationPat + `)`)
	// draftHeadingRE is an ATX heading; draftHeadingTimingRE finds its
	// timing: "### Share (10 min)", "## Activity (about 1 hour)".
	draftHeadingRE       = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$`)
	draftHeadingTimingRE = regexp.MustCompile(`(?i)\((?:about|approx\.?|approximately|ca\.?|~)?[ \t]*(` + draftDurationPat + `)[^)]*\)`)
	draftDurationRE      = regexp.MustCompile(`(?i)^(\d+(?:[.,]\d+)?|an|one|half[ \t]+an)(?:[ \t]*(?:-|–|—|to)[ \t]*(\d+(?:[.,]\d+)?))?[ \t]*(hours?|hrs?|h|minutes?|mins?|m)\b(?:[ \t]*(?:and[ \t]*)?(\d+)[ \t]*(?:minutes?|mins?|m)\b)?`)

	// Text in comments is not shown, so it says nothing about the meeting.
	draftHTMLCommentRE   = regexp.MustCompile(`(?s)<!--.*?-->`)
	draftLiquidCommentRE = regexp.MustCompile(`(?s)\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}`)
	draftEmphasisBlanker = strings.NewReplacer("_", " ", "*", " ")
)

// PageMinutes reads how long a page takes in a meeting from its markdown:
// a page-level timing line ("_Suggested timing: 30 minutes_",
// "_Suggested time: 20 min_", "Suggested time: 1 hour") when there is one,
// else the sum of its timed section headings ("### Share (10 min)"),
// not counting sections nested in a timed one. A range ("30–40 minutes")
// counts as its upper end, so a plan never runs short. ok is false when
// the page says nothing about time.
//
// Timed list lines ("**5 min:** watch …") are not counted: real courses use
// them both inside a timed page and for homework, so they would count twice
// or count time spent outside the meeting.
func PageMinutes(body string) (int, bool) {
	body = draftStripComments(body)
	sum, sections := 0, false
	timedLevel := 0 // level of the timed heading whose section we are in
	fence := ""
	for _, line := range strings.Split(body, "\n") {
		if f := draftFence(line); f != "" {
			if fence == "" {
				fence = f
			} else if strings.HasPrefix(f, fence) {
				fence = ""
			}
			continue
		}
		if fence != "" {
			continue
		}
		plain := draftEmphasisBlanker.Replace(line)
		if m := draftPageTimingRE.FindStringSubmatch(plain); m != nil {
			if mins, ok := draftParseDuration(m[1]); ok {
				return mins, true
			}
		}
		h := draftHeadingRE.FindStringSubmatch(plain)
		if h == nil {
			continue
		}
		level := len(h[1])
		if timedLevel > 0 && level > timedLevel {
			continue // a part of a section already counted
		}
		timedLevel = 0
		ms := draftHeadingTimingRE.FindAllStringSubmatch(h[2], -1)
		if len(ms) == 0 {
			continue
		}
		if mins, ok := draftParseDuration(ms[len(ms)-1][1]); ok {
			sum += mins
			sections = true
			timedLevel = level
		}
	}
	return sum, sections
}

// draftParseDuration turns "20 min", "1 hour", "1.5 hours", "1 hour 30 minutes",
// "half an hour" or "30-40 minutes" (the upper end) into minutes.
func draftParseDuration(s string) (int, bool) {
	m := draftDurationRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	num := m[1]
	if m[2] != "" {
		num = m[2]
	}
	var v float64
	switch w := strings.ToLower(strings.Join(strings.Fields(num), " ")); w {
	case "an", "one":
		v = 1
	case "half an":
		v = 0.5
	default:
		f, err := strconv.ParseFloat(strings.ReplaceAll(w, ",", "."), 64)
		if err != nil {
			return 0, false
		}
		v = f
	}
	if strings.HasPrefix(strings.ToLower(m[3]), "h") {
		v *= 60
	}
	if m[4] != "" {
		extra, _ := strconv.Atoi(m[4])
		v += float64(extra)
	}
	return int(math.Round(v)), true
}

func draftStripComments(body string) string {
	body = draftHTMLCommentRE.ReplaceAllString(body, "")
	return draftLiquidCommentRE.ReplaceAllString(body, "")
}

// draftFence returns the ``` or ~~~ run opening or closing a fenced code
// block on this line, or "".
func draftFence(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return ""
	}
	for _, ch := range []string{"`", "~"} {
		n := 0
		for n < len(t) && t[n:n+1] == ch {
			n++
		}
		if n >= 3 {
			return t[:n]
		}
	}
	return ""
}

var (
	draftQuoteRE = regexp.MustCompile(`^ {0,3}> ?`)
	tipLabelRE   = regexp.MustCompile(`(?i)^[*_]{0,3}[ \t]*facilitator[ \t]+tips?[ \t]*[*_]{0,3}[ \t]*[:.\-–—][ \t]*[*_]{0,3}[ \t]*`)
	// draftBlockStartRE matches lines that start a new markdown block, which
	// end a blockquote's lazy continuation.
	draftBlockStartRE = regexp.MustCompile(`^ {0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d+[.)][ \t]|<|\{%|` + "```" + `|~~~|(?:[-*_][ \t]*){3,}$)`)
)

// FacilitatorTips returns the text of the page's "> Facilitator tip: …"
// blockquotes, without the label, one string per blockquote. A tip may run
// over several quoted lines (or lazily unquoted ones) and paragraphs; its
// lines are kept as written.
func FacilitatorTips(body string) []string {
	body = draftStripComments(body)
	var tips []string
	var cur []string
	inQuote := false
	flush := func() {
		if len(cur) > 0 {
			for len(cur) > 0 && strings.TrimSpace(cur[len(cur)-1]) == "" {
				cur = cur[:len(cur)-1]
			}
			text := strings.Join(cur, "\n")
			if loc := tipLabelRE.FindStringIndex(text); loc != nil {
				if t := strings.TrimSpace(text[loc[1]:]); t != "" {
					tips = append(tips, t)
				}
			}
		}
		cur, inQuote = nil, false
	}
	fence := ""
	for _, line := range strings.Split(body, "\n") {
		if f := draftFence(line); f != "" || fence != "" {
			flush()
			if f != "" {
				if fence == "" {
					fence = f
				} else if strings.HasPrefix(f, fence) {
					fence = ""
				}
			}
			continue
		}
		if loc := draftQuoteRE.FindStringIndex(line); loc != nil {
			inQuote = true
			cur = append(cur, strings.TrimRight(line[loc[1]:], " \t"))
			continue
		}
		// A non-blank line right after a quoted paragraph continues it
		// (markdown's lazy continuation), unless it starts another block.
		if inQuote && strings.TrimSpace(line) != "" && len(cur) > 0 &&
			strings.TrimSpace(cur[len(cur)-1]) != "" && !draftBlockStartRE.MatchString(line) {
			cur = append(cur, strings.TrimSpace(line))
			continue
		}
		flush()
	}
	flush()
	return tips
}

var (
	draftVideoRE        = regexp.MustCompile(`(?i)(?:https?:)?//(?:www\.|m\.)?(?:youtube(?:-nocookie)?\.com/(?:embed/|watch\?|v/|shorts/)|youtu\.be/|(?:player\.)?vimeo\.com/|ted\.com/talks/|pbs\.org/video/)[^\s"'<>)\]]*`)
	draftYouTubeIDRE    = regexp.MustCompile(`(?:embed/|[?&]v=|youtu\.be/|/v/|shorts/)([\w-]{11})`)
	draftIncludeVideoRE = regexp.MustCompile(`\{%-?\s*include\s+(?:video|youtube|vimeo)[\w.-]*\s+[^%]*?id\s*=\s*["']?([\w-]+)`)
)

// draftPageVideos lists the videos a page shows or links to, once each (an
// embed and a "watch" link of the same YouTube video are one video).
func draftPageVideos(body string) []string {
	body = draftStripComments(body)
	seen := map[string]bool{}
	var out []string
	for _, u := range draftVideoRE.FindAllString(body, -1) {
		key := u
		if m := draftYouTubeIDRE.FindStringSubmatch(u); m != nil {
			key = "yt:" + m[1]
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		if strings.HasPrefix(u, "//") {
			u = "https:" + u
		}
		out = append(out, "<"+u+">")
	}
	for _, m := range draftIncludeVideoRE.FindAllStringSubmatch(body, -1) {
		if key := "yt:" + m[1]; !seen[key] {
			seen[key] = true
			out = append(out, "the embedded video `"+m[1]+"`")
		}
	}
	return out
}

type draftLink struct{ text, target string }

var (
	draftMDLinkRE       = regexp.MustCompile(`(^|[^!])\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?((?:\{\{[^}]*\}\}|[^)\s>])+)`)
	draftAnchorRE       = regexp.MustCompile(`(?is)<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>(.*?)</a>`)
	draftTagRE          = regexp.MustCompile(`<[^>]*>`)
	draftMaterialURLRE  = regexp.MustCompile(`(?i)\.(?:pdf|docx?|pptx?|xlsx?|odt|odp|ods)(?:[?#]|$)|//(?:docs|drive)\.google\.com/`)
	draftMaterialTextRE = regexp.MustCompile(`(?i)\b(?:pdf|handouts?|worksheets?|templates?|printables?|print-?outs?|slides?)\b`)
)

// draftPageMaterials lists the handouts a page links to: documents (PDF,
// office files, shared Google documents) and links whose text calls them
// a PDF, handout, worksheet, template or slides.
func draftPageMaterials(body string) []draftLink {
	body = draftStripComments(body)
	var links []draftLink
	for _, m := range draftMDLinkRE.FindAllStringSubmatch(body, -1) {
		links = append(links, draftLink{text: m[2], target: m[3]})
	}
	for _, m := range draftAnchorRE.FindAllStringSubmatch(body, -1) {
		t := m[1]
		if t == "" {
			t = m[2]
		}
		links = append(links, draftLink{text: m[3], target: t})
	}
	seen := map[string]bool{}
	var out []draftLink
	for _, l := range links {
		l.text = strings.Join(strings.Fields(draftTagRE.ReplaceAllString(l.text, "")), " ")
		if !draftMaterialURLRE.MatchString(l.target) && !draftMaterialTextRE.MatchString(l.text) {
			continue
		}
		if seen[l.target] {
			continue
		}
		seen[l.target] = true
		if l.text == "" {
			l.text = l.target
		}
		out = append(out, l)
	}
	return out
}

// draftRelinkTarget rewrites a link target written on the page at srcURL so it
// leads to the same place from any page: relative paths and bare fragments
// become {{ site.baseurl }} paths; everything else is left as written.
func draftRelinkTarget(srcURL, target string) string {
	if target == "" || strings.HasPrefix(target, "/") || baseurlRE.MatchString(target) ||
		schemeRE.MatchString(target) || strings.Contains(target, "{{") || strings.Contains(target, "{%") {
		return target
	}
	if strings.HasPrefix(target, "#") {
		return draftSiteLink(srcURL) + target
	}
	site, ok := ResolveLink(srcURL, target)
	if !ok {
		return target
	}
	suffix := ""
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		suffix = target[i:]
	}
	return draftSiteLink(site) + suffix
}

// draftRelinkText rewrites the links of a markdown snippet taken from the page
// at srcURL (see draftRelinkTarget), so it can be copied into a guide page.
func draftRelinkText(srcURL, text string) string {
	refs := ExtractLinks(text)
	sort.Slice(refs, func(i, j int) bool { return refs[i].Start > refs[j].Start })
	for _, r := range refs {
		if r.Kind == LinkPostURL {
			continue
		}
		if nt := draftRelinkTarget(srcURL, r.Target); nt != r.Target {
			text = text[:r.Start] + nt + text[r.End:]
		}
	}
	return text
}
