package course

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// benchCourse makes (once per run) a synthetic course with the shared
// generator, the same input the goals are stated for.
func benchCourse(b *testing.B, pages int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "coursewright-bench", "course-"+itoa(pages))
	if _, err := os.Stat(filepath.Join(dir, "_data", "course.yml")); err == nil {
		return dir
	}
	gen, _ := filepath.Abs("../../shared/tools/gencourse.py")
	_ = os.RemoveAll(dir)
	out, err := exec.Command("python3", gen, itoa(pages), dir).CombinedOutput()
	if err != nil {
		b.Skipf("cannot generate a course (python3 and ../shared/tools needed): %v\n%s", err, out)
	}
	return dir
}

func itoa(n int) string { return strconv.Itoa(n) }

// BenchmarkLoad5000 loads a 5,000-page course. Goal: under 300 ms and
// 150 MB allocated.
func BenchmarkLoad5000(b *testing.B) {
	dir := benchCourse(b, 5000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c, err := Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Modules) != 625 {
			b.Fatalf("%d modules", len(c.Modules))
		}
	}
}

// BenchmarkReloadOnePage re-loads the 5,000-page course after another
// program changed one page. Goal: under 20 ms.
func BenchmarkReloadOnePage(b *testing.B) {
	dir := benchCourse(b, 5000)
	c, err := Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	p := c.Modules[7].Pages[3]
	full := filepath.Join(dir, filepath.FromSlash(p.Path))
	orig, _ := os.ReadFile(full)
	defer os.WriteFile(full, orig, 0o644)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		content := append(append([]byte(nil), orig...), []byte("\nEdited elsewhere "+itoa(i)+"\n")...)
		if err := os.WriteFile(full, content, 0o644); err != nil {
			b.Fatal(err)
		}
		_ = os.Chtimes(full, time.Now(), time.Now().Add(time.Duration(i+1)*time.Second))
		b.StartTimer()
		res, err := c.Reload()
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Changed) != 1 {
			b.Fatalf("changed = %v", res.Changed)
		}
	}
}
