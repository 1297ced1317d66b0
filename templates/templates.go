// Package templates holds the course trees that ship inside the Coursewright
// binary: the skeleton of a new course and a complete sample course.
//
// Both are plain Course-in-a-Box folders (see DESIGN.md §1), embedded in
// the binary so that it can create a course, or open the sample, with no
// files installed next to it and no network. The "all:" prefix is
// needed because Jekyll's folders start with an underscore (_data, _posts)
// and the skeleton keeps an empty img/ folder alive with a dot file; embed
// skips such names otherwise.
package templates

import (
	"embed"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed all:newcourse
var newCourseFS embed.FS

//go:embed all:sample
var sampleFS embed.FS

// NewCourse returns the skeleton that `coursewright new` copies into an empty
// folder: _config.yml, _data/course.yml, index.md, about.md, one module with
// one page, and an empty img/ folder. Its text files contain {{cw.*}}
// placeholders that CopyTo fills in.
func NewCourse() fs.FS { return sub(newCourseFS, "newcourse") }

// Sample returns "Finding Good Information Online", a short but complete
// learning-circle course with images and a facilitator guide. The app opens
// it when started without a course, and tests use it as a realistic
// fixture. It contains no placeholders.
func Sample() fs.FS { return sub(sampleFS, "sample") }

// sub roots an embedded tree at its folder so that callers see the course
// files at the top level. fs.Sub fails only on an invalid path name, which
// for these two constants would be a programming error.
func sub(f embed.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(fmt.Sprintf("templates: %v", err))
	}
	return s
}

// VarNames returns the names CopyTo accepts in its vars map, each written in
// a template as {{cw.NAME}}: the course title, its SPDX license id, its
// language tag and a one-line description.
func VarNames() []string { return []string{"title", "license", "language", "description"} }

// ErrNotEmpty is returned by CopyTo when the target folder already holds
// files: creating a course must never overwrite someone's work.
var ErrNotEmpty = errors.New("folder is not empty")

// placeholder matches {{cw.name}} exactly, with no spaces. Jekyll's Liquid
// tags ({{ site.baseurl }}, {{page.title}}) never use the cw. namespace, so
// they are left as they are.
var placeholder = regexp.MustCompile(`\{\{cw\.([A-Za-z0-9_]+)\}\}`)

// isText reports whether a file may contain placeholders. Everything else
// (images, fonts) is copied byte for byte.
func isText(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".yml", ".yaml", ".html", ".txt":
		return true
	}
	return false
}

// CopyTo copies the tree src into dir, creating dir and its subfolders as
// needed. dir must not exist or be an empty folder; otherwise CopyTo returns
// an error wrapping ErrNotEmpty and writes nothing.
//
// In text files (.md, .yml, .yaml, .html, .txt) each {{cw.NAME}} placeholder
// is replaced by vars[NAME]; a name missing from vars becomes the empty
// string. Values are encoded for where they land, so that a title such as
// "Sources: a how-to" cannot break the YAML around it: in .yml files and in
// the front matter of .md files the placeholder must be a whole, unquoted
// YAML value and is written as a plain or double-quoted YAML scalar; in
// .html files it is HTML-escaped; in markdown bodies and .txt files it is
// written as is. A key of vars outside VarNames, or a placeholder in src
// with an unknown name, is an error reported before anything is written:
// both are typos that would otherwise ship a course with a hole in it.
func CopyTo(src fs.FS, dir string, vars map[string]string) error {
	for k := range vars {
		if !knownVar(k) {
			return fmt.Errorf("templates: unknown variable %q (known: %s)", k, strings.Join(VarNames(), ", "))
		}
	}
	if err := checkEmpty(dir); err != nil {
		return err
	}
	// Render every file before writing any, so that a bad template leaves
	// no half-made course behind.
	type file struct {
		path string
		data []byte
	}
	var files []file
	var dirs []string
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		if isText(p) {
			if data, err = expand(p, data, vars); err != nil {
				return err
			}
		}
		files = append(files, file{p, data})
		return nil
	})
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return fmt.Errorf("templates: %w", err)
		}
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f.path)), f.data, 0o644); err != nil {
			return fmt.Errorf("templates: %w", err)
		}
	}
	return nil
}

func knownVar(name string) bool {
	for _, v := range VarNames() {
		if v == name {
			return true
		}
	}
	return false
}

// checkEmpty accepts a missing path or an empty folder.
func checkEmpty(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("templates: %s exists and is not a folder", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	if len(entries) > 0 {
		names := make([]string, 0, 4)
		for _, e := range entries { // sorted by name
			if len(names) == 3 {
				names = append(names, "…")
				break
			}
			names = append(names, e.Name())
		}
		return fmt.Errorf("templates: will not create a course in %s: %w (it holds %s)", dir, ErrNotEmpty, strings.Join(names, ", "))
	}
	return nil
}

// expand replaces the placeholders in one text file, choosing an encoding
// for each part of the file (see CopyTo).
func expand(name string, data []byte, vars map[string]string) ([]byte, error) {
	if !placeholder.Match(data) {
		return data, nil
	}
	s := string(data)
	switch strings.ToLower(path.Ext(name)) {
	case ".yml", ".yaml":
		return replace(name, s, vars, yamlScalar)
	case ".html":
		return replace(name, s, vars, html.EscapeString)
	case ".md":
		front, body := splitFront(s)
		f, err := replace(name, front, vars, yamlScalar)
		if err != nil {
			return nil, err
		}
		b, err := replace(name, body, vars, func(v string) string { return v })
		if err != nil {
			return nil, err
		}
		return append(f, b...), nil
	default:
		return replace(name, s, vars, func(v string) string { return v })
	}
}

func replace(name, s string, vars map[string]string, enc func(string) string) ([]byte, error) {
	var bad error
	out := placeholder.ReplaceAllStringFunc(s, func(m string) string {
		key := placeholder.FindStringSubmatch(m)[1]
		if !knownVar(key) {
			if bad == nil {
				bad = fmt.Errorf("templates: %s: unknown placeholder %s", name, m)
			}
			return m
		}
		return enc(vars[key])
	})
	return []byte(out), bad
}

// splitFront splits a markdown file into its front matter (both --- lines
// included) and its body. A file without front matter, or whose front
// matter is never closed, is all body, as Jekyll treats it.
func splitFront(s string) (front, body string) {
	first, rest, ok := strings.Cut(s, "\n")
	if !ok || strings.TrimRight(first, " \t\r") != "---" {
		return "", s
	}
	off := len(first) + 1
	for rest != "" {
		line, next, found := strings.Cut(rest, "\n")
		off += len(line)
		if found {
			off++
		}
		if strings.TrimRight(line, " \t\r") == "---" {
			return s[:off], s[off:]
		}
		rest = next
	}
	return "", s
}

// yamlScalar writes v so that YAML reads it back as the same string: plain
// when that is safe, double-quoted otherwise (YAML's double-quoted escapes
// are a superset of Go's). Jekyll reads YAML 1.1, where yes, no, on and off
// are booleans, so those are quoted too although yaml.v3 (YAML 1.2) would
// read them as strings.
func yamlScalar(v string) string {
	if v != "" && !strings.ContainsAny(v, "\n\r\t\\") && !yaml11Bool(v) {
		var got map[string]any
		if err := yaml.Unmarshal([]byte("k: "+v), &got); err == nil {
			if s, ok := got["k"].(string); ok && s == v {
				return v
			}
		}
	}
	return strconv.Quote(v)
}

func yaml11Bool(v string) bool {
	switch strings.ToLower(v) {
	case "y", "n", "yes", "no", "on", "off", "true", "false":
		return true
	}
	return false
}
