package editor

import "strings"

// A long page is edited as a column of blocks, one text field each,
// because a single Fyne text field re-wraps and re-lays out all of its
// text on every key: at 50,000 characters that is 140 ms a key. Blocks
// keep each field small, so a key costs the same on any page.
//
// The page is the blocks joined with "\n": each block holds whole lines,
// without the line break that ends its last line. Blocks start, where
// possible, at a heading or after a blank line, so they follow the
// sections and paragraphs the author sees; they never split a fenced
// code block.

// blockTarget is the size a block grows to before a new one starts at
// the next paragraph; blockMax is when a block is cut at any line.
const (
	blockTarget = 1500
	blockMax    = 6000
)

// splitBlocks cuts text into blocks of about target bytes.
func splitBlocks(text string, target int) []string {
	lines := strings.Split(text, "\n")
	var blocks []string
	start, size := 0, 0
	fence := ""
	prevBlank := false
	for i, line := range lines {
		trim := strings.TrimLeft(line, " ")
		canBreak := fence == "" && i > start && (prevBlank || isHeading(trim))
		heading := canBreak && isHeading(trim)
		switch {
		case canBreak && size >= target,
			heading && size >= target/4,
			i > start && size >= blockMax*2/3 && (fence == "" || size >= blockMax):
			blocks = append(blocks, strings.Join(lines[start:i], "\n"))
			start, size = i, 0
		}
		size += len(line) + 1
		if f := fenceOf(trim); f != "" {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(trim, fence) && strings.TrimSpace(strings.TrimLeft(trim, fence[:1])) == "":
				fence = ""
			}
		}
		prevBlank = strings.TrimSpace(line) == ""
	}
	return append(blocks, strings.Join(lines[start:], "\n"))
}

func isHeading(line string) bool {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(line) || line[n] == ' ' || line[n] == '\t')
}

// fenceOf returns the fence a line opens or closes (``` or ~~~, at least
// three), or "".
func fenceOf(line string) string {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(line) && line[n] == c {
			n++
		}
		if n >= 3 {
			return line[:n]
		}
	}
	return ""
}

// blockAt finds the block holding byte offset off of the joined text, and
// the offset inside it. An offset on a separator belongs to the end of
// the block before it.
func blockAt(blocks []string, off int) (block, in int) {
	for i, b := range blocks {
		if off <= len(b) || i == len(blocks)-1 {
			return i, min(off, len(b))
		}
		off -= len(b) + 1
	}
	return 0, 0
}

// blockStart is the byte offset of block i in the joined text.
func blockStart(blocks []string, i int) int {
	off := 0
	for _, b := range blocks[:i] {
		off += len(b) + 1
	}
	return off
}

// runeOffset converts a byte offset in s to a rune offset, and byteOffset
// does the reverse; Fyne's text fields count runes.
func runeOffset(s string, b int) int {
	n := 0
	for i := range s {
		if i >= b {
			return n
		}
		n++
	}
	return n
}

func byteOffset(s string, r int) int {
	n := 0
	for i := range s {
		if n == r {
			return i
		}
		n++
	}
	return len(s)
}
