package publish

import (
	"strings"
	"testing"
)

// TestAboutConcept maps the subjects authors type to the AMB subject
// schemes, named; other words are not concepts (they stay keywords).
func TestAboutConcept(t *testing.T) {
	for _, tc := range []struct {
		subject, id, en string
	}{
		{"Mathematics", schoolSubjectBase + "s1017", "Mathematics"},
		{" maths ", schoolSubjectBase + "s1017", "Mathematics"},
		{"Geschichte", schoolSubjectBase + "s1011", "History"},
		{"computer science", schoolSubjectBase + "s1013", "Computer science"},
		{universitySubjectBase + "n079", universitySubjectBase + "n079", "Computer science"},
		{universitySubjectBase + "n544", universitySubjectBase + "n544", ""}, // in the scheme, name unknown here
		{"artificial intelligence", "", ""},
		{"https://example.org/subjects/ai", "", ""},
	} {
		c, ok := aboutConcept(tc.subject)
		if ok != (tc.id != "") || c.ID != tc.id || c.PrefLabel["en"] != tc.en {
			t.Errorf("%q: %+v %v, want %s %q", tc.subject, c, ok, tc.id, tc.en)
		}
		if ok && tc.en != "" && c.PrefLabel["de"] == "" {
			t.Errorf("%q: no German name (the vocabulary's own)", tc.subject)
		}
	}
}

// TestAudienceConcepts finds the LRMI audience roles an audience text
// names.
func TestAudienceConcepts(t *testing.T) {
	for _, tc := range []struct{ text, roles string }{
		{"Teachers and school librarians", "teacher professional"},
		{"Anyone curious about AI", "generalPublic"},
		{"High-school students, their parents and tutors", "student parent peerTutor"},
		{"Learning circle facilitators", "teacher"},
		{"Nurses", ""},
		{"", ""},
	} {
		var got []string
		for _, c := range audienceConcepts(tc.text) {
			role := strings.TrimPrefix(c.ID, audienceRoleBase)
			if role == c.ID || c.PrefLabel["en"] == "" {
				t.Errorf("%q: %+v is not a named role of the vocabulary", tc.text, c)
			}
			got = append(got, role)
		}
		if strings.Join(got, " ") != tc.roles {
			t.Errorf("%q: %v, want %s", tc.text, got, tc.roles)
		}
	}
}
