using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FeishuApiGen.Importer.Model;

namespace FeishuApiGen.Importer.Emit;

/// <summary>
/// Writes a <see cref="DocPage"/> as an endpoint spec (docs/spec-format.md) the way a person would: the top-level facts
/// first, one field a block, short fields on one line. The same page always gives the same bytes.
/// </summary>
internal static partial class SpecWriter
{
    /// <param name="page">The page read.</param>
    /// <param name="problems">Where what cannot be mapped is reported.</param>
    /// <param name="shared">What the page's project version shares, when the whole catalogue is imported at once.</param>
    public static string Write(DocPage page, List<string> problems, Catalog.SharedTypes? shared = null)
    {
        var yaml = new StringBuilder();
        var types = new PageTypes(problems, shared, ObjectTypeNames(page));
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
        WriteFields(yaml, types, "path_params", page.PathParams, problems);
        WriteFields(yaml, types, "query", page.Query, problems);
        WriteFields(yaml, types, "body", page.Body, problems);
        if (page.ResponseData.Count > 0)
        {
            yaml.Append("response:\n  data:\n");
            foreach (var field in page.ResponseData)
            {
                WriteField(yaml, types, field, "    ", "response.data", problems);
            }
        }

        // A page walked by page_token whose items are in several arrays (changed and deleted ids) gets no iterator.
        var arrays = page.ResponseData.Where(f => f.Type.EndsWith("[]", StringComparison.Ordinal)).ToList();
        if (page.Query.Any(f => f.Name == "page_token") && page.ResponseData.Any(f => f.Name == "has_more") && page.ResponseData.Any(f => f.Name == "page_token")
            && arrays.Count > 1 && arrays.All(f => f.Name != "items"))
        {
            yaml.Append("pagination: false\n");
            problems.Add($"pagination: the pages hold several arrays ({string.Join(", ", arrays.Select(a => a.Name))}); the pages are walked by hand, no iterator is generated");
        }

        if (page.Errors.Count > 0)
        {
            yaml.Append("errors:\n");
            foreach (var error in page.Errors)
            {
                yaml.Append("  - { http_status: ").Append(error.HttpStatus.ToString(CultureInfo.InvariantCulture))
                    .Append(", code: ").Append(error.Code.ToString(CultureInfo.InvariantCulture))
                    .Append(", message: ").Append(YamlScalar.String(error.Message));
                if (error.Hint is { } hint)
                {
                    yaml.Append(", hint: ").Append(YamlScalar.String(hint));
                }

                yaml.Append(" }\n");
            }
        }

        var requestExample = ValidJson(page.RequestExample, "request", problems);
        var responseExample = ValidJson(page.ResponseExample, "response", problems);
        if (requestExample is not null || responseExample is not null)
        {
            yaml.Append("examples:\n");
            if (requestExample is { } request)
            {
                yaml.Append("  request: ").Append(YamlScalar.Block(request, "    ")).Append('\n');
            }

            if (responseExample is { } response)
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
        var path = page.HttpPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 2 < segments.Length; i++)
        {
            var dash = segments[i].LastIndexOf('-');
            // Only an explorer address names the API (…/corehr-v2/probation-assessment/create); a doc-tree address such
            // as …/corehr-v1/probation/create names the doc section, whose version need not be the endpoint's.
            if (dash > 0 && segments[i][(dash + 1)..] is ['v', .. var digits] && digits.All(char.IsAsciiDigit) && digits.Length > 0
                && segments[i][..dash] == path.ElementAtOrDefault(1) && segments[i][(dash + 1)..] == path.ElementAtOrDefault(2))
            {
                // A name such as get-flow is get_flow: C# takes no '-'.
                return (segments[i][..dash], segments[i][(dash + 1)..], segments[i + 1].Replace('-', '.'), segments[^1].Replace('-', '_'));
            }
        }

        // No explorer address: the HTTP path names the project and version, the rest is a guess to correct by hand.
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

    /// <summary>The names of the object types the page uses, as the spec writes them.</summary>
    private static IEnumerable<string> ObjectTypeNames(DocPage page)
    {
        IEnumerable<DocField> Walk(IEnumerable<DocField> fields) => fields.SelectMany(f => new[] { f }.Concat(Walk(f.Children)));
        return Walk(page.PathParams.Concat(page.Query).Concat(page.Body).Concat(page.ResponseData))
            .Select(f => ScalarType(f.Type).TrimEnd('[', ']'))
            .Where(t => !IsScalar(t) && t != "object")
            .Select(PageTypes.Sanitize);
    }

    /// <summary>Writes a project version's shared types file: the object types and enums its pages share.</summary>
    public static string WriteShared(Catalog.SharedTypes shared, List<string> problems)
    {
        var yaml = new StringBuilder();
        yaml.Append("# The shared types of ").Append(shared.Project).Append(' ').Append(shared.Version)
            .Append(": object types and enums two or more of its doc pages give alike, declared once. Written by the catalogue import.\n");
        yaml.Append("spec_version: 1\n");
        yaml.Append(CultureInfo.InvariantCulture, $"shared_types: {{ project: {shared.Project}, version: {shared.Version} }}\n");
        // Shared types inside shared types are referred to by name; another shape under a shared name gets another name.
        var types = new PageTypes(problems, shared);
        foreach (var (name, shape) in shared.ObjectShapes)
        {
            types.Reserve(name, shape);
        }

        if (shared.Objects.Count > 0)
        {
            yaml.Append("types:\n");
            foreach (var (name, field) in shared.Objects)
            {
                yaml.Append("  ").Append(name).Append(":\n    fields:\n");
                foreach (var child in field.Children)
                {
                    WriteField(yaml, types, child, "      ", "types." + name, problems);
                }
            }
        }

        if (shared.Enums.Count > 0)
        {
            yaml.Append("enums:\n");
            foreach (var (name, values) in shared.Enums)
            {
                yaml.Append("  ").Append(name).Append(":\n");
                foreach (var (value, text) in values)
                {
                    yaml.Append("    ").Append(YamlScalar.String(value)).Append(": ").Append(YamlScalar.String(text)).Append('\n');
                }
            }
        }

        return yaml.ToString();
    }

    /// <summary>Why the field would refuse its own default, or null when it takes it.</summary>
    /// <summary><c>["a", "b"]</c> as the YAML flow list <c>[a, b]</c>, or null when the text is no JSON list of plain values.</summary>
    private static string? FlowList(string text, string scalar)
    {
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(text) is System.Text.Json.Nodes.JsonArray items
                && items.All(i => i is System.Text.Json.Nodes.JsonValue))
            {
                return "[" + string.Join(", ", items.Select(i => i!.GetValueKind() == System.Text.Json.JsonValueKind.String
                    ? YamlScalar.String(i.GetValue<string>())
                    : YamlScalar.Value(i.ToJsonString(), scalar))) + "]";
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return null;
    }

    /// <summary>A list value as the page writes it, <c>[1, 2]</c>, <c>["a"]</c> or <c>a,b</c>, as its items.</summary>
    private static List<string> ListItems(string value)
    {
        var inner = value.Trim();
        if (inner.StartsWith('[') && inner.EndsWith(']'))
        {
            inner = inner[1..^1];
        }

        return inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(item => item.Trim('"')).ToList();
    }

    private static string? Contradiction(DocField field, string scalar, string value)
    {
        if (field.Enum.Count > 0 && (scalar is "string" or "int" or "int64") && field.Enum.All(e => e.Key != value))
        {
            return "is not among its values (" + string.Join(", ", field.Enum.Select(e => e.Key)) + ")";
        }

        if (scalar is "int" or "int64" or "float")
        {
            if (!decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return "is not a number";
            }

            if (number < field.Min || number > field.Max)
            {
                return "is outside its range";
            }
        }

        if (scalar == "string" && (value.Length < field.MinLength || value.Length > field.MaxLength))
        {
            return "is outside its length range";
        }

        return null;
    }

    /// <summary>The page's JSON example, or null (reported) when it is not JSON: the spec carries only examples that parse.</summary>
    private static string? ValidJson(string? example, string which, List<string> problems)
    {
        if (example is null)
        {
            return null;
        }

        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(example);
            return example;
        }
        catch (System.Text.Json.JsonException ex)
        {
            problems.Add($"examples.{which}: the page's example is not valid JSON ({ex.Message.Split('.')[0]}), so it is left out");
            return null;
        }
    }

    private static void WriteFields(StringBuilder yaml, PageTypes types, string key, IReadOnlyList<DocField> fields, List<string> problems)
    {
        if (fields.Count == 0)
        {
            return;
        }

        yaml.Append(key).Append(":\n");
        foreach (var field in fields)
        {
            WriteField(yaml, types, field, "  ", key, problems);
        }
    }

    private static void WriteField(StringBuilder yaml, PageTypes types, DocField field, string indent, string parent, List<string> problems)
    {
        var where = parent + "." + field.Name;
        var type = SpecType(field, where, problems);
        var isList = type.EndsWith("[]", StringComparison.Ordinal);
        var scalar = isList ? type[..^2] : type;
        var writeMembers = field.Children.Count > 0;
        if (!IsScalar(scalar) && scalar != "object")
        {
            (scalar, writeMembers) = types.Name(field, scalar, where);
            type = isList ? scalar + "[]" : scalar;
        }

        // A string enum the project version shares: the field takes the shared enum, listing its values only when fewer.
        var sharedEnum = scalar == "string" ? types.SharedEnum(field) : null;
        if (sharedEnum is not null)
        {
            type = isList ? field.Name + "[]" : field.Name;
        }
        var keys = new List<(string Key, string Value)> { ("type", type.Contains('[') ? YamlScalar.String(type) : type) };
        if (field.Required)
        {
            keys.Add(("required", "true"));
        }

        if (field.Description is { } description)
        {
            keys.Add(("description", YamlScalar.String(description)));
        }

        if (field.Example is { } wrong && !isList && Contradiction(field, scalar, wrong) is { } wrongWhy)
        {
            // An example the field would refuse teaches the wrong value: left out, like a contradicting default.
            problems.Add($"{where}: the page's example '{wrong}' {wrongWhy}, so the example is not written");
        }
        else if (field.Example is { } example && !isList)
        {
            keys.Add(("example", YamlScalar.Value(example, scalar)));
        }
        else if (field.Example is { } listExample)
        {
            // A list's example as the page writes it: a flow list when it is a JSON list of plain values, else its text.
            keys.Add(("example", FlowList(listExample, scalar) ?? YamlScalar.String(listExample)));
        }

        // A list's default is a list ([1]): each item must be a value the field takes.
        var defaults = field.Default is { } given ? isList ? ListItems(given) : [given] : [];
        if (defaults.Select(d => Contradiction(field, scalar, d) is { } why ? (Value: d, Why: why) : default).FirstOrDefault(c => c.Why is not null) is { Why: not null } contradicted)
        {
            // The generator refuses a default the field would refuse: the page contradicts itself, so neither is guessed.
            problems.Add($"{where}: the page's default '{field.Default}' {(isList ? "holds '" + contradicted.Value + "', which " : "")}{contradicted.Why}, so the default is not written");
        }
        else if (field.Default is { } defaultValue)
        {
            keys.Add(("default", isList ? "[" + string.Join(", ", defaults.Select(d => YamlScalar.Value(d, scalar))) + "]" : YamlScalar.Value(defaultValue, scalar)));
        }

        if (field.Min is { } min)
        {
            keys.Add(("min", min.ToString(CultureInfo.InvariantCulture)));
        }

        if (field.Max is { } max)
        {
            keys.Add(("max", max.ToString(CultureInfo.InvariantCulture)));
        }

        // A length rule on a list counts its items; on a string, its characters; on anything else it says nothing checkable.
        if (field.MinLength is not null || field.MaxLength is not null)
        {
            if (!isList && scalar != "string")
            {
                problems.Add($"{where}: 长度范围 on a {type} field applies to no string or list, so it is not written");
            }
            else
            {
                var lengthKey = isList ? "items" : "length";
                if (field.MinLength is { } minLength && minLength > 0)
                {
                    keys.Add(("min_" + lengthKey, minLength.ToString(CultureInfo.InvariantCulture)));
                }

                // Written as the page gives it, even past what a list or string can hold: the generator documents such a bound.
                if (field.MaxLength is { } maxLength)
                {
                    keys.Add(("max_" + lengthKey, maxLength.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }

        if (field.Pattern is { } pattern)
        {
            keys.Add(("pattern", YamlScalar.String(pattern)));
        }

        if (scalar == "string" && !isList && StatedFormat(field, where, problems) is { } format)
        {
            keys.Add(("format", format));
        }

        if (field.Scopes.Count > 0)
        {
            keys.Add(("scopes", "[" + string.Join(", ", field.Scopes.Select(YamlScalar.Quoted)) + "]"));
        }

        if (field.Name == "client_token" && parent == "query")
        {
            keys.Add(("idempotency_key", "true"));
        }

        var block = (field.Enum.Count > 0 && (sharedEnum is null || field.Enum.Count < sharedEnum.Count)) || field.ScopesWhen.Count > 0 || (writeMembers && field.Children.Count > 0);
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

        if (sharedEnum is not null)
        {
            if (field.Enum.Count < sharedEnum.Count)
            {
                yaml.Append(inner).Append("enum: [").Append(string.Join(", ", field.Enum.Select(e => YamlScalar.String(e.Key)))).Append("]\n");
            }
        }
        else if (field.Enum.Count > 0)
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

        if (writeMembers && field.Children.Count > 0)
        {
            yaml.Append(inner).Append("fields:\n");
            foreach (var child in field.Children)
            {
                WriteField(yaml, types, child, inner + "  ", where, problems);
            }
        }
    }

    /// <summary>The spec's type for the page's: <c>number(float)</c> is <c>float</c>, <c>\-</c> an object.</summary>
    private static string SpecType(DocField field, string where, List<string> problems)
    {
        var type = ScalarType(field.Type);
        if (type.EndsWith("[][]", StringComparison.Ordinal))
        {
            // The outer list keeps its rules (长度范围 counts its items); each item, itself a list, is free-form JSON.
            problems.Add($"{where}: a list of lists ({field.Type}) is written object[]: each inner list is free-form JSON, its members untyped");
            return "object[]";
        }

        if (type == "object" && field.Children.Count == 0)
        {
            problems.Add($"{where}: an object without documented members");
        }

        return type;
    }

    /// <summary>The spec's spelling of a page's type, <c>[]</c> kept: <c>number(float)</c> is <c>float</c>, <c>\-</c> <c>object</c>.</summary>
    internal static string ScalarType(string pageType)
    {
        var type = pageType.Replace(" ", "", StringComparison.Ordinal);
        var isList = type.EndsWith("[]", StringComparison.Ordinal);
        var scalar = isList ? type[..^2] : type;
        scalar = scalar switch
        {
            "number(float)" or "number" or "float" or "double" => "float",
            "int" or "int32" or "integer" => "int",
            "int64" or "long" or "number(int64)" => "int64",
            "bool" or "boolean" => "boolean",
            "string" => "string",
            "-" or "\\-" or "" or "object" or "map" => "object",
            _ => scalar,
        };
        return isList ? scalar + "[]" : scalar;
    }

    private static bool IsScalar(string type) => type is "string" or "int" or "int64" or "float" or "boolean" or "object" || type.EndsWith("[]", StringComparison.Ordinal);
    /// <summary>
    /// The format a string field's description states (格式：YYYY-MM-DD; YYYY-MM-DD HH:mm:ss), written when the page's
    /// example agrees with it. A range (yyyy-mm-dd~yyyy-mm-dd) or two different forms state no one format.
    /// </summary>
    internal static string? StatedFormat(DocField field, string where, List<string> problems)
    {
        if (field.Description is not { } description)
        {
            return null;
        }

        var stated = DateForm().Matches(description).Select(m => m.Groups["time"].Success ? "datetime" : m.Groups["range"].Success ? "range" : "date").Distinct().ToList();
        if (stated is not [var format] || format == "range")
        {
            return null;
        }

        var agrees = field.Example is not { } example || (format == "date" ? DateExample() : DateTimeExample()).IsMatch(example);
        if (!agrees)
        {
            problems.Add($"{where}: the page states the form {format} but its example '{field.Example}' is not one, so no format is written");
            return null;
        }

        return format;
    }

    [GeneratedRegex(@"[Yy]{4}-[Mm]{2}-[Dd]{2}(?<time>\s+(?:[Hh]{2}:mm:ss|00:00:00))?(?<range>\s*[~～])?")]
    private static partial Regex DateForm();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateExample();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex DateTimeExample();
}
