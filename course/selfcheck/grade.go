package selfcheck

import (
	"regexp"
	"strings"
)

// Response is what a learner answered.
type Response struct {
	Chosen []int  // One, Several, TrueFalse: indexes into Options of the chosen ones
	Text   string // Short: what the learner typed
	Order  []int  // Order: indexes into Options, in the order the learner put them
}

// Grade reports whether r answers q rightly, by the rules the site's
// script follows too: one and true/false want the one right option,
// several every right option and no other, order the right sequence;
// a short answer is right when, with case ignored and runs of white
// space made one space, it equals an accepted answer or matches the
// pattern.
func Grade(q Question, r Response) bool {
	switch q.Kind {
	case One, TrueFalse, Several:
		chosen := map[int]bool{}
		for _, i := range r.Chosen {
			if i < 0 || i >= len(q.Options) {
				return false
			}
			chosen[i] = true
		}
		if (q.Kind == One || q.Kind == TrueFalse) && len(chosen) != 1 {
			return false
		}
		for i, o := range q.Options {
			if o.Correct != chosen[i] {
				return false
			}
		}
		return len(q.Options) > 0
	case Short:
		typed := NormalizeAnswer(r.Text)
		if typed == "" {
			return false
		}
		for _, a := range q.Accept {
			if NormalizeAnswer(a) == typed {
				return true
			}
		}
		if q.Pattern != "" {
			re, err := regexp.Compile("(?i)" + q.Pattern)
			return err == nil && re.MatchString(typed)
		}
		return false
	case Order:
		if len(r.Order) != len(q.Order) || len(q.Order) == 0 {
			return false
		}
		for i := range q.Order {
			if r.Order[i] != q.Order[i] {
				return false
			}
		}
		return true
	}
	return false
}

// NormalizeAnswer is a typed answer as Grade compares it: lower case,
// trimmed, runs of white space made one space.
func NormalizeAnswer(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
