using System.Collections.Concurrent;
using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>The doc's request and response examples of one shipped spec; either is null when the doc page has none.</summary>
internal sealed record SpecExample(string? Request, string? Response)
{
    public string RequestJson => Request ?? throw new InvalidOperationException("The spec has no examples.request.");

    public string ResponseJson => Response ?? throw new InvalidOperationException("The spec has no examples.response.");
}

/// <summary>Reads the <c>examples</c> of any spec under spec/, which the build copies next to the tests.</summary>
internal static class SpecExamples
{
    private static readonly ConcurrentDictionary<string, SpecExample> Loaded = new(StringComparer.Ordinal);

    /// <param name="specPath">The spec's path under spec/, e.g. <c>corehr/v2/probation/search.yaml</c>.</param>
    public static SpecExample Of(string specPath) => Loaded.GetOrAdd(specPath, Load);

    private static SpecExample Load(string specPath)
    {
        var path = Path.Combine([AppContext.BaseDirectory, "specs", .. specPath.Split('/')]);
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        if (!root.Children.TryGetValue(new YamlScalarNode("examples"), out var node))
        {
            return new SpecExample(null, null);
        }

        var examples = (YamlMappingNode)node;
        return new SpecExample(Scalar(examples, "request"), Scalar(examples, "response"));
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}
