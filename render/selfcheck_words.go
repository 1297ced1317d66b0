package render

import "strings"

// selfCheckText is the wording of self-check questions in one language:
// the static words of the HTML and the strings the site's script reads
// from data-strings (its keys are the JSON names; {answer}, {right} and
// {total} are filled in by the script).
type selfCheckText struct {
	Question        string // "Question %d"
	Answer          string // the answer's <summary>
	Hint            string
	YourAnswer      string
	AcceptedAnswers string
	RightOrder      string
	True, False     string
	Script          selfCheckScriptText
}

type selfCheckScriptText struct {
	Check            string `json:"check"`
	TryAgain         string `json:"tryAgain"`
	Right            string `json:"right"`
	NotRight         string `json:"notRight"`
	CorrectAnswerWas string `json:"correctAnswerWas"`
	Score            string `json:"score"`
	MoveUp           string `json:"moveUp"`
	MoveDown         string `json:"moveDown"`
	ChooseOne        string `json:"chooseOne"`
	ChooseSeveral    string `json:"chooseSeveral"`
	AnswerRequired   string `json:"answerRequired"`
}

var selfCheckTexts = map[string]*selfCheckText{
	"en": {
		Question: "Question %d", Answer: "Answer", Hint: "Hint", YourAnswer: "Your answer",
		AcceptedAnswers: "Accepted answers", RightOrder: "Right order", True: "True", False: "False",
		Script: selfCheckScriptText{
			Check: "Check", TryAgain: "Try again", Right: "Right", NotRight: "Not right",
			CorrectAnswerWas: "The right answer was: {answer}", Score: "{right} of {total} right on this page",
			MoveUp: "Move up", MoveDown: "Move down",
			ChooseOne: "Choose an answer first.", ChooseSeveral: "Choose at least one answer first.",
			AnswerRequired: "Type an answer first.",
		},
	},
	"es": {
		Question: "Pregunta %d", Answer: "Respuesta", Hint: "Pista", YourAnswer: "Tu respuesta",
		AcceptedAnswers: "Respuestas aceptadas", RightOrder: "Orden correcto", True: "Verdadero", False: "Falso",
		Script: selfCheckScriptText{
			Check: "Comprobar", TryAgain: "Intentar de nuevo", Right: "Correcto", NotRight: "Incorrecto",
			CorrectAnswerWas: "La respuesta correcta era: {answer}", Score: "{right} de {total} correctas en esta página",
			MoveUp: "Subir", MoveDown: "Bajar",
			ChooseOne: "Elige primero una respuesta.", ChooseSeveral: "Elige primero al menos una respuesta.",
			AnswerRequired: "Escribe primero una respuesta.",
		},
	},
	"de": {
		Question: "Frage %d", Answer: "Antwort", Hint: "Tipp", YourAnswer: "Deine Antwort",
		AcceptedAnswers: "Akzeptierte Antworten", RightOrder: "Richtige Reihenfolge", True: "Wahr", False: "Falsch",
		Script: selfCheckScriptText{
			Check: "Prüfen", TryAgain: "Noch einmal", Right: "Richtig", NotRight: "Nicht richtig",
			CorrectAnswerWas: "Die richtige Antwort war: {answer}", Score: "{right} von {total} richtig auf dieser Seite",
			MoveUp: "Nach oben", MoveDown: "Nach unten",
			ChooseOne: "Wähle zuerst eine Antwort.", ChooseSeveral: "Wähle zuerst mindestens eine Antwort.",
			AnswerRequired: "Gib zuerst eine Antwort ein.",
		},
	},
	"fr": {
		Question: "Question %d", Answer: "Réponse", Hint: "Indice", YourAnswer: "Votre réponse",
		AcceptedAnswers: "Réponses acceptées", RightOrder: "Bon ordre", True: "Vrai", False: "Faux",
		Script: selfCheckScriptText{
			Check: "Vérifier", TryAgain: "Réessayer", Right: "Juste", NotRight: "Pas juste",
			CorrectAnswerWas: "La bonne réponse était : {answer}", Score: "{right} sur {total} justes sur cette page",
			MoveUp: "Monter", MoveDown: "Descendre",
			ChooseOne: "Choisissez d’abord une réponse.", ChooseSeveral: "Choisissez d’abord au moins une réponse.",
			AnswerRequired: "Saisissez d’abord une réponse.",
		},
	},
}

// selfCheckTextFor picks the wording for a course language tag ("es",
// "pt-BR"…) by its base language; other languages get English, as the
// site theme does (publish/i18n.go).
func selfCheckTextFor(lang string) *selfCheckText {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(lang)), "-")
	base, _, _ = strings.Cut(base, "_")
	if t := selfCheckTexts[base]; t != nil {
		return t
	}
	return selfCheckTexts["en"]
}
