package editor

import (
	"os"
	"testing"

	"fyne.io/fyne/v2/test"
)

// The publish panel shows every phase of publishing in the interface
// language: publish's and repo's own, and the git server's (a Spanish
// screen review showed "Done" over "No se ha publicado").
func TestPhaseWordsInSpanish(t *testing.T) {
	test.NewTempApp(t)
	t.Setenv("LANGUAGE", "es")
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Unsetenv("LANGUAGE")
		_ = RegisterTranslations()
	})
	for phase, want := range map[string]string{
		"Saving a version":      "Guardando una versión…",
		"Checking the server":   "Comprobando el servidor…",
		"Building the site":     "Construyendo el sitio…",
		"Preparing the site":    "Preparando el sitio…",
		"Sending to the server": "Enviando al servidor…",
		"Connecting":            "Conectando con el servidor…",
		"Done":                  "Terminando…",
		"Counting objects":      "Transfiriendo archivos…",
		"Resolving deltas":      "Transfiriendo archivos…",
		"":                      "",
	} {
		if got := phaseWords(phase); got != want {
			t.Errorf("phase %q shows %q, want %q", phase, got, want)
		}
	}
}
