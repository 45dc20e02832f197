package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// ocpAPI is what the resources need of OCP; *ocpclient.Client implements it.
type ocpAPI interface {
	StartTenantBackupSchedule(ctx context.Context, clusterID, tenantID int64) (*ocpclient.BackupOperation, error)
	StopTenantBackupSchedule(ctx context.Context, clusterID, tenantID int64) (*ocpclient.BackupOperation, error)
	GetTenantBackupStrategy(ctx context.Context, clusterID, tenantID int64) (*ocpclient.BackupStrategy, error)
	WaitForTasks(ctx context.Context, taskIDs []int64) error
}

// apiFromProviderData checks what the provider's Configure handed over. It is nil
// while the provider configuration is still unknown during plan.
func apiFromProviderData(data any, diags *diag.Diagnostics) ocpAPI {
	if data == nil {
		return nil
	}
	api, ok := data.(ocpAPI)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected the OCP client, got %T. This is a bug in the provider; please report it.", data))
	}
	return api
}

const unconfiguredDetail = "The OCP provider configuration depends on values that are not known yet " +
	"(for example attributes of resources that are still to be created). Apply those first, " +
	"or give the provider known values."

// errorDetail explains an OCP error and adds what to do about the common classes.
func errorDetail(err error) string {
	detail := err.Error()
	var apiErr *ocpclient.APIError
	if !errors.As(err, &apiErr) {
		return detail
	}
	switch apiErr.HTTPStatus {
	case http.StatusUnauthorized:
		detail += "\n\nOCP rejected the credentials. Check username and password (OCP_USERNAME, OCP_PASSWORD) " +
			"or access_key_id and access_key_secret (OCP_ACCESS_KEY_ID, OCP_ACCESS_KEY_SECRET). With an access key, " +
			"this machine's clock must also be within 15 minutes of OCP's."
	case http.StatusForbidden:
		detail += "\n\nThe OCP user lacks permission for this operation; grant it backup and recovery " +
			"permission on the cluster in OCP's console."
	case http.StatusTooManyRequests:
		detail += "\n\nOCP kept throttling the requests. Lower terraform's -parallelism, raise max_retries, " +
			"or ask the OCP administrator to raise the user's rate limit."
	}
	return detail
}

// tenantImportID is the import form of a tenant-scoped resource.
const tenantImportIDForm = "<cluster_id>/<tenant_id>"

// parseTenantImportID reads "<cluster_id>/<tenant_id>", both positive integers.
func parseTenantImportID(id string) (clusterID, tenantID int64, err error) {
	clusterPart, tenantPart, found := strings.Cut(id, "/")
	if found {
		clusterID, err = parsePositiveID(clusterPart)
	}
	if found && err == nil {
		tenantID, err = parsePositiveID(tenantPart)
	}
	if !found || err != nil {
		return 0, 0, fmt.Errorf("expected an import ID of the form %s with two positive integers, such as "+
			"\"1000005/1000012\"; got %q", tenantImportIDForm, id)
	}
	return clusterID, tenantID, nil
}

func parsePositiveID(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, errors.New("not a positive integer")
	}
	return n, nil
}

func tenantResourceID(clusterID, tenantID int64) string {
	return fmt.Sprintf("%d/%d", clusterID, tenantID)
}
