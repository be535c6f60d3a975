using System.Text.RegularExpressions;
using FeishuApiGen.Importer.Parsing;

namespace FeishuApiGen.Importer.Coverage;

/// <summary>
/// Counts the facts a doc page (└ Markdown form) states, straight from its text: it shares no code with the reader that
/// builds specs beyond splitting a table row into cells, so a fact the reader misses still counts here.
/// </summary>
internal static partial class PageFacts
{
    public static FactCounts Count(string page)
    {
        var counts = new FactCounts();
        var tables = Tables(page.Replace("\r\n", "\n", StringComparison.Ordinal));

        var facts = tables.GetValueOrDefault("请求") ?? [];
        foreach (var row in facts.Skip(1).Where(r => r.Count >= 2))
        {
            var key = row[0].Split("  ", 2)[0].Trim();
            var value = row[1];
            if (key == "接口频率限制")
            {
                var windows = RateWindow().Matches(value).Count;
                counts.Add(Facts.RateLimit, windows > 0 ? windows : value.Contains("特殊频控", StringComparison.Ordinal) ? 1 : 0);
            }
            else if (key == "支持的应用类型")
            {
                counts.Add(Facts.AppTypes, (value.Contains("custom", StringComparison.Ordinal) || value.Contains("自建应用", StringComparison.Ordinal) ? 1 : 0)
                    + (value.Contains("isv", StringComparison.Ordinal) || value.Contains("商店应用", StringComparison.Ordinal) ? 1 : 0));
            }
            else if (key.StartsWith("权限要求", StringComparison.Ordinal))
            {
                counts.Add(Facts.Scopes, ScopeName().Matches(value).Count);
            }
            else if (key.StartsWith("字段权限要求", StringComparison.Ordinal))
            {
                counts.Add(Facts.FieldScopes, ScopeName().Matches(value).Count);
            }
        }

        var authorization = (tables.GetValueOrDefault("请求头") ?? []).FirstOrDefault(r => r.Count > 3 && r[0].Contains("Authorization", StringComparison.Ordinal));
        if (authorization is not null)
        {
            var declared = authorization[3].Split("值格式", 2)[0];
            counts.Add(Facts.AccessTokens, new[] { "tenant_access_token", "user_access_token", "app_access_token" }.Count(t => declared.Contains(t, StringComparison.Ordinal)));
        }

        foreach (var (heading, request) in new[] { ("路径参数", true), ("查询参数", true), ("请求体", true), ("响应体", false) })
        {
            if (tables.GetValueOrDefault(heading) is { } rows)
            {
                CountFields(rows, request, counts);
            }
        }

        counts.Add(Facts.JsonExamples, JsonExample().Matches(page).Count);
        counts.Add(Facts.ErrorCodes, (tables.GetValueOrDefault("错误码") ?? []).Skip(1).Count(r => r.Count >= 2 && Regex.IsMatch(r[1], @"^\s*\d+\s*$")));
        return counts;
    }

    private static void CountFields(List<List<string>> rows, bool request, FactCounts counts)
    {
        var header = rows[0];
        int Column(string name) => header.FindIndex(c => c.Trim() == name);
        var (typeColumn, requiredColumn, descriptionColumn) = (Column("类型"), Column("必填"), Column("描述"));
        // Rows under a built-in type's row, and in a response the envelope around data, are not counted.
        var skipBelow = int.MaxValue;
        var inData = request;
        foreach (var row in rows.Skip(1))
        {
            var depth = Regex.Matches(row[0], "&nbsp;&nbsp;").Count;
            var name = row[0].Replace("&nbsp;", "", StringComparison.Ordinal).Replace("└", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).Trim();
            if (!request && depth == 0)
            {
                inData = name == "data";
                continue;
            }

            if (!inData || depth > skipBelow)
            {
                continue;
            }

            skipBelow = int.MaxValue;
            var type = typeColumn >= 0 && typeColumn < row.Count ? row[typeColumn].Replace("`", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal).Trim() : "";
            var baseType = type.EndsWith("[]", StringComparison.Ordinal) ? type[..^2] : type;
            if (Facts.BuiltInTypes.Contains(baseType))
            {
                skipBelow = depth;
            }

            if (request && requiredColumn >= 0 && requiredColumn < row.Count && row[requiredColumn].Trim() == "是")
            {
                counts.Add(Facts.Required);
            }

            if (Facts.NumericTypeNames.Contains(baseType))
            {
                counts.Add(Facts.NumericTypes);
            }

            if (descriptionColumn >= 0 && descriptionColumn < row.Count)
            {
                CountDescription(row[descriptionColumn], counts);
            }
        }
    }

    private static void CountDescription(string cell, FactCounts counts)
    {
        var parts = cell.Split("<br>", StringSplitOptions.TrimEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            string Following() => i + 1 < parts.Length ? parts[++i] : "";
            if (part.StartsWith("**示例值**", StringComparison.Ordinal))
            {
                counts.Add(Facts.FieldExamples);
            }
            else if (part.StartsWith("**默认值**", StringComparison.Ordinal))
            {
                counts.Add(Facts.Defaults);
            }
            else if (part.StartsWith("**可选值有**", StringComparison.Ordinal))
            {
                var values = part.Length > "**可选值有**：".Length ? part : Following();
                counts.Add(Facts.EnumValues, EnumValue().Matches(values).Count);
            }
            else if (part.StartsWith("**数据校验规则**", StringComparison.Ordinal))
            {
                var rules = part.Length > "**数据校验规则**：".Length ? part["**数据校验规则**：".Length..] : Following();
                counts.Add(Facts.Rules, RuleItem().Matches(rules).Count);
            }
            else if (part.StartsWith("**字段权限要求", StringComparison.Ordinal) || part.StartsWith("**当值为", StringComparison.Ordinal))
            {
                counts.Add(Facts.FieldScopes, ScopeName().Matches(part).Count);
            }
        }
    }

    /// <summary>Every Markdown table of the page, by the heading above it.</summary>
    private static Dictionary<string, List<List<string>>> Tables(string page)
    {
        var tables = new Dictionary<string, List<List<string>>>(StringComparer.Ordinal);
        var heading = "";
        foreach (var line in page.Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                heading = line.TrimStart('#').Trim();
            }
            else if (line.TrimStart().StartsWith('|') && !Regex.IsMatch(line, @"^\s*\|(\s*-+\s*\|)+\s*$"))
            {
                if (!tables.TryGetValue(heading, out var rows))
                {
                    tables[heading] = rows = [];
                }

                rows.Add(MarkdownText.Cells(line));
            }
        }

        return tables;
    }

    [GeneratedRegex(@"\d+\s*次\s*/")]
    private static partial Regex RateWindow();

    [GeneratedRegex(@"`[a-z0-9_.]+:[a-zA-Z0-9_.:]+`")]
    private static partial Regex ScopeName();

    [GeneratedRegex(@"`[^`]+`\s*[:：]")]
    private static partial Regex EnumValue();

    // An item of 数据校验规则: "- 长度范围：`0` ～ `100`", "- 正则校验：`^…$`".
    [GeneratedRegex(@"(?:^|\s)-\s*[^\s`：:]+[：:]")]
    private static partial Regex RuleItem();

    [GeneratedRegex(@"###\s*(?:请求体示例|响应体示例)\s*\n+```json")]
    private static partial Regex JsonExample();
}
