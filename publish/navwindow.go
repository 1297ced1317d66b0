package publish

// maxNavModules is how many modules the top bar lists. A course with more
// would make every page carry the whole list (10,000 modules: 650 KB of
// menu per page, and a top bar per module held in memory), so past it
// the top bar lists the modules around the current one and links to the
// home page, which lists them all: a page's size no longer grows with the
// number of modules.
const maxNavModules = 12

// navWindow is the modules the top bar of module slug ("" for other
// pages) lists, and whether there are more.
func navWindow(modules []*navModule, slug string) ([]*navModule, bool) {
	if len(modules) <= maxNavModules {
		return modules, false
	}
	at := 0
	for i, m := range modules {
		if m.Slug == slug {
			at = i
			break
		}
	}
	start := min(max(at-maxNavModules/2, 0), len(modules)-maxNavModules)
	return modules[start : start+maxNavModules], true
}
