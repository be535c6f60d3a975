#!/usr/bin/env bash
# Build time as a user of the catalogue feels it: a library project referencing the generator (as the package does)
# and choosing none, one, a wildcard of 50, or all of the catalogue's endpoints. For each: a full rebuild and a rebuild
# after a one-line C# edit, each the median of N runs (default 3), plus the generated lines and the assembly's size.
# Times are wall-clock, in one of two modes:
#   server     the compiler server (VBCSCompiler) on and warm, as in a developer's inner loop: the default of the SDK;
#   no-server  a fresh compiler process per build, as on a CI machine that sets UseSharedCompilation=false (this one does).
#
#   benchmarks/build-time/measure.sh [runs] [server|no-server]   (default: 3 server; run from anywhere; builds the
#                                                                  generator and runtime in Release first)
set -euo pipefail
runs=${1:-3}
mode=${2:-server}
case "$mode" in
  server) export UseSharedCompilation=true ;;
  no-server) export UseSharedCompilation=false ;;
  *) echo "mode is server or no-server, not $mode" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build "$root/generator/FeishuApiGen.Generator" -c Release -v q -nologo >/dev/null
dotnet build "$root/runtime/FeishuApiGen.Runtime" -c Release -v q -nologo >/dev/null
generator="$root/generator/FeishuApiGen.Generator/bin/Release/netstandard2.0"
yamldotnet=$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/yamldotnet" -path '*netstandard2.0/YamlDotNet.dll' | sort | tail -n 1)

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); awk -v s="$start" -v e="$end" 'BEGIN { print e - s }'; }

scenarios=("none|" "one endpoint|corehr.v2.probation.assessment.create" "a wildcard of 50|corehr.v1.*d*" "the whole catalogue|*")
directory() { echo "$work/$(echo "${1%%|*}" | tr ' ' '-')"; }
for scenario in "${scenarios[@]}"; do
  dir=$(directory "$scenario"); choice=${scenario#*|}; mkdir -p "$dir"
  cat >"$dir/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <!-- The "none" project chooses nothing on purpose, which FAG025 warns of. -->
    <NoWarn>\$(NoWarn);FAG025</NoWarn>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
    <FeishuApiCatalogDirectory>$root/spec/</FeishuApiCatalogDirectory>
    <FeishuApis>$choice</FeishuApis>
  </PropertyGroup>
  <ItemGroup>
    <Analyzer Include="$generator/FeishuApiGen.Generator.dll" />
    <Analyzer Include="$yamldotnet" />
    <ProjectReference Include="$root/runtime/FeishuApiGen.Runtime/FeishuApiGen.Runtime.csproj" />
  </ItemGroup>
  <Import Project="$root/generator/FeishuApiGen.Package/build/FeishuApiGen.targets" />
</Project>
XML
  printf 'namespace Consumer;\n\npublic static class Greeting\n{\n    public static string Text => "edit 0";\n}\n' >"$dir/Greeting.cs"
  dotnet build "$dir" -c Release -v q -nologo >/dev/null   # restore, and the runtime project built once
  # Untimed: in server mode the compiler's code for this project's kind of work is then jitted, as in an inner loop.
  dotnet build "$dir" -c Release -v q -nologo --no-restore --no-dependencies --no-incremental >/dev/null
done

# Interleaved, so a change in the machine's load falls on every scenario alike.
declare -A full edit
for i in $(seq "$runs"); do
  for scenario in "${scenarios[@]}"; do
    dir=$(directory "$scenario")
    full[$scenario]+="$(seconds dotnet build "$dir" -c Release -v q -nologo --no-restore --no-dependencies --no-incremental) "
    sed -i "s/\"edit [0-9]*\"/\"edit $i\"/" "$dir/Greeting.cs"
    edit[$scenario]+="$(seconds dotnet build "$dir" -c Release -v q -nologo --no-restore --no-dependencies) "
  done
done

echo "Mode: $mode, median of $runs, interleaved."
echo
echo "| project chooses | endpoints | full rebuild (s) | after a one-line C# edit (s) | generated lines | assembly |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for scenario in "${scenarios[@]}"; do
  dir=$(directory "$scenario")
  lines=$(find "$dir/obj" -path '*generated/FeishuApiGen.Generator*' -name '*.cs' -print0 | xargs -0 -r cat | wc -l)
  size=$(stat -c %s "$dir/bin/Release/net10.0/Consumer.dll")
  endpoints=$(find "$dir/obj" -path '*generated/FeishuApiGen.Generator*' -name '*.g.cs' ! -name '*._types.g.cs' ! -name 'FeishuClient.g.cs' | wc -l)
  printf '| %s | %d | %.1f | %.1f | %s | %s KB |\n' "${scenario%%|*}" "$endpoints" \
    "$(printf '%s\n' ${full[$scenario]} | median)" "$(printf '%s\n' ${edit[$scenario]} | median)" \
    "$(printf "%'d" "$lines")" "$(printf "%'d" $((size / 1024)))"
done
