package editor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/uitest"
	"github.com/coursewright/coursewright/repo"
)

// TestErrorWords: a library error, however deeply wrapped, is told in
// the interface language's words, with no part of the error chain; an
// unknown one gets the general sentence.
func TestErrorWords(t *testing.T) {
	uitest.NewApp(t)
	// t.Setenv puts LANGUAGE back first; then the translations follow it.
	t.Cleanup(func() { _ = RegisterTranslations() })
	notCourse := fmt.Errorf("open course: /root has no _config.yml, _data/course.yml or modules folder: %w", course.ErrNotCourse)
	cases := []struct {
		err    error
		en, es string
	}{
		{notCourse, "This folder is not a course. Choose a folder that has _data/course.yml, or create a new course.",
			"Esta carpeta no es un curso. Elige una carpeta que tenga _data/course.yml, o crea un curso nuevo."},
		{fmt.Errorf("publish: push: %w", repo.ErrAuth), "The server did not accept the sign-in.", "El servidor no aceptó el inicio de sesión."},
		{fmt.Errorf("adapt: %w", adapt.ErrNoDerivatives), "NoDerivatives", "SinDerivadas"},
		{&fs.PathError{Op: "open", Path: "/home/ana/course/img/x.png", Err: fs.ErrPermission}, "Coursewright may not use x.png", "Coursewright no tiene permiso para usar x.png"},
		{fmt.Errorf("export: %w", context.Canceled), "Cancelled", "Cancelado"},
		{errors.New("zip: write header: weird internal failure"), "Something went wrong", "Algo salió mal"},
	}
	for _, l := range []string{"en", "es"} {
		// Fyne's labels follow the environment; the error's words follow
		// the language handed to UserError.
		t.Setenv("LANGUAGE", l)
		if err := RegisterTranslations(); err != nil {
			t.Fatal(err)
		}
		words := WordingIn(l)
		for _, c := range cases {
			want := c.en
			if l == "es" {
				want = c.es
			}
			got := UserError(words, "", c.err).Error()
			if !strings.Contains(got, want) {
				t.Errorf("%s: %v is told as %q, want %q", l, c.err, got, want)
			}
			for _, chain := range []string{"open course", "publish:", "adapt:", "/home/ana", "zip:", "export:"} {
				if strings.Contains(got, chain) {
					t.Errorf("%s: %q shows the error chain (%q)", l, got, chain)
				}
			}
			if !errors.Is(UserError(words, "", c.err), c.err) && !errors.Is(UserError(words, "", c.err), errors.Unwrap(c.err)) {
				t.Errorf("UserError(%v) lost the error", c.err)
			}
		}
	}
	es := WordingIn("es")
	// The editor's own messages are words already: they pass as they are.
	if got := UserError(es, "", noPageOpen()).Error(); got != noPageOpen().Error() {
		t.Errorf("the editor's message became %q", got)
	}
	if got := UserError(es, "", ErrNothingSelected).Error(); !strings.HasPrefix(got, "Primero selecciona") {
		t.Errorf("nothing selected: %q", got)
	}
	// Words already said pass as they are, lead and all.
	w := Words("Choose where to save the file.")
	if got := UserError(es, "Lead.", w); got != w {
		t.Errorf("words were changed: %q", got)
	}
	if got := UserError(es, "Could not save.", repo.ErrLocked).Error(); !strings.HasPrefix(got, "Could not save. Otro programa") {
		t.Errorf("lead and words: %q", got)
	}
	// The language handed over wins over the environment's.
	if got := UserError(Wording{}, "", repo.ErrLocked).Error(); !strings.HasPrefix(got, "Another program is saving") {
		t.Errorf("English words under LANGUAGE=es: %q", got)
	}
}
