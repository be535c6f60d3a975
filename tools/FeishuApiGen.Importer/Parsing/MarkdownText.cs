using System.Text.RegularExpressions;

namespace FeishuApiGen.Importer.Parsing;

/// <summary>The Markdown the doc pages write inside table cells, turned into plain text.</summary>
internal static partial class MarkdownText
{
    /// <summary>
    /// Splits a table row into its cells. <c>\|</c> stays inside a cell, and so does a <c>|</c> inside a code span: the
    /// mirrors leave the alternations of 正则校验 patterns unescaped. A row whose backticks do not pair is split plainly.
    /// </summary>
    public static List<string> Cells(string row)
    {
        var line = row.Trim();
        return line.Count(c => c == '`') % 2 == 0 ? Split(line, respectCode: true) : Split(line, respectCode: false);
    }

    private static List<string> Split(string line, bool respectCode)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var inCode = false;
        for (var i = line.StartsWith('|') ? 1 : 0; i < line.Length; i++)
        {
            if (line[i] == '`' && respectCode)
            {
                inCode = !inCode;
                current.Append('`');
            }
            else if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] == '|')
            {
                current.Append('|');
                i++;
            }
            else if (line[i] == '|' && !inCode)
            {
                cells.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(line[i]);
            }
        }

        if (current.ToString().Trim().Length > 0)
        {
            cells.Add(current.ToString().Trim());
        }

        return cells;
    }

    /// <summary>A name or type cell: backticks and Markdown escapes removed (<c>`a\[\]`</c> is <c>a[]</c>).</summary>
    public static string Code(string cell) => Unescape(cell.Replace("`", "", StringComparison.Ordinal)).Trim();

    /// <summary>Prose: links become their text, emphasis and escapes go, HTML entities are decoded, runs of space fold.</summary>
    public static string Plain(string text)
    {
        text = Link().Replace(text, "$1");
        text = text.Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);
        text = System.Net.WebUtility.HtmlDecode(Unescape(text));
        return Spaces().Replace(text, " ").Trim();
    }

    /// <summary>Removes Markdown's backslash escapes (<c>\[</c>, <c>\-</c>, <c>\_</c>…).</summary>
    public static string Unescape(string text) => Escape().Replace(text, "$1");

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!|])")]
    private static partial Regex Escape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
