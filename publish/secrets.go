package publish

import (
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/repo"
)

// leaveOutSecret reports whether the course file rel must stay out of the
// site because the secret detector takes it for a secret (by its name, by
// where it links to, by its content), warning once with the reason. The
// site then publishes everything else: one stray key must not stop a
// course from going out, nor go out with it.
func (s *site) leaveOutSecret(rel string) bool {
	sec, err := course.SecretFile(s.c.Dir, rel)
	if err != nil {
		// Unreadable now: leave it out rather than copy what was not judged.
		s.warn(course.CodeSecretUnreadable, rel, 0, "this file could not be read to check it holds no secret; it is not copied: "+err.Error(), "")
		return true
	}
	return s.secretFound(sec)
}

// leaveOutSecretPage is leaveOutSecret for a page, judged by its text.
func (s *site) leaveOutSecretPage(p *course.Page) bool {
	return s.secretFound(course.SecretPage(s.c.Dir, p))
}

// secretFound warns about a secret, if sec is one, and reports whether it
// is.
func (s *site) secretFound(sec course.Secret) bool {
	if sec.Reason == "" {
		return false
	}
	s.diags = append(s.diags, course.Diagnostic{File: sec.Path, Severity: course.SeverityWarning, Code: course.CodeSecretLeftOut,
		Message: "left out of the site: " + sec.Reason + secretSuffix,
		Hint:    "move the file out of the course folder"})
	return true
}

const secretSuffix = "; secrets are never published"

// withoutSecretsSaid drops the build's warnings about secrets that the
// version saved before it already reported: the author hears about each
// secret once.
func withoutSecretsSaid(diags []course.Diagnostic, skipped []repo.Skipped) []course.Diagnostic {
	said := map[string]bool{}
	for _, s := range skipped {
		if s.Reason == repo.SkipSecret {
			said[s.Path] = true
		}
	}
	var out []course.Diagnostic
	for _, d := range diags {
		if said[d.File] && strings.HasSuffix(d.Message, secretSuffix) {
			continue
		}
		out = append(out, d)
	}
	return out
}
