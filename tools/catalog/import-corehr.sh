#!/usr/bin/env bash
# Imports every CoreHR (飞书人事) page of a doc mirror at once (feishu-apigen catalog): a spec per endpoint named by
# api id, a shared types file per project version, MANIFEST.tsv (where each spec came from) and LEFT-OUT.tsv (pages
# that gave no spec, and why). The pages are Feishu's text: they are read from the mirror into a temporary directory
# and never written here.
#
#   tools/catalog/import-corehr.sh <mirror-git-dir> <out-dir> [commit]
#
# <mirror-git-dir> is a clone (bare is fine) of github.com/riba2534/feishu-open-docs; <commit> defaults to HEAD.
# Pages under corehr-v1/ are current; pages under historic-version/feishu-people/ are imported as deprecated.
set -euo pipefail
mirror=${1:?mirror git dir}; out=${2:?out dir}; commit=${3:-HEAD}
root=$(cd "$(dirname "$0")/../.." && pwd)
commit=$(git --git-dir="$mirror" rev-parse "$commit")
pages=$(mktemp -d); trap 'rm -rf "$pages"' EXIT
git --git-dir="$mirror" ls-tree -r --name-only "$commit" | grep -E '^(corehr-v1/|historic-version/feishu-people/).*\.md$' | while read -r page; do
  mkdir -p "$pages/$(dirname "$page")"
  git --git-dir="$mirror" show "$commit:$page" >"$pages/$page"
done
dotnet run --project "$root/tools/FeishuApiGen.Importer" -v q -- catalog "$pages" --out "$out" \
  --source riba2534/feishu-open-docs --commit "$commit" 2>"$out.report.txt" || { cat "$out.report.txt" >&2; exit 1; }
tail -n 1 "$out.report.txt"
