package export

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// qtiChildren is the Common Cartridge profile of QTI 1.2
// (ccv1p3_qtiasiv1p2p1_v1p0.xsd, the same in 1.1) as far as self-checks
// use it: the elements each element may hold. An assessment holding any
// other element is not one every cartridge importer reads.
var qtiChildren = map[string][]string{
	"questestinterop":  {"assessment"},
	"assessment":       {"qtimetadata", "section"},
	"qtimetadata":      {"qtimetadatafield"},
	"qtimetadatafield": {"fieldlabel", "fieldentry"},
	"section":          {"item"},
	"item":             {"itemmetadata", "presentation", "resprocessing", "itemfeedback"},
	"itemmetadata":     {"qtimetadata"},
	"presentation":     {"material", "response_lid", "response_str"},
	"material":         {"mattext"},
	"response_lid":     {"render_choice"},
	"render_choice":    {"response_label"},
	"response_label":   {"material"},
	"response_str":     {"render_fib"},
	"render_fib":       {"response_label"},
	"resprocessing":    {"outcomes", "respcondition"},
	"outcomes":         {"decvar"},
	"respcondition":    {"conditionvar", "setvar", "displayfeedback"},
	"conditionvar":     {"varequal", "and", "or", "not", "other"},
	"and":              {"varequal", "not"},
	"not":              {"varequal"},
	"itemfeedback":     {"flow_mat"},
	"flow_mat":         {"material"},
}

// qtiMetadata are the metadata fields the profile defines, for the
// assessment and for an item, with the values it allows.
var qtiMetadata = map[string][]string{
	"cc_profile":             {"cc.exam.v0p1", "cc.multiple_choice.v0p1", "cc.multiple_response.v0p1", "cc.true_false.v0p1", "cc.fib.v0p1"},
	"qmd_assessmenttype":     {"Examination"},
	"qmd_scoretype":          {"Percentage"},
	"qmd_feedbackpermitted":  {"Yes", "No"},
	"qmd_hintspermitted":     {"Yes", "No"},
	"qmd_solutionspermitted": {"Yes", "No"},
	"cc_maxattempts":         {"1", "2", "3", "4", "5", "unlimited", "Examination"},
	"cc_weighting":           {"1"},
	"qmd_computerscored":     {"Yes", "No"},
}

// child is n's only child named local (the test fails without one).
func child(t *testing.T, n *xmlNode, local string) *xmlNode {
	t.Helper()
	var found *xmlNode
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == local {
			if found != nil {
				t.Fatalf("<%s> holds two <%s>", n.XMLName.Local, local)
			}
			found = &n.Nodes[i]
		}
	}
	if found == nil {
		t.Fatalf("<%s> holds no <%s>", n.XMLName.Local, local)
	}
	return found
}

// children are n's children named local.
func children(n *xmlNode, local string) []*xmlNode {
	var out []*xmlNode
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == local {
			out = append(out, &n.Nodes[i])
		}
	}
	return out
}

// metadata reads a qtimetadata's fields.
func metadata(t *testing.T, n *xmlNode) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range children(n, "qtimetadatafield") {
		label, entry := child(t, f, "fieldlabel").Text, child(t, f, "fieldentry").Text
		if !slices.Contains(qtiMetadata[label], entry) {
			t.Errorf("metadata %s = %q: not in the CC profile", label, entry)
		}
		out[label] = entry
	}
	return out
}

// checkProfile walks an assessment: every element in the QTI namespace
// and where the profile allows it, every mattext HTML.
func checkProfile(t *testing.T, n *xmlNode) {
	t.Helper()
	if n.XMLName.Space != qtiNS {
		t.Errorf("<%s> in namespace %q", n.XMLName.Local, n.XMLName.Space)
	}
	if n.XMLName.Local == "mattext" && n.attr("texttype") != "text/html" {
		t.Errorf("mattext of type %q", n.attr("texttype"))
	}
	for i := range n.Nodes {
		c := &n.Nodes[i]
		if !slices.Contains(qtiChildren[n.XMLName.Local], c.XMLName.Local) {
			t.Errorf("<%s> holds <%s>: not in the CC profile", n.XMLName.Local, c.XMLName.Local)
		}
		checkProfile(t, c)
	}
}

// qtiKinds is a question of every kind, with texts as HTML.
var qtiKinds = []qtiQuestion{
	{ident: "sc-one", title: "Question 1", promptHTML: "<p>Who leads a <em>learning circle</em>?</p>",
		q: selfcheck.Question{Kind: selfcheck.One, Options: []selfcheck.Option{
			{Text: "An expert teacher", Feedback: "Not quite"}, {Text: "A peer", Correct: true}, {Text: "The director"}}},
		optionsHTML:  []string{"An expert teacher", "A peer", "The director"},
		feedbackHTML: []string{"Not quite: no teacher &amp; no lecture.", "", ""},
		generalHTML:  "<p>Hint: who?</p>\n<p>A peer leads.</p>"},
	{ident: "sc-several", title: "Question 2", promptHTML: "<p>Which are free?</p>",
		q: selfcheck.Question{Kind: selfcheck.Several, Options: []selfcheck.Option{
			{Text: "Libraries", Correct: true}, {Text: "Cinemas"}, {Text: "Parks", Correct: true}}},
		optionsHTML: []string{"Libraries", "Cinemas", "Parks"}, feedbackHTML: []string{"Yes", "No: tickets.", ""}},
	{ident: "sc-tf", title: "Question 3", promptHTML: "<p>Circles need a teacher.</p>",
		q: selfcheck.Question{Kind: selfcheck.TrueFalse, Options: []selfcheck.Option{
			{Text: "True"}, {Text: "False", Correct: true}}},
		optionsHTML: []string{"True", "False"}, feedbackHTML: []string{"No: peers.", ""}},
	{ident: "sc-short", title: "Question 4", promptHTML: "<p>What is the group called?</p>",
		q:           selfcheck.Question{Kind: selfcheck.Short, Accept: []string{"learning circle", "circle & co"}, Pattern: "^circles?$"},
		generalHTML: "<p>Two words.</p>"},
	{ident: "sc-order", title: "Question 5", promptHTML: "<p>Put in order.</p>",
		q:           selfcheck.Question{Kind: selfcheck.Order, Options: []selfcheck.Option{{Text: "b"}, {Text: "a"}}, Order: []int{1, 0}},
		optionsHTML: []string{"b", "a"}},
}

// TestQTIAssessment checks the assessment of every kind element by
// element against the CC profile, for both cartridge versions.
func TestQTIAssessment(t *testing.T) {
	for _, v := range []ccVersion{cc13, cc11} {
		doc, items, left := qtiAssessment(v, "A1", "Self-check: Meet & greet", qtiKinds)
		if items != 4 || left != 1 {
			t.Errorf("%d items, %d left out; want 4 and the order question", items, left)
		}
		var root xmlNode
		if err := xml.Unmarshal([]byte(doc), &root); err != nil {
			t.Fatalf("not XML: %v\n%s", err, doc)
		}
		if root.XMLName.Local != "questestinterop" || !strings.Contains(root.attr("schemaLocation"), v.qtiSchema) {
			t.Errorf("root %v, schema location %q", root.XMLName, root.attr("schemaLocation"))
		}
		checkProfile(t, &root)
		as := child(t, &root, "assessment")
		if as.attr("ident") != "A1" || as.attr("title") != "Self-check: Meet & greet" {
			t.Errorf("assessment %v", as.Attrs)
		}
		md := metadata(t, child(t, as, "qtimetadata"))
		if md["cc_profile"] != "cc.exam.v0p1" || md["qmd_assessmenttype"] != "Examination" || md["cc_maxattempts"] != "unlimited" {
			t.Errorf("assessment metadata %v", md)
		}
		got := children(child(t, as, "section"), "item")
		if len(got) != 4 {
			t.Fatalf("%d items", len(got))
		}
		for i, it := range got {
			checkItem(t, it, qtiKinds[i])
		}
	}
}

// checkItem checks one item against its question.
func checkItem(t *testing.T, it *xmlNode, q qtiQuestion) {
	t.Helper()
	if it.attr("ident") != q.ident || it.attr("title") != q.title {
		t.Errorf("item %v", it.Attrs)
	}
	md := metadata(t, child(t, child(t, it, "itemmetadata"), "qtimetadata"))
	if md["cc_profile"] != qtiProfiles[q.q.Kind] || md["qmd_computerscored"] != "Yes" || md["cc_weighting"] != "1" {
		t.Errorf("%s: item metadata %v", q.ident, md)
	}
	pres := child(t, it, "presentation")
	if got := child(t, child(t, pres, "material"), "mattext").Text; got != q.promptHTML {
		t.Errorf("%s: prompt %q", q.ident, got)
	}
	rp := child(t, it, "resprocessing")
	dv := child(t, child(t, rp, "outcomes"), "decvar")
	if dv.attr("varname") != "SCORE" || dv.attr("vartype") != "Decimal" || dv.attr("minvalue") != "0" || dv.attr("maxvalue") != "100" {
		t.Errorf("%s: decvar %v", q.ident, dv.Attrs)
	}
	conds := children(rp, "respcondition")
	// What sets the score to 100 (continue="No"), and what shows feedback.
	var right []*xmlNode
	shown := map[string]string{} // linkrefid → the option ident or "other"
	for _, c := range conds {
		cv := child(t, c, "conditionvar")
		if sv := children(c, "setvar"); len(sv) > 0 {
			if sv[0].attr("action") != "Set" || sv[0].attr("varname") != "SCORE" || sv[0].Text != "100" || c.attr("continue") != "No" {
				t.Errorf("%s: setvar %v %q", q.ident, sv[0].Attrs, sv[0].Text)
			}
			right = append(right, cv)
		}
		for _, df := range children(c, "displayfeedback") {
			if df.attr("feedbacktype") != "Response" || c.attr("continue") != "Yes" {
				t.Errorf("%s: displayfeedback %v", q.ident, df.Attrs)
			}
			what := "other"
			if ve := children(cv, "varequal"); len(ve) == 1 {
				what = ve[0].Text
			}
			shown[df.attr("linkrefid")] = what
		}
	}
	fbs := map[string]string{}
	for _, f := range children(it, "itemfeedback") {
		fbs[f.attr("ident")] = child(t, child(t, child(t, f, "flow_mat"), "material"), "mattext").Text
	}
	wantFB := map[string]string{}
	wantShown := map[string]string{}
	if q.generalHTML != "" {
		wantFB["general_fb"], wantShown["general_fb"] = q.generalHTML, "other"
	}
	for i, fb := range q.feedbackHTML {
		if fb != "" {
			wantFB[qtiOptionIdent(i)+"_fb"], wantShown[qtiOptionIdent(i)+"_fb"] = fb, qtiOptionIdent(i)
		}
	}
	if !mapsEqual(fbs, wantFB) || !mapsEqual(shown, wantShown) {
		t.Errorf("%s: feedback %v shown on %v; want %v on %v", q.ident, fbs, shown, wantFB, wantShown)
	}

	if q.q.Kind == selfcheck.Short {
		rs := child(t, pres, "response_str")
		rl := child(t, child(t, rs, "render_fib"), "response_label")
		if rs.attr("ident") != "response1" || rs.attr("rcardinality") != "Single" || rl.attr("ident") == "" {
			t.Errorf("%s: response_str %v %v", q.ident, rs.Attrs, rl.Attrs)
		}
		var accepted []string
		for _, cv := range right {
			ve := child(t, cv, "varequal")
			if ve.attr("respident") != "response1" || ve.attr("case") != "No" {
				t.Errorf("%s: varequal %v", q.ident, ve.Attrs)
			}
			accepted = append(accepted, ve.Text)
		}
		if !slices.Equal(accepted, q.q.Accept) {
			t.Errorf("%s: accepts %q, want %q", q.ident, accepted, q.q.Accept)
		}
		return
	}
	rl := child(t, pres, "response_lid")
	card := map[selfcheck.Kind]string{selfcheck.One: "Single", selfcheck.TrueFalse: "Single", selfcheck.Several: "Multiple"}[q.q.Kind]
	if rl.attr("ident") != "response1" || rl.attr("rcardinality") != card {
		t.Errorf("%s: response_lid %v", q.ident, rl.Attrs)
	}
	labels := children(child(t, rl, "render_choice"), "response_label")
	if len(labels) != len(q.q.Options) {
		t.Fatalf("%s: %d options", q.ident, len(labels))
	}
	var rightIdents []string
	for i, l := range labels {
		if l.attr("ident") != qtiOptionIdent(i) || child(t, child(t, l, "material"), "mattext").Text != q.optionsHTML[i] {
			t.Errorf("%s: option %d: %v", q.ident, i, l.Attrs)
		}
		if q.q.Options[i].Correct {
			rightIdents = append(rightIdents, qtiOptionIdent(i))
		}
	}
	if len(right) != 1 {
		t.Fatalf("%s: %d conditions set the score", q.ident, len(right))
	}
	if q.q.Kind != selfcheck.Several {
		if ve := child(t, right[0], "varequal"); ve.Text != rightIdents[0] || ve.attr("respident") != "response1" {
			t.Errorf("%s: right when %q", q.ident, ve.Text)
		}
		return
	}
	// Several: right when every right option is chosen and no wrong one.
	and := child(t, right[0], "and")
	var chosen, notChosen []string
	for _, c := range and.Nodes {
		switch c.XMLName.Local {
		case "varequal":
			chosen = append(chosen, c.Text)
		case "not":
			notChosen = append(notChosen, child(t, &c, "varequal").Text)
		}
	}
	if !slices.Equal(chosen, rightIdents) || !slices.Equal(notChosen, []string{"o2"}) {
		t.Errorf("%s: right when %v chosen and %v not", q.ident, chosen, notChosen)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}

// TestCommonCartridgeSelfChecks exports the test course in both
// versions: each page with questions has an assessment resource of the
// version's type, in the organization right after its page, whose items
// are the page's questions (the order one left out, with a note), and
// the manifest still resolves every file and reference.
func TestCommonCartridgeSelfChecks(t *testing.T) {
	for _, tc := range []struct {
		f Format
		v ccVersion
	}{{IMSCC, cc13}, {IMSCC11, cc11}} {
		var buf bytes.Buffer
		res, err := Export(context.Background(), selfCheckCourse(t), tc.f, &buf, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(res.Notes, "\n"), "1 put-in-order questions are not in the cartridge's quizzes") {
			t.Errorf("%s: notes %q", tc.f, res.Notes)
		}
		files := map[string][]byte{}
		for _, f := range openZip(t, buf.Bytes()).File {
			rc, _ := f.Open()
			files[f.Name], _ = io.ReadAll(rc)
			rc.Close()
		}
		var m xmlNode
		if err := xml.Unmarshal(files["imsmanifest.xml"], &m); err != nil {
			t.Fatal(err)
		}
		ids := map[string]int{}
		resources := map[string]*xmlNode{}
		var refs []string
		m.walk(func(n *xmlNode) {
			if id := n.attr("identifier"); id != "" {
				ids[id]++
			}
			if r := n.attr("identifierref"); r != "" {
				refs = append(refs, r)
			}
			switch n.XMLName.Local {
			case "resource":
				resources[n.attr("identifier")] = n
			case "file":
				if files[n.attr("href")] == nil {
					t.Errorf("%s: file %s is not in the package", tc.f, n.attr("href"))
				}
			}
		})
		for id, n := range ids {
			if n > 1 {
				t.Errorf("%s: identifier %s used %d times", tc.f, id, n)
			}
		}
		for _, r := range refs {
			if resources[r] == nil {
				t.Errorf("%s: identifierref %s names no resource", tc.f, r)
			}
		}
		// The organization: each quiz item right after its page's item.
		var quizzes []string
		m.walk(func(n *xmlNode) {
			for i := range n.Nodes {
				it := &n.Nodes[i]
				r := resources[it.attr("identifierref")]
				if it.XMLName.Local != "item" || r == nil || r.attr("type") != tc.v.assessmentType {
					continue
				}
				if i == 0 || resources[n.Nodes[i-1].attr("identifierref")].attr("type") != "webcontent" {
					t.Errorf("%s: the quiz %s does not follow a page", tc.f, it.attr("identifierref"))
				}
				page := child(t, &n.Nodes[i-1], "title").Text
				if got := child(t, it, "title").Text; got != "Self-check: "+page {
					t.Errorf("%s: quiz titled %q after page %q", tc.f, got, page)
				}
				quizzes = append(quizzes, child(t, r, "file").attr("href"))
			}
		})
		if len(quizzes) != 2 {
			t.Fatalf("%s: %d quizzes in the organization, want 2", tc.f, len(quizzes))
		}
		for i, want := range []int{4, 1} {
			var root xmlNode
			if err := xml.Unmarshal(files[quizzes[i]], &root); err != nil {
				t.Fatal(err)
			}
			checkProfile(t, &root)
			items := children(child(t, child(t, &root, "assessment"), "section"), "item")
			if len(items) != want {
				t.Errorf("%s: quiz %d has %d items, want %d", tc.f, i+1, len(items), want)
			}
		}
		// The first page's first question, element by element.
		var root xmlNode
		xml.Unmarshal(files[quizzes[0]], &root)
		first := children(child(t, child(t, &root, "assessment"), "section"), "item")[0]
		checkItem(t, first, qtiQuestion{
			ident: selfcheck.ID(selfCheckPage, 1), title: "Question 1",
			q:            fixtureBlocks(t)[0].Question,
			promptHTML:   "<p><strong>Who leads a learning circle?</strong> Think of {people}: a=b~c #1</p>",
			optionsHTML:  []string{"An expert teacher", "A facilitator who is a <em>peer</em>", "The library's director"},
			feedbackHTML: []string{"Not quite: learning circles have no teacher.", "Right: the facilitator is a peer who keeps the group going.", "No: the library hosts the circle but does not lead it."},
			generalHTML:  "<p><strong>Hint:</strong></p>\n<p>Think about who organises the meetings.</p>\n<p>A learning circle is led by a peer facilitator.</p>",
		})
	}
}

// fixtureBlocks are the question blocks of testdata/selfchecks.md.
func fixtureBlocks(t *testing.T) []selfcheck.Block {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "selfchecks.md"))
	if err != nil {
		t.Fatal(err)
	}
	return selfcheck.Find(string(b))
}
