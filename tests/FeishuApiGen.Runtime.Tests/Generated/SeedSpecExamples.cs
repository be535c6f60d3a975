using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>The doc's request and response examples, read from the shipped seed spec's <c>examples</c>.</summary>
internal static class SeedSpecExamples
{
    private static readonly Lazy<(string Request, string Response)> Examples = new(Load);

    public static string Request => Examples.Value.Request;

    public static string Response => Examples.Value.Response;

    private static (string, string) Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "specs", "corehr", "v2", "probation", "assessment.create.yaml");
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var examples = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["examples"];
        return (((YamlScalarNode)examples["request"]).Value!, ((YamlScalarNode)examples["response"]).Value!);
    }
}
