namespace FeishuApiGen.CorpusConverter.Mapping;

/// <summary>
/// Reads the doc text of enum values from a description ending in lark-mcp's <c>Options:</c> list:
/// <c>考核状态 Options:not_started(未开始),in_process(进行中)</c> gives the lead text <c>考核状态</c> and one doc per value.
/// </summary>
internal static class EnumOptions
{
    private const string Marker = "Options:";

    /// <summary>The lead text (null when empty) and each listed value's doc; null when there is no well-formed list.</summary>
    public static (string? Lead, IReadOnlyDictionary<string, string> Docs)? Parse(string? description)
    {
        var start = description?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }

        var docs = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = description!;
        var position = start + Marker.Length;
        while (position < text.Length)
        {
            var open = text.IndexOf('(', position);
            if (open < 0)
            {
                return null;
            }

            // The doc may itself hold parentheses: it ends at the one that closes the first.
            var depth = 1;
            var close = open + 1;
            for (; close < text.Length && depth > 0; close++)
            {
                depth += text[close] switch { '(' => 1, ')' => -1, _ => 0 };
            }

            if (depth != 0)
            {
                return null;
            }

            var value = text[position..open].Trim();
            if (value.Length == 0)
            {
                return null;
            }

            docs.TryAdd(value, text[(open + 1)..(close - 1)].Trim());
            position = close;
            if (position < text.Length)
            {
                if (text[position] != ',')
                {
                    return null;
                }

                position++;
            }
        }

        var lead = text[..start].Trim();
        return (lead.Length == 0 ? null : lead, docs);
    }
}
