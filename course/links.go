package course

import (
	"net/url"
	"path"
	"regexp"
	"strings"
)

// Links in course pages come in the forms real Course-in-a-Box courses
// use: markdown links and images, reference definitions, HTML href/src,
// Jekyll's {% post_url %}, and each of those with a {{ site.baseurl }}
// prefix, an absolute /path, or a path relative to the page's URL.

// LinkKind tells how a link was written.
type LinkKind int

const (
	LinkMarkdown LinkKind = iota // [text](target) or ![alt](target)
	LinkRefDef                   // [id]: target
	LinkHTML                     // href="target" / src="target"
	LinkPostURL                  // {% post_url name %}
)

// LinkRef is one link found in a page body.
type LinkRef struct {
	Kind       LinkKind
	Target     string // as written
	Start, End int    // byte span of Target in the body
	Image      bool   // an image (markdown ![..] or <img src>)
	Alt        string // alt text of a markdown image; "" when empty
	HasAlt     bool   // an alt attribute or text was given (even if empty)
}

var (
	mdLinkRE   = regexp.MustCompile(`(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?((?:\{\{[^}]*\}\}|[^)\s>])+(?: +(?:\{\{[^}]*\}\}|[^)\s>"'])+)*)`)
	refDefRE   = regexp.MustCompile(`(?m)^ {0,3}\[[^\]^][^\]]*\]:\s*<?(\S+?)>?(?:\s|$)`)
	htmlAttrRE = regexp.MustCompile(`(?i)<(\w+)\b[^>]*?\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	altAttrRE  = regexp.MustCompile(`(?i)\balt\s*=`)
	postURLRE  = regexp.MustCompile(`\{%-?\s*post_url\s+([^\s%]+)\s*-?%\}`)
	baseurlRE  = regexp.MustCompile(`^\{\{\s*site\.baseurl\s*\}\}`)
	schemeRE   = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
)

// ExtractLinks lists the links of a markdown body, in order.
func ExtractLinks(body string) []LinkRef {
	var out []LinkRef
	for _, m := range mdLinkRE.FindAllStringSubmatchIndex(body, -1) {
		img := m[3] > m[2]
		alt := body[m[4]:m[5]]
		out = append(out, LinkRef{Kind: LinkMarkdown, Target: body[m[6]:m[7]], Start: m[6], End: m[7],
			Image: img, Alt: alt, HasAlt: strings.TrimSpace(alt) != ""})
	}
	for _, m := range refDefRE.FindAllStringSubmatchIndex(body, -1) {
		out = append(out, LinkRef{Kind: LinkRefDef, Target: body[m[2]:m[3]], Start: m[2], End: m[3]})
	}
	for _, m := range htmlAttrRE.FindAllStringSubmatchIndex(body, -1) {
		s, e := m[6], m[7]
		if s < 0 {
			s, e = m[8], m[9]
		}
		tag := strings.ToLower(body[m[2]:m[3]])
		ref := LinkRef{Kind: LinkHTML, Target: body[s:e], Start: s, End: e, Image: tag == "img"}
		if ref.Image {
			end := strings.IndexByte(body[m[0]:], '>')
			if end < 0 {
				end = len(body) - m[0]
			}
			ref.HasAlt = altAttrRE.MatchString(body[m[0] : m[0]+end])
		}
		out = append(out, ref)
	}
	for _, m := range postURLRE.FindAllStringSubmatchIndex(body, -1) {
		out = append(out, LinkRef{Kind: LinkPostURL, Target: body[m[2]:m[3]], Start: m[2], End: m[3]})
	}
	return out
}

// LineCol converts a byte offset in s to a 1-based line and column.
func LineCol(s string, off int) (line, col int) {
	line = 1 + strings.Count(s[:off], "\n")
	col = off - strings.LastIndexByte(s[:off], '\n')
	return line, col
}

// ResolveLink turns a link target written on the page at pageURL into a
// site path (e.g. "/modules/setup/intro/") without query or fragment.
// ok is false for external links, mail links, pure fragments and Liquid
// other than site.baseurl.
func ResolveLink(pageURL, target string) (site string, ok bool) {
	t := target
	if loc := baseurlRE.FindStringIndex(t); loc != nil {
		t = t[loc[1]:]
		if !strings.HasPrefix(t, "/") {
			t = "/" + t
		}
	}
	if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//") || schemeRE.MatchString(t) || strings.Contains(t, "{{") || strings.Contains(t, "{%") {
		return "", false
	}
	if i := strings.IndexAny(t, "?#"); i >= 0 {
		t = t[:i]
	}
	if u, err := url.PathUnescape(t); err == nil {
		t = u
	}
	slash := strings.HasSuffix(t, "/")
	if !strings.HasPrefix(t, "/") {
		t = path.Join(pageURL, t)
		if !strings.HasPrefix(t, "/") {
			t = "/" + t
		}
	}
	clean := path.Clean(t)
	if slash && clean != "/" {
		clean += "/"
	}
	return clean, true
}

// relativeURL expresses the site path to relative to the page URL from
// (a folder-style URL ending in /).
func relativeURL(from, to string) string {
	fs := strings.Split(strings.Trim(from, "/"), "/")
	if strings.Trim(from, "/") == "" {
		fs = nil
	}
	ts := strings.Split(strings.Trim(to, "/"), "/")
	i := 0
	for i < len(fs) && i < len(ts) && strings.EqualFold(fs[i], ts[i]) {
		i++
	}
	rel := strings.Repeat("../", len(fs)-i) + strings.Join(ts[i:], "/")
	if strings.HasSuffix(to, "/") && !strings.HasSuffix(rel, "/") && rel != "" {
		rel += "/"
	}
	if rel == "" {
		rel = "./"
	}
	return rel
}

// urlMap says how an edit moves site paths: a module folder rename or a
// page that changes module, slug or date.
type urlMap struct {
	fromPrefix, toPrefix string // e.g. /modules/a/ → /modules/b/ (whole module)
	fromPage, toPage     string // e.g. /modules/a/x/ → /modules/b/y/
	fromPost, toPost     string // post names: 2000-01-02-x → 2000-01-05-y
	fromModule, toModule string // module of that post
}

func moduleRewrite(from, to string) urlMap {
	return urlMap{fromPrefix: "/modules/" + from + "/", toPrefix: "/modules/" + to + "/", fromModule: from, toModule: to}
}

func pageRewrite(fromModule, fromDate, fromSlug, toModule, toDate, toSlug string) urlMap {
	return urlMap{
		fromPage: "/modules/" + fromModule + "/" + fromSlug + "/", toPage: "/modules/" + toModule + "/" + toSlug + "/",
		fromPost: fromDate + "-" + fromSlug, toPost: toDate + "-" + toSlug,
		fromModule: fromModule, toModule: toModule,
	}
}

func (m urlMap) reverse() urlMap {
	return urlMap{m.toPrefix, m.fromPrefix, m.toPage, m.fromPage, m.toPost, m.fromPost, m.toModule, m.fromModule}
}

// apply maps a site path (folder style, trailing slash optional).
func (m urlMap) apply(site string) (string, bool) {
	s := site
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	ls := strings.ToLower(s)
	switch {
	case m.fromPrefix != "" && strings.HasPrefix(ls, strings.ToLower(m.fromPrefix)):
		s = m.toPrefix + s[len(m.fromPrefix):]
	case m.fromPage != "" && strings.HasPrefix(ls, strings.ToLower(m.fromPage)):
		s = m.toPage + s[len(m.fromPage):]
	default:
		return site, false
	}
	if !strings.HasSuffix(site, "/") {
		s = strings.TrimSuffix(s, "/")
	}
	return s, true
}

// applyPost maps a {% post_url %} argument.
func (m urlMap) applyPost(arg string) (string, bool) {
	dir, name := path.Split(arg)
	if m.fromPrefix != "" {
		if strings.HasPrefix(strings.ToLower("/"+strings.TrimPrefix(dir, "/")), strings.ToLower(m.fromPrefix)) {
			lead := ""
			if strings.HasPrefix(dir, "/") {
				lead = "/"
			}
			return lead + strings.TrimPrefix(m.toPrefix, "/") + name, true
		}
		return arg, false
	}
	if m.fromPost == "" || name != m.fromPost {
		return arg, false
	}
	if dir != "" {
		if !strings.EqualFold(strings.Trim(dir, "/"), "modules/"+m.fromModule) {
			return arg, false
		}
		lead := ""
		if strings.HasPrefix(dir, "/") {
			lead = "/"
		}
		dir = lead + "modules/" + m.toModule + "/"
	}
	return dir + m.toPost, true
}

// rewriteBody rewrites the links of a page body for a move. oldURL is
// where the page was when its relative links were written, newURL where
// it is now.
func rewriteBody(body, oldURL, newURL string, m urlMap) string {
	refs := ExtractLinks(body)
	if len(refs) == 0 {
		return body
	}
	type repl struct {
		start, end int
		text       string
	}
	var rs []repl
	for _, r := range refs {
		if r.Kind == LinkPostURL {
			if nt, ok := m.applyPost(r.Target); ok && nt != r.Target {
				rs = append(rs, repl{r.Start, r.End, nt})
			}
			continue
		}
		site, ok := ResolveLink(oldURL, r.Target)
		if !ok {
			continue
		}
		mapped, changed := m.apply(site)
		relative := !strings.HasPrefix(r.Target, "/") && baseurlRE.FindStringIndex(r.Target) == nil
		if !changed && !(relative && oldURL != newURL) {
			continue
		}
		suffix := ""
		if i := strings.IndexAny(r.Target, "?#"); i >= 0 {
			suffix = r.Target[i:]
		}
		var nt string
		switch {
		case baseurlRE.FindStringIndex(r.Target) != nil:
			loc := baseurlRE.FindStringIndex(r.Target)
			nt = r.Target[:loc[1]] + escapePath(mapped) + suffix
		case strings.HasPrefix(r.Target, "/"):
			nt = escapePath(mapped) + suffix
		default:
			nt = escapePath(relativeURL(newURL, mapped)) + suffix
		}
		if nt != r.Target {
			rs = append(rs, repl{r.Start, r.End, nt})
		}
	}
	if len(rs) == 0 {
		return body
	}
	// Apply from the end so earlier offsets stay valid.
	var b strings.Builder
	last := 0
	sortRepls := func() {
		for i := 1; i < len(rs); i++ {
			for j := i; j > 0 && rs[j].start < rs[j-1].start; j-- {
				rs[j], rs[j-1] = rs[j-1], rs[j]
			}
		}
	}
	sortRepls()
	for _, r := range rs {
		if r.start < last {
			continue
		}
		b.WriteString(body[last:r.start])
		b.WriteString(r.text)
		last = r.end
	}
	b.WriteString(body[last:])
	return b.String()
}

// escapePath keeps a path readable in markdown: only spaces, which would
// end a markdown link target, are escaped.
func escapePath(p string) string { return strings.ReplaceAll(p, " ", "%20") }

// linkRewrite records the bodies an edit rewrote, for undo.
type linkRewrite struct {
	m       urlMap
	changed map[*Page][2]string // page → {before, after}
	agendas map[*Guide]agendaState
	c       *Course
}

// agendaState is a guide's agenda before a rewrite, for undo.
type agendaState struct {
	front  docState
	agenda []AgendaItem
	dirty  bool
}

// rewriteLinks rewrites every page's links for a move that has already
// been applied to the pages' paths.
func (c *Course) rewriteLinks(m urlMap) *linkRewrite {
	rw := &linkRewrite{m: m, changed: map[*Page][2]string{}, agendas: map[*Guide]agendaState{}, c: c}
	rev := m.reverse()
	// Facilitator-guide agendas name pages as "module/page".
	for _, g := range c.Guides {
		items := append([]AgendaItem(nil), g.Agenda...)
		changed := false
		for i, it := range items {
			if it.Page == "" {
				continue
			}
			if to, ok := m.apply("/modules/" + it.Page + "/"); ok {
				items[i].Page = strings.TrimSuffix(strings.TrimPrefix(to, "/modules/"), "/")
				changed = true
			}
		}
		if changed && g.front != nil && g.front.root != nil {
			st := agendaState{front: snapshot(g.front), agenda: g.Agenda, dirty: g.dirty}
			if g.SetAgenda(items) == nil {
				rw.agendas[g] = st
			}
		}
	}
	for _, p := range c.AllPages() {
		newURL := p.URL()
		oldURL, _ := rev.apply(newURL)
		body := p.Body()
		nb := rewriteBody(body, oldURL, newURL, m)
		if nb != body {
			p.holdText()
			rw.changed[p] = [2]string{p.body, nb}
			p.body = nb
			p.dirty = true
		}
	}
	return rw
}

// undo puts back the bodies it changed; a body edited since gets the
// reverse rewrite instead, so no typing is lost.
func (rw *linkRewrite) undo() {
	for g, st := range rw.agendas {
		st.front.restore()
		g.Agenda = st.agenda
		g.dirty = true
	}
	rev := rw.m.reverse()
	for p, ba := range rw.changed {
		p.dirty = true
		if p.body == ba[1] {
			p.body = ba[0]
			continue
		}
		cur := p.URL()
		p.body = rewriteBody(p.body, cur, cur, rev)
		p.dirty = true
	}
}
