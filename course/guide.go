package course

import (
	"sort"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Guide is one meeting of the facilitator guide: a plain Jekyll page under
// facilitator-guide/ whose front matter holds the meeting's timed agenda,
// so Jekyll renders it too and it prints like any page.
type Guide struct {
	*Page
	Meeting int          // 1-based meeting number (front matter `meeting`)
	Minutes int          // planned length (front matter `minutes`)
	Agenda  []AgendaItem // front matter `agenda`
}

// AgendaItem is one timed step of a meeting.
type AgendaItem struct {
	Activity string `yaml:"activity" json:"activity"`
	Minutes  int    `yaml:"minutes" json:"minutes"`
	Page     string `yaml:"page,omitempty" json:"page,omitempty"` // "<module>/<page>" of a course page
}

// AgendaMinutes adds up the agenda's minutes.
func (g *Guide) AgendaMinutes() int {
	t := 0
	for _, a := range g.Agenda {
		t += a.Minutes
	}
	return t
}

// parseGuide reads the meeting fields of a guide page's front matter.
func parseGuide(p *Page) *Guide {
	g := &Guide{Page: p}
	if p.front == nil || p.front.root == nil {
		return g
	}
	if n := p.front.Lookup("meeting"); n != nil {
		g.Meeting, _ = strconv.Atoi(n.Value)
	}
	if n := p.front.Lookup("minutes"); n != nil {
		g.Minutes, _ = strconv.Atoi(n.Value)
	}
	if n := p.front.Lookup("agenda"); n != nil && n.Kind == yaml.SequenceNode {
		_ = n.Decode(&g.Agenda) // a malformed agenda is reported by Check
	}
	return g
}

func parseGuides(pages []*Page) []*Guide {
	gs := make([]*Guide, 0, len(pages))
	for _, p := range pages {
		gs = append(gs, parseGuide(p))
	}
	sortGuides(gs)
	return gs
}

func sortGuides(gs []*Guide) {
	sort.SliceStable(gs, func(i, j int) bool {
		if gs[i].Meeting != gs[j].Meeting {
			return gs[i].Meeting < gs[j].Meeting
		}
		return gs[i].Path < gs[j].Path
	})
}

// SetAgenda replaces the guide's agenda in its front matter.
func (g *Guide) SetAgenda(items []AgendaItem) error {
	if err := g.SetFrontValue("agenda", items); err != nil {
		return err
	}
	g.Agenda = append([]AgendaItem(nil), items...)
	return nil
}
