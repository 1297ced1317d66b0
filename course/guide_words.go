package course

import "strings"

// GuideWords are the words Coursewright writes into the facilitator-guide
// pages it drafts (DraftGuideIn, WriteDraftGuide, AddGuide): section
// headings, the meeting titles, the preparation checklist's sentences and
// the guide index. An author working in Spanish gets a draft in Spanish;
// the pages are theirs to edit afterwards. Verbs are fmt formats whose
// arguments come in the order the comment gives (%[n] when a language
// needs another order).
type GuideWords struct {
	// The three sections of a meeting page, without "## ".
	Preparation, Goals, Tips string
	Meeting                  string // %d: a meeting's number ("Meeting 3")
	MeetingTitle             string // %d, %s: number and module title
	ReadThrough              string // %s page link, %d minutes
	TestVideo                string // %s page link, %s the video links
	TestVideos               string // %s page link, %s the video links
	GetMaterial              string // %s material's text, %s its address, %s page link
	GoalsLead                string // before the course's learning outcomes
	TipFrom                  string // %s page link, after a tip taken from that page
	NoTips                   string // the tips section's line when the pages have none

	IndexTitle  string // the guide index's title
	IndexIntro  string // %s the course's title (or ThisCourse)
	ThisCourse  string
	IndexLength string // %d minutes per meeting
	Meetings    string // the index's heading over the list of meetings
	ListMinutes string // %d: a meeting's length in the list
}

// guideWords are the languages a guide is drafted in, by ISO 639-1 code.
var guideWords = map[string]GuideWords{
	"en": {
		Preparation: "Preparation", Goals: "Learner goals", Tips: "Facilitator tips",
		Meeting: "Meeting %d", MeetingTitle: "Meeting %d: %s",
		ReadThrough: "Read through %s (%d minutes in the agenda).",
		TestVideo:   "Test the video on %s with the screen and speakers you will use: %s. Turn on captions if the room is noisy.",
		TestVideos:  "Test the videos on %s with the screen and speakers you will use: %s. Turn on captions if the room is noisy.",
		GetMaterial: "Get [%s](%s) from %s ready to share on screen or print.",
		GoalsLead:   "This meeting works towards the course's learning outcomes:",
		TipFrom:     " (from %s)",
		NoTips:      "Add what to watch for in this meeting, and what to do if time runs short.",
		IndexTitle:  "Facilitator guide",
		IndexIntro: "This is the facilitator guide for %s. It plans the learning circle one meeting at a time: " +
			"a timed agenda, what to prepare, what learners should get out of the meeting, and tips for facilitating it.",
		ThisCourse:  "this course",
		IndexLength: "Each meeting is planned for about %d minutes. Print the meeting pages, or keep them open while you facilitate.",
		Meetings:    "Meetings", ListMinutes: " (%d minutes)",
	},
	"es": {
		Preparation: "Preparación", Goals: "Objetivos de aprendizaje", Tips: "Consejos para la facilitación",
		Meeting: "Encuentro %d", MeetingTitle: "Encuentro %d: %s",
		ReadThrough: "Lee %s (%d minutos en la agenda).",
		TestVideo:   "Prueba el vídeo de %s con la pantalla y los altavoces que vas a usar: %s. Activa los subtítulos si la sala es ruidosa.",
		TestVideos:  "Prueba los vídeos de %s con la pantalla y los altavoces que vas a usar: %s. Activa los subtítulos si la sala es ruidosa.",
		GetMaterial: "Ten preparado [%s](%s) de %s para compartirlo en pantalla o imprimirlo.",
		GoalsLead:   "Este encuentro contribuye a los resultados de aprendizaje del curso:",
		TipFrom:     " (de %s)",
		NoTips:      "Añade a qué prestar atención en este encuentro y qué hacer si falta tiempo.",
		IndexTitle:  "Guía de facilitación",
		IndexIntro: "Esta es la guía de facilitación de %s. Planifica el círculo de aprendizaje encuentro a encuentro: " +
			"una agenda con tiempos, qué preparar, qué deberían obtener los participantes de cada encuentro y consejos para facilitarlo.",
		ThisCourse:  "este curso",
		IndexLength: "Cada encuentro está pensado para unos %d minutos. Imprime las páginas de los encuentros o tenlas abiertas mientras facilitas.",
		Meetings:    "Encuentros", ListMinutes: " (%d minutos)",
	},
	"de": {
		Preparation: "Vorbereitung", Goals: "Lernziele", Tips: "Tipps für die Moderation",
		Meeting: "Treffen %d", MeetingTitle: "Treffen %d: %s",
		ReadThrough: "%s durchlesen (%d Minuten in der Agenda).",
		TestVideo:   "Das Video auf %s mit dem Bildschirm und den Lautsprechern testen, die du nutzen wirst: %s. Bei lautem Raum Untertitel einschalten.",
		TestVideos:  "Die Videos auf %s mit dem Bildschirm und den Lautsprechern testen, die du nutzen wirst: %s. Bei lautem Raum Untertitel einschalten.",
		GetMaterial: "[%s](%s) von %s zum Zeigen auf dem Bildschirm oder zum Ausdrucken bereitlegen.",
		GoalsLead:   "Dieses Treffen arbeitet auf die Lernergebnisse des Kurses hin:",
		TipFrom:     " (aus %s)",
		NoTips:      "Ergänze, worauf in diesem Treffen zu achten ist und was zu tun ist, wenn die Zeit knapp wird.",
		IndexTitle:  "Leitfaden für die Moderation",
		IndexIntro: "Dies ist der Leitfaden für die Moderation von %s. Er plant den Lernkreis Treffen für Treffen: " +
			"eine Agenda mit Zeiten, was vorzubereiten ist, was die Teilnehmenden aus dem Treffen mitnehmen sollen, und Tipps für die Moderation.",
		ThisCourse:  "diesem Kurs",
		IndexLength: "Jedes Treffen ist für etwa %d Minuten geplant. Drucke die Seiten der Treffen aus oder halte sie beim Moderieren offen.",
		Meetings:    "Treffen", ListMinutes: " (%d Minuten)",
	},
	"fr": {
		Preparation: "Préparation", Goals: "Objectifs d’apprentissage", Tips: "Conseils d’animation",
		Meeting: "Séance %d", MeetingTitle: "Séance %d : %s",
		ReadThrough: "Lire %s (%d minutes dans le programme).",
		TestVideo:   "Tester la vidéo de %s avec l’écran et les haut-parleurs que vous utiliserez : %s. Activez les sous-titres si la salle est bruyante.",
		TestVideos:  "Tester les vidéos de %s avec l’écran et les haut-parleurs que vous utiliserez : %s. Activez les sous-titres si la salle est bruyante.",
		GetMaterial: "Préparer [%s](%s) de %s pour le montrer à l’écran ou l’imprimer.",
		GoalsLead:   "Cette séance contribue aux acquis d’apprentissage du cours :",
		TipFrom:     " (de %s)",
		NoTips:      "Ajoutez ce à quoi être attentif pendant cette séance, et que faire si le temps manque.",
		IndexTitle:  "Guide d’animation",
		IndexIntro: "Voici le guide d’animation de %s. Il planifie le cercle d’apprentissage séance par séance : " +
			"un programme minuté, ce qu’il faut préparer, ce que les participants devraient retirer de la séance, et des conseils pour l’animer.",
		ThisCourse:  "ce cours",
		IndexLength: "Chaque séance est prévue pour environ %d minutes. Imprimez les pages des séances, ou gardez-les ouvertes pendant l’animation.",
		Meetings:    "Séances", ListMinutes: " (%d minutes)",
	},
}

// GuideWordsFor returns the words of a language ("es", "es-ES", "de_DE"
// …); English for a language Coursewright does not write guides in.
func GuideWordsFor(lang string) GuideWords {
	base := strings.ToLower(lang)
	if i := strings.IndexAny(base, "-_."); i >= 0 {
		base = base[:i]
	}
	if w, ok := guideWords[base]; ok {
		return w
	}
	return guideWords["en"]
}

// GuideHeadings lists the heading of one section of a meeting page ("## "
// and the English words, e.g. "## Preparation") in every language guides
// are drafted in, English first: the guide editor finds a section under
// any of them.
func GuideHeadings(english string) []string {
	en := guideWords["en"]
	pick := func(w GuideWords) string {
		switch "## " + strings.TrimSpace(strings.TrimPrefix(english, "##")) {
		case "## " + en.Preparation:
			return w.Preparation
		case "## " + en.Goals:
			return w.Goals
		case "## " + en.Tips:
			return w.Tips
		}
		return ""
	}
	out := []string{english}
	for _, code := range []string{"es", "de", "fr"} {
		if h := pick(guideWords[code]); h != "" {
			out = append(out, "## "+h)
		}
	}
	return out
}

// guideIndexWords are the words the guide index was written in: the
// language whose "Meetings" heading it has (English when none).
func guideIndexWords(body string) GuideWords {
	for _, code := range []string{"es", "de", "fr"} {
		if w := guideWords[code]; strings.Contains(body, "## "+w.Meetings+"\n") {
			return w
		}
	}
	return guideWords["en"]
}
