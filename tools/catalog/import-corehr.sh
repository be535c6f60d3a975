#!/usr/bin/env bash
# Imports every CoreHR (飞书人事) page of a doc mirror into specs, one per endpoint, named by api id, and writes a
# manifest of where each came from. The pages themselves are Feishu's text and are never written here.
#
#   tools/catalog/import-corehr.sh <mirror-git-dir> <out-dir> [commit]
#
# <mirror-git-dir> is a clone (bare is fine) of github.com/riba2534/feishu-open-docs; <commit> defaults to HEAD.
# Pages under corehr-v1/ are current; pages under historic-version/feishu-people/ are imported as deprecated.
# A page the importer refuses (an event, an overview, a file upload) is listed in <out-dir>/LEFT-OUT.tsv with why.
set -euo pipefail
mirror=${1:?mirror git dir}; out=${2:?out dir}; commit=${3:-HEAD}
root=$(cd "$(dirname "$0")/../.." && pwd)
commit=$(git --git-dir="$mirror" rev-parse "$commit")
dotnet build "$root/tools/FeishuApiGen.Importer" -v q -nologo >/dev/null
importer="$root/tools/FeishuApiGen.Importer/bin/Debug/net10.0/FeishuApiGen.Importer.dll"
mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
manifest="$out/MANIFEST.tsv"; left="$out/LEFT-OUT.tsv"
printf 'api\tpage\tupdated\tmirror\tcommit\tnot carried\n' >"$manifest"
printf 'page\twhy\n' >"$left"
git --git-dir="$mirror" ls-tree -r --name-only "$commit" | grep -E '^(corehr-v1/|historic-version/feishu-people/).*\.md$' | sort | while read -r page; do
  git --git-dir="$mirror" show "$commit:$page" >"$work/page.md"
  flags=(); [[ $page == historic-version/* ]] && flags=(--deprecated)
  if ! dotnet "$importer" import "$work/page.md" --out "$work/spec.yaml" "${flags[@]}" 2>"$work/report.txt"; then
    printf '%s\t%s\n' "$page" "$(head -1 "$work/report.txt" | sed "s#^feishu-apigen: $work/page.md:* *##; s#$work/page.md#the page#")" >>"$left"
    continue
  fi
  id=$(sed -nE 's/^api: \{ project: ([^,]+), version: ([^,]+), resource: ([^,]+), name: ([^ ]+) \}$/\1.\2.\3.\4/p' "$work/spec.yaml")
  updated=$(sed -nE 's/^updateTime: "([0-9]+)"$/\1/p' "$work/page.md" | head -1)
  [[ -n $updated ]] && updated=$(date -u -d "@$((updated / 1000))" +%Y-%m-%dT%H:%M:%SZ)
  if [[ -e "$out/$id.yaml" ]]; then
    printf '%s\t%s\n' "$page" "same api id as an earlier page ($id)" >>"$left"
    continue
  fi
  mv "$work/spec.yaml" "$out/$id.yaml"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$page" "$updated" "riba2534/feishu-open-docs" "$commit" "$(wc -l <"$work/report.txt")" >>"$manifest"
done
echo "$(($(wc -l <"$manifest") - 1)) specs, $(($(wc -l <"$left") - 1)) pages left out: $out"
