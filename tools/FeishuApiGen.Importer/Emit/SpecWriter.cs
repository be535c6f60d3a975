using System.Globalization;
using System.Text;
using FeishuApiGen.Importer.Model;

namespace FeishuApiGen.Importer.Emit;

/// <summary>
/// Writes a <see cref="DocPage"/> as an endpoint spec (docs/spec-format.md) the way a person would: the top-level facts
/// first, one field a block, short fields on one line. The same page always gives the same bytes.
/// </summary>
internal static class SpecWriter
{
    public static string Write(DocPage page, List<string> problems)
    {
        var yaml = new StringBuilder();
        yaml.Append("spec_version: 1\n");
        var (project, version, resource, name) = Identity(page, problems);
        yaml.Append(CultureInfo.InvariantCulture, $"api: {{ project: {project}, version: {version}, resource: {resource}, name: {name} }}\n");
        yaml.Append("title: ").Append(YamlScalar.String(page.Title)).Append('\n');
        if (page.Description is { Length: > 0 } description)
        {
            yaml.Append("description: ").Append(YamlScalar.String(description)).Append('\n');
        }

        if (page.DocUrl is { } docUrl)
        {
            yaml.Append("doc_url: ").Append(docUrl).Append('\n');
        }

        yaml.Append(CultureInfo.InvariantCulture, $"http: {{ method: {page.HttpMethod}, path: {page.HttpPath} }}\n");
        if (page.Deprecated)
        {
            yaml.Append("deprecated: true\n");
        }

        if (page.RateLimits.Count > 0)
        {
            yaml.Append("rate_limit:\n");
            foreach (var limit in page.RateLimits)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - {{ limit: {limit.Limit}, per: {limit.Per} }}\n");
            }
        }

        else if (page.SpecialRateLimit)
        {
            yaml.Append("rate_limit: special\n");
        }

        if (page.AppTypes.Count > 0)
        {
            yaml.Append("app_types: [").Append(string.Join(", ", page.AppTypes)).Append("]\n");
        }

        yaml.Append("access_tokens: [").Append(string.Join(", ", page.AccessTokens)).Append("]\n");
        WriteScopes(yaml, "scopes", page.Scopes);
        WriteScopes(yaml, "field_scopes", page.FieldScopes);
        WriteFields(yaml, "path_params", page.PathParams, problems);
        WriteFields(yaml, "query", page.Query, problems);
        WriteFields(yaml, "body", page.Body, problems);
        if (page.ResponseData.Count > 0)
        {
            yaml.Append("response:\n  data:\n");
            foreach (var field in page.ResponseData)
            {
                WriteField(yaml, field, "    ", "response.data", problems);
            }
        }

        if (page.RequestExample is not null || page.ResponseExample is not null)
        {
            yaml.Append("examples:\n");
            if (page.RequestExample is { } request)
            {
                yaml.Append("  request: ").Append(YamlScalar.Block(request, "    ")).Append('\n');
            }

            if (page.ResponseExample is { } response)
            {
                yaml.Append("  response: ").Append(YamlScalar.Block(response, "    ")).Append('\n');
            }
        }

        return yaml.ToString();
    }

    /// <summary>
    /// project, version, resource and name as Feishu's API explorer names them, from the page's address
    /// (<c>…/corehr-v2/probation-assessment/create</c>): <c>-</c> in the resource segment separates its levels.
    /// </summary>
    internal static (string Project, string Version, string Resource, string Name) Identity(DocPage page, List<string> problems)
    {
        var segments = (page.DocUrl ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 2 < segments.Length; i++)
        {
            var dash = segments[i].LastIndexOf('-');
            if (dash > 0 && segments[i][(dash + 1)..] is ['v', .. var digits] && digits.All(char.IsAsciiDigit) && digits.Length > 0)
            {
                return (segments[i][..dash], segments[i][(dash + 1)..], segments[i + 1].Replace('-', '.'), segments[^1]);
            }
        }

        // No explorer address: the HTTP path names the project and version, the rest is a guess to correct by hand.
        var path = page.HttpPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        problems.Add("api: the page gives no address of the form …/<project>-<version>/<resource>/<name>; project, version, resource and name come from the HTTP path: check them");
        var rest = path.Skip(3).Where(s => !s.StartsWith(':')).ToList();
        return (
            path.ElementAtOrDefault(1) ?? "unknown",
            path.ElementAtOrDefault(2) ?? "v1",
            rest.Count > 1 ? string.Join(".", rest.Take(rest.Count - 1)) : rest.FirstOrDefault() ?? "unknown",
            rest.Count > 1 ? rest[^1] : page.HttpMethod.ToLowerInvariant());
    }

    private static void WriteScopes(StringBuilder yaml, string key, IReadOnlyList<DocScope> scopes)
    {
        if (scopes.Count == 0)
        {
            return;
        }

        yaml.Append(key).Append(":\n");
        foreach (var scope in scopes)
        {
            yaml.Append("  - { name: ").Append(YamlScalar.Quoted(scope.Name)).Append(", title: ").Append(YamlScalar.String(scope.Title)).Append(" }\n");
        }
    }

    private static void WriteFields(StringBuilder yaml, string key, IReadOnlyList<DocField> fields, List<string> problems)
    {
        if (fields.Count == 0)
        {
            return;
        }

        yaml.Append(key).Append(":\n");
        foreach (var field in fields)
        {
            WriteField(yaml, field, "  ", key, problems);
        }
    }

    private static void WriteField(StringBuilder yaml, DocField field, string indent, string parent, List<string> problems)
    {
        var where = parent + "." + field.Name;
        var type = SpecType(field, where, problems);
        var isList = type.EndsWith("[]", StringComparison.Ordinal);
        var scalar = isList ? type[..^2] : type;
        var keys = new List<(string Key, string Value)> { ("type", type.Contains('[') ? YamlScalar.String(type) : type) };
        if (field.Required)
        {
            keys.Add(("required", "true"));
        }

        if (field.Description is { } description)
        {
            keys.Add(("description", YamlScalar.String(description)));
        }

        if (field.Example is { } example && !isList)
        {
            keys.Add(("example", YamlScalar.Value(example, scalar)));
        }

        if (field.Default is { } defaultValue)
        {
            keys.Add(("default", YamlScalar.Value(defaultValue, scalar)));
        }

        if (field.Min is { } min)
        {
            keys.Add(("min", min.ToString(CultureInfo.InvariantCulture)));
        }

        if (field.Max is { } max)
        {
            keys.Add(("max", max.ToString(CultureInfo.InvariantCulture)));
        }

        // A length rule on a list counts its items; on a string, its characters.
        if (field.MinLength is { } minLength && minLength > 0)
        {
            keys.Add((isList ? "min_items" : "min_length", minLength.ToString(CultureInfo.InvariantCulture)));
        }

        if (field.MaxLength is { } maxLength)
        {
            keys.Add((isList ? "max_items" : "max_length", maxLength.ToString(CultureInfo.InvariantCulture)));
        }

        if (field.Pattern is { } pattern)
        {
            keys.Add(("pattern", YamlScalar.String(pattern)));
        }

        if (field.Scopes.Count > 0)
        {
            keys.Add(("scopes", "[" + string.Join(", ", field.Scopes.Select(YamlScalar.Quoted)) + "]"));
        }

        if (field.Name == "client_token" && parent == "query")
        {
            keys.Add(("idempotency_key", "true"));
        }

        var block = field.Enum.Count > 0 || field.ScopesWhen.Count > 0 || field.Children.Count > 0;
        if (!block && keys.Sum(k => k.Key.Length + k.Value.Length + 4) + indent.Length + field.Name.Length < 110)
        {
            yaml.Append(indent).Append(YamlScalar.String(field.Name)).Append(": { ")
                .Append(string.Join(", ", keys.Select(k => k.Key + ": " + k.Value))).Append(" }\n");
            return;
        }

        yaml.Append(indent).Append(YamlScalar.String(field.Name)).Append(":\n");
        var inner = indent + "  ";
        foreach (var (key, value) in keys)
        {
            yaml.Append(inner).Append(key).Append(": ").Append(value).Append('\n');
        }

        if (field.Enum.Count > 0)
        {
            var integer = scalar is "int" or "int64";
            if (scalar == "string" || (integer && field.Enum.All(e => long.TryParse(e.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))))
            {
                yaml.Append(inner).Append("enum:\n");
                foreach (var (value, text) in field.Enum)
                {
                    // An integer enum's values are written plain, so they read back as the numbers they are.
                    yaml.Append(inner).Append("  ").Append(integer ? value : YamlScalar.String(value)).Append(": ").Append(YamlScalar.String(text)).Append('\n');
                }
            }
            else
            {
                problems.Add($"{where}: 可选值有 on a {type} field ({string.Join(", ", field.Enum.Select(e => e.Key))}): the spec format has enums on strings and integers only, so none is written");
            }
        }

        if (field.ScopesWhen.Count > 0)
        {
            yaml.Append(inner).Append("scopes_when:\n");
            foreach (var (value, scopes) in field.ScopesWhen)
            {
                yaml.Append(inner).Append("  ").Append(YamlScalar.String(value)).Append(": [")
                    .Append(string.Join(", ", scopes.Select(YamlScalar.Quoted))).Append("]\n");
            }
        }

        if (field.Children.Count > 0)
        {
            yaml.Append(inner).Append("fields:\n");
            foreach (var child in field.Children)
            {
                WriteField(yaml, child, inner + "  ", where, problems);
            }
        }
    }

    /// <summary>The spec's type for the page's: <c>number(float)</c> is <c>float</c>, <c>\-</c> an object.</summary>
    private static string SpecType(DocField field, string where, List<string> problems)
    {
        var type = field.Type.Replace(" ", "", StringComparison.Ordinal);
        var isList = type.EndsWith("[]", StringComparison.Ordinal);
        var scalar = isList ? type[..^2] : type;
        scalar = scalar switch
        {
            "number(float)" or "number" or "float" or "double" => "float",
            "int" or "int32" or "integer" => "int",
            "int64" or "long" => "int64",
            "bool" or "boolean" => "boolean",
            "string" => "string",
            "-" or "" or "object" or "map" => field.Children.Count > 0 ? "object" : "object",
            _ => scalar,
        };
        if (scalar == "object" && field.Children.Count == 0)
        {
            problems.Add($"{where}: an object without documented members");
        }

        return isList ? scalar + "[]" : scalar;
    }
}
