using FeishuApiGen.TestSupport;
using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Catalog.Tests;

/// <summary>What the oracle needs of one catalogue spec: its identity, its HTTP facts, its parameters and its doc examples.</summary>
public sealed class CatalogueSpec
{
    private CatalogueSpec(string relativePath, YamlMappingNode root)
    {
        RelativePath = relativePath;
        var api = (YamlMappingNode)root["api"];
        ApiId = string.Join(".", new[] { "project", "version", "resource", "name" }.Select(key => Scalar(api, key)));
        var http = (YamlMappingNode)root["http"];
        Method = Scalar(http, "method")!;
        PathTemplate = Scalar(http, "path")!;
        PathParams = Parameters(root, "path_params");
        Query = Parameters(root, "query");
        AccessTokens = root.Children.TryGetValue("access_tokens", out var tokens) ? ((YamlSequenceNode)tokens).Select(t => ((YamlScalarNode)t).Value!).ToList() : [];
        if (root.Children.TryGetValue("examples", out var examples) && examples is YamlMappingNode map)
        {
            RequestExample = Scalar(map, "request");
            ResponseExample = Scalar(map, "response");
        }
    }

    public static string Root => RepositoryRoot.FullPath;

    public string RelativePath { get; }

    public string ApiId { get; }

    public string Method { get; }

    public string PathTemplate { get; }

    public IReadOnlyList<Parameter> PathParams { get; }

    public IReadOnlyList<Parameter> Query { get; }

    public IReadOnlyList<string> AccessTokens { get; }

    public string? RequestExample { get; }

    public string? ResponseExample { get; }

    /// <summary>Every endpoint spec of the catalogue (shared types files aside), by path.</summary>
    public static IReadOnlyList<CatalogueSpec> All { get; } = Directory
        .EnumerateFiles(Path.Combine(Root, "spec"), "*.yaml", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(path => (Path: path, Yaml: Load(path)))
        .Where(spec => spec.Yaml.Children.ContainsKey("api"))
        .Select(spec => new CatalogueSpec(Path.GetRelativePath(Root, spec.Path).Replace('\\', '/'), spec.Yaml))
        .ToList();

    public override string ToString() => ApiId;

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static List<Parameter> Parameters(YamlMappingNode root, string key)
    {
        if (!root.Children.TryGetValue(key, out var node) || node is not YamlMappingNode fields)
        {
            return [];
        }

        return fields.Children.Select(field =>
        {
            var map = (YamlMappingNode)field.Value;
            string? firstEnumValue = map.Children.TryGetValue("enum", out var values) ? values switch
            {
                YamlSequenceNode list => ((YamlScalarNode)list.Children[0]).Value,
                YamlMappingNode named => ((YamlScalarNode)named.Children[0].Key).Value,
                _ => null,
            } : null;
            return new Parameter(
                ((YamlScalarNode)field.Key).Value!,
                Scalar(map, "type") ?? "string",
                Scalar(map, "required") == "true",
                Scalar(map, "example") ?? Scalar(map, "default") ?? firstEnumValue);
        }).ToList();
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>A path or query parameter: its wire name, spec type, and the value the page gives it (example, else default, else first listed value).</summary>
    public sealed record Parameter(string Name, string Type, bool Required, string? Example);
}
