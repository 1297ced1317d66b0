package course

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// editCases: each edit on a real course, with exactly the files git must
// see changed after it is saved.
var editCases = []struct {
	name   string
	course string
	edit   Edit
	want   []string
}{
	{"add module (block list of mappings)", "how-to-talk-about-race", AddModule{Title: "Closing Circle"},
		[]string{"?? modules/closing-circle/_posts/2000-01-01-overview.md", "M _data/course.yml"}},
	{"add module (flow list of names)", "course-in-a-box", AddModule{Title: "Wrap Up", Pos: 2},
		[]string{"?? modules/wrap-up/_posts/2000-01-01-overview.md", "M _data/course.yml"}},
	{"add module with a Unicode title", "we-are-ai", AddModule{Title: "Übung 1"},
		[]string{"?? modules/ubung-1/_posts/2000-01-01-overview.md", "M _data/course.yml"}},
	{"rename module (mapping)", "how-to-talk-about-race", RenameModule{Slug: "privilege", Title: "Privilege & Power"},
		[]string{"M _data/course.yml"}},
	{"rename module (names)", "we-are-ai", RenameModule{Slug: "what-is-ai", Title: "What Is AI?"},
		[]string{"M _data/course.yml"}},
	{"reslug module with links", "ECS154B", ReslugModule{Slug: "Introduction", New: "intro"},
		[]string{
			"?? modules/intro/_posts/2000-01-01-index.md", "?? modules/intro/_posts/2000-02-01-intro.md",
			"?? modules/intro/_posts/2000-03-01-security.md", "?? modules/intro/_posts/2000-04-01-technology.md",
			"?? modules/intro/_posts/2000-05-01-evaluation.md",
			"D modules/Introduction/_posts/2000-01-01-index.md", "D modules/Introduction/_posts/2000-02-01-intro.md",
			"D modules/Introduction/_posts/2000-03-01-security.md", "D modules/Introduction/_posts/2000-04-01-technology.md",
			"D modules/Introduction/_posts/2000-05-01-evaluation.md",
			"M _data/course.yml", "M index.md"}},
	{"move module", "we-are-ai", MoveModule{Slug: "we-are-ai", Pos: 1}, []string{"M _data/course.yml"}},
	{"move module down", "how-to-talk-about-race", MoveModule{Slug: "implicit-bias", Pos: 3}, []string{"M _data/course.yml"}},
	{"hide module", "course-in-a-box", HideModule{Slug: "customize"}, []string{"M _data/course.yml"}},
	{"show hidden module", "we-are-ai", ShowModule{Slug: "design-notes", Pos: 2}, []string{"M _data/course.yml"}},
	{"remove module", "how-to-talk-about-race", RemoveModule{Slug: "privilege"}, []string{
		"D modules/privilege/_posts/2000-01-01-checkin.md", "D modules/privilege/_posts/2000-01-02-read&watch.md",
		"D modules/privilege/_posts/2000-01-03-activity.md", "D modules/privilege/_posts/2000-01-04-reflection.md",
		"M _data/course.yml"}},
	{"add page", "course-in-a-box", AddPage{Module: "setup", Title: "Ask for Help"},
		[]string{"?? modules/setup/_posts/2000-01-04-ask-for-help.md"}},
	{"add page first", "course-in-a-box", AddPage{Module: "setup", Title: "Before You Start", Pos: 1},
		[]string{"?? modules/setup/_posts/1999-12-31-before-you-start.md"}},
	{"rename page", "we-are-ai", RenamePage{Module: "what-is-ai", Slug: "index", Title: "Welcome: Check-In"},
		[]string{"M modules/what-is-ai/_posts/2000-01-01-index.md"}},
	{"reslug page with links", "ECS154B", ReslugPage{Module: "Processor Architecture", Slug: "single-cycle", New: "one-cycle"},
		[]string{
			"?? modules/Processor Architecture/_posts/2000-03-01-one-cycle.md",
			"D modules/Processor Architecture/_posts/2000-03-01-single-cycle.md",
			"M modules/Processor Architecture/_posts/2000-01-10-index.md",
			"M modules/Processor Architecture/_posts/2000-02-01-isa.md",
			"M modules/Processor Architecture/_posts/2000-04-01-pipelined.md"}},
	{"move page to front", "how-to-talk-about-race", MovePage{Module: "privilege", Slug: "reflection", Pos: 1},
		[]string{"?? modules/privilege/_posts/1999-12-31-reflection.md", "D modules/privilege/_posts/2000-01-04-reflection.md"}},
	{"move page between", "ECS154B", MovePage{Module: "Introduction", Slug: "evaluation", Pos: 2},
		[]string{
			"?? modules/Introduction/_posts/2000-01-16-evaluation.md",
			"D modules/Introduction/_posts/2000-05-01-evaluation.md",
			"M index.md", "M modules/Introduction/_posts/2000-01-01-index.md"}},
	{"move page to another module", "course-in-a-box", MovePage{Module: "customize", Slug: "licensing", To: "setup", Pos: 0},
		[]string{"?? modules/setup/_posts/2000-01-06-licensing.md", "D modules/customize/_posts/2000-01-06-licensing.md"}},
	{"remove page", "we-are-ai", RemovePage{Module: "what-is-ai", Slug: "comic"},
		[]string{"D modules/what-is-ai/_posts/2000-01-05-comic.md"}},
	{"set license", "we-are-ai", SetMeta{Key: "license", Value: "cc-by-sa-4.0"}, []string{"M _data/course.yml"}},
	{"set authors", "how-to-talk-about-race", SetMeta{Key: "authors", Value: "Amrita Patel, Denise LaForce"}, []string{"M _data/course.yml"}},
	{"set jumbotron colour", "ECS154B", SetMeta{Key: "jumbotron_color", Value: "#123456"}, []string{"M _config.yml"}},
	{"set based_on.title", "course-in-a-box", SetMeta{Key: "based_on.title", Value: "Course-in-a-Box"}, []string{"M _data/course.yml"}},
}

func TestEditChangesOnlyItsFiles(t *testing.T) {
	for _, tc := range editCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := gitCourse(t, tc.course)
			c := mustLoad(t, dir)
			undo, err := c.Apply(tc.edit)
			if err != nil {
				t.Fatal(err)
			}
			mustSave(t, c)
			if got := gitChanges(t, dir); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("changed files:\n got %q\nwant %q", got, tc.want)
			}
			// The saved course loads back with no problems it did not have.
			if again := mustLoad(t, dir); len(again.Problems) != len(mustLoad(t, filepath.Join(corpusDir(t), tc.course)).Problems) {
				t.Errorf("problems after edit: %v", again.Problems)
			}
			// Undo after the save restores every byte.
			redo, err := c.Apply(undo)
			if err != nil {
				t.Fatal(err)
			}
			mustSave(t, c)
			if got := gitChanges(t, dir); len(got) != 0 {
				t.Errorf("after undo + save, git sees %q", got)
			}
			// Redo gives the same change again.
			if _, err := c.Apply(redo); err != nil {
				t.Fatal(err)
			}
			mustSave(t, c)
			if got := gitChanges(t, dir); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("after redo:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestEditUndoneBeforeSaveWritesNothing(t *testing.T) {
	for _, tc := range editCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := gitCourse(t, tc.course)
			c := mustLoad(t, dir)
			undo, err := c.Apply(tc.edit)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Apply(undo); err != nil {
				t.Fatal(err)
			}
			mustSave(t, c)
			if got := gitChanges(t, dir); len(got) != 0 {
				t.Errorf("edit + undo + save: git sees %q", got)
			}
		})
	}
}

func TestReslugRewritesLinks(t *testing.T) {
	dir := gitCourse(t, "ECS154B")
	c := mustLoad(t, dir)
	if _, err := c.Apply(ReslugPage{Module: "Processor Architecture", Slug: "single-cycle", New: "one-cycle"}); err != nil {
		t.Fatal(err)
	}
	mustSave(t, c)
	isa, _ := os.ReadFile(filepath.Join(dir, "modules/Processor Architecture/_posts/2000-02-01-isa.md"))
	if !strings.Contains(string(isa), "{% post_url 2000-03-01-one-cycle %}") {
		t.Error("post_url not rewritten")
	}
	idx, _ := os.ReadFile(filepath.Join(dir, "modules/Processor Architecture/_posts/2000-01-10-index.md"))
	if !strings.Contains(string(idx), "](../one-cycle/)") {
		t.Error("relative link not rewritten")
	}
}

func TestMovePageRenamesFewest(t *testing.T) {
	c := mustLoad(t, gitCourse(t, "course-in-a-box"))
	m := c.Module("customize")
	before := map[string]string{}
	for _, p := range m.Pages {
		before[p.Slug] = p.Path
	}
	if _, err := c.Apply(MovePage{Module: "customize", Slug: "licensing", Pos: 1}); err != nil {
		t.Fatal(err)
	}
	renamed := 0
	for _, p := range m.Pages {
		if before[p.Slug] != p.Path {
			renamed++
		}
	}
	if renamed != 1 || m.Pages[0].Slug != "licensing" {
		t.Errorf("renamed %d files, first page %q", renamed, m.Pages[0].Slug)
	}
}

func TestEditsRefuseBadInput(t *testing.T) {
	c := mustLoad(t, gitCourse(t, "course-in-a-box"))
	bad := []Edit{
		AddModule{Title: "x", Slug: "../x"},
		AddModule{Title: "x", Slug: "a/b"},
		AddModule{Title: "x", Slug: "CON"},
		AddModule{Title: ""},
		AddModule{Title: "   "},
		AddModule{Title: "Setup"}, // exists
		AddPage{Module: "setup", Title: "x", Slug: "../../etc"},
		AddPage{Module: "nope", Title: "x"},
		ReslugModule{Slug: "setup", New: "content"},
		ReslugPage{Module: "setup", Slug: "getting-started", New: "x/y"},
		RenamePage{Module: "setup", Slug: "getting-started", Title: ""},
		MoveModule{Slug: "setup", Pos: 9},
		SetMeta{Key: "license", Value: "CC-BY-SA-9.9"},
		SetMeta{Key: "meetings", Value: "six"},
		SetMeta{Key: "nonsense", Value: "x"},
		SetMeta{Key: "jumbotron_color", Value: "blue"},
	}
	before := c.Data.Bytes()
	for _, e := range bad {
		if _, err := c.Apply(e); err == nil {
			t.Errorf("%s: accepted", e)
		}
	}
	if string(c.Data.Bytes()) != string(before) || c.Modified() {
		t.Error("refused edits changed the course")
	}
}

// Module titles survive hiding, showing and renaming the folder, in both
// list shapes, and removing a module leaves no empty module_titles.
func TestModuleTitlesSurvive(t *testing.T) {
	dir := gitCourse(t, "how-to-talk-about-race")
	c := mustLoad(t, dir)
	if _, err := c.Apply(HideModule{Slug: "systems-of-disproportionality"}); err != nil {
		t.Fatal(err)
	}
	mustSave(t, c)
	c = mustLoad(t, dir)
	if got := c.Module("systems-of-disproportionality").Title; got != "Systems of Disproportionality" {
		t.Errorf("hidden module title = %q", got)
	}
	if _, err := c.Apply(ShowModule{Slug: "systems-of-disproportionality", Pos: 4}); err != nil {
		t.Fatal(err)
	}
	mustSave(t, c)
	if got := gitChanges(t, dir); len(got) != 0 {
		t.Errorf("hide, save, reload, show: git sees %q", got)
	}

	dir = gitCourse(t, "ECS154B")
	c = mustLoad(t, dir)
	if _, err := c.Apply(ReslugModule{Slug: "Processor Architecture", New: "processor"}); err != nil {
		t.Fatal(err)
	}
	mustSave(t, c)
	if got := mustLoad(t, dir).Module("processor").Title; got != "Processor Architecture" {
		t.Errorf("title after reslug = %q", got)
	}

	dir = gitCourse(t, "course-in-a-box")
	c = mustLoad(t, dir)
	if _, err := c.Apply(AddModule{Title: "Wrap Up"}); err != nil {
		t.Fatal(err)
	}
	mustSave(t, c)
	if _, err := c.Apply(RemoveModule{Slug: "wrap-up"}); err != nil {
		t.Fatal(err)
	}
	mustSave(t, c)
	if got := gitChanges(t, dir); len(got) != 0 {
		t.Errorf("add, save, remove: git sees %q", got)
	}
}

// Agenda references follow a page or module that moves, and undo puts
// them back.
func TestAgendaFollowsMoves(t *testing.T) {
	dir := gitCourse(t, "we-are-ai")
	c := mustLoad(t, dir)
	if _, err := c.Apply(WriteDraftGuide{}); err != nil {
		t.Fatal(err)
	}
	mustSave(t, c)
	git(t, dir, "add", "-A")
	git(t, dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "guide")
	c = mustLoad(t, dir)
	undo, err := c.Apply(ReslugModule{Slug: "what-is-ai", New: "ai-basics"})
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, c)
	again := mustLoad(t, dir)
	for _, it := range again.Guides[0].Agenda {
		if !strings.HasPrefix(it.Page, "ai-basics/") {
			t.Errorf("agenda item %+v not updated", it)
		}
	}
	for _, d := range Check(again) {
		if strings.Contains(d.Message, "agenda") {
			t.Errorf("after reslug: %s", d)
		}
	}
	if _, err := c.Apply(undo); err != nil {
		t.Fatal(err)
	}
	mustSave(t, c)
	if got := gitChanges(t, dir); len(got) != 0 {
		t.Errorf("after undo git sees %q", got)
	}
}
