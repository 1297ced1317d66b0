package editor

import (
	"hash/fnv"
	"slices"
	"strconv"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// mixUp is how a put-in-order question shows its items, given them in
// their right order: the items as learners see them, and the Order key
// (for each place in the right order, the index of its item as shown).
//
// The mixed-up order is deterministic, so that writing the same question
// twice writes the same markdown (saving changes nothing, diffs stay
// small, tests can expect exact text): each item gets a key, the FNV-1a
// hash of every item's text (in the right order) followed by the item's
// place, and the items are shown by increasing key. When that happens to
// be the right order (two items: one time in two), the items are rotated
// by one, so learners never see the answer. Editing a question whose
// items keep their texts (feedback or other fields changed, or nothing)
// keeps the order learners saw before.
func mixUp(right []selfcheck.Option, loaded *selfcheck.Question) ([]selfcheck.Option, []int) {
	n := len(right)
	perm := keptOrder(right, loaded) // perm[k]: the right place of the item shown k-th
	if perm == nil {
		perm = hashedOrder(right)
	}
	shown := make([]selfcheck.Option, n)
	order := make([]int, n)
	for k, j := range perm {
		shown[k] = right[j]
		order[j] = k
	}
	return shown, order
}

func hashedOrder(right []selfcheck.Option) []int {
	n := len(right)
	h := fnv.New64a()
	for _, o := range right {
		h.Write([]byte(o.Text))
		h.Write([]byte{0})
	}
	keys := make([]uint64, n)
	perm := make([]int, n)
	for j := range right {
		k := fnv.New64a()
		k.Write(h.Sum(nil))
		k.Write([]byte(strconv.Itoa(j)))
		keys[j] = k.Sum64()
		perm[j] = j
	}
	slices.SortStableFunc(perm, func(a, b int) int {
		switch {
		case keys[a] < keys[b]:
			return -1
		case keys[a] > keys[b]:
			return 1
		}
		return a - b
	})
	identity := true
	for k, j := range perm {
		identity = identity && k == j
	}
	if identity && n > 1 {
		for k := range perm {
			perm[k] = (k + 1) % n
		}
	}
	return perm
}

// keptOrder is the order the loaded question showed the same items in,
// or nil when the items changed (or two have one text, which makes the
// old order ambiguous).
func keptOrder(right []selfcheck.Option, loaded *selfcheck.Question) []int {
	if loaded == nil || loaded.Kind != selfcheck.Order || len(loaded.Options) != len(right) {
		return nil
	}
	place := map[string]int{}
	for j, o := range right {
		if _, dup := place[o.Text]; dup {
			return nil
		}
		place[o.Text] = j
	}
	perm := make([]int, len(right))
	used := make([]bool, len(right))
	for k, o := range loaded.Options {
		j, ok := place[o.Text]
		if !ok || used[j] {
			return nil
		}
		used[j] = true
		perm[k] = j
	}
	return perm
}
