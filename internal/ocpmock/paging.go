package ocpmock

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
)

// documentedMaxPageSize is the largest page OCP documents.
const documentedMaxPageSize = 2000

// writePage answers a list in OCP's page shape, ordered by id, honouring page/size.
func (s *Server) writePage(w http.ResponseWriter, r *http.Request, items []map[string]any) {
	sort.Slice(items, func(i, j int) bool { return fmt.Sprint(items[i]["id"]) < fmt.Sprint(items[j]["id"]) })
	s.writePageAsGiven(w, r, items)
}

// writePageAsGiven answers items, in the order given, in OCP's page shape. It
// honours page and size, but gives no more than Options.MaxPageSize items a page
// whatever size was asked, and names the page count as Options.TotalPagesField.
func (s *Server) writePageAsGiven(w http.ResponseWriter, r *http.Request, items []map[string]any) {
	number := queryInt(r, "page", 1)
	size := min(queryInt(r, "size", 10), s.maxPageSize())
	total := len(items)
	from, to := min((number-1)*size, total), min(number*size, total)
	s.writeData(w, map[string]any{
		"contents": items[from:to],
		"page": map[string]any{
			"number": number, "size": size, "totalElements": total, s.totalPagesField(): (total + size - 1) / size,
		},
	})
}

func (s *Server) maxPageSize() int {
	if s.opts.MaxPageSize > 0 {
		return s.opts.MaxPageSize
	}
	return documentedMaxPageSize
}

func (s *Server) totalPagesField() string {
	if s.opts.TotalPagesField != "" {
		return s.opts.TotalPagesField
	}
	return "totalPages"
}

func queryInt(r *http.Request, name string, fallback int) int {
	if n, err := strconv.Atoi(r.URL.Query().Get(name)); err == nil && n > 0 {
		return n
	}
	return fallback
}
