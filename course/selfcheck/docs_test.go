package selfcheck

import (
	"os"
	"regexp"
	"testing"
)

// Every example in docs/self-checks.md and the README is one whole
// question of the kind the docs say (the docs stay true).
func TestDocsExamples(t *testing.T) {
	fence := regexp.MustCompile("(?s)```markdown\n(.*?)```")
	for _, file := range []string{"../../docs/self-checks.md", "../../README.md"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		examples := fence.FindAllStringSubmatch(string(b), -1)
		if len(examples) == 0 {
			t.Fatalf("%s has no markdown example", file)
		}
		kinds := map[Kind]bool{}
		for _, ex := range examples {
			blocks := Find(ex[1])
			if len(blocks) != 1 || blocks[0].Err != nil {
				t.Errorf("%s: the example is not one whole question: %+v\n%s", file, blocks, ex[1])
				continue
			}
			kinds[blocks[0].Question.Kind] = true
		}
		if file == "../../docs/self-checks.md" && len(kinds) != len(Kinds) {
			t.Errorf("docs/self-checks.md shows the kinds %v, want every one", kinds)
		}
	}
}
