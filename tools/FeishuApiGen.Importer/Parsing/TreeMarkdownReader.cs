using System.Globalization;
using System.Text.RegularExpressions;
using FeishuApiGen.Importer.Model;

namespace FeishuApiGen.Importer.Parsing;

/// <summary>
/// Reads a doc page in the clean Markdown form public mirrors publish: front matter (<c>title</c>, <c>fullPath</c>,
/// <c>updateTime</c>), a 请求 table of facts, then 请求头, 路径参数, 查询参数 and 请求体 tables, the request example, the
/// 响应体 table and the response example. Nested rows are marked <c>&amp;nbsp;&amp;nbsp;└</c>, two entities a level.
/// </summary>
internal static partial class TreeMarkdownReader
{
    /// <summary>Whether <paramref name="page"/> looks like this form: a Markdown table with └-marked nesting or a 请求 fact table.</summary>
    public static bool Recognizes(string page) => page.Contains("| HTTP URL |", StringComparison.Ordinal);

    public static DocPage Read(string page)
    {
        var problems = new List<string>();
        var lines = page.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var front = FrontMatter(lines, out var bodyStart);
        var sections = Sections(lines, bodyStart);

        var title = front.GetValueOrDefault("title") ?? sections.FirstOrDefault(s => s.Level == 1)?.Heading ?? "";
        var facts = Facts(sections.FirstOrDefault(s => s.Heading == "请求")?.Rows ?? []);
        var url = facts.GetValueOrDefault("HTTP URL") ?? "";
        var pathStart = url.IndexOf("/open-apis/", StringComparison.Ordinal);
        if (pathStart < 0)
        {
            problems.Add($"请求: HTTP URL '{url}' has no /open-apis/ path");
        }

        var rateLimit = MarkdownText.Plain(facts.GetValueOrDefault("接口频率限制") ?? "");
        var (rateLimits, special) = ReadRateLimit(rateLimit, problems);

        return new DocPage
        {
            Title = MarkdownText.Plain(title.Trim('"')),
            Description = sections.FirstOrDefault(s => s.Level == 1)?.Paragraph,
            DocUrl = front.GetValueOrDefault("fullPath") is { Length: > 0 } fullPath ? "https://open.feishu.cn/document" + fullPath : null,
            UpdatedAt = long.TryParse(front.GetValueOrDefault("updateTime")?.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null,
            HttpMethod = (facts.GetValueOrDefault("HTTP Method") ?? "").Trim().ToUpperInvariant(),
            HttpPath = pathStart < 0 ? url : url[pathStart..].Trim(),
            RateLimits = rateLimits,
            SpecialRateLimit = special,
            AppTypes = ReadAppTypes(facts.GetValueOrDefault("支持的应用类型") ?? ""),
            AccessTokens = ReadAccessTokens(sections.FirstOrDefault(s => s.Heading == "请求头")?.Rows ?? []),
            Scopes = facts.Where(f => f.Key.StartsWith("权限要求", StringComparison.Ordinal)).SelectMany(f => Scopes.Read(f.Value)).ToList(),
            FieldScopes = Scopes.Read(facts.GetValueOrDefault("字段权限要求") ?? ""),
            PathParams = Fields(sections, "路径参数", problems),
            Query = Fields(sections, "查询参数", problems),
            Body = Fields(sections, "请求体", problems),
            ResponseData = ResponseData(sections, problems),
            Errors = ReadErrors(sections.FirstOrDefault(s => s.Heading == "错误码")?.Rows ?? [], problems),
            RequestExample = sections.FirstOrDefault(s => s.Heading == "请求体示例")?.Code,
            ResponseExample = sections.FirstOrDefault(s => s.Heading == "响应体示例")?.Code,
            Problems = problems,
        };
    }

    /// <summary>"1000 次/分钟、50 次/秒" is two windows; "特殊频控" is a limit without a number.</summary>
    internal static (List<DocRateLimit> Limits, bool Special) ReadRateLimit(string text, List<string> problems)
    {
        var limits = RateLimitItem().Matches(text)
            .Select(m => new DocRateLimit(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value switch
            {
                "秒" => "second",
                "分钟" => "minute",
                "小时" => "hour",
                _ => "day",
            }))
            .ToList();
        var special = text.Contains("特殊频控", StringComparison.Ordinal);
        if (limits.Count == 0 && !special && text.Length > 0)
        {
            problems.Add($"请求: 接口频率限制 '{text}' is not a rate this reader knows");
        }

        return (limits, special);
    }

    /// <summary>The 错误码 table: HTTP状态码 | 错误码 | 描述 | 排查建议, a row per code.</summary>
    private static List<DocError> ReadErrors(List<List<string>> rows, List<string> problems)
    {
        var errors = new List<DocError>();
        foreach (var row in rows.Skip(1))
        {
            if (row.Count < 3)
            {
                continue;
            }

            if (!int.TryParse(MarkdownText.Plain(row[0]), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
                || !int.TryParse(MarkdownText.Plain(row[1]), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                problems.Add($"错误码: the row '{string.Join(" | ", row)}' has no HTTP status and code as numbers");
                continue;
            }

            var hint = row.Count > 3 ? MarkdownText.Plain(row[3]) : "";
            errors.Add(new DocError(status, code, MarkdownText.Plain(row[2]), hint.Length > 0 ? hint : null));
        }

        return errors;
    }

    private static List<string> ReadAppTypes(string text)
    {
        var types = new List<string>();
        if (text.Contains("custom", StringComparison.Ordinal) || text.Contains("自建应用", StringComparison.Ordinal))
        {
            types.Add("custom");
        }

        if (text.Contains("isv", StringComparison.Ordinal) || text.Contains("商店应用", StringComparison.Ordinal))
        {
            types.Add("store");
        }

        return types;
    }

    private static List<string> ReadAccessTokens(List<List<string>> headerRows)
    {
        var authorization = headerRows.FirstOrDefault(r => r.Count > 0 && MarkdownText.Code(r[0]) == "Authorization");
        var description = authorization is { Count: > 3 } ? authorization[3] : "";
        var tokens = new List<string>();
        foreach (var (wire, name) in new[] { ("tenant_access_token", "tenant"), ("user_access_token", "user"), ("app_access_token", "app") })
        {
            // Only the part before 值格式: the "Bearer access_token" example names no kind.
            var declared = description.Split("**值格式**", StringSplitOptions.None)[0];
            if (declared.Contains(wire, StringComparison.Ordinal))
            {
                tokens.Add(name);
            }
        }

        return tokens;
    }

    private static List<DocField> Fields(List<Section> sections, string heading, List<string> problems)
        => sections.FirstOrDefault(s => s.Heading == heading) is { } section ? Tree(section, problems) : [];

    /// <summary>The rows under <c>data</c> in the 响应体 table.</summary>
    private static List<DocField> ResponseData(List<Section> sections, List<string> problems)
    {
        if (sections.FirstOrDefault(s => s.Heading == "响应体") is not { } section)
        {
            return [];
        }

        var data = Tree(section, problems).FirstOrDefault(f => f.Name == "data");
        return data?.Children ?? [];
    }

    /// <summary>A field table as a tree: each row's depth is the number of <c>&amp;nbsp;&amp;nbsp;</c> before its └.</summary>
    private static List<DocField> Tree(Section section, List<string> problems)
    {
        var header = section.Rows.FirstOrDefault() ?? [];
        var typeColumn = header.IndexOf("类型");
        var requiredColumn = header.IndexOf("必填");
        var descriptionColumn = header.IndexOf("描述");
        var roots = new List<DocField>();
        var path = new List<DocField>();
        foreach (var row in section.Rows.Skip(1))
        {
            var nameCell = row[0];
            var depth = Regex.Matches(nameCell, "&nbsp;&nbsp;").Count;
            var name = MarkdownText.Code(nameCell.Replace("&nbsp;", "", StringComparison.Ordinal).Replace("└", "", StringComparison.Ordinal));
            var field = new DocField
            {
                Name = name,
                Type = typeColumn >= 0 && typeColumn < row.Count ? MarkdownText.Code(row[typeColumn]) : "string",
                Required = requiredColumn >= 0 && requiredColumn < row.Count && row[requiredColumn].Trim() == "是",
            };
            var where = $"{section.Heading}: {string.Join(".", path.Take(depth).Select(p => p.Name).Append(name))}";
            if (descriptionColumn >= 0 && descriptionColumn < row.Count)
            {
                DescriptionCell.Read(row[descriptionColumn], field, where, problems);
            }

            // "该参数名称在文档中展示为zh_cn，但在实际返回的 JSON Key 中展示为 zh-CN": the page's own word on the wire name.
            if (field.Description is { } text && JsonKeyNote().Match(text) is { Success: true } note && note.Groups[1].Value == name)
            {
                field.Name = name = note.Groups[2].Value;
            }

            if (depth > path.Count)
            {
                problems.Add($"{where}: nested {depth} levels deep under a row {path.Count} deep; placed at the deepest open level");
                depth = path.Count;
            }

            (depth == 0 ? roots : path[depth - 1].Children).Add(field);
            path.RemoveRange(depth, path.Count - depth);
            path.Add(field);
        }

        return roots;
    }

    private static Dictionary<string, string> Facts(List<List<string>> rows)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1).Where(r => r.Count >= 2))
        {
            // "权限要求             调用该 API 所需的权限…" keeps its first word as the key.
            var key = row[0].Split("  ", 2, StringSplitOptions.TrimEntries)[0].Trim();
            facts[key] = row[1];
        }

        return facts;
    }

    private static Dictionary<string, string> FrontMatter(string[] lines, out int bodyStart)
    {
        var front = new Dictionary<string, string>(StringComparer.Ordinal);
        bodyStart = 0;
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return front;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim() == "---")
            {
                bodyStart = i + 1;
                break;
            }

            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                front[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim().Trim('"');
            }
        }

        return front;
    }

    private static List<Section> Sections(string[] lines, int start)
    {
        var sections = new List<Section>();
        Section? current = null;
        var inCode = false;
        var code = new List<string>();
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                if (inCode && current is not null && current.Code is null)
                {
                    current.Code = string.Join("\n", code).Trim();
                }

                inCode = !inCode;
                code.Clear();
                continue;
            }

            if (inCode)
            {
                code.Add(line);
                continue;
            }

            if (Heading().Match(line) is { Success: true } heading)
            {
                current = new Section(heading.Groups[1].Length, heading.Groups[2].Value.Trim());
                sections.Add(current);
            }
            else if (current is not null && line.TrimStart().StartsWith('|'))
            {
                var cells = MarkdownText.Cells(line);
                if (!cells.All(c => c.Trim('-', ':', ' ').Length == 0))
                {
                    current.Rows.Add(cells);
                }
            }
            else if (current is not null && current.Paragraph is null && current.Rows.Count == 0 && line.Trim().Length > 0)
            {
                current.Paragraph = MarkdownText.Plain(line);
            }
        }

        return sections;
    }

    [GeneratedRegex(@"展示为\s*([A-Za-z0-9_]+)\s*，但在实际返回的\s*JSON\s*Key\s*中展示为\s*([A-Za-z0-9_-]+)")]
    private static partial Regex JsonKeyNote();

    private sealed class Section(int level, string heading)
    {
        public int Level { get; } = level;

        public string Heading { get; } = heading;

        public string? Paragraph { get; set; }

        public List<List<string>> Rows { get; } = [];

        public string? Code { get; set; }
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"(\d+)\s*次\s*/\s*(秒|分钟|小时|天)")]
    private static partial Regex RateLimitItem();
}
