package render

import (
	"testing"

	"github.com/coursewright/coursewright/internal/depstest"
)

// render serves the CLI and the site build as well as the app.
func TestImports(t *testing.T) { depstest.Forbid(t, "fyne.io") }
