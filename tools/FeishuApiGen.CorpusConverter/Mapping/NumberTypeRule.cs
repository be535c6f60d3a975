using System.Text.RegularExpressions;

namespace FeishuApiGen.CorpusConverter.Mapping;

/// <summary>
/// JSON Schema's <c>number</c> does not say integer or float; the spec must. The rule, first match wins:
/// <list type="number">
/// <item>the description speaks of decimals (<c>小数</c>, <c>精确度</c>): <c>float</c>;</item>
/// <item>the description says integer (<c>整数</c>) or lists numeric codes (<c>Options:1(...)</c>, <c>1表示</c>, <c>0=</c>, <c>- 1: 天</c>): <c>int</c>;</item>
/// <item>a word of the name is one that counts, measures or codes (<c>page_size</c>, <c>limit</c>, <c>offset</c>, <c>total</c>,
/// <c>*_count</c>, <c>*_order</c>, <c>*_status</c>, <c>*_type</c>, <c>*_mode</c>, ...; see <see cref="IntegerWords"/>): <c>int</c>;</item>
/// <item>anything else (rates, scores, hours, years, values): <c>float</c>, which reads and writes any JSON number.</item>
/// </list>
/// </summary>
internal static partial class NumberTypeRule
{
    /// <summary>Words that, anywhere in a snake_case name, mark a whole number.</summary>
    public static readonly IReadOnlySet<string> IntegerWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "size", "limit", "offset", "total", "count", "depth", "level", "order", "status", "statuses", "type", "mode", "times",
        "age", "priority", "length", "places", "code", "unit", "period", "style",
    };

    /// <summary>The spec type of a <c>number</c> named <paramref name="wireName"/>: <c>int</c> or <c>float</c>.</summary>
    public static string For(string wireName, string? description)
    {
        var text = description ?? string.Empty;
        if (text.Contains("小数", StringComparison.Ordinal) || text.Contains("精确度", StringComparison.Ordinal))
        {
            return "float";
        }

        if (text.Contains("整数", StringComparison.Ordinal) || text.Contains("Options:", StringComparison.Ordinal) || NumericCodes().IsMatch(text))
        {
            return "int";
        }

        return wireName.Split('_').Any(IntegerWords.Contains) ? "int" : "float";
    }

    /// <summary><c>1表示...</c>, <c>0=...</c>, <c>- 1: 天</c>: a list of numeric codes.</summary>
    [GeneratedRegex(@"\d\s*(表示|=)|-\s*\d+\s*[:：]", RegexOptions.CultureInvariant)]
    private static partial Regex NumericCodes();
}
