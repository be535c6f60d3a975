#!/usr/bin/env bash
# Build time as a user of the catalogue feels it: a library project referencing the generator (as the package does)
# and choosing none, one, a wildcard of 50, or all of the catalogue's endpoints. For each: a full rebuild and a rebuild
# after a one-line C# edit, each the median of N runs (default 3), plus the generated lines and the assembly's size.
# Times are wall-clock with the compiler server warm, as in an IDE's or a developer's inner loop.
#
#   benchmarks/build-time/measure.sh [runs]      (run from anywhere; builds the generator and runtime in Release first)
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build "$root/generator/FeishuApiGen.Generator" -c Release -v q -nologo >/dev/null
dotnet build "$root/runtime/FeishuApiGen.Runtime" -c Release -v q -nologo >/dev/null
generator="$root/generator/FeishuApiGen.Generator/bin/Release/netstandard2.0"
yamldotnet=$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/yamldotnet" -path '*netstandard2.0/YamlDotNet.dll' | sort | tail -n 1)

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); awk -v s="$start" -v e="$end" 'BEGIN { print e - s }'; }

echo "| project chooses | endpoints | full rebuild (s) | after a one-line C# edit (s) | generated lines | assembly |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for scenario in "none|" "one endpoint|corehr.v2.probation.assessment.create" "a wildcard of 50|corehr.v1.*d*" "the whole catalogue|*"; do
  name=${scenario%%|*}; choice=${scenario#*|}
  dir="$work/$(echo "$name" | tr ' ' '-')"; mkdir -p "$dir"
  cat >"$dir/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
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
  full=(); edit=()
  for i in $(seq "$runs"); do
    full+=("$(seconds dotnet build "$dir" -c Release -v q -nologo --no-restore --no-dependencies --no-incremental)")
    sed -i "s/\"edit [0-9]*\"/\"edit $i\"/" "$dir/Greeting.cs"
    edit+=("$(seconds dotnet build "$dir" -c Release -v q -nologo --no-restore --no-dependencies)")
  done
  lines=$(find "$dir/obj" -path '*generated/FeishuApiGen.Generator*' -name '*.cs' -print0 | xargs -0 -r cat | wc -l)
  size=$(stat -c %s "$dir/bin/Release/net10.0/Consumer.dll")
  endpoints=$(find "$dir/obj" -path '*generated/FeishuApiGen.Generator*' -name '*.g.cs' ! -name '*._types.g.cs' ! -name 'FeishuClient.g.cs' | wc -l)
  printf '| %s | %d | %.1f | %.1f | %s | %s KB |\n' "$name" "$endpoints" \
    "$(printf '%s\n' "${full[@]}" | median)" "$(printf '%s\n' "${edit[@]}" | median)" \
    "$(printf "%'d" "$lines")" "$(printf "%'d" $((size / 1024)))"
done
