using System.Text;
using System.Text.RegularExpressions;

namespace FeishuApiGen.Importer.Parsing;

/// <summary>
/// Turns a page in Feishu's raw doc source (what the doc portal serves: <c>:::html</c> blocks holding <c>&lt;md-table&gt;</c>,
/// <c>&lt;md-dt-table&gt;</c> with <c>&lt;md-dt-tr level="N"&gt;</c> rows, <c>&lt;md-perm&gt;</c>, <c>&lt;md-enum-item&gt;</c>,
/// <c>&lt;md-code-json&gt;</c>) into the └ Markdown form, so one reader reads both: a row of level N gets N
/// <c>&amp;nbsp;&amp;nbsp;</c> and a └, a cell's paragraphs are joined by <c>&lt;br&gt;</c>, tags become the text they stand for.
/// </summary>
internal static partial class RawSourceConverter
{
    /// <summary>Whether <paramref name="page"/> is raw doc source: an <c>:::html</c> block with a table of facts.</summary>
    public static bool Recognizes(string page) => page.Contains(":::html", StringComparison.Ordinal) && page.Contains("<md-", StringComparison.Ordinal);

    public static string ToTreeMarkdown(string page)
    {
        var lines = page.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new StringBuilder();
        var start = FrontMatter(lines, output);
        for (var i = start; i < lines.Length; i++)
        {
            if (lines[i].Trim() != ":::html")
            {
                output.Append(TryItLink().Replace(lines[i], "")).Append('\n');
                continue;
            }

            var block = new StringBuilder();
            for (i++; i < lines.Length && lines[i].Trim() != ":::"; i++)
            {
                block.Append(lines[i]).Append('\n');
            }

            output.Append(Block(block.ToString()));
        }

        return output.ToString();
    }

    /// <summary>The <c>&lt;!-- title: … fullPath: … updatedAt: … --&gt;</c> header as the └ form's front matter.</summary>
    private static int FrontMatter(string[] lines, StringBuilder output)
    {
        if (lines.Length == 0 || lines[0].Trim() != "<!--")
        {
            return 0;
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "-->");
        if (end < 0)
        {
            return 0;
        }

        var fields = lines[1..end].Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        output.Append("---\n");
        output.Append("title: \"").Append(fields.GetValueOrDefault("title", "").Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
        output.Append("fullPath: \"").Append(fields.GetValueOrDefault("fullPath", "")).Append("\"\n");
        output.Append("updateTime: \"").Append(fields.GetValueOrDefault("updatedAt", fields.GetValueOrDefault("updateTime", ""))).Append("\"\n");
        output.Append("---\n");
        return end + 1;
    }

    private static string Block(string html)
    {
        if (CodeJson().Match(html) is { Success: true } code)
        {
            return "```json\n" + code.Groups[1].Value.Trim('\n') + "\n```\n";
        }

        var dtTable = html.Contains("<md-dt-table", StringComparison.Ordinal);
        if (!dtTable && !html.Contains("<md-table", StringComparison.Ordinal))
        {
            return ""; // An alert or other decoration: no fact of the endpoint.
        }

        var header = Cells(HeadSection().Match(html).Value, dtTable ? "md-dt-th" : "md-th");
        var table = new StringBuilder("\n| ").Append(string.Join(" | ", header)).Append(" |\n| ").Append(string.Join(" | ", header.Select(_ => "---"))).Append(" |\n");
        foreach (Match row in (dtTable ? DtRow() : Row()).Matches(BodySection().Match(html).Value))
        {
            var cells = Cells(row.Groups["cells"].Value, dtTable ? "md-dt-td" : "md-t[hd]");
            if (dtTable && cells.Count > 0)
            {
                var level = int.TryParse(row.Groups["level"].Value, out var n) ? n : 0;
                cells[0] = string.Concat(Enumerable.Repeat("&nbsp;&nbsp;", level)) + (level > 0 ? "└ " : "") + "`" + cells[0] + "`";
                if (cells.Count > 1)
                {
                    cells[1] = "`" + cells[1] + "`";
                }
            }

            table.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
        }

        return table.Append('\n').ToString();
    }

    private static List<string> Cells(string html, string tag) =>
        Regex.Matches(html, $@"<(?<tag>{tag})\b[^>]*>(?<inner>.*?)</\k<tag>>", RegexOptions.Singleline)
            .Select(m => CellText(m.Groups["inner"].Value))
            .ToList();

    /// <summary>A cell's content as one └-form cell: tags as their text, paragraphs joined by &lt;br&gt;, list lines kept together.</summary>
    internal static string CellText(string html)
    {
        var text = Tooltip().Replace(html, "");
        text = EnumBlock().Replace(text, m => "\n\n" + string.Join(" ", EnumItem().Matches(m.Value).Select(i => $"- `{i.Groups["key"].Value}`: {i.Groups["text"].Value.Trim()}")) + "\n\n");
        text = Permission().Replace(text, m => $" `{m.Groups["name"].Value}` {m.Groups["text"].Value.Trim()} ");
        text = AppSupport().Replace(text, m => m.Groups["types"].Value);
        text = AnyTag().Replace(text, "");

        var parts = new List<string>();
        var current = new List<string>();
        foreach (var raw in text.Split('\n').Select(l => l.Trim()))
        {
            // A blank line ends a paragraph; a line of a "- " list joins the list's part; a labelled line starts its own.
            if (raw.Length == 0 || raw.StartsWith("**", StringComparison.Ordinal) || (raw.StartsWith("- ", StringComparison.Ordinal) && current.Count > 0 && !current[^1].StartsWith("- ", StringComparison.Ordinal)))
            {
                Flush();
            }

            if (raw.Length > 0)
            {
                current.Add(raw);
            }
        }

        Flush();
        return string.Join("<br>", parts).Replace("|", "\\|", StringComparison.Ordinal);

        void Flush()
        {
            if (current.Count > 0)
            {
                parts.Add(string.Join(" ", current));
                current.Clear();
            }
        }
    }

    [GeneratedRegex(@"\{尝试一下\}\(url=[^)]*\)")]
    private static partial Regex TryItLink();

    [GeneratedRegex(@"<md-code-json>\n?(.*?)</md-code-json>", RegexOptions.Singleline)]
    private static partial Regex CodeJson();

    [GeneratedRegex(@"<md-(?:dt-)?thead>.*?</md-(?:dt-)?thead>", RegexOptions.Singleline)]
    private static partial Regex HeadSection();

    [GeneratedRegex(@"<md-(?:dt-)?tbody>.*?</md-(?:dt-)?tbody>", RegexOptions.Singleline)]
    private static partial Regex BodySection();

    [GeneratedRegex(@"<md-dt-tr\b[^>]*?level=""(?<level>\d+)""[^>]*>(?<cells>.*?)</md-dt-tr>", RegexOptions.Singleline)]
    private static partial Regex DtRow();

    [GeneratedRegex(@"<md-tr\b[^>]*>(?<cells>.*?)</md-tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex(@"<md-tooltip\b[^>]*>.*?</md-tooltip>", RegexOptions.Singleline)]
    private static partial Regex Tooltip();

    [GeneratedRegex(@"<md-enum\b[^>]*>.*?</md-enum>", RegexOptions.Singleline)]
    private static partial Regex EnumBlock();

    [GeneratedRegex(@"<md-enum-item\b[^>]*?key=""(?<key>[^""]*)""[^>]*>(?<text>.*?)</md-enum-item>", RegexOptions.Singleline)]
    private static partial Regex EnumItem();

    [GeneratedRegex(@"<md-perm\b[^>]*?name=""(?<name>[^""]*)""[^>]*>(?<text>.*?)</md-perm>", RegexOptions.Singleline)]
    private static partial Regex Permission();

    [GeneratedRegex(@"<md-app-support\b[^>]*?types=""(?<types>[^""]*)""[^>]*>(?:</md-app-support>)?")]
    private static partial Regex AppSupport();

    [GeneratedRegex(@"</?[a-z][a-z0-9-]*\b[^>]*>")]
    private static partial Regex AnyTag();
}
