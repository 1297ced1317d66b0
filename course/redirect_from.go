package course

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// When an edit changes where a page is published (a new file name, another
// module, a renamed module folder, or a new date where the permalink shows
// dates), the page's old address goes into its front matter's
// redirect_from list: the jekyll-redirect-from convention, which GitHub
// Pages runs and Coursewright's build follows, so links to the old address
// keep working whichever tool builds the site.

// RedirectFrom lists the old addresses in a page's redirect_from (a string
// or a list), as written.
func (p *Page) RedirectFrom() []string {
	if p.front == nil {
		return nil
	}
	n := p.front.Lookup("redirect_from")
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		if v := strings.TrimSpace(n.Value); v != "" && n.Tag != "!!null" {
			return []string{v}
		}
		return nil
	}
	var out []string
	for _, it := range n.Content {
		if v := strings.TrimSpace(it.Value); it.Kind == yaml.ScalarNode && v != "" {
			out = append(out, v)
		}
	}
	return out
}

// sameAddress compares two site addresses the way the build places them:
// the slashes around them do not matter.
func sameAddress(a, b string) bool {
	return strings.Trim(a, "/") == strings.Trim(b, "/")
}

// addressesBefore records the published address of the pages an edit is
// about to move: pages whose file exists on disk and that are published
// (a draft never had an address anyone links to).
func addressesBefore(pages []*Page) map[*Page]string {
	out := map[*Page]string{}
	for _, p := range pages {
		if p.loadedPath != "" && p.Published() {
			out[p] = p.URL()
		}
	}
	return out
}

// recordOldAddresses adds to each page's redirect_from the address it had
// before the edit, when the edit changed it. It returns the undo, which
// puts the front matter back as it was. A page whose front matter is not
// valid YAML is left alone: its text is the author's to fix first.
func recordOldAddresses(before map[*Page]string) (undo func()) {
	var undos []func()
	for p, old := range before {
		if sameAddress(p.URL(), old) {
			continue
		}
		if p.front != nil && p.front.root == nil && len(p.front.src) > 0 {
			continue
		}
		hadFront := p.front != nil
		state := snapshot(p.Front())
		if err := addRedirectFrom(p, old); err != nil {
			// The list is written in a way the splice cannot extend
			// (exotic YAML); the move still happens, without the record.
			state.restore()
			if !hadFront {
				p.front, p.open, p.close = nil, "", ""
			}
			continue
		}
		p.dirty = true
		undos = append(undos, func() {
			state.restore()
			if !hadFront {
				p.front, p.open, p.close = nil, "", ""
			}
			p.dirty = true // the text on disk may be the recorded one
		})
	}
	return func() {
		for i := len(undos) - 1; i >= 0; i-- {
			undos[i]()
		}
	}
}

// addRedirectFrom appends old to the page's redirect_from, keeping the
// list's own style and every other byte of the front matter; an address
// already listed is not added twice, and the page's new address is taken
// out of the list (a page moved back is no longer redirected to itself).
func addRedirectFrom(p *Page, old string) error {
	d := p.Front()
	now := p.URL()
	n := d.Lookup("redirect_from")
	switch {
	case n == nil || (n.Kind == yaml.ScalarNode && (n.Tag == "!!null" || strings.TrimSpace(n.Value) == "")):
		return d.SetValue([]string{old}, "redirect_from")
	case n.Kind == yaml.ScalarNode:
		list := []string{strings.TrimSpace(n.Value)}
		if sameAddress(list[0], now) {
			list = nil
		}
		if !sameAddress(n.Value, old) {
			list = append(list, old)
		}
		return d.SetValue(list, "redirect_from")
	case n.Kind != yaml.SequenceNode:
		return fmt.Errorf("%s: redirect_from is neither an address nor a list of addresses", p.Path)
	}
	for i := len(n.Content) - 1; i >= 0; i-- {
		if it := n.Content[i]; it.Kind == yaml.ScalarNode && sameAddress(it.Value, now) {
			if _, err := d.SeqRemove(i, "redirect_from"); err != nil {
				return err
			}
			n = d.Lookup("redirect_from")
		}
	}
	for _, it := range n.Content {
		if it.Kind == yaml.ScalarNode && sameAddress(it.Value, old) {
			return nil
		}
	}
	if len(n.Content) == 0 && n.Style&yaml.FlowStyle == 0 {
		return d.SetValue([]string{old}, "redirect_from")
	}
	text, err := d.FormatSeqItem(&yaml.Node{Kind: yaml.ScalarNode, Value: old}, "redirect_from")
	if err != nil {
		return err
	}
	return d.SeqInsertText(len(n.Content), text, "redirect_from")
}
