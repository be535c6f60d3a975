using FeishuApiGen.Generator.Diagnostics;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>Every spec file, endpoint or shared types, says which version of the format it is written in.</summary>
internal static class SpecVersion
{
    public static void Check(YamlMap spec, SpecDiagnostics diagnostics)
    {
        var version = spec.String("spec_version", required: true);
        if (version is not null && version != "1")
        {
            diagnostics.Report(DiagnosticDescriptors.UnsupportedSpecVersion, spec.Value("spec_version"), version);
        }
    }
}
