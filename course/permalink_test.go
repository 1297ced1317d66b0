package course

import "testing"

// The addresses Jekyll 4.3.1 (and GitHub Pages' 3.10) gives; each case
// was checked by building it with `jekyll build`.
func TestPostURL(t *testing.T) {
	cases := []struct {
		style, file, date, slug string
		cats                    []string
		want                    string
	}{
		{CourseInABoxPermalink, "modules/Week 1/_posts/2020-01-01-check-in-.md", "2020-01-01", "check-in-", nil, "/modules/week 1/check-in/"},
		{CourseInABoxPermalink, "modules/setup/_posts/2020-01-01-What you will learn.md", "2020-01-01", "What you will learn", nil, "/modules/setup/What-you-will-learn/"},
		{CourseInABoxPermalink, "modules/Memory Architecture/_posts/2000-01-01-caches&more.md", "2000-01-01", "caches&more", nil, "/modules/memory architecture/caches&more/"},
		{CourseInABoxPermalink, "modules/a/_posts/2000-01-01-x.md", "2000-01-01", "x", []string{"Extra", "a"}, "/modules/a/extra/x/"},
		{"pretty", "modules/a/_posts/2000-01-02-Intro.md", "2000-01-02", "Intro", nil, "/modules/a/2000/01/02/Intro/"},
		{"date", "modules/a/_posts/2000-01-02-intro.md", "2000-01-02", "intro", nil, "/modules/a/2000/01/02/intro.html"},
		{"/:categories/:year/:month/:day/:title:output_ext", "_posts/2000-01-02-intro.md", "2000-01-02", "intro", nil, "/2000/01/02/intro.html"},
		{"none", "modules/A/_posts/2000-01-02-intro.md", "2000-01-02", "intro", nil, "/modules/a/intro.html"},
		{"/:year/:title/", "modules/a/_posts/2000-01-02-é ü.md", "2000-01-02", "é ü", nil, "/2000/é-ü/"},
	}
	for _, tc := range cases {
		if got := PostURL(tc.style, tc.file, tc.date, tc.slug, tc.cats); got != tc.want {
			t.Errorf("PostURL(%q, %q) = %q, want %q", tc.style, tc.file, got, tc.want)
		}
	}
}

func TestPageURL(t *testing.T) {
	cases := []struct{ style, file, want string }{
		{CourseInABoxPermalink, "about.md", "/about/"},
		{CourseInABoxPermalink, "index.html", "/"},
		{CourseInABoxPermalink, "about/index.md", "/about/"},
		{CourseInABoxPermalink, "articles/Some Post.markdown", "/articles/Some Post/"},
		{"pretty", "glossary.md", "/glossary/"},
		{"date", "glossary.md", "/glossary.html"},
		{"/:categories/:title", "glossary.md", "/glossary"},
		{CourseInABoxPermalink, "feed.xml", "/feed.xml"},
	}
	for _, tc := range cases {
		if got := PageURL(tc.style, tc.file); got != tc.want {
			t.Errorf("PageURL(%q, %q) = %q, want %q", tc.style, tc.file, got, tc.want)
		}
	}
}

func TestEscapePath(t *testing.T) {
	for in, want := range map[string]string{
		"/modules/week 1/check-in/": "/modules/week%201/check-in/",
		"/a/é/":                     "/a/%C3%A9/",
		"/caches&more/":             "/caches&more/",
	} {
		if got := EscapePath(in); got != want {
			t.Errorf("EscapePath(%q) = %q, want %q", in, got, want)
		}
	}
}
