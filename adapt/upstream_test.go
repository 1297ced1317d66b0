package adapt_test

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gittest"
)

const (
	pageA = "modules/intro/_posts/2000-01-01-welcome.md"
	pageB = "modules/intro/_posts/2000-01-02-reading.md"
	pageC = "modules/intro/_posts/2000-01-03-activity.md"
	pageD = "modules/intro/_posts/2000-01-04-reflection.md"
)

// smallCourse writes a course whose pages have several paragraphs, so
// the source and the adapter can change different places of one page.
func smallCourse(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "small")
	para := func(title string) string {
		return "---\ntitle: " + title + "\n---\n" +
			"# " + title + "\n\n" +
			"First paragraph of " + title + ".\n\n" +
			"Second paragraph of " + title + ".\n\n" +
			"Third paragraph of " + title + ".\n\n" +
			"Fourth paragraph of " + title + ".\n\n" +
			"Last paragraph of " + title + ".\n"
	}
	for p, s := range map[string]string{
		"_data/course.yml": "title: Small Course\ndescription: A course developed by Ann Author and Bo Builder\nmodules: [intro]\nlicense: CC-BY-SA-4.0\n",
		"_config.yml":      "title: Small Course\npermalink: /:categories/:title/\n", // as every Course-in-a-Box sets it
		"index.md":         "---\nlayout: index\n---\nWelcome to the small course.\n",
		pageA:              para("Welcome"),
		pageB:              para("Reading"),
		pageC:              para("Activity"),
		pageD:              para("Reflection"),
	} {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(p)), s)
	}
	return dir
}

func replace(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic("no " + old)
		}
		return strings.Replace(s, old, new, 1)
	}
}

func editFile(t *testing.T, p string, f func(string) string) {
	t.Helper()
	writeFile(t, p, f(readFile(t, p)))
}

func fileStatus(st *adapt.Status, p string) *adapt.FileStatus {
	for i := range st.Files {
		if st.Files[i].Path == p {
			return &st.Files[i]
		}
	}
	return nil
}

// TestUpstream: the source changes two pages, one of which the adapter
// changed in another place; status lists both rightly and pull merges
// both. Then both change the same line: the conflict is reported, the
// page is left as it was and a copy with markers is written beside it.
func TestUpstream(t *testing.T) {
	auth := isolate(t)
	srv := gittest.NewHTTPServer(t, testUser, testToken)
	ctx := context.Background()
	src := pushCourse(t, srv, "small", smallCourse(t), "main")
	first := src.head(t)
	dir := filepath.Join(t.TempDir(), "adapted")
	if _, err := adapt.Adapt(ctx, src.url, dir, adapt.Options{Auth: auth}); err != nil {
		t.Fatal(err)
	}
	opts := adapt.UpstreamOptions{Auth: auth}
	// Nothing changed yet.
	st, err := adapt.StatusWith(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Files) != 0 || st.Latest != first || st.Base != first {
		t.Fatalf("fresh status %+v", st)
	}

	// The adapter changes the first paragraph of A; the source changes
	// the last paragraph of A and the second of B.
	editFile(t, filepath.Join(dir, pageA), replace("First paragraph of Welcome.", "First paragraph, as our library tells it."))
	src.change(t, map[string]func(string) string{
		pageA: replace("Last paragraph of Welcome.", "Last paragraph of Welcome, corrected."),
		pageB: replace("Second paragraph of Reading.", "Second paragraph of Reading, with a new link."),
	})
	second := src.head(t)
	st, err = adapt.StatusWith(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if st.Latest != second || st.Base != first || len(st.Files) != 2 {
		t.Fatalf("status %+v", st)
	}
	a, b := fileStatus(st, pageA), fileStatus(st, pageB)
	if a == nil || a.Upstream != adapt.Changed || a.Ours != adapt.Changed || a.Conflict || a.Title != "Welcome" || !a.Page {
		t.Errorf("A: %+v", a)
	}
	if b == nil || b.Upstream != adapt.Changed || b.Ours != adapt.Unchanged || b.Conflict {
		t.Errorf("B: %+v", b)
	}

	res, err := adapt.PullWith(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Taken, []string{pageA, pageB}) || !res.BaseMoved || len(res.Remaining) != 0 {
		t.Errorf("pull %+v", res)
	}
	gotA := readFile(t, filepath.Join(dir, pageA))
	if !strings.Contains(gotA, "First paragraph, as our library tells it.") || !strings.Contains(gotA, "Last paragraph of Welcome, corrected.") {
		t.Errorf("A not merged:\n%s", gotA)
	}
	if !strings.Contains(readFile(t, filepath.Join(dir, pageB)), "with a new link") {
		t.Error("B not taken")
	}
	m := load(t, dir).Meta()
	if m.BasedOn.Commit != second {
		t.Errorf("based_on.commit %s, want %s", m.BasedOn.Commit, second)
	}
	if st, _ := adapt.StatusWith(ctx, dir, opts); len(st.Files) != 0 {
		t.Errorf("after the pull: %+v", st.Files)
	}
	// The adapter's own change is still counted as one.
	if ch, err := adapt.Changes(ctx, dir); err != nil || len(ch.PagesEdited) != 1 || ch.PagesEdited[0].Path != pageA {
		t.Errorf("changes after the pull: %+v %v", ch, err)
	}

	// The same line changed on both sides: a conflict, nothing changed.
	editFile(t, filepath.Join(dir, pageC), replace("Third paragraph of Activity.", "Third paragraph: our version."))
	src.change(t, map[string]func(string) string{
		pageC: replace("Third paragraph of Activity.", "Third paragraph: the source's version."),
		pageD: replace("Fourth paragraph of Reflection.", "Fourth paragraph of Reflection, updated."),
	})
	third := src.head(t)
	before := readFile(t, filepath.Join(dir, pageC))
	beforeD := readFile(t, filepath.Join(dir, pageD))
	dataBefore := readFile(t, filepath.Join(dir, "_data", "course.yml"))
	st, err = adapt.StatusWith(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if c := fileStatus(st, pageC); c == nil || !c.Conflict || c.Ours != adapt.Changed {
		t.Errorf("C: %+v", c)
	}
	if d := fileStatus(st, pageD); d == nil || d.Conflict {
		t.Errorf("D: %+v", d)
	}
	if !slices.Equal(st.Conflicts(), []string{pageC}) {
		t.Errorf("conflicts %v", st.Conflicts())
	}
	_, err = adapt.PullWith(ctx, dir, opts)
	var ce *adapt.UpstreamConflictError
	if !errors.As(err, &ce) || !errors.Is(err, adapt.ErrConflict) || !slices.Equal(ce.Paths, []string{pageC}) {
		t.Fatalf("pull with a conflict: %v", err)
	}
	if readFile(t, filepath.Join(dir, pageC)) != before || readFile(t, filepath.Join(dir, pageD)) != beforeD {
		t.Error("the pull changed pages despite the conflict")
	}
	if readFile(t, filepath.Join(dir, "_data", "course.yml")) != dataBefore {
		t.Error("based_on moved despite the conflict")
	}
	copyText := readFile(t, filepath.Join(dir, ".coursewright", "conflicts", filepath.FromSlash(pageC)))
	for _, s := range []string{"<<<<<<< this course", "Third paragraph: our version.", "=======", "Third paragraph: the source's version.", ">>>>>>> the source now"} {
		if !strings.Contains(copyText, s) {
			t.Errorf("conflict copy lacks %q:\n%s", s, copyText)
		}
	}
	if strings.Contains(readFile(t, filepath.Join(dir, pageC)), "<<<<<<<") {
		t.Error("conflict markers in the page itself")
	}
	// The conflict copy is not a page of the course.
	if load(t, dir).PageByPath(".coursewright/conflicts/"+pageC) != nil {
		t.Error("the conflict copy is loaded as a page")
	}

	// Taking only D: based_on.commit stays, D records its own version.
	res, err = adapt.PullWith(ctx, dir, opts, pageD)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Taken, []string{pageD}) || res.BaseMoved || !slices.Equal(res.Remaining, []string{pageC}) {
		t.Errorf("partial pull %+v", res)
	}
	c := load(t, dir)
	if c.Meta().BasedOn.Commit != second {
		t.Errorf("based_on.commit moved on a partial pull")
	}
	if got := c.Data.String("based_on", "pages", pageD); got != third {
		t.Errorf("based_on.pages[D] = %q, want %s\n%s", got, third, c.Data.Bytes())
	}
	st, err = adapt.StatusWith(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Files) != 1 || st.Files[0].Path != pageC {
		t.Errorf("after the partial pull: %+v", st.Files)
	}
	if _, err := adapt.PullWith(ctx, dir, opts, "modules/nope.md"); err == nil {
		t.Error("pulling a page with no changes")
	}

	// The adapter resolves C by taking the source's line; the next pull
	// takes it and moves based_on.commit, dropping the per-page record.
	editFile(t, filepath.Join(dir, pageC), replace("Third paragraph: our version.", "Third paragraph: the source's version."))
	res, err = adapt.PullWith(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	c = load(t, dir)
	if !res.BaseMoved || c.Meta().BasedOn.Commit != third || c.Data.Lookup("based_on", "pages") != nil {
		t.Errorf("after resolving: %+v\n%s", res, c.Data.Bytes())
	}
	if _, err := os.Stat(filepath.Join(dir, ".coursewright", "conflicts", filepath.FromSlash(pageC))); err == nil {
		t.Error("the stale conflict copy was kept")
	}
}

// TestUpstreamAddedAndRemoved: pages the source adds come in; pages it
// removes go, unless the adapter changed them.
func TestUpstreamAddedAndRemoved(t *testing.T) {
	auth := isolate(t)
	srv := gittest.NewHTTPServer(t, testUser, testToken)
	ctx := context.Background()
	src := pushCourse(t, srv, "small", smallCourse(t), "main")
	dir := filepath.Join(t.TempDir(), "adapted")
	if _, err := adapt.Adapt(ctx, src.url, dir, adapt.Options{Auth: auth}); err != nil {
		t.Fatal(err)
	}
	editFile(t, filepath.Join(dir, pageC), replace("Third paragraph of Activity.", "Ours."))
	const added = "modules/intro/_posts/2000-01-05-more.md"
	src.change(t, map[string]func(string) string{added: func(string) string { return "---\ntitle: More\n---\nMore.\n" }})
	gittest.Git(t, src.work, "rm", "-q", pageB, pageC)
	gittest.Git(t, src.work, "commit", "-qm", "remove")
	gittest.Git(t, src.work, "push", "-q", src.bare, "main")
	opts := adapt.UpstreamOptions{Auth: auth}
	st, err := adapt.StatusWith(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if f := fileStatus(st, added); f == nil || f.Upstream != adapt.Added || f.Conflict {
		t.Errorf("added: %+v", f)
	}
	if f := fileStatus(st, pageB); f == nil || f.Upstream != adapt.Removed || f.Conflict {
		t.Errorf("removed: %+v", f)
	}
	if f := fileStatus(st, pageC); f == nil || f.Upstream != adapt.Removed || !f.Conflict {
		t.Errorf("removed there, changed here: %+v", f)
	}
	if _, err := adapt.PullWith(ctx, dir, opts, added, pageB); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, pageB)); err == nil {
		t.Error("B was not removed")
	}
	if !strings.Contains(readFile(t, filepath.Join(dir, added)), "More.") {
		t.Error("the new page did not come in")
	}
	if !strings.Contains(readFile(t, filepath.Join(dir, pageC)), "Ours.") {
		t.Error("C was touched")
	}
}

// TestTranslation: adapting into German marks every page as a
// translation; check lists the untranslated ones, and a page whose source
// changed after it was translated as outdated; the site is German.
func TestTranslation(t *testing.T) {
	auth := isolate(t)
	srv := gittest.NewHTTPServer(t, testUser, testToken)
	ctx := context.Background()
	src := pushCourse(t, srv, "small", smallCourse(t), "main")
	first := src.head(t)
	dir := filepath.Join(t.TempDir(), "de")
	res, err := adapt.Adapt(ctx, src.url, dir, adapt.Options{Auth: auth, Language: "de", Title: "Kleiner Kurs"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Language != "de" || res.Translated != 5 {
		t.Errorf("result %+v", res)
	}
	c := load(t, dir)
	if c.Meta().Language != "de" {
		t.Errorf("language %q", c.Meta().Language)
	}
	tr, ok := c.PageByPath(pageA).TranslationOf()
	if !ok || tr.Path != pageA || tr.Commit != first {
		t.Errorf("translation_of %+v %v", tr, ok)
	}

	check := func() map[string][]string {
		t.Helper()
		c := load(t, dir)
		opts, notes := adapt.CheckOptions(ctx, c, adapt.CheckConfig{Fetch: true, Auth: auth})
		if len(notes) > 0 {
			t.Errorf("notes %v", notes)
		}
		if opts.Translations == nil {
			t.Fatal("no translation source")
		}
		out := map[string][]string{}
		for _, d := range course.CheckWith(c, opts) {
			out[d.File] = append(out[d.File], d.Message)
		}
		return out
	}
	has := func(ds map[string][]string, file, s string) bool {
		for _, m := range ds[file] {
			if strings.Contains(m, s) {
				return true
			}
		}
		return false
	}
	ds := check()
	for _, p := range []string{pageA, pageB, pageC, pageD} {
		if !has(ds, p, "untranslated") {
			t.Errorf("%s not reported untranslated: %v", p, ds[p])
		}
	}

	// A is translated; then the source changes it.
	writeFile(t, filepath.Join(dir, pageA), strings.Replace(readFile(t, filepath.Join(dir, pageA)),
		readFile(t, filepath.Join(src.work, pageA))[len("---\ntitle: Welcome\n---\n"):], "# Willkommen\n\nErster Absatz.\n", 1))
	ds = check()
	if has(ds, pageA, "untranslated") || has(ds, pageA, "outdated") {
		t.Errorf("A after translating: %v", ds[pageA])
	}
	src.change(t, map[string]func(string) string{pageA: replace("Second paragraph of Welcome.", "Second paragraph of Welcome, rewritten.")})
	ds = check()
	if !has(ds, pageA, "outdated translation") {
		t.Errorf("A not reported outdated: %v", ds[pageA])
	}
	if has(ds, pageB, "outdated") {
		t.Errorf("B reported outdated: %v", ds[pageB])
	}

	// The translator catches up and says so.
	tres, err := adapt.Translate(ctx, dir, adapt.TranslateOptions{Done: []string{pageA}, Auth: auth})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tres.Done, []string{pageA}) || tres.Source != src.head(t) {
		t.Errorf("translate --done %+v", tres)
	}
	if ds = check(); has(ds, pageA, "outdated") {
		t.Errorf("A still outdated: %v", ds[pageA])
	}

	// The site is German: lang, theme words, the credit.
	out := buildSite(t, dir)
	home := readFile(t, filepath.Join(out, "index.html"))
	page := readFile(t, filepath.Join(out, "modules", "intro", "welcome", "index.html"))
	for _, s := range []string{`<html lang="de">`, "Zum Inhalt springen", ">Module<", "steht unter der Lizenz", "Dieser Kurs ist eine Bearbeitung von", "Ann Author und Bo Builder", "Übersetzung in die Sprache Deutsch", "Quellenangaben"} {
		if !strings.Contains(home, s) {
			t.Errorf("home page lacks %q", s)
		}
	}
	if !strings.Contains(page, ">Weiter<") || !strings.Contains(page, `<html lang="de">`) {
		t.Error("module page not German")
	}
	attr := readFile(t, filepath.Join(out, "attributions", "index.html"))
	for _, s := range []string{"<h1>Quellenangaben</h1>", "Vorgenommene Änderungen", "Grundlage"} {
		if !strings.Contains(attr, s) {
			t.Errorf("attributions page lacks %q", s)
		}
	}
}

// TestTranslateExisting: translate on an adaptation marks its pages; on a
// course that adapts nothing it says what to do instead.
func TestTranslateExisting(t *testing.T) {
	isolate(t)
	ctx := context.Background()
	srcDir := smallCourse(t)
	dir := filepath.Join(t.TempDir(), "copy")
	if _, err := adapt.Adapt(ctx, srcDir, dir, adapt.Options{}); err != nil {
		t.Fatal(err)
	}
	// A page of the adapter's own is not a translation of anything.
	writeFile(t, filepath.Join(dir, "modules/intro/_posts/2000-01-09-ours.md"), "---\ntitle: Ours\n---\nOurs.\n")
	res, err := adapt.Translate(ctx, dir, adapt.TranslateOptions{Language: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Marked) != 5 || slices.Contains(res.Marked, "modules/intro/_posts/2000-01-09-ours.md") || res.Language != "fr" {
		t.Errorf("translate %+v", res)
	}
	if _, err := adapt.Translate(ctx, srcDir, adapt.TranslateOptions{Language: "fr"}); !errors.Is(err, adapt.ErrNotAdaptation) || !strings.Contains(err.Error(), "translate --language fr DIR") {
		t.Errorf("not an adaptation: %v", err)
	}
}

// TestAdaptZip: a zip of a course (as GitHub's "Download ZIP" makes it,
// inside one folder) is adapted like a folder; an entry that would leave
// the folder is refused.
func TestAdaptZip(t *testing.T) {
	isolate(t)
	ctx := context.Background()
	srcDir := smallCourse(t)
	zipPath := filepath.Join(t.TempDir(), "small-main.zip")
	writeZip(t, zipPath, srcDir, "small-main/", nil)
	dir := filepath.Join(t.TempDir(), "z")
	res, err := adapt.Adapt(ctx, zipPath, dir, adapt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Kind != adapt.SourceZip || res.Detection.ID != "CC-BY-SA-4.0" || !slices.Equal(res.BasedOn.Authors, []string{"Ann Author", "Bo Builder"}) {
		t.Errorf("zip: %+v", res)
	}
	if readFile(t, filepath.Join(dir, pageA)) != readFile(t, filepath.Join(srcDir, pageA)) {
		t.Error("page differs")
	}

	evil := filepath.Join(t.TempDir(), "evil.zip")
	writeZip(t, evil, srcDir, "", map[string]string{"../outside.md": "x"})
	if _, err := adapt.Adapt(ctx, evil, filepath.Join(t.TempDir(), "e"), adapt.Options{}); err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("zip slip: %v", err)
	}
}

func writeZip(t *testing.T, zipPath, dir, prefix string, extra map[string]string) {
	t.Helper()
	f, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	add := func(name, content string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	err = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		add(prefix+filepath.ToSlash(rel), readFile(t, p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for n, c := range extra {
		add(n, c)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
