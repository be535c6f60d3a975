#!/usr/bin/env bash
# Regenerates the shipped catalogue (spec/) from a doc mirror: every CoreHR (飞书人事) page imported at once by
# `feishu-apigen catalog` (a spec per endpoint, named by api id; a shared types file per project version;
# MANIFEST.tsv, where each spec came from; LEFT-OUT.tsv, pages that gave no spec and why; IMPORT-REPORT.txt, facts
# the importer could not carry), then the hand corrections of tools/catalog/corrections/ applied on top.
# The pages are Feishu's text: they are read from the mirror into a temporary directory and never written here.
#
#   tools/catalog/import-corehr.sh <mirror-git-dir> [commit] [out-dir]
#
# <mirror-git-dir> is a clone (bare is fine) of github.com/riba2534/feishu-open-docs; <commit> defaults to HEAD;
# <out-dir> defaults to the repository's spec/, whose YAML files are replaced (so a page gone is an endpoint gone).
# Pages under corehr-v1/ are current; pages under historic-version/feishu-people/ are imported as deprecated.
set -euo pipefail
mirror=${1:?mirror git dir}; commit=${2:-HEAD}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${3:-$root/spec}
commit=$(git --git-dir="$mirror" rev-parse "$commit")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
pages="$work/pages"; flat="$work/catalog"
git --git-dir="$mirror" ls-tree -r --name-only "$commit" | grep -E '^(corehr-v1/|historic-version/feishu-people/).*\.md$' | while read -r page; do
  mkdir -p "$pages/$(dirname "$page")"
  git --git-dir="$mirror" show "$commit:$page" >"$pages/$page"
done
dotnet run --project "$root/tools/FeishuApiGen.Importer" -c Release -v q -- catalog "$pages" --out "$flat" \
  --source riba2534/feishu-open-docs --commit "$commit" 2>"$work/report.txt" || { cat "$work/report.txt" >&2; exit 1; }

# spec/<project>/<version>/<api id>.yaml: one folder per project version, file names unique across all of them.
mkdir -p "$out"
find "$out" -name '*.yaml' -delete
for file in "$flat"/*.yaml; do
  name=$(basename "$file"); project=${name%%.*}; rest=${name#*.}; version=${rest%%.*}
  mkdir -p "$out/$project/$version"
  mv "$file" "$out/$project/$version/$name"
done
mv "$flat/MANIFEST.tsv" "$flat/LEFT-OUT.tsv" "$out/"
sed -e 's/^feishu-apigen: //' -e "s#$flat#spec/#" "$work/report.txt" >"$out/IMPORT-REPORT.txt"

# Each correction is a patch against the imported spec whose header says what the page gets wrong; MANIFEST.tsv names
# the correction beside the endpoint it corrects.
corrected=()
for correction in "$root"/tools/catalog/corrections/*.patch; do
  [ -e "$correction" ] || continue
  patch --quiet --forward -p1 -d "$out/.." <"$correction" || { echo "correction $(basename "$correction") no longer applies" >&2; exit 1; }
  corrected+=("$(basename "$correction" .patch)")
done
awk -F'\t' -v OFS='\t' -v list="${corrected[*]}" '
  BEGIN { n = split(list, names, " "); for (i = 1; i <= n; i++) fixed[names[i]] = 1 }
  NR == 1 { print $0, "hand correction"; next }
  { print $0, ($1 in fixed) ? "tools/catalog/corrections/" $1 ".patch" : "" }' "$out/MANIFEST.tsv" >"$work/manifest" && mv "$work/manifest" "$out/MANIFEST.tsv"
tail -n 1 "$out/IMPORT-REPORT.txt"
