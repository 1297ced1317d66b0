package adapt

import (
	"slices"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

func TestNamesFrom(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{`A free five-week learning circle curriculum developed by <a href="/about">Amrita Patel and Denise LaForce</a>`, []string{"Amrita Patel", "Denise LaForce"}},
		{"UC Davis Computer Architecture course offered by Jason Lowe-Power Winter Quarter 2021", []string{"Jason Lowe-Power"}},
		{"#### A free online course by NYU + P2PU + QPL\n", []string{"NYU", "P2PU", "QPL"}},
		{"Built by [Peer 2 Peer University](https://www.p2pu.org) and shared.", []string{"Peer 2 Peer University"}},
		{"Course materials were developed under the leadership of Dr. Eric Corbett and Dr. Julia Stoyanovich, with input and participation of Dr. Mona Sloane.", []string{"Dr. Eric Corbett", "Dr. Julia Stoyanovich"}},
		{"Written by Amrita S. Patel, Bo Li & the Library Team.", []string{"Amrita S. Patel", "Bo Li", "Library Team"}},
		{"This was made by hand.", nil},
		{"Nothing here.", nil},
	}
	for _, tt := range tests {
		if got := namesFrom(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("namesFrom(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestAuthorsFromTextCorpus(t *testing.T) {
	want := map[string][]string{
		"ECS154B":                {"Jason Lowe-Power"},
		"course-in-a-box":        {"P2PU"},
		"how-to-talk-about-race": {"Amrita Patel", "Denise LaForce"},
		"we-are-ai":              {"NYU", "P2PU", "QPL"},
	}
	for _, name := range testcorpus.Courses {
		dir := testcorpus.Dir(t) + "/" + name
		c, err := course.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := authorsFromText(dir, c); !slices.Equal(got, want[name]) {
			t.Errorf("%s: %q, want %q", name, got, want[name])
		}
	}
}
