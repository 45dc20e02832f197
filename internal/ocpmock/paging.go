package ocpmock

import "net/http"

// documentedMaxPageSize is the largest page OCP documents.
const documentedMaxPageSize = 2000

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
