//go:build tools

// Package tools pins golangci-lint, which the GNUmakefile builds from this module: its
// import makes the module a direct requirement, which Dependabot updates.
package tools

import _ "github.com/golangci/golangci-lint/v2/cmd/golangci-lint"
