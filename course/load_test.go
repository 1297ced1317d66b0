package course

import (
	"path/filepath"
	"reflect"
	"testing"
)

func TestLoadCorpus(t *testing.T) {
	type mod struct {
		slug   string
		hidden bool
		pages  int
	}
	cases := []struct {
		name    string
		title   string
		modules []mod
		singles []string
	}{
		{"course-in-a-box", "Course-in-a-Box", []mod{{"setup", false, 3}, {"content", false, 4}, {"customize", false, 6}},
			[]string{"single-page.md"}},
		{"we-are-ai", "We Are AI", []mod{
			{"what-is-ai", false, 5}, {"learning-from-data", false, 5}, {"who-lives-who-dies-who-decides", false, 6},
			{"all-about-that-bias", false, 5}, {"we-are-ai", false, 5}, {"design-notes", true, 6}}, nil},
		{"how-to-talk-about-race", "How to Talk About Race", []mod{
			{"implicit-bias", false, 4}, {"microaggressions", false, 4}, {"privilege", false, 4},
			{"systems-of-disproportionality", false, 4}, {"managing-discussions", false, 4}}, []string{"about.md"}},
		{"ECS154B", "ECS 154B: Computer Architecture", []mod{
			{"Introduction", false, 5}, {"Processor Architecture", false, 6}, {"Memory Architecture", false, 5},
			{"Parallel Architecture", false, 5}}, []string{"dinocpu.md", "extra-credit.md", "improving_chisel.md", "syllabus.md"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := mustLoad(t, filepath.Join(corpusDir(t), tc.name))
			if got := c.Title(); got != tc.title {
				t.Errorf("title = %q, want %q", got, tc.title)
			}
			var got []mod
			for _, m := range c.Modules {
				got = append(got, mod{m.Slug, m.Hidden, len(m.Pages)})
			}
			if !reflect.DeepEqual(got, tc.modules) {
				t.Errorf("modules =\n %v\nwant\n %v", got, tc.modules)
			}
			if c.Home == nil {
				t.Error("no home page")
			}
			if tc.singles != nil {
				var names []string
				for _, p := range c.Pages {
					names = append(names, p.Path)
				}
				if !reflect.DeepEqual(names, tc.singles) {
					t.Errorf("single pages = %v, want %v", names, tc.singles)
				}
			}
			for _, m := range c.Modules {
				for i := 1; i < len(m.Pages); i++ {
					if m.Pages[i-1].Date > m.Pages[i].Date {
						t.Errorf("%s: pages out of date order", m.Slug)
					}
				}
			}
			for _, d := range c.Problems {
				if d.Severity == SeverityError {
					t.Errorf("load problem: %s", d)
				}
			}
		})
	}
}

func TestLoadModuleTitlesBothShapes(t *testing.T) {
	race := mustLoad(t, filepath.Join(corpusDir(t), "how-to-talk-about-race"))
	if got := race.Modules[0].Title; got != "Implicit Bias" {
		t.Errorf("mapping shape title = %q", got)
	}
	box := mustLoad(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	if got := box.Modules[0].Title; got != "Setup" {
		t.Errorf("string shape title = %q", got)
	}
}

func TestPageFields(t *testing.T) {
	c := mustLoad(t, filepath.Join(corpusDir(t), "ECS154B"))
	_, p, _, err := c.findPage("Introduction", "intro")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title() != "Class Introduction" || p.Date != "2000-02-01" {
		t.Errorf("title %q date %q", p.Title(), p.Date)
	}
	if got := p.Front().String("discussion"); got != "791100718966505542" {
		t.Errorf("unknown key lost: %q", got)
	}
	if p.URL() != "/modules/introduction/intro/" { // Jekyll lower-cases categories
		t.Errorf("url %q", p.URL())
	}
	if p.Words() < 100 {
		t.Errorf("words = %d", p.Words())
	}
}

func TestRoundTripCorpus(t *testing.T) {
	for _, name := range corpusCourses {
		t.Run(name, func(t *testing.T) {
			dir := gitCourse(t, name)
			c := mustLoad(t, dir)
			if c.Modified() {
				t.Error("freshly loaded course reports changes")
			}
			touched, err := c.Save()
			if err != nil {
				t.Fatal(err)
			}
			if len(touched) != 0 {
				t.Errorf("save without edits touched %v", touched)
			}
			if ch := gitChanges(t, dir); len(ch) != 0 {
				t.Errorf("git status after load+save: %v", ch)
			}
		})
	}
}
