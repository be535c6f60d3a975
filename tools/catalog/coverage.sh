#!/usr/bin/env bash
# Fact coverage of the catalogue: for every endpoint of spec/MANIFEST.tsv, the facts its doc page states (rate limit,
# app types, access tokens, scopes, field scopes, required flags, enum values, defaults, validation rules, numeric
# types, field examples, JSON examples, error codes) against those its spec carries. Writes spec/COVERAGE.tsv (per
# endpoint and fact, with the import report's lines where something is left) and prints the totals README gives.
# The pages are read from the mirror the manifest names, at its commit, into a temporary directory.
#
#   tools/catalog/coverage.sh <mirror-git-dir>
set -euo pipefail
mirror=${1:?mirror git dir}
root=$(cd "$(dirname "$0")/../.." && pwd)
commit=$(awk -F'\t' 'NR == 2 { print $5 }' "$root/spec/MANIFEST.tsv")
pages=$(mktemp -d); trap 'rm -rf "$pages"' EXIT
awk -F'\t' 'NR > 1 { print $2 }' "$root/spec/MANIFEST.tsv" | while read -r page; do
  mkdir -p "$pages/$(dirname "$page")"
  git --git-dir="$mirror" show "$commit:$page" >"$pages/$page"
done
dotnet run --project "$root/tools/FeishuApiGen.Importer" -c Release -v q -- coverage "$pages" "$root/spec"
