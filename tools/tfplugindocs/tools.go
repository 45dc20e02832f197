//go:build tools

// Package tools pins tfplugindocs, which the GNUmakefile builds from this module: its
// import makes the module a direct requirement, which Dependabot updates.
package tools

import _ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
