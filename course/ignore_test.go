package course

import (
	"slices"
	"testing"
)

func TestNotContent(t *testing.T) {
	for _, tc := range []struct {
		rel  string
		want bool
	}{
		{".git/HEAD", true},
		{"_site/index.html", true},
		{".coursewright/trash/x.md", true},
		{".jekyll-cache/Jekyll/Cache/x", true},
		{".sass-cache/a", true},
		{"node_modules/x/package.json", true},
		{"modules/a/_posts/.2000-01-01-p.md.swp", true},
		{"modules/a/_posts/2000-01-01-p.md~", true},
		{"modules/a/_posts/.#2000-01-01-p.md", true},
		{"img/.DS_Store", true},
		{"img/Thumbs.db", true},
		{".jekyll-metadata", true},
		{"modules/a/_posts/.2000-01-01-p.md.12345.tmp", true}, // WriteFileAtomic at work
		{"_site", true},
		{"modules/a/_posts/2000-01-01-p.md", false},
		{"_data/course.yml", false},
		{"img/site.png", false},
		{"_includes/footer.html", false},
		{"modules/_site-notes/_posts/2000-01-01-p.md", false},
		{".github/workflows/pages.yml", false},
	} {
		if got := NotContent(tc.rel); got != tc.want {
			t.Errorf("NotContent(%q) = %v, want %v", tc.rel, got, tc.want)
		}
	}
}

func TestNotContentIgnoreRulesCoverTheLists(t *testing.T) {
	rules := NotContentIgnoreRules()
	for _, want := range []string{"_site/", ".coursewright/", ".jekyll-cache/", ".sass-cache/", "node_modules/", ".jekyll-metadata", "*.swp", "*~", ".DS_Store"} {
		if !slices.Contains(rules, want) {
			t.Errorf("NotContentIgnoreRules lacks %q: %v", want, rules)
		}
	}
}
