package provider

import (
	"testing"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

func TestLeftStrategies_takenOnceAndPerScope(t *testing.T) {
	left := newSession(&fakeAPI{}).left
	if left.take(unitScope) {
		t.Error("nothing left yet, but take found a strategy")
	}
	left.remember(unitScope)
	if left.take(ocpclient.BackupScope{ClusterID: 1, TenantID: 12}) {
		t.Error("another scope was taken for the one left")
	}
	if !left.take(unitScope) {
		t.Error("the strategy left in OCP was not found")
	}
	if left.take(unitScope) {
		t.Error("a strategy left once was taken twice")
	}
}
