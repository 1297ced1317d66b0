package publish

import (
	"strings"
	"unicode"
)

// The AMB profile describes a course's subject and audience with
// concepts of shared vocabularies, so that OER directories can filter by
// them. The settings hold plain words ("Mathematics", "teachers and
// librarians"); these tables turn the words they recognise into the
// vocabularies' concepts, each with its name. Words they do not
// recognise stay keywords (subjects) or the schema.org audience text.

// schoolSubjectBase is the KIM school subject vocabulary (Schulfächer),
// one of the two subject schemes OERSI reads from "about".
const schoolSubjectBase = "http://w3id.org/kim/schulfaecher/"

// universitySubjectBase is the KIM university subject scheme
// (Hochschulfächersystematik), the other one.
const universitySubjectBase = "https://w3id.org/kim/hochschulfaechersystematik/"

// subjectConceptInfo is one subject of a vocabulary: its address, its names
// (English and German, the vocabulary's own language) and other English
// words authors use for it.
type subjectConceptInfo struct {
	id       string
	en, de   string
	synonyms []string
}

// subjects are the school subjects of the KIM vocabulary that courses of
// general interest name, and Informatik of the university scheme (the
// addresses are the vocabularies' own).
var subjects = []subjectConceptInfo{
	{schoolSubjectBase + "s1017", "Mathematics", "Mathematik", []string{"math", "maths"}},
	{schoolSubjectBase + "s1001", "Biology", "Biologie", nil},
	{schoolSubjectBase + "s1002", "Chemistry", "Chemie", nil},
	{schoolSubjectBase + "s1022", "Physics", "Physik", nil},
	{schoolSubjectBase + "s1013", "Computer science", "Informatik", []string{"computing", "informatics"}},
	{schoolSubjectBase + "s1040", "Astronomy", "Astronomie", nil},
	{schoolSubjectBase + "s1052", "Natural sciences", "Naturwissenschaften", []string{"science", "sciences"}},
	{schoolSubjectBase + "s1011", "History", "Geschichte", nil},
	{schoolSubjectBase + "s1010", "Geography", "Geografie", nil},
	{schoolSubjectBase + "s1023", "Politics", "Politik", []string{"civics", "political science"}},
	{schoolSubjectBase + "s1033", "Economics", "Wirtschaftskunde", nil},
	{schoolSubjectBase + "s1054", "Law", "Recht", nil},
	{schoolSubjectBase + "s1021", "Philosophy", "Philosophie", nil},
	{schoolSubjectBase + "s1008", "Ethics", "Ethik", nil},
	{schoolSubjectBase + "s1043", "Psychology", "Psychologie", nil},
	{schoolSubjectBase + "s1045", "Education", "Erziehungswissenschaften", []string{"pedagogy"}},
	{schoolSubjectBase + "s1012", "Health", "Gesundheit", nil},
	{schoolSubjectBase + "s1044", "Nutrition", "Ernährung", nil},
	{schoolSubjectBase + "s1046", "Media literacy", "Medienbildung", []string{"media education", "digital literacy"}},
	{schoolSubjectBase + "s1049", "Career guidance", "Berufs- und Studienorientierung", nil},
	{schoolSubjectBase + "s1015", "Art", "Kunst", []string{"arts"}},
	{schoolSubjectBase + "s1020", "Music", "Musik", nil},
	{schoolSubjectBase + "s1031", "Physical education", "Sport", []string{"sports"}},
	{schoolSubjectBase + "s1059", "Technology", "Technik", nil},
	{schoolSubjectBase + "s1005", "German", "Deutsch", nil},
	{schoolSubjectBase + "s1007", "English", "Englisch", nil},
	{schoolSubjectBase + "s1009", "French", "Französisch", nil},
	{schoolSubjectBase + "s1030", "Spanish", "Spanisch", nil},
	{schoolSubjectBase + "s1014", "Italian", "Italienisch", nil},
	{schoolSubjectBase + "s1016", "Latin", "Latein", nil},
	{schoolSubjectBase + "s1027", "Russian", "Russisch", nil},
	{schoolSubjectBase + "s1032", "Turkish", "Türkisch", nil},
	{schoolSubjectBase + "s1003", "Chinese", "Chinesisch", nil},
	{schoolSubjectBase + "s1035", "Japanese", "Japanisch", nil},
	{universitySubjectBase + "n079", "Computer science", "Informatik", nil},
}

// subjectVocabularies are the subject schemes OERSI reads from "about";
// a subject given as an address in one of them is sent as a concept.
var subjectVocabularies = []string{universitySubjectBase, schoolSubjectBase}

func subjectConcept(subject string) bool {
	for _, v := range subjectVocabularies {
		if strings.HasPrefix(subject, v) {
			return true
		}
	}
	return false
}

// aboutConcept is the "about" concept of a subject from the settings: an
// address in a subject scheme (named when the table knows it), or the
// name of a subject the table knows, in English or German; ok is false
// for other words.
func aboutConcept(subject string) (ldConcept, bool) {
	subject = strings.TrimSpace(subject)
	if subjectConcept(subject) {
		c := ldConcept{ID: subject}
		for _, s := range subjects {
			if s.id == subject {
				c.PrefLabel = map[string]string{"en": s.en, "de": s.de}
			}
		}
		return c, true
	}
	for _, s := range subjects {
		if !strings.HasPrefix(s.id, schoolSubjectBase) {
			continue // a subject named in words is taken as the school subject
		}
		for _, name := range append([]string{s.en, s.de}, s.synonyms...) {
			if strings.EqualFold(subject, name) {
				return ldConcept{ID: s.id, PrefLabel: map[string]string{"en": s.en, "de": s.de}}, true
			}
		}
	}
	return ldConcept{}, false
}

// audienceRoleBase is the LRMI educational audience role vocabulary,
// which AMB names for "audience".
const audienceRoleBase = "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/"

// audienceRoles are the roles of that vocabulary with their names and
// the words (singular, lower case) in an audience text that name them.
var audienceRoles = []struct {
	role, en, de string
	words        []string
}{
	{"student", "Student", "Lernende", []string{"student", "learner", "pupil", "participant"}},
	{"teacher", "Teacher", "Lehrende", []string{"teacher", "educator", "instructor", "lecturer", "trainer", "facilitator"}},
	{"administrator", "Administrator", "Verwaltung", []string{"administrator"}},
	{"generalPublic", "General public", "Allgemeinheit", []string{"anyone", "everyone", "public", "adult", "beginner", "newcomer"}},
	{"mentor", "Mentor", "Mentor", []string{"mentor", "coach"}},
	{"parent", "Parent", "Eltern", []string{"parent", "caregiver"}},
	{"peerTutor", "Peer tutor", "Tutor", []string{"tutor"}},
	{"professional", "Professional", "Fachleute", []string{"professional", "librarian", "staff", "practitioner"}},
}

// audienceConcepts are the audience roles an audience text names, in the
// vocabulary's order, e.g. "Teachers and school librarians" → teacher,
// professional.
func audienceConcepts(text string) []ldConcept {
	said := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		said[w] = true
		said[strings.TrimSuffix(w, "s")] = true
	}
	var out []ldConcept
	for _, r := range audienceRoles {
		for _, w := range r.words {
			if said[w] {
				out = append(out, ldConcept{ID: audienceRoleBase + r.role, PrefLabel: map[string]string{"en": r.en, "de": r.de}})
				break
			}
		}
	}
	return out
}
