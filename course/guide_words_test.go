package course

import (
	"strings"
	"testing"
)

// A guide drafted in each language Coursewright writes guides in has that
// language's headings and sentences, no English ones (except in English),
// and no broken format verbs; the headings are found in any language.
func TestDraftGuideIn(t *testing.T) {
	dir := gitCourse(t, "we-are-ai")
	c := mustLoad(t, dir)
	english := []string{"## Preparation", "## Learner goals", "## Facilitator tips", "Read through", "Meeting 1"}
	for _, lang := range []string{"en", "es-ES", "de_DE.UTF-8", "fr", "pt"} {
		w := GuideWordsFor(lang)
		gs := DraftGuideIn(c, lang)
		if len(gs) == 0 {
			t.Fatalf("%s: no meetings", lang)
		}
		body, title := gs[0].Body(), gs[0].Title()
		for _, want := range []string{"## " + w.Preparation + "\n", "## " + w.Goals + "\n", "## " + w.Tips + "\n"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %q in\n%s", lang, want, body)
			}
		}
		if strings.Contains(body, "%!") || strings.Contains(title, "%!") {
			t.Errorf("%s: a broken format verb:\n%s\n%s", lang, title, body)
		}
		en := lang == "en" || lang == "pt" // Portuguese: no words yet, English
		for _, e := range english {
			if has := strings.Contains(body+title, e); has != en {
				t.Errorf("%s: English %q present: %v", lang, e, has)
			}
		}
		if idx := newGuideIndex(c, gs, w); guideIndexWords(idx.Body()).Meetings != w.Meetings {
			t.Errorf("%s: the index's language is not recognised", lang)
		}
	}
	if hs := GuideHeadings("## Learner goals"); len(hs) != 4 || hs[1] != "## Objetivos de aprendizaje" {
		t.Fatalf("GuideHeadings = %q", hs)
	}
}
