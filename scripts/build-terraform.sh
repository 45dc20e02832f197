#!/usr/bin/env bash
# Builds Terraform VERSION (1.9 or later) from the Go module proxy into OUT.
#
# `go install github.com/hashicorp/terraform@vX` stops working at 1.9: Terraform's
# go.mod then `replace`s nested modules (the remote-state backends and
# internal/legacy) with directories that the module's zip on the proxy does not
# contain. This builds a copy of the module without them: their require and
# replace lines go, and so do their imports and entries in the backend registry,
# which nothing else uses. The result has the local, http, inmem, remote and cloud
# backends, and none of azurerm, consul, cos, gcs, kubernetes, oss, pg, s3 and oci.
#
# Usage: scripts/build-terraform.sh VERSION OUT
set -euo pipefail

version=$1
out=$2
go=${GO:-go}

src=$("$go" mod download -json "github.com/hashicorp/terraform@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
test -n "$src" || { echo "could not download github.com/hashicorp/terraform@v$version" >&2; exit 1; }

work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -r "$src/." "$work"
chmod -R u+w "$work"

backends='azure|consul|cos|gcs|kubernetes|oss|pg|s3|oci'
# go.mod: the nested modules' require and replace lines.
sed -i -E "/github\.com\/hashicorp\/terraform\/internal\/(backend\/remote-state\/($backends)|legacy)[ =]/d" "$work/go.mod"
# The backend registry: their imports and map entries.
init="$work/internal/backend/init/init.go"
sed -i -E "/\"github\.com\/hashicorp\/terraform\/internal\/backend\/remote-state\/($backends)\"/d" "$init"
sed -i -E "/^[[:space:]]*\"(azurerm|consul|cos|gcs|kubernetes|oss|pg|s3|oci)\":[[:space:]]+func\(\) backend\.Backend/d" "$init"

mkdir -p "$(dirname "$out")"
(cd "$work" && GOFLAGS=-mod=mod "$go" build -ldflags "-X github.com/hashicorp/terraform/version.dev=no" -o "$out.tmp" .)
mv "$out.tmp" "$out"
"$out" version | head -1
