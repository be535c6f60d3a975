using FeishuApiGen.Generator.Tests.Infrastructure;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

public sealed class SnapshotTests
{
    public static TheoryData<string> ShippedSpecs() => new(ShippedSpecPaths());

    private static IEnumerable<string> ShippedSpecPaths() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "spec"), "*.yaml", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Path.Combine(RepoPaths.Root, "spec"), path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(ShippedSpecs))]
    public void Every_generated_file_of_a_shipped_spec_matches_its_snapshot(string spec)
    {
        var (_, _, result) = new GeneratorHarness().Run([GeneratorHarness.ShippedSpec(spec)]);

        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Exception);
        var endpointFiles = result.GeneratedSources.Where(s => s.HintName != "FeishuClient.g.cs").ToList();
        Assert.Single(endpointFiles);
        foreach (var source in endpointFiles)
        {
            Snapshot.Verify(Path.GetFileNameWithoutExtension(source.HintName), source.SourceText.ToString());
        }
    }

    [Fact]
    public void The_kitchen_sink_test_spec_matches_its_snapshot_and_compiles_with_no_warnings()
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "Specs", "kitchen-sink.yaml");
        var (_, output, result) = new GeneratorHarness().Run([GeneratorHarness.Spec(path, File.ReadAllText(path))]);

        Assert.Empty(result.Diagnostics);
        var source = Assert.Single(result.GeneratedSources, s => s.HintName != "FeishuClient.g.cs");
        Snapshot.Verify(Path.GetFileNameWithoutExtension(source.HintName), source.SourceText.ToString());
        CompileTests.AssertNoDiagnostics(output);
    }

    [Fact]
    public void The_client_for_all_shipped_specs_matches_its_snapshot()
    {
        var specs = ShippedSpecPaths().Select(GeneratorHarness.ShippedSpec).ToList();
        var (_, _, result) = new GeneratorHarness().Run(specs);

        Assert.Empty(result.Diagnostics);
        var client = Assert.Single(result.GeneratedSources, s => s.HintName == "FeishuClient.g.cs");
        Snapshot.Verify("FeishuClient.g", client.SourceText.ToString());
    }
}
