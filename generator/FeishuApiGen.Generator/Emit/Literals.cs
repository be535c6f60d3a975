using System.Globalization;
using System.Text;

namespace FeishuApiGen.Generator.Emit;

/// <summary>Escaping of spec text for each place it lands in generated code.</summary>
internal static class Literals
{
    /// <summary>A C# regular string literal, quotes included. Line separators and control characters are escaped.</summary>
    public static string String(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    // Surrogates are escaped too: a lone one would make the generated file invalid UTF-16.
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' || char.IsSurrogate(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>
    /// A UTF-8 string literal (<c>"..."u8</c>) for a JSON property name, so the name is never re-encoded at run time.
    /// </summary>
    public static string Utf8(string value) => String(value) + "u8";

    /// <summary>
    /// Text for an XML doc comment, one entry a line. XML specials are escaped; characters C# treats as line
    /// breaks start a new comment line rather than ending the comment; characters XML cannot hold are dropped.
    /// </summary>
    public static string[] XmlDocLines(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return System.Array.Empty<string>();
        }

        if (IsPlainXmlText(text!))
        {
            return new[] { text! };
        }

        var builder = new StringBuilder(text!.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '\r': break;
                case '\n': case '\u2028': case '\u2029': case '\u0085': builder.Append('\n'); break;
                case '\t': builder.Append(' '); break;
                default:
                    if (!char.IsControl(c) && c is not '\uFFFE' and not '\uFFFF')
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        var lines = builder.ToString().Split('\n');
        var result = new System.Collections.Generic.List<string>(lines.Length);
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length > 0)
            {
                result.Add(trimmed);
            }
        }

        return result.ToArray();
    }

    /// <summary>One-line XML doc text.</summary>
    public static string XmlDoc(string? text) =>
        text is not null && text.Length > 0 && IsPlainXmlText(text) ? text : string.Join(" ", XmlDocLines(text));

    /// <summary>
    /// True when the text goes into a doc comment as it is: one line, nothing to escape or drop, no space at either end.
    /// Most spec text is, and emitting is dominated by doc text.
    /// </summary>
    private static bool IsPlainXmlText(string text)
    {
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[text.Length - 1]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is '&' or '<' or '>' or '\u2028' or '\u2029' or '\u0085' or '\uFFFE' or '\uFFFF' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An XML attribute value (double-quoted).</summary>
    public static string XmlAttribute(string text) => XmlDoc(text).Replace("\"", "&quot;");

    public static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains(".") || text.Contains("E") ? text + "d" : text + ".0";
    }
}
