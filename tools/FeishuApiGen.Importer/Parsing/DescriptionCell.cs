using System.Globalization;
using System.Text.RegularExpressions;
using FeishuApiGen.Importer.Model;

namespace FeishuApiGen.Importer.Parsing;

/// <summary>
/// Reads the facts a field's 描述 cell carries after its prose, each in a <c>&lt;br&gt;</c>-separated part that starts
/// with a bold label: 示例值, 可选值有, 默认值, 数据校验规则 and 当值为 X，字段权限要求.
/// </summary>
internal static partial class DescriptionCell
{
    /// <summary>Fills <paramref name="field"/> from <paramref name="cell"/>; what it cannot read goes to <paramref name="problems"/>.</summary>
    public static void Read(string cell, DocField field, string where, List<string> problems)
    {
        var parts = cell.Split("<br>", StringSplitOptions.TrimEntries);
        var prose = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (Labelled(part, "示例值") is { } example)
            {
                field.Example = Unquote(MarkdownText.Plain(example));
            }
            else if (Labelled(part, "默认值") is { } defaultValue)
            {
                field.Default = Unquote(MarkdownText.Plain(defaultValue));
            }
            else if (Labelled(part, "可选值有") is { } inline)
            {
                // The values follow in the same part or the next: "- `a`: text - `b`: text".
                var values = inline.Length > 0 ? inline : i + 1 < parts.Length ? parts[++i] : "";
                ReadEnum(values, field, where, problems);
            }
            else if (Labelled(part, "数据校验规则") is { } inlineRules)
            {
                var rules = inlineRules.Length > 0 ? inlineRules : i + 1 < parts.Length ? parts[++i] : "";
                ReadRules(rules, field, where, problems);
            }
            else if ((Labelled(part, "字段权限要求") ?? Labelled(part, "字段权限要求（满足任一）")) is { } fieldScopes)
            {
                field.Scopes.AddRange(Scopes.Read(fieldScopes).Select(s => s.Name));
            }
            else if (ScopesWhenLabel().Match(part) is { Success: true } when)
            {
                var scopes = Scopes.Read(part[(when.Index + when.Length)..]).Select(s => s.Name).ToList();
                field.ScopesWhen.Add(new(when.Groups[1].Value, scopes));
            }
            else
            {
                prose.Add(part);
            }
        }

        var description = MarkdownText.Plain(string.Join(" ", prose));
        field.Description = description.Length > 0 ? description : null;
    }

    /// <summary>The text after <c>**label**：</c> (either colon), or null when <paramref name="part"/> has another label.</summary>
    private static string? Labelled(string part, string label)
    {
        var prefix = "**" + label + "**";
        if (!part.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = part[prefix.Length..].TrimStart();
        return (rest.StartsWith('：') || rest.StartsWith(':') ? rest[1..] : rest).Trim();
    }

    private static void ReadEnum(string values, DocField field, string where, List<string> problems)
    {
        var matches = EnumItem().Matches(values);
        if (matches.Count == 0)
        {
            problems.Add($"{where}: 可选值有 lists no value this reader knows: {values}");
            return;
        }

        foreach (Match match in matches)
        {
            field.Enum.Add(new(MarkdownText.Unescape(match.Groups[1].Value), MarkdownText.Plain(match.Groups[2].Value)));
        }
    }

    private static void ReadRules(string rules, DocField field, string where, List<string> problems)
    {
        foreach (var rule in RuleSeparator().Split(rules).Select(r => r.Trim()).Where(r => r.Length > 0))
        {
            var text = rule.TrimStart('-', ' ');
            if (RangeRule().Match(text) is { Success: true } range)
            {
                var (low, high) = (range.Groups[2].Value, range.Groups[3].Value);
                if (range.Groups[1].Value == "取值范围")
                {
                    field.Min = decimal.Parse(low, CultureInfo.InvariantCulture);
                    field.Max = decimal.Parse(high, CultureInfo.InvariantCulture);
                }
                else
                {
                    field.MinLength = long.Parse(low, CultureInfo.InvariantCulture);
                    field.MaxLength = long.Parse(high, CultureInfo.InvariantCulture);
                }
            }
            else if (BoundRule().Match(text) is { Success: true } bound)
            {
                var value = bound.Groups[2].Value;
                switch (bound.Groups[1].Value)
                {
                    case "最大长度":
                        field.MaxLength = long.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "最小长度":
                        field.MinLength = long.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "最大值":
                        field.Max = decimal.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    default:
                        field.Min = decimal.Parse(value, CultureInfo.InvariantCulture);
                        break;
                }
            }
            else if (PatternRule().Match(text) is { Success: true } pattern)
            {
                field.Pattern = pattern.Groups[1].Value;
            }
            else
            {
                problems.Add($"{where}: 数据校验规则 '{text}' is not a rule this reader knows");
            }
        }
    }

    /// <summary>An example is written as JSON would write it; a quoted string is its content.</summary>
    private static string Unquote(string value)
        => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    // " - " between rules, but not inside a backticked pattern.
    [GeneratedRegex(@"\s-\s(?=(?:[^`]*`[^`]*`)*[^`]*$)")]
    private static partial Regex RuleSeparator();

    [GeneratedRegex(@"^\*\*当值为\s*`([^`]+)`\s*[，,]\s*字段权限要求\*\*\s*[：:]")]
    private static partial Regex ScopesWhenLabel();

    [GeneratedRegex(@"-\s*`([^`]+)`\s*[:：]\s*(.*?)(?=\s+-\s*`|$)")]
    private static partial Regex EnumItem();

    [GeneratedRegex(@"^(长度范围|取值范围)\s*[：:]\s*`(-?[\d.]+)`\s*～\s*`(-?[\d.]+)`")]
    private static partial Regex RangeRule();

    [GeneratedRegex(@"^(最大长度|最小长度|最大值|最小值)\s*[：:]\s*`(-?[\d.]+)`")]
    private static partial Regex BoundRule();

    [GeneratedRegex(@"^正则校验\s*[：:]\s*`(.+)`\s*$")]
    private static partial Regex PatternRule();
}

/// <summary>Scope lists as the pages write them: <c>`corehr:x:read` 标题 `corehr:y:write` 标题</c>.</summary>
internal static partial class Scopes
{
    public static List<DocScope> Read(string text)
        => ScopeItem().Matches(text).Select(m => new DocScope(m.Groups[1].Value, MarkdownText.Plain(m.Groups[2].Value))).ToList();

    [GeneratedRegex(@"`([a-z][a-z0-9_.\-]*:[a-z0-9_.:\-]+)`\s*([^`]*)")]
    private static partial Regex ScopeItem();
}
