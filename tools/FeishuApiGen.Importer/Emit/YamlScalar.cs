using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FeishuApiGen.Importer.Emit;

/// <summary>YAML scalars as a person writes them: plain where that reads back as the same string, quoted otherwise.</summary>
internal static partial class YamlScalar
{
    /// <summary><paramref name="text"/> as a YAML string: plain when safe, else double-quoted with escapes.</summary>
    public static string String(string text)
        => text.Length > 0 && PlainSafe().IsMatch(text) && !LooksTyped(text) ? text : Quoted(text);

    /// <summary>A value of a field of type <paramref name="type"/> (an example or default): a number or boolean plain when it is one.</summary>
    public static string Value(string text, string type)
    {
        var isNumber = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        return type switch
        {
            "int" or "int64" or "float" when isNumber => text,
            "boolean" when text is "true" or "false" => text,
            _ => String(text),
        };
    }

    /// <summary>A block scalar (<c>|</c>) for multi-line text such as a JSON example, indented by <paramref name="indent"/>.</summary>
    public static string Block(string text, string indent)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split('\n');
        return "|\n" + string.Join("\n", lines.Select(line => line.Length == 0 ? "" : indent + line));
    }

    // Anything a YAML reader could take for a number, a boolean, null or a date.
    private static bool LooksTyped(string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
           || DateLike().IsMatch(text)
           || text.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "null" or "~" or "y" or "n";

    /// <summary><paramref name="text"/> double-quoted, with YAML's escapes (scope names are always written so, as people write them).</summary>
    public static string Quoted(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    // No leading indicator; no flow, comment, quote or colon characters anywhere (fields are often written in flow
    // maps, where a colon would need care); no surrounding space.
    [GeneratedRegex(@"^[^\s\-?:,\[\]{}#&*!|>'""%@`][^\[\]{},#:""\n]*(?<!\s)$")]
    private static partial Regex PlainSafe();

    [GeneratedRegex(@"^\d{4}-\d{1,2}-\d{1,2}")]
    private static partial Regex DateLike();
}
