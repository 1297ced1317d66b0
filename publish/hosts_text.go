package publish

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// After publishing, the author is told honestly what happens next: an
// address only where the host serves one, and the one step the host needs
// the first time, if any. The panel and the CLI both show these sentences,
// in the interface's four languages.

// hostText is the wording about hosts in one language.
type hostText struct {
	AppearsAt        string // before the address
	GitHubStep       string // %s: the branch
	GitHubJekyll     string // the host builds the source
	GitLabStep       string // %s: the branch
	ForgejoNoAddress string // %s: the branch
	NotServedBranch  string // %[1]s host, %[2]s the branch it serves, %[3]s the branch used
	NoPages          string // %s: the branch
	NoBuild          string
}

var hostTexts = map[string]*hostText{
	"en": {
		AppearsAt:        "Your site will appear at:",
		GitHubStep:       "The first time only: on GitHub, open the repository's Settings → Pages and choose “Deploy from a branch” with the branch %s, if it is not already on.",
		GitHubJekyll:     "GitHub Pages builds the site from the course's source with Jekyll, which takes a minute.",
		GitLabStep:       "GitLab publishes it with a short pipeline on the branch %s: the first pipeline takes a minute. If the project uses a unique domain, GitLab shows the site's address under Deploy → Pages.",
		ForgejoNoAddress: "The site is on the branch %s: a Forgejo or Gitea server with a pages server serves it from there, at an address its administrators can tell you.",
		NotServedBranch:  "%[1]s serves only the branch %[2]s; the site went to the branch %[3]s, where it is not served.",
		NoPages:          "This host does not serve websites, so there is no address: the built site is on the branch %s, ready to download or copy to a web server.",
		NoBuild:          "Only the course's source was sent: this host does not build Jekyll sites, so no website was published.",
	},
	"es": {
		AppearsAt:        "Tu sitio aparecerá en:",
		GitHubStep:       "Solo la primera vez: en GitHub, abre Settings → Pages del repositorio y elige «Deploy from a branch» con la rama %s, si no está activado ya.",
		GitHubJekyll:     "GitHub Pages construye el sitio a partir de las fuentes del curso con Jekyll, lo que tarda un minuto.",
		GitLabStep:       "GitLab lo publica con una breve pipeline en la rama %s: la primera pipeline tarda un minuto. Si el proyecto usa un dominio único, GitLab muestra la dirección del sitio en Deploy → Pages.",
		ForgejoNoAddress: "El sitio está en la rama %s: un servidor Forgejo o Gitea con servidor de páginas lo sirve desde allí, en una dirección que su administración puede indicarte.",
		NotServedBranch:  "%[1]s solo sirve la rama %[2]s; el sitio se envió a la rama %[3]s, donde no se sirve.",
		NoPages:          "Este servicio no publica sitios web, así que no hay dirección: el sitio construido está en la rama %s, listo para descargarlo o copiarlo a un servidor web.",
		NoBuild:          "Solo se enviaron las fuentes del curso: este servicio no construye sitios Jekyll, así que no se publicó ningún sitio web.",
	},
	"de": {
		AppearsAt:        "Deine Website erscheint unter:",
		GitHubStep:       "Nur beim ersten Mal: Öffne auf GitHub im Repository Settings → Pages und wähle „Deploy from a branch“ mit dem Branch %s, falls das noch nicht eingestellt ist.",
		GitHubJekyll:     "GitHub Pages baut die Website mit Jekyll aus den Quelldateien des Kurses; das dauert eine Minute.",
		GitLabStep:       "GitLab veröffentlicht sie mit einer kurzen Pipeline auf dem Branch %s: Die erste Pipeline dauert eine Minute. Verwendet das Projekt eine eindeutige Domain, zeigt GitLab die Adresse der Website unter Deploy → Pages.",
		ForgejoNoAddress: "Die Website liegt auf dem Branch %s: Ein Forgejo- oder Gitea-Server mit Pages-Server stellt sie von dort bereit, unter einer Adresse, die seine Administration dir nennen kann.",
		NotServedBranch:  "%[1]s stellt nur den Branch %[2]s bereit; die Website ging auf den Branch %[3]s und wird dort nicht bereitgestellt.",
		NoPages:          "Dieser Dienst stellt keine Websites bereit, daher gibt es keine Adresse: Die gebaute Website liegt auf dem Branch %s, bereit zum Herunterladen oder zum Kopieren auf einen Webserver.",
		NoBuild:          "Nur die Quelldateien des Kurses wurden gesendet: Dieser Dienst baut keine Jekyll-Websites, daher wurde keine Website veröffentlicht.",
	},
	"fr": {
		AppearsAt:        "Votre site apparaîtra à l’adresse :",
		GitHubStep:       "La première fois seulement : sur GitHub, ouvrez Settings → Pages du dépôt et choisissez « Deploy from a branch » avec la branche %s, si ce n’est pas déjà fait.",
		GitHubJekyll:     "GitHub Pages construit le site à partir des sources du cours avec Jekyll, ce qui prend une minute.",
		GitLabStep:       "GitLab le publie par un court pipeline sur la branche %s : le premier pipeline prend une minute. Si le projet utilise un domaine unique, GitLab affiche l’adresse du site sous Deploy → Pages.",
		ForgejoNoAddress: "Le site est sur la branche %s : un serveur Forgejo ou Gitea doté d’un serveur de pages le sert depuis cette branche, à une adresse que ses administrateurs peuvent vous donner.",
		NotServedBranch:  "%[1]s ne sert que la branche %[2]s ; le site a été envoyé sur la branche %[3]s, où il n’est pas servi.",
		NoPages:          "Cet hébergeur ne sert pas de sites web, il n’y a donc pas d’adresse : le site construit est sur la branche %s, prêt à être téléchargé ou copié sur un serveur web.",
		NoBuild:          "Seules les sources du cours ont été envoyées : cet hébergeur ne construit pas les sites Jekyll, aucun site web n’a donc été publié.",
	},
}

// hostTextFor picks the wording for a language tag or locale name
// ("de", "de-DE", "de_DE.UTF-8"); English when there is none.
func hostTextFor(lang string) *hostText {
	lang, _, _ = strings.Cut(lang, ".")
	lang, _, _ = strings.Cut(lang, "@")
	if tag, err := language.Parse(strings.ReplaceAll(lang, "_", "-")); err == nil {
		base, _ := tag.Base()
		if t := hostTexts[base.String()]; t != nil {
			return t
		}
	}
	return hostTexts["en"]
}

// Notice is what to tell the author about the website after publishing.
type Notice struct {
	// Lead introduces URL ("Your site will appear at:"); both are ""
	// when the host serves no site at a known address.
	Lead, URL string
	// Step is the one-time step the host needs, or what happened instead
	// of a website; "" when there is nothing to say.
	Step string
}

// Notice words what happens to the website, in a language (a tag or a
// locale name; English when it has no translation).
func (r *Result) Notice(lang string) Notice {
	t := hostTextFor(lang)
	n := Notice{URL: r.URL}
	if n.URL != "" {
		n.Lead = t.AppearsAt
	}
	h := r.Host
	switch {
	case r.SourceOnly && h.Kind == HostGitHub:
		n.Step = t.GitHubJekyll
	case r.SourceOnly:
		n.Step = t.NoBuild
	case !h.Serves:
		n.Step = fmt.Sprintf(t.NoPages, r.Branch)
	case h.FixedBranch && r.Branch != h.Branch:
		n.Step = fmt.Sprintf(t.NotServedBranch, h.Name, h.Branch, r.Branch)
	case h.Kind == HostGitHub:
		n.Step = fmt.Sprintf(t.GitHubStep, r.Branch)
	case h.Kind == HostGitLab:
		n.Step = fmt.Sprintf(t.GitLabStep, r.Branch)
	case h.Kind == HostForgejo && n.URL == "":
		n.Step = fmt.Sprintf(t.ForgejoNoAddress, r.Branch)
	}
	return n
}
