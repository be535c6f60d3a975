using FeishuApiGen.Generator.Tests.Infrastructure;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

public sealed class SnapshotTests
{
    public static TheoryData<string> ShippedSpecs() => new(ShippedSpecPaths());

    /// <summary>
    /// The probation family of the catalogue, the seed's: a snapshot per endpoint keeps every change to generated code in
    /// review. The whole catalogue is compiled (CompileTests) and exercised against its doc examples (the oracle tests).
    /// </summary>
    private static IEnumerable<string> ShippedSpecPaths() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "spec"), "corehr.v2.probation.*.yaml", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Path.Combine(RepoPaths.Root, "spec"), path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>All shipped specs generated together, as a consumer of the package gets them.</summary>
    private static readonly Lazy<(Microsoft.CodeAnalysis.Compilation Output, Microsoft.CodeAnalysis.GeneratorRunResult Result)> AllShipped = new(() =>
    {
        var (_, output, result) = new GeneratorHarness().Run(ShippedSpecPaths().Select(GeneratorHarness.ShippedSpec).ToList());
        return (output, result);
    });

    [Theory]
    [MemberData(nameof(ShippedSpecs))]
    public void Every_shipped_specs_endpoint_file_matches_its_snapshot(string spec)
    {
        var result = AllShipped.Value.Result;
        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Location.GetLineSpan().Path == RepoPaths.Spec(spec));

        // The endpoint file is named after the api identity, which the spec's own text gives.
        var alone = new GeneratorHarness().Run([GeneratorHarness.ShippedSpec(spec)]).Result;
        var hint = Assert.Single(alone.GeneratedSources, s => s.HintName != "FeishuClient.g.cs" && !s.HintName.Contains("._types.", StringComparison.Ordinal)).HintName;
        var source = Assert.Single(result.GeneratedSources, s => s.HintName == hint);
        Snapshot.Verify(Path.GetFileNameWithoutExtension(hint), source.SourceText.ToString());
    }

    [Fact]
    public void The_shared_types_and_the_client_of_all_shipped_specs_match_their_snapshots_and_compile_with_no_warnings()
    {
        var (output, result) = AllShipped.Value;

        Assert.Empty(result.Diagnostics);
        var shared = result.GeneratedSources.Where(s => s.HintName == "FeishuClient.g.cs" || s.HintName.Contains("._types.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, shared.Count);
        foreach (var source in shared)
        {
            Snapshot.Verify(Path.GetFileNameWithoutExtension(source.HintName), source.SourceText.ToString());
        }

        CompileTests.AssertNoDiagnostics(output);
    }

    [Fact]
    public void The_test_specs_match_their_snapshots_and_compile_with_no_warnings()
    {
        var (_, output, result) = new GeneratorHarness().Run(TestSpecs());

        Assert.Empty(result.Diagnostics);
        foreach (var source in result.GeneratedSources.Where(s => s.HintName != "FeishuClient.g.cs"))
        {
            Snapshot.Verify(Path.GetFileNameWithoutExtension(source.HintName), source.SourceText.ToString());
        }

        CompileTests.AssertNoDiagnostics(output);
    }

    [Fact]
    public void Type_names_settled_across_specs_do_not_depend_on_the_order_specs_arrive_in()
    {
        var specs = TestSpecs();
        var forward = new GeneratorHarness().Run(specs).Result.GeneratedSources;
        var backward = new GeneratorHarness().Run(Enumerable.Reverse(specs).ToList()).Result.GeneratedSources;

        Assert.Equal(
            forward.Select(s => (s.HintName, s.SourceText.ToString())).Order(),
            backward.Select(s => (s.HintName, s.SourceText.ToString())).Order());
    }

    internal static List<Microsoft.CodeAnalysis.AdditionalText> TestSpecs() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests", "Specs"), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => GeneratorHarness.Spec(path, File.ReadAllText(path)))
            .ToList();

}
