package provider

import (
	"fmt"
	"strings"
)

// pickByName returns the one item whose name is exactly name. OCP's name filter is
// a substring match, so its answer may hold other objects too; zero or several
// exact matches are errors that say what OCP has.
func pickByName[T any](items []T, name, kind string, nameOf func(T) string, idOf func(T) int64) (T, error) {
	var matches []T
	var near []string
	for _, item := range items {
		if nameOf(item) == name {
			matches = append(matches, item)
		} else {
			near = append(near, fmt.Sprintf("%q (id %d)", nameOf(item), idOf(item)))
		}
	}
	var zero T
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		msg := fmt.Sprintf("OCP has no %s named exactly %q", kind, name)
		if len(near) > 0 {
			msg += "; names containing it: " + strings.Join(near, ", ")
		}
		return zero, fmt.Errorf("%s", msg)
	default:
		ids := make([]string, len(matches))
		for i, m := range matches {
			ids[i] = fmt.Sprint(idOf(m))
		}
		return zero, fmt.Errorf("more than one %s is named %q (ids %s); look it up by id instead", kind, name, strings.Join(ids, ", "))
	}
}
