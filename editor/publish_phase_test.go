package editor

import (
	"os"
	"testing"

	"github.com/coursewright/coursewright/internal/uitest"
	"github.com/coursewright/coursewright/publish"
)

// The publish panel shows every phase of publishing in the interface
// language: publish's and repo's own, and the git server's (a Spanish
// screen review showed "Done" over "No se ha publicado").
func TestPhaseWordsInSpanish(t *testing.T) {
	uitest.NewApp(t)
	t.Setenv("LANGUAGE", "es")
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Unsetenv("LANGUAGE")
		_ = RegisterTranslations()
	})
	for phase, want := range map[publish.Phase]string{
		publish.PhaseSaving:     "Guardando una versión…",
		publish.PhaseChecking:   "Comprobando el servidor…",
		publish.PhaseBuilding:   "Construyendo el sitio…",
		publish.PhasePreparing:  "Preparando el sitio…",
		publish.PhaseSending:    "Enviando al servidor…",
		publish.PhaseConnecting: "Conectando con el servidor…",
		publish.PhaseDone:       "Terminando…",
		// The git server's own steps, passed on by repo as they are.
		"Counting objects": "Transfiriendo archivos…",
		"Resolving deltas": "Transfiriendo archivos…",
		"":                 "",
	} {
		if got := phaseWords(phase); got != want {
			t.Errorf("phase %q shows %q, want %q", phase, got, want)
		}
	}
}
