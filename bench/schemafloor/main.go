// Command schemafloor serves the OCP provider's own schemas with none of its logic:
// the floor that any terraform-plugin-framework provider with these schemas, doing
// this job, cannot go below. The benchmark judges the provider against it.
//
// Every resource, data source, list resource and action has the provider's
// metadata, schema and identity schema, taken from the provider itself. Create and
// Update store the plan with unknown values as null, Read keeps the state, Delete
// forgets; data sources return their configuration. Between them they make the
// HTTP calls the schedules' job needs, with net/http and no retry: a strategy GET
// per refresh, a startSchedule per create, a stopSchedule per delete. It is served
// through process.Prepare and process.Serve, as main.go serves the provider.
package main

import (
	"log"

	"github.com/ocp-tf/terraform-provider-ocp/internal/process"
	"github.com/ocp-tf/terraform-provider-ocp/internal/provider"
)

func main() {
	process.Prepare()
	of, ok := provider.New("bench")().(fullProvider)
	if !ok {
		log.Fatal("the provider no longer serves list resources and actions: update the floor")
	}
	err := process.Serve("registry.terraform.io/ocp-tf/ocp", newFloorProvider(of), false)
	if err != nil {
		log.Fatal(err)
	}
}
