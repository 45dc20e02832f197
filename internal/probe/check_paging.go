package probe

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

var (
	pagingShape = assumption{"paging.shape",
		"A list answers `data: {contents: [...], page: {...}}`",
		"§2.2 [DOC]"}
	pagingTotalPages = assumption{"paging.total_pages",
		"The page block names the page count `totalPages`, as OCP's samples do, not `totalPage`, as its field tables do",
		"§2.2, §10 [INF]"}
	pagingTotalElements = assumption{"paging.total_elements",
		"The page block counts the list's items in `totalElements`",
		"§2.2 [DOC]"}
	pagingPageSize = assumption{"paging.page_size",
		"A page holds as many items as asked, up to the documented 2000",
		"§2.2 [DOC]"}
)

// documentedMaxPageSize is the largest page OCP documents, which the probe asks for
// to see whether OCP caps pages below it.
const documentedMaxPageSize = 2000

const (
	listEndsEarly = "Lists end after their first page of 500: lookups by name in data sources ocp_cluster and ocp_tenant, " +
		"and data source ocp_tenant_backup_tasks, miss the items that follow."
	listUnreadable = "Data sources ocp_cluster and ocp_tenant cannot look up by name, as the client cannot read the list."
)

// checkPaging reads one tenant list in a single page as large as OCP documents.
func (p *prober) checkPaging(ctx context.Context, clusters []ocpclient.Cluster) {
	all := []assumption{pagingShape, pagingTotalPages, pagingTotalElements, pagingPageSize}
	clusterID, ok := p.clusterToList(clusters)
	if !ok {
		p.addUnobservable(all, "OCP lists no cluster whose tenants could be listed")
		return
	}
	query := url.Values{"page": {"1"}, "size": {strconv.Itoa(documentedMaxPageSize)}}
	answer, err := p.client.Get(ctx, fmt.Sprintf("%s/%d/tenants", clustersPath, clusterID), query)
	switch {
	case err != nil:
		p.addUnobservable(all, fmt.Sprintf("listing the tenants of cluster %d got no answer: %v", clusterID, err))
	case !succeeded(answer):
		p.addUnobservable(all, fmt.Sprintf("listing the tenants of cluster %d failed: %s", clusterID, describe(answer)))
	default:
		p.add(checkPage(answer)...)
	}
}

func (p *prober) addUnobservable(assumptions []assumption, why string) {
	for _, a := range assumptions {
		p.add(a.unobservable(why))
	}
}

// page is OCP's paged list, its page block kept field by field.
type page struct {
	Contents []json.RawMessage          `json:"contents"`
	Block    map[string]json.RawMessage `json:"page"`
}

// number reads an integer field of the page block.
func (pg page) number(name string) (int, bool) {
	var n int
	return n, json.Unmarshal(pg.Block[name], &n) == nil
}

func checkPage(a ocpclient.RawAnswer) []Fact {
	data := a.Fields["data"]
	var pg page
	switch {
	case jsonKind(data) == "a list":
		noBlock := "the list is a plain list, without a page block"
		return []Fact{
			pagingShape.differs("data is a plain list", tolerated("The client reads a plain list as the whole list.")),
			pagingTotalPages.unobservable(noBlock), pagingTotalElements.unobservable(noBlock), pagingPageSize.unobservable(noBlock),
		}
	case json.Unmarshal(data, &pg) != nil || pg.Block == nil || pg.Contents == nil:
		noPage := "the list is not in OCP's page shape"
		return []Fact{
			pagingShape.differs(fmt.Sprintf("data is %s without both contents and page", jsonKind(data)), breaks(listUnreadable)),
			pagingTotalPages.unobservable(noPage), pagingTotalElements.unobservable(noPage), pagingPageSize.unobservable(noPage),
		}
	}
	seen := "page block with " + codeList(fieldNames(pg.Block))
	return []Fact{pagingShape.holds(seen), checkTotalPages(pg, seen), checkTotalElements(pg, seen), checkPageSize(pg)}
}

func checkTotalPages(pg page, seen string) Fact {
	_, hasPages := pg.number("totalPages")
	_, hasPage := pg.number("totalPage")
	_, hasElements := pg.number("totalElements")
	switch {
	case hasPages:
		return pagingTotalPages.holds(seen)
	case hasPage:
		return pagingTotalPages.differs(seen, tolerated("The client reads `totalPage` as well as `totalPages`."))
	case hasElements:
		return pagingTotalPages.differs(seen, tolerated("The client follows `totalElements` to the last page."))
	default:
		return pagingTotalPages.differs(seen, breaks(listEndsEarly))
	}
}

func checkTotalElements(pg page, seen string) Fact {
	_, hasElements := pg.number("totalElements")
	_, hasPages := pg.number("totalPages")
	_, hasPage := pg.number("totalPage")
	switch {
	case hasElements:
		return pagingTotalElements.holds(seen)
	case hasPages || hasPage:
		return pagingTotalElements.differs(seen, tolerated("The client follows the page count to the last page."))
	default:
		return pagingTotalElements.differs(seen, breaks(listEndsEarly))
	}
}

// checkPageSize tells a cap from the size the page block echoes, or from fewer
// items than the list holds.
func checkPageSize(pg page) Fact {
	const followsTotals = "The client asks for 500 items a page and follows `totalPages`/`totalElements` past shorter " +
		"pages, so lists are read whole, in more calls."
	given := len(pg.Contents)
	size, hasSize := pg.number("size")
	total, hasTotal := pg.number("totalElements")
	switch {
	case hasSize && size < documentedMaxPageSize:
		return pagingPageSize.differs(fmt.Sprintf("`size` %d when %d was asked (%d items given)", size, documentedMaxPageSize, given),
			tolerated(followsTotals))
	case hasTotal && given < min(total, documentedMaxPageSize):
		return pagingPageSize.differs(fmt.Sprintf("%d of %d items when %d were asked", given, total, documentedMaxPageSize),
			tolerated(followsTotals))
	case hasSize:
		return pagingPageSize.holds(fmt.Sprintf("`size` %d as asked (%d items given)", size, given))
	default:
		return pagingPageSize.unobservable(fmt.Sprintf("the page block does not echo its size, and the list's %d items fit in one page", given))
	}
}
