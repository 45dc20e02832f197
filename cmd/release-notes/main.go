// Command release-notes prints a version's section of CHANGELOG.md, the release
// notes the release workflow gives goreleaser: release-notes [-changelog FILE] VERSION.
package main

import (
	"os"

	"github.com/ocp-tf/terraform-provider-ocp/internal/releasenotes"
)

func main() {
	os.Exit(releasenotes.Main(os.Args[1:], os.Stdout, os.Stderr))
}
