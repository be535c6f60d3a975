using System;
using System.Text.RegularExpressions;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>
/// How Feishu's doc pages write what a spec writes differently: a diagnostic that meets the doc's spelling says what to
/// write instead, because people copy types straight from the pages.
/// </summary>
internal static class DocVocabulary
{
    // An unquoted list type inside a flow map: `{ type: string[] }`, which YAML reads as a stray '['.
    private static readonly Regex FlowListType = new(@"\{[^}]*:\s*[A-Za-z_][\w.()]*\[\]", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>For an unknown type: the spec's spelling of a type the doc pages spell another way, else nothing.</summary>
    public static string TypeHint(string docType) => docType switch
    {
        "number(float)" or "number" or "double" => " (the doc pages' spelling of float: write 'float')",
        "integer" or "int32" => " (write 'int')",
        "long" or "number(int64)" => " (write 'int64')",
        "bool" => " (write 'boolean')",
        "-" or "\\-" or "map" => " (an object: write 'object', with its members under 'fields')",
        _ => "",
    };

    /// <summary>For a YAML syntax error on <paramref name="line"/> (1-based): how to write a list type in a flow map, when that is the cause.</summary>
    public static string FlowListTypeHint(string text, long line)
    {
        var lines = text.Split('\n');
        return line >= 1 && line <= lines.Length && FlowListType.IsMatch(lines[(int)line - 1])
            ? ". A list type inside { } must be quoted: { type: \"string[]\" }"
            : "";
    }
}
