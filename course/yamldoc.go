package course

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Doc is a YAML document kept as its own text. Edits splice new text into
// the exact span of the value they change, so everything else — comments,
// key order, quoting, blank lines, even trailing spaces — stays byte for
// byte as the author (or another tool) wrote it. yaml.v3's encoder cannot
// promise that, which is why it is used only to parse and to encode the
// few bytes that change.
type Doc struct {
	src  []byte     // the text, with LF line endings and no byte-order mark
	root *yaml.Node // the top-level mapping; nil for an empty document
	eol  string     // the file's line ending when not LF ("\r\n", or "\r" alone): Bytes restores it
	bom  bool       // the file starts with a UTF-8 byte-order mark
	// orig is the file as read, and parsed its LF text then, when they
	// differ: until an edit changes the text, Bytes gives back the file
	// exactly, mixed line endings and all.
	orig, parsed []byte
}

// YAMLError is a YAML syntax error with the line it was found on.
type YAMLError struct {
	Line int
	Msg  string
}

func (e *YAMLError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// ParseDoc parses YAML text whose top level must be a mapping (or empty).
func ParseDoc(src []byte) (*Doc, error) {
	d := &Doc{}
	orig := src
	if bytes.HasPrefix(src, []byte(bomUTF8)) {
		d.bom, src = true, src[len(bomUTF8):]
	}
	// Edits work on LF text. YAML also breaks lines at a CR alone (old
	// Mac files): those are turned into LF too, or an edit that looks
	// for line ends would splice text into the middle of a "line".
	if i := bytes.IndexByte(src, '\r'); i >= 0 {
		d.eol = "\r"
		if i+1 < len(src) && src[i+1] == '\n' {
			d.eol = "\r\n"
		}
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
		d.orig, d.parsed = orig, append([]byte(nil), src...)
	}
	d.src = src
	if err := d.reparse(); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Doc) reparse() error {
	var n yaml.Node
	if err := yaml.Unmarshal(d.src, &n); err != nil {
		return toYAMLError(err)
	}
	d.root = nil
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		switch top := n.Content[0]; {
		case top.Kind == yaml.MappingNode:
			d.root = top
		case top.Kind == yaml.ScalarNode && top.Tag == "!!null":
		default:
			return &YAMLError{Line: top.Line, Msg: "expected a list of `key: value` settings at the top level"}
		}
	}
	return nil
}

func toYAMLError(err error) *YAMLError {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n  ")
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		// yaml.v3 names the line before the one where it expected
		// something that never came; point at the line to fix.
		if strings.HasPrefix(m[2], "did not find expected") {
			line++
		}
		return &YAMLError{Line: line, Msg: m[2]}
	}
	if m := regexp.MustCompile(`^line (\d+): (.*)$`).FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &YAMLError{Line: line, Msg: m[2]}
	}
	return &YAMLError{Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// Bytes returns the document text as it is to be saved.
func (d *Doc) Bytes() []byte {
	if d.eol == "" && !d.bom {
		return d.src
	}
	if d.orig != nil && bytes.Equal(d.src, d.parsed) {
		return d.orig
	}
	out := d.src
	if d.eol != "" {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte(d.eol))
	}
	if d.bom {
		out = append([]byte(bomUTF8), out...)
	}
	return out
}

// Root returns the top-level mapping node (nil when the document is empty).
func (d *Doc) Root() *yaml.Node { return d.root }

// Lookup returns the value node at a path of mapping keys, or nil.
func (d *Doc) Lookup(path ...string) *yaml.Node {
	n := d.root
	for _, k := range path {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		_, n = mapEntry(n, k)
	}
	return n
}

// String returns the scalar at path, or "" when absent or not a scalar.
func (d *Doc) String(path ...string) string {
	n := d.Lookup(path...)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

func mapEntry(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// splice replaces src[start:end] with text and re-parses.
func (d *Doc) splice(start, end int, text string) error {
	next := make([]byte, 0, len(d.src)-(end-start)+len(text))
	next = append(next, d.src[:start]...)
	next = append(next, text...)
	next = append(next, d.src[end:]...)
	old := d.src
	d.src = next
	if err := d.reparse(); err != nil {
		d.src = old
		_ = d.reparse()
		return fmt.Errorf("internal error: edit produced invalid YAML: %w", err)
	}
	return nil
}

// offset converts a yaml.v3 line/column (1-based, column in characters) to
// a byte offset into src.
func (d *Doc) offset(line, col int) int {
	off := lineStart(d.src, line)
	for c := 1; c < col && off < len(d.src); c++ {
		_, size := utf8.DecodeRune(d.src[off:])
		off += size
	}
	return off
}

func lineStart(src []byte, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(src)
}

// nextLine returns the offset just past the newline ending the line at off.
func nextLine(src []byte, off int) int {
	if e := lineEnd(src, off); e < len(src) {
		return e + 1
	}
	return len(src)
}

// scalarSpan returns the byte span of a one-line scalar node's text
// (including quotes). ok is false for block scalars and plain scalars that
// run over several lines, which are replaced line-wise instead.
func (d *Doc) scalarSpan(n *yaml.Node, flow bool) (start, end int, ok bool) {
	start = d.offset(n.Line, n.Column)
	src := d.src
	switch n.Style {
	case yaml.DoubleQuotedStyle:
		for i := start + 1; i < len(src); i++ {
			switch src[i] {
			case '\\':
				i++
			case '"':
				return start, i + 1, true
			}
		}
	case yaml.SingleQuotedStyle:
		for i := start + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				return start, i + 1, true
			}
		}
	case 0, yaml.TaggedStyle:
		if n.Tag == "!!null" && n.Value == "" {
			return start, start, true
		}
		le := lineEnd(src, start)
		end = le
		for i := start; i < le; i++ {
			c := src[i]
			if flow && (c == ',' || c == ']' || c == '}') {
				end = i
				break
			}
			if c == '#' && i > start && (src[i-1] == ' ' || src[i-1] == '\t') {
				end = i
				break
			}
		}
		for end > start && (src[end-1] == ' ' || src[end-1] == '\t' || src[end-1] == '\r') {
			end--
		}
		// A plain scalar continued on the next lines has more text than this line.
		var check yaml.Node
		if yaml.Unmarshal(src[start:end], &check) == nil && len(check.Content) == 1 && check.Content[0].Value == n.Value {
			return start, end, true
		}
	}
	return 0, 0, false
}

// entrySpan returns the lines holding a mapping entry (its key line up to
// the last line of its value), not counting blank or comment lines after it.
func (d *Doc) entrySpan(m *yaml.Node, key *yaml.Node) (start, end int) {
	start = lineStart(d.src, key.Line)
	idx := -1
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i] == key {
			idx = i
		}
	}
	var limit int
	if idx+2 < len(m.Content) {
		limit = lineStart(d.src, m.Content[idx+2].Line)
	} else {
		limit = d.blockEnd(start, key.Column)
	}
	return start, d.trimTrailingBlank(start, limit)
}

// blockEnd finds where the block that starts with a line at indentation
// col-1 ends: the first later content line indented no deeper.
func (d *Doc) blockEnd(from int, col int) int {
	off := nextLine(d.src, from)
	for off < len(d.src) {
		line := d.src[off:lineEnd(d.src, off)]
		trimmed := bytes.TrimLeft(line, " \t")
		indent := len(line) - len(trimmed)
		if len(bytes.TrimSpace(trimmed)) > 0 && trimmed[0] != '#' && indent < col {
			return off
		}
		if bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("...")) {
			return off
		}
		off = nextLine(d.src, off)
	}
	return len(d.src)
}

// trimTrailingBlank moves end back over whole blank and comment lines.
func (d *Doc) trimTrailingBlank(start, end int) int {
	for end > start {
		ls := bytes.LastIndexByte(d.src[:end-1], '\n') + 1
		if ls < start {
			break
		}
		line := bytes.TrimSpace(d.src[ls:end])
		if len(line) > 0 && line[0] != '#' {
			break
		}
		end = ls
	}
	return end
}

// EncodeScalar renders s as a YAML scalar in the given style when that
// style can hold it, else the plainest style that reads back as the same
// string.
func EncodeScalar(s string, style yaml.Style) string {
	if style == yaml.DoubleQuotedStyle {
		return strconv.Quote(s)
	}
	if style == yaml.SingleQuotedStyle && !strings.ContainsAny(s, "\n\r") && utf8.ValidString(s) {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	if plainSafe(s) {
		return s
	}
	return strconv.Quote(s)
}

func plainSafe(s string) bool {
	if s == "" || strings.ContainsAny(s, "\n\r\t") || strings.TrimSpace(s) != s {
		return false
	}
	var v any
	if err := yaml.Unmarshal([]byte("k: "+s), &v); err != nil {
		return false
	}
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	got, ok := m["k"].(string)
	return ok && got == s
}

// SetString sets a string at a path of mapping keys, creating missing
// mappings. An existing one-line scalar keeps its quoting style.
func (d *Doc) SetString(value string, path ...string) error {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value}
	return d.SetNode(n, path...)
}

// SetValue sets any value (encoded with yaml.v3) at a path of mapping keys.
func (d *Doc) SetValue(v any, path ...string) error {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return err
	}
	return d.SetNode(&n, path...)
}

// SetNode sets the value at path to n. When the text cannot be spliced
// so that it reads back as intended (exotic YAML such as explicit `?`
// keys), it refuses and leaves the document as it was.
func (d *Doc) SetNode(n *yaml.Node, path ...string) error {
	if len(path) == 0 {
		return errors.New("SetNode: empty path")
	}
	before := d.src
	if err := d.setNode(n, path...); err != nil {
		return err
	}
	got := d.Lookup(path...)
	if got == nil || got.Kind != n.Kind || (n.Kind == yaml.ScalarNode && got.Value != n.Value) {
		d.src = before
		_ = d.reparse()
		return fmt.Errorf("cannot change %s here without rewriting the file; edit it in a text editor", strings.Join(path, "."))
	}
	return nil
}

func (d *Doc) setNode(n *yaml.Node, path ...string) error {
	parent := d.root
	for i, k := range path[:len(path)-1] {
		var child *yaml.Node
		if parent != nil {
			_, child = mapEntry(parent, k)
		}
		if child == nil || child.Kind != yaml.MappingNode {
			// Build the rest of the path as nested mappings and set it at this level.
			inner := n
			for j := len(path) - 1; j > i; j-- {
				inner = &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
					{Kind: yaml.ScalarNode, Value: path[j]}, inner}}
			}
			return d.setIn(parent, k, inner)
		}
		parent = child
	}
	return d.setIn(parent, path[len(path)-1], n)
}

func (d *Doc) setIn(m *yaml.Node, key string, n *yaml.Node) error {
	var k, v *yaml.Node
	if m != nil {
		k, v = mapEntry(m, key)
	}
	if v != nil && v.Kind == yaml.ScalarNode && n.Kind == yaml.ScalarNode && v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		if start, end, ok := d.scalarSpan(v, false); ok {
			text := EncodeScalar(n.Value, v.Style)
			if !strings.Contains(text, "\n") {
				if start == end && (start == 0 || d.src[start-1] != ' ') {
					text = " " + text
				}
				return d.splice(start, end, text)
			}
		}
	}
	indent := 0
	if m != nil && len(m.Content) > 0 {
		indent = m.Content[0].Column - 1
	} else if m != nil {
		indent = m.Column - 1
	}
	entry, err := encodeEntry(key, n, indent)
	if err != nil {
		return err
	}
	if k != nil {
		start, end := d.entrySpan(m, k)
		return d.splice(start, end, entry)
	}
	if m == nil || len(m.Content) == 0 {
		if m != nil && m.Style&yaml.FlowStyle != 0 {
			return errors.New("cannot add a key to an empty flow mapping")
		}
		at := d.trimTrailingBlank(0, len(d.src))
		return d.splice(at, at, ensureNL(d.src[:at])+entry)
	}
	lastKey := m.Content[len(m.Content)-2]
	_, end := d.entrySpan(m, lastKey)
	return d.splice(end, end, ensureNL(d.src[:end])+entry)
}

func ensureNL(before []byte) string {
	if len(before) > 0 && before[len(before)-1] != '\n' {
		return "\n"
	}
	return ""
}

// encodeEntry renders "key: value\n" indented by indent spaces.
func encodeEntry(key string, v *yaml.Node, indent int) (string, error) {
	m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Value: key}, v}}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	if indent == 0 {
		return buf.String(), nil
	}
	pad := strings.Repeat(" ", indent)
	lines := strings.SplitAfter(buf.String(), "\n")
	var out strings.Builder
	for _, l := range lines {
		if l != "" && l != "\n" {
			out.WriteString(pad)
		}
		out.WriteString(l)
	}
	return out.String(), nil
}

// Delete removes the entry at path, if any.
func (d *Doc) Delete(path ...string) error {
	if len(path) == 0 {
		return nil
	}
	m := d.Lookup(path[:len(path)-1]...)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	k, _ := mapEntry(m, path[len(path)-1])
	if k == nil {
		return nil
	}
	if m.Style&yaml.FlowStyle != 0 {
		return errors.New("cannot delete from a flow mapping")
	}
	start, end := d.entrySpan(m, k)
	return d.splice(start, end, "")
}
