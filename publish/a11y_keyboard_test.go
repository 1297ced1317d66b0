package publish

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focused describes what has the keyboard focus.
type focused struct {
	Tag    string `json:"tag"`
	ID     string `json:"id"`
	Class  string `json:"cls"`
	Href   string `json:"href"`
	Text   string `json:"text"`
	InMenu bool   `json:"inMenu"`
	Ring   bool   `json:"ring"`
}

const describeFocus = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: 'body'};
  const s = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, href: el.getAttribute('href') || '',
    text: (el.textContent || '').trim().slice(0, 60), inMenu: !!el.closest('.modules-menu'),
    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'};
})()`

// press sends one key and says what has the focus after it.
func press(ctx context.Context, key string) (focused, error) {
	if err := withTimeout(ctx, 10*time.Second, chromedp.KeyEvent(key)); err != nil {
		return focused{}, err
	}
	return evalIn[focused](ctx, 10*time.Second, describeFocus)
}

// disclosureExpanded is what Chromium tells screen readers about the
// module menu's toggle: its role and whether it is expanded.
func disclosureExpanded(ctx context.Context) (role string, expanded string, err error) {
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	tree, err := chromedp.Run(tctx, func(ctx context.Context, tg *chromedp.Target) (accessibility.GetFullAXTreeResult, error) {
		return cdp.Call(ctx, tg, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	})
	if err != nil {
		return "", "", err
	}
	for _, n := range tree.Nodes {
		if n.Role == nil || n.Name == nil || !strings.Contains(string(n.Name.Value), "Modules") {
			continue
		}
		r := strings.Trim(string(n.Role.Value), `"`)
		if r != "DisclosureTriangle" && r != "button" {
			continue
		}
		expanded = "false"
		for _, p := range n.Properties {
			if p.Name == accessibility.PropertyNameExpanded && p.Value != nil {
				expanded = string(p.Value.Value)
			}
		}
		return r, expanded, nil
	}
	return "", "", fmt.Errorf("no disclosure named Modules in the accessibility tree")
}

// TestKeyboardHomePage tabs through a course's home page as a keyboard
// user would, wide and narrow: the skip link comes first and leads into
// the main content; the search box, the module menu (or the module bar)
// and every module are reached; the module menu opens with Enter and
// tells screen readers it did; typed words give results the keyboard
// reaches; every stop shows a focus ring.
func TestKeyboardHomePage(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	build(t, corpusCourse(t, "we-are-ai"), site, BuildOptions{})
	home, err := os.ReadFile(filepath.Join(site, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	cards := regexp.MustCompile(`<li class="module-card">\s*<h3><a href="([^"]+)"`).FindAllStringSubmatch(string(home), -1)
	if len(cards) < 3 {
		t.Fatalf("the home page lists %d modules", len(cards))
	}
	base := serveSites(t, root)
	ctx := browserTab(t, "")
	for _, width := range []int64{1280, 360} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			if err := withTimeout(ctx, 30*time.Second, viewport(width, "light"), chromedp.Navigate(base+"/site/index.html")); err != nil {
				t.Fatal(err)
			}
			f, err := press(ctx, kb.Tab)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(f.Class, "skip-link") || !f.Ring {
				t.Fatalf("the first Tab reaches %+v, not the skip link with a focus ring", f)
			}
			if f, err = press(ctx, kb.Enter); err != nil {
				t.Fatal(err)
			}
			if f.ID != "main" {
				t.Errorf("Enter on the skip link moves the focus to %+v, not the main content", f)
			}
			// Back to the top, then through the whole page.
			if err := withTimeout(ctx, 30*time.Second, chromedp.Navigate(base+"/site/index.html")); err != nil {
				t.Fatal(err)
			}
			reached := map[string]bool{}
			menuOpened, searched := false, false
			var stops []string
			for i := 0; i < 200; i++ {
				f, err := press(ctx, kb.Tab)
				if err != nil {
					t.Fatal(err)
				}
				if f.Tag == "body" || (i > 0 && strings.Contains(f.Class, "skip-link")) {
					break // round the page once
				}
				stops = append(stops, f.Tag+" "+f.Href+f.ID)
				if !f.Ring {
					t.Errorf("no focus ring on %+v", f)
				}
				reached[f.Href] = true
				switch {
				case f.Tag == "summary" && !menuOpened:
					menuOpened = true
					if _, exp, err := disclosureExpanded(ctx); err != nil || exp != "false" {
						t.Errorf("the closed module menu is announced as expanded=%s (%v)", exp, err)
					}
					if _, err := press(ctx, kb.Enter); err != nil {
						t.Fatal(err)
					}
					if role, exp, err := disclosureExpanded(ctx); err != nil || exp != "true" {
						t.Errorf("after Enter the module menu (%s) is announced as expanded=%s (%v)", role, exp, err)
					}
				case f.ID == "search-input" && !searched:
					searched = true
					if err := withTimeout(ctx, 10*time.Second, chromedp.KeyEvent("bias")); err != nil {
						t.Fatal(err)
					}
					time.Sleep(300 * time.Millisecond) // the index loads on first use
					r, err := press(ctx, kb.Tab)
					if err != nil {
						t.Fatal(err)
					}
					if r.Tag != "a" || !strings.Contains(r.Href, "modules/") {
						t.Errorf("Tab after typing in the search box reaches %+v, not a result", r)
					}
					if err := withTimeout(ctx, 10*time.Second, chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))); err != nil {
						t.Fatal(err)
					}
					if _, err := press(ctx, kb.Escape); err != nil { // clears the search
						t.Fatal(err)
					}
				}
			}
			if !searched {
				t.Errorf("the search box was never reached: %v", stops)
			}
			if width == 360 && !menuOpened {
				t.Errorf("the module menu was never reached at 360 px: %v", stops)
			}
			for _, c := range cards {
				if !reached[c[1]] {
					t.Errorf("module %s was never reached: %v", c[1], stops)
				}
			}
		})
	}
}
