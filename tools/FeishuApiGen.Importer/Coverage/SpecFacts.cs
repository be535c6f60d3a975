using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Importer.Coverage;

/// <summary>
/// Counts the facts a spec carries, the way <see cref="PageFacts"/> counts a page's: a field whose type is declared
/// elsewhere (earlier in the spec, or in its version's shared types file) counts that type's members where it is used,
/// as the page lists them again wherever the type appears.
/// </summary>
internal sealed class SpecFacts
{
    private readonly Dictionary<string, YamlMappingNode> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _enumSizes = new(StringComparer.Ordinal);
    private readonly FactCounts _counts = new();

    private SpecFacts(YamlMappingNode spec, IEnumerable<YamlMappingNode> sharedTypesFiles)
    {
        foreach (var shared in sharedTypesFiles)
        {
            foreach (var (name, type) in Entries(shared, "types"))
            {
                if (Map(type, "fields") is { } fields)
                {
                    _types[name] = fields;
                }
            }

            foreach (var (name, values) in Entries(shared, "enums"))
            {
                _enumSizes[name] = values is YamlMappingNode map ? map.Children.Count : values is YamlSequenceNode list ? list.Children.Count : 0;
            }
        }

        foreach (var (name, type) in Entries(spec, "types"))
        {
            if (Map(type, "fields") is { } fields)
            {
                _types[name] = fields;
            }
        }

        // Types declared inline on first use ({type: x, fields: …}) are referred to by name afterwards.
        CollectInline(spec);
    }

    public static FactCounts Count(string specYaml, IEnumerable<string> sharedTypesYaml)
    {
        var facts = new SpecFacts(Load(specYaml), sharedTypesYaml.Select(Load));
        return facts.CountAll(Load(specYaml));
    }

    private FactCounts CountAll(YamlMappingNode spec)
    {
        var rateLimit = Child(spec, "rate_limit");
        _counts.Add(Facts.RateLimit, rateLimit is YamlSequenceNode windows ? windows.Children.Count : rateLimit is YamlScalarNode { Value: "special" } ? 1 : 0);
        _counts.Add(Facts.AppTypes, List(spec, "app_types"));
        _counts.Add(Facts.AccessTokens, List(spec, "access_tokens"));
        _counts.Add(Facts.Scopes, List(spec, "scopes"));
        _counts.Add(Facts.FieldScopes, List(spec, "field_scopes"));
        _counts.Add(Facts.ErrorCodes, List(spec, "errors"));
        if (Map(spec, "examples") is { } examples)
        {
            _counts.Add(Facts.JsonExamples, examples.Children.Count);
        }

        foreach (var (key, request) in new[] { ("path_params", true), ("query", true), ("body", true) })
        {
            if (Map(spec, key) is { } fields)
            {
                CountFields(fields, request, []);
            }
        }

        if (Map(spec, "response") is { } response && Map(response, "data") is { } data)
        {
            CountFields(data, request: false, []);
        }

        return _counts;
    }

    private void CountFields(YamlMappingNode fields, bool request, HashSet<string> expanding)
    {
        foreach (var (_, node) in fields.Children)
        {
            if (node is not YamlMappingNode field)
            {
                continue;
            }

            var type = Scalar(field, "type") ?? "string";
            var baseType = type.EndsWith("[]", StringComparison.Ordinal) ? type[..^2] : type;
            if (request && Scalar(field, "required") == "true")
            {
                _counts.Add(Facts.Required);
            }

            if (baseType is "int" or "int64" or "float")
            {
                _counts.Add(Facts.NumericTypes);
            }

            _counts.Add(Facts.FieldExamples, Has(field, "example") ? 1 : 0);
            _counts.Add(Facts.Defaults, Has(field, "default") ? 1 : 0);
            _counts.Add(Facts.Rules, (Has(field, "min") || Has(field, "max") ? 1 : 0) + (Has(field, "min_length") || Has(field, "max_length") ? 1 : 0)
                + (Has(field, "min_items") || Has(field, "max_items") ? 1 : 0) + (Has(field, "pattern") ? 1 : 0));
            _counts.Add(Facts.FieldScopes, List(field, "scopes") + (Map(field, "scopes_when")?.Children.Sum(c => c.Value is YamlSequenceNode s ? s.Children.Count : 0) ?? 0));

            var listed = Child(field, "enum");
            _counts.Add(Facts.EnumValues, listed switch
            {
                YamlMappingNode map => map.Children.Count,
                YamlSequenceNode list => list.Children.Count,
                _ => _enumSizes.GetValueOrDefault(baseType),
            });

            if (Facts.BuiltInTypes.Contains(baseType))
            {
                continue;
            }

            var members = Map(field, "fields") ?? _types.GetValueOrDefault(baseType);
            if (members is not null && expanding.Add(baseType))
            {
                CountFields(members, request, expanding);
                expanding.Remove(baseType);
            }
        }
    }

    private void CollectInline(YamlNode node)
    {
        if (node is YamlMappingNode map)
        {
            if (Scalar(map, "type") is { } type && Map(map, "fields") is { } fields)
            {
                _types.TryAdd(type.EndsWith("[]", StringComparison.Ordinal) ? type[..^2] : type, fields);
            }

            foreach (var (_, child) in map.Children)
            {
                CollectInline(child);
            }
        }
        else if (node is YamlSequenceNode list)
        {
            foreach (var child in list.Children)
            {
                CollectInline(child);
            }
        }
    }

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<(string Name, YamlNode Node)> Entries(YamlMappingNode? owner, string key) =>
        owner is not null && owner.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlMappingNode map
            ? map.Children.Select(c => (((YamlScalarNode)c.Key).Value!, c.Value))
            : [];

    private static YamlMappingNode? Map(YamlNode node, string key) =>
        node is YamlMappingNode owner && owner.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode owner, string key) =>
        owner.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;

    private static YamlNode? Child(YamlMappingNode owner, string key) =>
        owner.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static bool Has(YamlMappingNode owner, string key) => owner.Children.ContainsKey(new YamlScalarNode(key));

    private static int List(YamlMappingNode owner, string key) =>
        owner.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode list ? list.Children.Count : 0;
}
