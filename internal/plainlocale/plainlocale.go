// Package plainlocale names English as the language when the environment
// names none ("C" or "POSIX", as on servers, containers and CI): Fyne's
// lang package cannot parse "C" and logs an error at start-up, which
// would pollute the output of every CLI verb.
//
// It must run before Fyne reads the locale, at package initialisation.
// Go (1.21 and later) initialises packages in import-path order among
// those whose dependencies are ready; this package depends on the
// standard library only, so it runs before github.com/jeandeaual/go-locale
// and therefore before fyne.io/fyne/v2/lang, which needs it. Import it
// for its effect from main: import _ ".../internal/plainlocale".
package plainlocale

import (
	"os"
	"strings"
)

func init() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(v, ".")
		if base == "C" || base == "POSIX" {
			os.Setenv(k, "en_US.UTF-8")
		}
	}
}
