package course

import "time"

// Course-in-a-Box orders a module's pages by the date in their file
// names. To put pages in a new order, assignDates keeps as many files as
// it can under their current names and gives new dates only to the
// others, so a move renames the fewest files.

const dateLayout = "2006-01-02"

// defaultStart is where dates begin in a module with none to keep; the
// template's own pages start there too.
var defaultStart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func dayOf(date string) (int, bool) {
	t, err := time.Parse(dateLayout, date)
	if err != nil {
		return 0, false
	}
	return int(t.Sub(defaultStart).Hours() / 24), true
}

func dateOf(day int) string {
	return defaultStart.AddDate(0, 0, day).Format(dateLayout)
}

// assignDates returns a date for each page in the wanted order: the
// current date for as many pages as possible, new ones in the gaps.
func assignDates(order []*Page) []string {
	n := len(order)
	days := make([]int, n)
	has := make([]bool, n)
	for i, p := range order {
		days[i], has[i] = dayOf(p.Date)
	}
	// fits reports whether pages i and j can both keep their dates with
	// the pages between them given distinct dates in between.
	fits := func(i, j int) bool {
		if days[j] > days[i] {
			return days[j]-days[i]-1 >= j-i-1
		}
		// Same day: Jekyll falls back to name order; allowed only when
		// nothing lies between and the names already sort right.
		return days[j] == days[i] && j == i+1 && order[i].Slug < order[j].Slug
	}
	const minDay = -36500 // a century before 2000 is room enough
	best := make([]int, n)
	prev := make([]int, n)
	bestEnd := -1
	for j := 0; j < n; j++ {
		best[j], prev[j] = 0, -1
		if !has[j] {
			continue
		}
		if days[j]-j >= minDay {
			best[j] = 1
		}
		for i := 0; i < j; i++ {
			if has[i] && best[i] > 0 && fits(i, j) && best[i]+1 > best[j] {
				best[j], prev[j] = best[i]+1, i
			}
		}
		if best[j] > 0 && (bestEnd < 0 || best[j] > best[bestEnd]) {
			bestEnd = j
		}
	}
	keep := make([]bool, n)
	for j := bestEnd; j >= 0; j = prev[j] {
		keep[j] = true
	}
	out := make([]string, n)
	// Walk the kept anchors and spread the others evenly between them.
	lastIdx, lastDay := -1, 0
	for j := 0; j <= n; j++ {
		if j < n && !keep[j] {
			continue
		}
		gap := j - lastIdx - 1
		switch {
		case j == n && lastIdx < 0: // nothing kept
			for k := 0; k < n; k++ {
				out[k] = dateOf(k)
			}
		case j == n: // after the last kept page
			for k := 1; k <= gap; k++ {
				out[lastIdx+k] = dateOf(lastDay + k)
			}
		case lastIdx < 0: // before the first kept page
			for k := 0; k < gap; k++ {
				out[k] = dateOf(days[j] - gap + k)
			}
		default:
			for k := 1; k <= gap; k++ {
				out[lastIdx+k] = dateOf(lastDay + k*(days[j]-lastDay)/(gap+1))
			}
		}
		if j < n {
			out[j] = order[j].Date
			lastIdx, lastDay = j, days[j]
		}
	}
	return out
}
