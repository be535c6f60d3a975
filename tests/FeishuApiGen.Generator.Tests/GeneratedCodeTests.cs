using FeishuApiGen.Generator.Tests.Infrastructure;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>What snapshots leave out on purpose: the generator's version, which generated types carry.</summary>
public sealed class GeneratedCodeTests
{
    [Fact]
    public void Generated_types_name_the_generator_and_its_version()
    {
        const string spec = """
            spec_version: 1
            api: { project: demo, version: v1, resource: thing, name: create }
            title: t
            http: { method: POST, path: /open-apis/demo/v1/things }
            access_tokens: [tenant]
            body:
              name: { type: string }
            """;
        var version = typeof(FeishuApiGenerator).Assembly.GetName().Version!.ToString(3);

        var result = new GeneratorHarness().Run([GeneratorHarness.Spec("/specs/thing.yaml", spec)]).Result;

        var source = result.GeneratedSources.Single(s => s.HintName == "demo.v1.thing.create.g.cs").SourceText.ToString();
        Assert.Contains("[global::System.CodeDom.Compiler.GeneratedCode(\"FeishuApiGen\", \"" + version + "\")]", source, StringComparison.Ordinal);
        Assert.DoesNotContain("\"0.0.0\"", source, StringComparison.Ordinal);
    }
}
