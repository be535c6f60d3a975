using System;
using System.Text.RegularExpressions;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>
/// Tells specs apart from other YAML in a project, from the text alone so that a spec too broken to
/// parse is still recognised (and reported) rather than silently skipped.
/// A <c>.yaml</c>/<c>.yml</c> file is a spec when a line starts with the top-level key
/// <c>spec_version:</c>, or when it has both top-level keys <c>api:</c> and <c>http:</c>
/// (a spec that forgot <c>spec_version</c> is reported, not ignored), or a top-level <c>shared_types:</c> (a shared types file).
/// </summary>
internal static class SpecDetector
{
    private static readonly Regex SpecVersionKey = new(@"^[""']?spec_version[""']?[ \t]*:", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex ApiKey = new(@"^[""']?api[""']?[ \t]*:", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex HttpKey = new(@"^[""']?http[""']?[ \t]*:", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex SharedTypesKey = new(@"^[""']?shared_types[""']?[ \t]*:", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    public static bool HasYamlExtension(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    public static bool LooksLikeSpec(string text) =>
        SpecVersionKey.IsMatch(text) || SharedTypesKey.IsMatch(text) || (ApiKey.IsMatch(text) && HttpKey.IsMatch(text));
}
