#!/usr/bin/env bash
# How much of the whole catalogue's build time is the generated members' code, and how much the public shape alone
# would cost: the generated files of a project choosing `*` are compiled as plain files (no generator) in four forms,
# each the median of N full rebuilds with the compiler server warm.
#
#   empty         a project with the runtime reference and one one-line file (the floor of any build);
#   generated     the generated files as they are;
#   no bodies     every reader, writer, validator and URL writer body replaced by `throw null!`;
#   declarations  no bodies, no client groups or FeishuClient, no endpoint descriptors, no [GeneratedCode], enums as
#                 plain structs: little more than the classes and their properties.
#
#   benchmarks/build-time/floor.sh [runs]        (needs python3; run from anywhere)
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 UseSharedCompilation=true

dotnet build "$root/generator/FeishuApiGen.Generator" -c Release -v q -nologo >/dev/null
generator="$root/generator/FeishuApiGen.Generator/bin/Release/netstandard2.0"
yamldotnet=$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/yamldotnet" -path '*netstandard2.0/YamlDotNet.dll' | sort | tail -n 1)
mkdir -p "$work/consumer"
cat >"$work/consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
    <FeishuApiCatalogDirectory>$root/spec/</FeishuApiCatalogDirectory>
    <FeishuApis>*</FeishuApis>
  </PropertyGroup>
  <ItemGroup>
    <Analyzer Include="$generator/FeishuApiGen.Generator.dll" />
    <Analyzer Include="$yamldotnet" />
    <ProjectReference Include="$root/runtime/FeishuApiGen.Runtime/FeishuApiGen.Runtime.csproj" />
  </ItemGroup>
  <Import Project="$root/generator/FeishuApiGen.Package/build/FeishuApiGen.targets" />
</Project>
XML
dotnet build "$work/consumer" -c Release -v q -nologo >/dev/null
mkdir -p "$work/generated-files"
cp "$work"/consumer/obj/Release/net10.0/generated/FeishuApiGen.Generator/*/*.cs "$work/generated-files/"

python3 - "$work" "$root" <<'PY'
import glob, os, re, sys
work, root = sys.argv[1], sys.argv[2]
project = f'''<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup>
  <ItemGroup><ProjectReference Include="{root}/runtime/FeishuApiGen.Runtime/FeishuApiGen.Runtime.csproj" /></ItemGroup>
</Project>'''
bodies = ('.ValidateMembers(ref', 'IFeishuRequest.Validate(ref', '.WriteJson(', 'IFeishuRequest.WriteBody(', '.ReadJson(ref', '.ReadData(ref', 'IFeishuRequest.WriteUrl(')

def block_end(lines, i):
    # A member or class at line i, its "{" on the next line: the index after its closing "}" at the same indentation.
    indent = len(lines[i]) - len(lines[i].lstrip())
    j = i + 2
    while not (lines[j].strip() == '}' and len(lines[j]) - len(lines[j].lstrip()) == indent):
        j += 1
    return j + 1

def transform(text, declarations_only):
    lines, out, i = text.split('\n'), [], 0
    while i < len(lines):
        line = lines[i]
        if any(b in line for b in bodies) and i + 1 < len(lines) and lines[i + 1].strip() == '{':
            out.append(line + ' => throw null!;')
            i = block_end(lines, i)
            continue
        if declarations_only:
            if re.match(r'\s*public sealed partial class \w+Api$', line):
                i = block_end(lines, i)
                continue
            if 'GeneratedCode("FeishuApiGen"' in line:
                i += 1
                continue
            if 'FeishuEndpoint FeishuEndpoint { get; } = new' in line:
                j = i
                while not lines[j].rstrip().endswith(';'):
                    j += 1
                out.append(line.split(' = new')[0] + ' = null!;')
                i = j + 1
                continue
            line = line.replace('readonly partial record struct', 'readonly partial struct')
        out.append(line)
        i += 1
    return '\n'.join(out)

for form in ('empty', 'generated', 'no-bodies', 'declarations'):
    directory = os.path.join(work, form)
    os.makedirs(directory)
    open(os.path.join(directory, 'Plain.csproj'), 'w').write(project)
    if form == 'empty':
        open(os.path.join(directory, 'One.cs'), 'w').write('namespace Plain;\n\npublic static class One\n{\n    public static int Value => 1;\n}\n')
        continue
    for path in glob.glob(os.path.join(work, 'generated-files', '*.cs')):
        name = os.path.basename(path)
        if form == 'declarations' and name == 'FeishuClient.g.cs':
            continue
        text = open(path).read()
        if form != 'generated':
            text = transform(text, form == 'declarations')
        open(os.path.join(directory, name), 'w').write(text)
PY

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); awk -v s="$start" -v e="$end" 'BEGIN { print e - s }'; }
declare -A times
for form in empty generated no-bodies declarations; do
  dotnet build "$work/$form" -c Release -v q -nologo >/dev/null
  dotnet build "$work/$form" -c Release -v q -nologo --no-restore --no-dependencies --no-incremental >/dev/null
done
# Interleaved, so a change in the machine's load falls on every form alike.
for i in $(seq "$runs"); do
  for form in empty generated no-bodies declarations; do
    times[$form]+="$(seconds dotnet build "$work/$form" -c Release -v q -nologo --no-restore --no-dependencies --no-incremental) "
  done
done
echo "Compiler server warm, median of $runs full rebuilds, interleaved."
echo
echo "| the whole catalogue's generated code, compiled as | full rebuild (s) | against empty |"
echo "| --- | ---: | ---: |"
empty=$(printf '%s\n' ${times[empty]} | median)
for form in empty generated no-bodies declarations; do
  t=$(printf '%s\n' ${times[$form]} | median)
  printf '| %s | %.1f | %.1f× |\n' "$form" "$t" "$(awk -v a="$t" -v b="$empty" 'BEGIN { print a / b }')"
done
