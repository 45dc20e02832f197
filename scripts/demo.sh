#!/usr/bin/env bash
# Builds the provider and the mock OCP, starts the mock on loopback, and runs
# terraform init, apply, plan and destroy of examples/demo through a dev_overrides
# CLI configuration in a temporary directory. Usage: scripts/demo.sh TERRAFORM_BINARY
set -euo pipefail

terraform=${1:?usage: scripts/demo.sh TERRAFORM_BINARY}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
mock_pid=""

cleanup() {
  if [[ -n $mock_pid ]]; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Building the provider and the mock OCP"
go build -o "$work/bin/terraform-provider-ocp" "$repo"
go build -o "$work/mock/ocpmock" "$repo/internal/ocpmock/cmd/ocpmock"

step "Starting the mock OCP on 127.0.0.1"
export OCP_USERNAME=admin
OCP_PASSWORD="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
export OCP_PASSWORD
"$work/mock/ocpmock" -addr 127.0.0.1:0 -username "$OCP_USERNAME" -url-file "$work/url" &
mock_pid=$!
for _ in $(seq 100); do
  [[ -s $work/url ]] && break
  sleep 0.1
done
[[ -s $work/url ]] || { echo "the mock OCP did not start" >&2; exit 1; }
OCP_URL=$(cat "$work/url")
export OCP_URL

# dev_overrides points Terraform at the freshly built provider. terraform init still
# looks the provider up, so a local mirror holding the same binary answers it: no
# registry is ever contacted.
platform="$(go env GOOS)_$(go env GOARCH)"
mirror="$work/mirror/registry.terraform.io/ocp-tf/ocp/0.0.1/$platform"
mkdir -p "$mirror"
cp "$work/bin/terraform-provider-ocp" "$mirror/terraform-provider-ocp_v0.0.1"
cat >"$work/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "registry.terraform.io/ocp-tf/ocp" = "$work/bin"
  }
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/ocp-tf/ocp"]
  }
}
TFRC
export TF_CLI_CONFIG_FILE="$work/dev.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
mkdir "$work/config"
cp "$repo"/examples/demo/*.tf "$work/config/"
cd "$work/config"

step "terraform init"
"$terraform" init -input=false -no-color
step "terraform apply"
"$terraform" apply -input=false -auto-approve -no-color
step "terraform state show ocp_tenant_backup_schedule.orders"
"$terraform" state show -no-color ocp_tenant_backup_schedule.orders
step "terraform plan (expect no changes)"
"$terraform" plan -input=false -detailed-exitcode -no-color
step "terraform destroy"
"$terraform" destroy -input=false -auto-approve -no-color

step "Stopping the mock OCP"
kill "$mock_pid"
wait "$mock_pid" || true
mock_pid=""
