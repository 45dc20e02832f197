package main

import (
	"flag"
	"log"

	"github.com/ocp-tf/terraform-provider-ocp/internal/process"
	"github.com/ocp-tf/terraform-provider-ocp/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	process.Prepare()
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := process.Serve("registry.terraform.io/ocp-tf/ocp", provider.New(version), debug)
	if err != nil {
		log.Fatal(err)
	}
}
