package course

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseCredits(t *testing.T) {
	credits, diags := ParseCredits([]byte(`# who made the pictures
banner.jpg:
  title: Reading room
  author: Jane Doe
  source: https://example.org/reading-room
  license: CC-BY-SA-4.0
/img/people/ana.png:
  author: Ana
  license: course
logo.svg: just a string
`))
	if len(credits) != 2 {
		t.Fatalf("credits %+v", credits)
	}
	if c := credits[0]; c.File != "img/banner.jpg" || c.Author != "Jane Doe" || c.Title != "Reading room" ||
		c.Source != "https://example.org/reading-room" || c.License != "CC-BY-SA-4.0" || c.Line != 2 {
		t.Errorf("first credit %+v", c)
	}
	if c := credits[1]; c.File != "img/people/ana.png" || c.License != "course" {
		t.Errorf("second credit %+v", c)
	}
	if len(diags) != 1 || diags[0].Line != 10 || !strings.Contains(diags[0].Message, "logo.svg") {
		t.Errorf("diagnostics %v", diags)
	}
	if info, ok := credits[1].LicenseInfo("CC-BY-4.0"); !ok || info.ID != "CC-BY-4.0" {
		t.Errorf("course license: %+v %v", info, ok)
	}
	if _, ok := credits[1].LicenseInfo(""); ok {
		t.Error("\"course\" in a course without a license is not a known license")
	}

	list, diags := ParseCredits([]byte("- file: a.png\n  author: A\n  license: CC0-1.0\n- author: nobody\n"))
	if len(list) != 1 || list[0].File != "img/a.png" || len(diags) != 1 {
		t.Errorf("list form: %+v %v", list, diags)
	}
	if _, diags := ParseCredits([]byte("a: [\n")); len(diags) != 1 {
		t.Errorf("bad YAML: %v", diags)
	}
}

func TestCheckImageCredits(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "how-to-talk-about-race"))
	if err := os.WriteFile(filepath.Join(dir, CreditsFile), []byte(
		"brainstorm.png:\n  author: A. Artist\n  source: https://example.org/b\n  license: CC-BY-4.0\n"+
			"privilege.jpg:\n  author: Someone\n  license: all mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := mustLoad(t, dir)
	images := func(diags []Diagnostic) map[string]string {
		out := map[string]string{}
		for _, d := range diags {
			if strings.HasPrefix(d.File, "img/") && d.File != CreditsFile {
				out[d.File] = d.Message
			}
		}
		return out
	}
	// Not about to be published: no warnings about image licenses.
	if got := images(Check(c)); len(got) != 0 {
		t.Errorf("unpublished course: %v", got)
	}
	got := images(CheckWith(c, CheckOptions{Publishing: true, Inherited: map[string]bool{"img/box-icon.png": true}}))
	if _, ok := got["img/brainstorm.png"]; ok {
		t.Error("a credited image was reported")
	}
	if !strings.Contains(got["img/privilege.jpg"], `"all mine"`) {
		t.Errorf("unknown license: %q", got["img/privilege.jpg"])
	}
	if !strings.Contains(got["img/denise.jpg"], "no known license") {
		t.Errorf("uncredited image: %q", got["img/denise.jpg"])
	}
	if _, ok := got["img/box-icon.png"]; ok {
		t.Error("an image inherited from the adapted course was reported")
	}
	if _, ok := got["img/favicon.ico"]; ok {
		t.Error("the favicon was reported")
	}
}
