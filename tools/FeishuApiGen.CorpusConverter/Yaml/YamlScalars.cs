using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FeishuApiGen.CorpusConverter.Yaml;

/// <summary>
/// Spells strings as YAML scalars that read back exactly, whatever they hold (Chinese text, <c>:</c>, <c>#</c>, quotes,
/// line breaks, control characters): plain only for identifier-like words no YAML reader takes for anything else,
/// double-quoted with escapes otherwise.
/// </summary>
internal static partial class YamlScalars
{
    /// <summary>Words YAML 1.1 readers take for booleans or null when plain.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "null", "true", "false", "yes", "no", "on", "off", "y", "n" };

    /// <summary>A key or a name: plain when safe, else quoted.</summary>
    public static string Word(string value) => PlainWord().IsMatch(value) && !Reserved.Contains(value) ? value : Quoted(value);

    /// <summary>Free text, always double-quoted.</summary>
    public static string Quoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\u0085': text.Append("\\N"); break;
                case '\u2028': text.Append("\\L"); break;
                case '\u2029': text.Append("\\P"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else if (IsPrintable(c))
                    {
                        text.Append(c);
                    }
                    else
                    {
                        // Control characters, the BOM, lone surrogates and non-characters are not allowed raw in YAML.
                        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>YAML's printable set within one UTF-16 unit, minus the byte order mark.</summary>
    private static bool IsPrintable(char c) =>
        c is (>= ' ' and <= '~') or (>= '\u00A0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD') && c != '\uFEFF';

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainWord();
}
