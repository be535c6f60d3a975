using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FeishuApiGen.Importer.Parsing;

/// <summary>
/// Turns a page in the flat <c>.md</c> export (tables without outer pipes, a row's cell running on over lines that end in
/// two spaces, nested rows written flat, scopes as <c>title(scope)</c>, enum items as <c>- value：text</c>) into the └
/// Markdown form. The nesting the export drops is recovered from the page's own JSON examples: a row sits under the
/// innermost open object whose example has its name. Where no example says, the row is placed at the top level and a
/// warning names its line.
/// </summary>
internal static partial class FlatMarkdownConverter
{
    private static readonly Dictionary<string, string[]> BuiltInMembers = new(StringComparer.Ordinal)
    {
        ["i18n"] = ["lang", "value"],
        ["enum"] = ["enum_name", "display"],
        ["custom_name"] = ["zh_cn", "en_us"],
        ["custom_field_data"] = ["custom_api_name", "name", "type", "value"],
        ["object_field_data"] = ["field_name", "value"],
    };

    /// <summary>Whether <paramref name="page"/> is the flat export: a facts row <c>HTTP URL | …</c> without an outer pipe.</summary>
    public static bool Recognizes(string page) => FlatFactRow().IsMatch(page);

    public static string ToTreeMarkdown(string page, List<string> warnings)
    {
        var lines = page.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new StringBuilder();
        var start = FrontMatter(lines, output);
        var requestExample = Example(page, "请求体示例");
        var responseExample = Example(page, "响应体示例")?["data"];
        var heading = "";
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith('#'))
            {
                heading = line.TrimStart('#').Trim();
                output.Append(line).Append('\n');
                continue;
            }

            if (line.StartsWith("最后更新于", StringComparison.Ordinal))
            {
                continue;
            }

            if (i + 1 < lines.Length && line.Contains(" | ", StringComparison.Ordinal) && Separator().IsMatch(lines[i + 1]))
            {
                var header = Split(line);
                var rows = new List<(int Line, List<string> Cells)>();
                for (i += 2; i < lines.Length && lines[i].Trim().Length > 0 && !lines[i].StartsWith('#') && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
                {
                    // A line after one ending in two spaces continues the row: a Markdown line break inside a cell.
                    if (rows.Count > 0 && lines[i - 1].EndsWith("  ", StringComparison.Ordinal))
                    {
                        var cells = rows[^1].Cells;
                        var more = Split(lines[i]);
                        cells[^1] += "<br>" + more[0];
                        cells.AddRange(more.Skip(1));
                    }
                    else
                    {
                        rows.Add((i + 1, Split(lines[i])));
                    }
                }

                i--;
                output.Append(Table(heading, header, rows, heading == "响应体" ? responseExample : requestExample, warnings));
                continue;
            }

            output.Append(line).Append('\n');
        }

        return output.ToString();
    }

    private static string Table(string heading, List<string> header, List<(int Line, List<string> Cells)> rows, JsonNode? example, List<string> warnings)
    {
        var table = new StringBuilder("| ").Append(string.Join(" | ", header)).Append(" |\n| ").Append(string.Join(" | ", header.Select(_ => "---"))).Append(" |\n");
        var isFields = header.Count >= 3 && header[0] == "名称" && header[1] == "类型";
        var frames = new List<Frame>();
        foreach (var (line, raw) in rows)
        {
            var cells = raw.Select(Cell).ToList();
            if (!isFields)
            {
                table.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
                continue;
            }

            var name = cells[0].Trim();
            var type = MarkdownText.Unescape(cells[1].Trim());
            // Only the body and answer nest; path, query and header rows are all top level.
            var nests = heading is "请求体" or "响应体";
            var depth = !nests || (heading == "响应体" && name is "code" or "msg" or "data" && frames.Count == 0) ? 0 : Place(name, heading == "响应体", frames, example, line, warnings);
            cells[0] = string.Concat(Enumerable.Repeat("&nbsp;&nbsp;", depth)) + (depth > 0 ? "└ " : "") + "`" + name + "`";
            cells[1] = "`" + cells[1].Trim() + "`";
            table.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");

            // An object's members follow it: it opens a frame holding what its example (or its built-in type) contains.
            var baseType = type.EndsWith("[]", StringComparison.Ordinal) ? type[..^2] : type;
            var parent = depth == 0 ? (heading == "响应体" ? null : example) : frames.LastOrDefault(f => f.Depth == depth - 1)?.Example;
            var value = parent is JsonObject owner && owner.TryGetPropertyValue(name, out var found) ? found : null;
            if (value is JsonArray list)
            {
                value = list.FirstOrDefault();
            }

            frames.RemoveAll(f => f.Depth >= depth);
            if (heading == "响应体" && name == "data" && depth == 0)
            {
                frames.Add(new Frame(0, example as JsonObject, null));
            }
            else if (!IsScalar(baseType))
            {
                frames.Add(new Frame(depth, value as JsonObject, BuiltInMembers.GetValueOrDefault(baseType)));
            }
        }

        return table.ToString();
    }

    /// <summary>The depth of the row named <paramref name="name"/>: one under the innermost open object that has it.</summary>
    private static int Place(string name, bool response, List<Frame> frames, JsonNode? example, int line, List<string> warnings)
    {
        for (var i = frames.Count - 1; i >= 0; i--)
        {
            if (frames[i].Has(name))
            {
                frames.RemoveRange(i + 1, frames.Count - i - 1);
                return frames[i].Depth + 1;
            }
        }

        var root = response ? 1 : 0;
        if (!response && example is JsonObject top && top.ContainsKey(name))
        {
            frames.Clear();
            return 0;
        }

        // Only when an object is open is there a choice to make; otherwise the row can only be at the top level.
        if (frames.Any(f => f.Depth >= root))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"line {line}: the flat page does not say where '{name}' is nested (no example shows it); it is placed at the top level: check it"));
        }

        frames.RemoveAll(f => f.Depth >= root);
        return root;
    }

    private static bool IsScalar(string type) =>
        type is "string" or "int" or "int64" or "float" or "number(float)" or "boolean" or "-" or "\\-" or "object" or "";

    /// <summary>A flat cell in the └ form's words: scopes as <c>`scope` title</c>, enum items as <c>- `value`: text</c>.</summary>
    private static string Cell(string cell)
    {
        var text = ScopeInParentheses().Replace(cell, m => $"`{m.Groups["scope"].Value}` {m.Groups["title"].Value.Trim()}");
        text = EnumItem().Replace(text, m => $"- `{m.Groups["value"].Value}`: ");

        // Scopes the export writes a line each follow their label in one part, as the └ form writes them.
        text = LineBeforeScope().Replace(text, " ");

        // A list the export writes a line an item is one part in the └ form: "- a - b".
        var parts = new List<string>();
        foreach (var part in text.Split("<br>").Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (part.StartsWith("- ", StringComparison.Ordinal) && parts.Count > 0 && parts[^1].StartsWith("- ", StringComparison.Ordinal))
            {
                parts[^1] += " " + part;
            }
            else
            {
                parts.Add(part);
            }
        }

        return string.Join("<br>", parts);
    }

    private static List<string> Split(string line) => MarkdownText.Cells("|" + line.TrimEnd());

    private static JsonNode? Example(string page, string heading)
    {
        var match = Regex.Match(page, "###\\s*" + heading + "\\s*\\n+```json\\n(.*?)```", RegexOptions.Singleline);
        try
        {
            return match.Success ? JsonNode.Parse(match.Groups[1].Value) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static int FrontMatter(string[] lines, StringBuilder output)
    {
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return 0;
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            return 0;
        }

        var fields = lines[1..end].Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"'), StringComparer.Ordinal);
        var source = fields.GetValueOrDefault("source_url", "");
        var at = source.IndexOf("/document", StringComparison.Ordinal);
        output.Append("---\n");
        output.Append("title: \"").Append(fields.GetValueOrDefault("title", "").Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
        output.Append("fullPath: \"").Append(at >= 0 ? source[(at + "/document".Length)..] : "").Append("\"\n");
        output.Append("updateTime: \"").Append(fields.GetValueOrDefault("last_remote_update_timestamp", "")).Append("\"\n");
        output.Append("---\n");
        return end + 1;
    }

    /// <summary>An open object while rows are placed: its depth, and the member names its example or built-in type has.</summary>
    private sealed record Frame(int Depth, JsonObject? Example, string[]? Members)
    {
        public bool Has(string name) => Example?.ContainsKey(name) == true || Members?.Contains(name) == true;
    }

    [GeneratedRegex(@"(?m)^HTTP URL \| ")]
    private static partial Regex FlatFactRow();

    [GeneratedRegex(@"^\s*-{3}\s*(\|\s*-{3}\s*)+\s*$|^-{3}\|-{3}")]
    private static partial Regex Separator();

    [GeneratedRegex(@"(?<title>[^()（）<>`|]*?)\((?<scope>[a-z0-9_.]+:[a-zA-Z0-9_.:]+)\)")]
    private static partial Regex ScopeInParentheses();

    [GeneratedRegex(@"<br>(?=`[a-z0-9_.]+:[a-zA-Z0-9_.:]+`)")]
    private static partial Regex LineBeforeScope();

    [GeneratedRegex(@"(?<=^|<br>)- (?<value>[A-Za-z0-9_.\-]+)：")]
    private static partial Regex EnumItem();
}
