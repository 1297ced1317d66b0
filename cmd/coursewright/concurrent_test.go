package main

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

// Issue 12, item 10: two module adds at once both land: the course's edit
// lock makes the second wait for the first and take in what it wrote.
func TestConcurrentModuleAddsKeepBoth(t *testing.T) {
	dir := testcorpus.Copy(t, "course-in-a-box")
	const rounds = 20
	for i := range rounds {
		var wg sync.WaitGroup
		codes := make([]int, 2)
		errs := make([]bytes.Buffer, 2)
		for j, name := range []string{"A", "B"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var out bytes.Buffer
				codes[j] = run([]string{"-C", dir, "module", "add", fmt.Sprintf("%s%d", name, i)}, strings.NewReader(""), &out, &errs[j])
			}()
		}
		wg.Wait()
		for j := range codes {
			if codes[j] != 0 {
				t.Fatalf("round %d: exit %d: %s", i, codes[j], errs[j].String())
			}
		}
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rounds {
		for _, name := range []string{"a", "b"} {
			if m := c.Module(fmt.Sprintf("%s%d", name, i)); m == nil || m.Hidden {
				t.Errorf("module %s%d is missing from course.yml", name, i)
			}
		}
	}
}
