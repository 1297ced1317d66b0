package course

import (
	"testing"

	"github.com/coursewright/coursewright/internal/depstest"
)

// course is the model: no window toolkit, no git (repo does git).
func TestImports(t *testing.T) {
	depstest.Forbid(t, "fyne.io", "github.com/go-git", "github.com/coursewright/coursewright/repo")
}
