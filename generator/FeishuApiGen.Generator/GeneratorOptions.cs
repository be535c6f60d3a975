using System.Linq;
using FeishuApiGen.Generator.Diagnostics;
using FeishuApiGen.Generator.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FeishuApiGen.Generator;

/// <summary>MSBuild properties the generator reads (declared as CompilerVisibleProperty in the package's props).</summary>
internal sealed record GeneratorOptions(string RootNamespace, DiagnosticInfo? Problem)
{
    public const string DefaultNamespace = "Feishu";

    public static GeneratorOptions From(AnalyzerConfigOptions options)
    {
        if (!options.TryGetValue("build_property.FeishuApiGenNamespace", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return new GeneratorOptions(DefaultNamespace, null);
        }

        value = value.Trim();
        return value.Split('.').All(part => Naming.IsValidIdentifier(part) && Naming.EscapeKeyword(part) == part)
            ? new GeneratorOptions(value, null)
            : new GeneratorOptions(DefaultNamespace, new DiagnosticInfo(DiagnosticDescriptors.InvalidNamespace, null, new[] { value }));
    }
}
