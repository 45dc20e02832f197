#!/usr/bin/env bash
# Usage: scripts/release-checksums.sh DIST
#
# Checks the release goreleaser built into DIST, and writes the probe's checksums.
#
# The Terraform and OpenTofu registries take <name>_<version>_SHA256SUMS, the file the
# release signs, as the provider's list of packages: it must name exactly the
# provider's archives and the manifest, each with its right sum. This fails when it
# names anything else, misses one of them, or holds a wrong sum. The ocpprobe
# archives ship in the same release with ocpprobe_<version>_checksums.txt, which
# this writes. make release-check runs it on a snapshot; the release workflow on the
# release, before it uploads the probe's checksums.
set -euo pipefail

dist=${1:?usage: $0 DIST}
manifest=$(cd "$(dirname "$0")/.." && pwd)/terraform-registry-manifest.json
cd "$dist"

shopt -s nullglob
sums=(terraform-provider-ocp_*_SHA256SUMS)
if ((${#sums[@]} != 1)); then
  echo "want one terraform-provider-ocp_<version>_SHA256SUMS in $dist, found ${#sums[@]}" >&2
  exit 1
fi
version=${sums[0]#terraform-provider-ocp_}
version=${version%_SHA256SUMS}

archives=("terraform-provider-ocp_${version}"_*.zip)
want=$(printf '%s\n' "${archives[@]}" "terraform-provider-ocp_${version}_manifest.json" | sort)
listed=$(awk '{ print $2 }' "${sums[0]}" | sort)
if [[ "$listed" != "$want" ]]; then
  echo "${sums[0]} must name exactly the provider's archives and the manifest:" >&2
  diff <(echo "$want") <(echo "$listed") | sed -n 's/^</  missing:/p; s/^>/  extra:  /p' >&2 || true
  exit 1
fi
# The manifest is uploaded from the repository under its release name.
grep -v '_manifest.json$' "${sums[0]}" | sha256sum --quiet --check
manifest_sum=$(awk '/_manifest.json$/ { print $1 }' "${sums[0]}")
if [[ "$manifest_sum" != "$(sha256sum < "$manifest" | cut -d' ' -f1)" ]]; then
  echo "${sums[0]}: the manifest's sum is not that of terraform-registry-manifest.json" >&2
  exit 1
fi

probes=("ocpprobe_${version}"_*.zip)
if ((${#probes[@]} == 0)); then
  echo "no ocpprobe_${version}_<os>_<arch>.zip in $dist" >&2
  exit 1
fi
sha256sum "${probes[@]}" > "ocpprobe_${version}_checksums.txt"
echo "${sums[0]}: exactly the $(wc -l <<< "$want") provider files; ocpprobe_${version}_checksums.txt: ${#probes[@]} probe archives"
