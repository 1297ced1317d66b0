package course

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Sequence edits splice whole items so that an insert followed by a remove
// (or a remove followed by re-inserting the removed text) gives back the
// original bytes: that is what makes every course edit undoable without a
// trace in git.

type textSpan struct{ start, end int }

// seqSpans returns each item's text span. In a flow sequence that is the
// item itself; in a block sequence it is the item's whole lines, dash and
// indentation included.
func (d *Doc) seqSpans(seq *yaml.Node) ([]textSpan, error) {
	spans := make([]textSpan, len(seq.Content))
	flow := seq.Style&yaml.FlowStyle != 0
	for i, it := range seq.Content {
		if flow {
			s, e, err := d.flowItemSpan(it)
			if err != nil {
				return nil, err
			}
			spans[i] = textSpan{s, e}
			continue
		}
		dash := d.dashOffset(it)
		if dash < 0 {
			return nil, fmt.Errorf("line %d: cannot find the '-' of this list item", it.Line)
		}
		spans[i].start = bytes.LastIndexByte(d.src[:dash], '\n') + 1
		if i > 0 {
			spans[i-1].end = d.trimTrailingBlank(spans[i-1].start, spans[i].start)
		}
	}
	if !flow && len(spans) > 0 {
		last := &spans[len(spans)-1]
		dashCol := d.dashOffset(seq.Content[len(seq.Content)-1]) - last.start
		last.end = d.trimTrailingBlank(last.start, d.blockEnd(last.start, dashCol+1))
	}
	return spans, nil
}

func (d *Doc) dashOffset(it *yaml.Node) int {
	off := d.offset(it.Line, it.Column)
	for i := off - 1; i >= 0; i-- {
		switch d.src[i] {
		case ' ', '\t', '\n', '\r':
			continue
		case '-':
			return i
		default:
			// Anchors and tags sit between the dash and the node.
			if it.Anchor != "" || it.Tag != "" {
				continue
			}
			return -1
		}
	}
	return -1
}

func (d *Doc) flowItemSpan(it *yaml.Node) (int, int, error) {
	if it.Kind == yaml.ScalarNode {
		if s, e, ok := d.scalarSpan(it, true); ok {
			return s, e, nil
		}
		return 0, 0, fmt.Errorf("line %d: unsupported multi-line list item", it.Line)
	}
	start := d.offset(it.Line, it.Column)
	depth := 0
	var quote byte
	for i := start; i < len(d.src); i++ {
		c := d.src[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				return start, i + 1, nil
			}
		}
	}
	return 0, 0, fmt.Errorf("line %d: unterminated list item", it.Line)
}

// SeqItemText returns the raw text of item i of the sequence at path.
func (d *Doc) SeqItemText(i int, path ...string) (string, error) {
	seq := d.Lookup(path...)
	if seq == nil || seq.Kind != yaml.SequenceNode || i < 0 || i >= len(seq.Content) {
		return "", fmt.Errorf("no item %d in %s", i+1, strings.Join(path, "."))
	}
	spans, err := d.seqSpans(seq)
	if err != nil {
		return "", err
	}
	return string(d.src[spans[i].start:spans[i].end]), nil
}

// SeqRemove removes item i and returns its raw text, for SeqInsertText.
func (d *Doc) SeqRemove(i int, path ...string) (string, error) {
	seq := d.Lookup(path...)
	if seq == nil || seq.Kind != yaml.SequenceNode || i < 0 || i >= len(seq.Content) {
		return "", fmt.Errorf("no item %d in %s", i+1, strings.Join(path, "."))
	}
	spans, err := d.seqSpans(seq)
	if err != nil {
		return "", err
	}
	text := string(d.src[spans[i].start:spans[i].end])
	if seq.Style&yaml.FlowStyle == 0 {
		start := spans[i].start
		// A last line with no newline: the newline before it goes too,
		// as SeqInsertText added it.
		if spans[i].end == len(d.src) && start > 0 && !strings.HasSuffix(text, "\n") {
			start--
		}
		return text, d.splice(start, spans[i].end, "")
	}
	switch {
	case i > 0:
		return text, d.splice(spans[i-1].end, spans[i].end, "")
	case len(spans) > 1:
		return text, d.splice(spans[0].start, spans[1].start, "")
	default:
		return text, d.splice(spans[0].start, spans[0].end, "")
	}
}

// SeqInsertText inserts raw item text (as returned by SeqRemove or
// FormatSeqItem) so that it becomes item i. An insert that would change
// the list's other items, or leave one that cannot be taken out again,
// is refused and the text left as it was: in a flow list an odd item next
// to the new one can swallow it (FuzzCourseYAML: "modules: [!0 ]" read
// the new module as part of the first item's tag).
func (d *Doc) SeqInsertText(i int, text string, path ...string) error {
	seq := d.Lookup(path...)
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return fmt.Errorf("%s is not a list", strings.Join(path, "."))
	}
	before := seqItemKeys(seq)
	old := d.src
	if err := d.seqInsertText(i, text, path...); err != nil {
		return err
	}
	after := d.Lookup(path...)
	ok := after != nil && after.Kind == yaml.SequenceNode && len(after.Content) == len(before)+1
	if ok {
		keys := seqItemKeys(after)
		ok = slices.Equal(before, append(keys[:i:i], keys[i+1:]...))
		if _, err := d.seqSpans(after); err != nil {
			ok = false
		}
	}
	if !ok {
		d.src = old
		_ = d.reparse()
		return fmt.Errorf("line %d: cannot add to this list without changing its other items: write it one item per line (\"- name\")", seq.Line)
	}
	return nil
}

// seqItemKeys says what each item of a list is, to compare two lists.
func seqItemKeys(seq *yaml.Node) []string {
	keys := make([]string, len(seq.Content))
	for i, it := range seq.Content {
		keys[i] = fmt.Sprintf("%d\x00%s\x00%s\x00%d", it.Kind, it.Tag, it.Value, len(it.Content))
	}
	return keys
}

func (d *Doc) seqInsertText(i int, text string, path ...string) error {
	seq := d.Lookup(path...)
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return fmt.Errorf("%s is not a list", strings.Join(path, "."))
	}
	if i < 0 || i > len(seq.Content) {
		return fmt.Errorf("position %d is outside the list of %d", i+1, len(seq.Content))
	}
	spans, err := d.seqSpans(seq)
	if err != nil {
		return err
	}
	if seq.Style&yaml.FlowStyle != 0 {
		sep := ", "
		if len(spans) > 1 {
			sep = string(d.src[spans[0].end:spans[1].start])
		}
		switch {
		case len(spans) == 0:
			open := d.offset(seq.Line, seq.Column)
			if open >= len(d.src) || d.src[open] != '[' {
				return fmt.Errorf("line %d: cannot find the list's '['", seq.Line)
			}
			return d.splice(open+1, open+1, text)
		case i == len(spans):
			end := spans[i-1].end
			return d.splice(end, end, sep+text)
		default:
			return d.splice(spans[i].start, spans[i].start, text+sep)
		}
	}
	if len(spans) == 0 {
		return errors.New("cannot insert into an empty block list")
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	if i < len(spans) {
		return d.splice(spans[i].start, spans[i].start, text)
	}
	end := spans[len(spans)-1].end
	if end > 0 && d.src[end-1] != '\n' {
		text = "\n" + strings.TrimSuffix(text, "\n")
	}
	return d.splice(end, end, text)
}

// FormatSeqItem renders a new item for the sequence at path in the style
// its existing items use: flow or block, quoting, indentation.
func (d *Doc) FormatSeqItem(n *yaml.Node, path ...string) (string, error) {
	seq := d.Lookup(path...)
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return "", fmt.Errorf("%s is not a list", strings.Join(path, "."))
	}
	var like *yaml.Node
	if len(seq.Content) > 0 {
		like = seq.Content[0]
	}
	if seq.Style&yaml.FlowStyle != 0 || len(seq.Content) == 0 {
		return formatFlow(n, like), nil
	}
	dash := d.dashOffset(like)
	lineStartOff := bytes.LastIndexByte(d.src[:dash], '\n') + 1
	pad := strings.Repeat(" ", dash-lineStartOff)
	inner := d.offset(like.Line, like.Column) - dash // "- " width
	if inner < 2 {
		inner = 2
	}
	if n.Kind == yaml.ScalarNode {
		style := yaml.Style(0)
		if like.Kind == yaml.ScalarNode {
			style = like.Style
		}
		return pad + "-" + strings.Repeat(" ", inner-1) + EncodeScalar(n.Value, style) + "\n", nil
	}
	var b strings.Builder
	for i := 0; i+1 < len(n.Content); i += 2 {
		if i == 0 {
			b.WriteString(pad + "-" + strings.Repeat(" ", inner-1))
		} else {
			b.WriteString(pad + strings.Repeat(" ", inner))
		}
		style := yaml.Style(0)
		if like.Kind == yaml.MappingNode {
			if _, v := mapEntry(like, n.Content[i].Value); v != nil {
				style = v.Style
			}
		}
		b.WriteString(n.Content[i].Value + ": " + EncodeScalar(n.Content[i+1].Value, style) + "\n")
	}
	return b.String(), nil
}

func formatFlow(n *yaml.Node, like *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		style := yaml.Style(0)
		if like != nil && like.Kind == yaml.ScalarNode {
			style = like.Style
		}
		return EncodeScalar(n.Value, style)
	}
	parts := make([]string, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		parts = append(parts, n.Content[i].Value+": "+EncodeScalar(n.Content[i+1].Value, 0))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// SetSeqScalar replaces the scalar at item i (or, with key, the key's value
// inside a mapping item) keeping its quoting style.
func (d *Doc) SetSeqScalar(i int, key, value string, path ...string) error {
	seq := d.Lookup(path...)
	if seq == nil || seq.Kind != yaml.SequenceNode || i < 0 || i >= len(seq.Content) {
		return fmt.Errorf("no item %d in %s", i+1, strings.Join(path, "."))
	}
	it := seq.Content[i]
	flow := seq.Style&yaml.FlowStyle != 0
	if key != "" {
		if it.Kind != yaml.MappingNode {
			return fmt.Errorf("line %d: list item is not a mapping", it.Line)
		}
		_, v := mapEntry(it, key)
		if v == nil {
			return fmt.Errorf("line %d: list item has no %q", it.Line, key)
		}
		it = v
		flow = flow || seq.Content[i].Style&yaml.FlowStyle != 0
	}
	s, e, ok := d.scalarSpan(it, flow)
	if !ok {
		return fmt.Errorf("line %d: cannot edit this value in place", it.Line)
	}
	return d.splice(s, e, EncodeScalar(value, it.Style))
}
