using System.Reflection;
using FeishuApiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>
/// The pipeline must do no work a change does not call for: C# edits re-run nothing, a spec edit
/// re-runs that spec only, and only a real change of option re-generates.
/// </summary>
public sealed class CachingTests
{
    private const string MinimalPath = "/specs/enable_disable_assessment.yaml";
    private const string SeedHint = "corehr.v2.probation.assessment.create.g.cs";
    private const string MinimalHint = "corehr.v2.probation.enable_disable_assessment.g.cs";
    private const string ClientHint = "FeishuClient.g.cs";

    /// <summary>Every name in <see cref="TrackingNames"/>, so a step added later is covered too.</summary>
    public static TheoryData<string> StepNames() => new(AllStepNames());

    public static TheoryData<string> CSharpEdits() => new("add a file", "replace a file");

    [Theory]
    [MemberData(nameof(CSharpEdits))]
    public void An_unrelated_CSharp_edit_reruns_no_step_and_changes_no_output(string edit)
    {
        var harness = new GeneratorHarness();
        var compilation = GeneratorHarness.CreateCompilation("public class Consumer { }");
        var driver = harness.CreateDriver([GeneratorHarness.ShippedSpec(SeedSpec.RelativePath)]).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();

        var tree = compilation.SyntaxTrees.Single();
        var editedTree = CSharpSyntaxTree.ParseText("public class Consumer { public int Added => 1; }", (CSharpParseOptions)tree.Options, tree.FilePath);
        var edited = edit == "add a file"
            ? compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Other { }", (CSharpParseOptions)tree.Options, "Other.cs"))
            : compilation.ReplaceSyntaxTree(tree, editedTree);
        driver = driver.RunGenerators(edited);
        var after = driver.GetRunResult().Results.Single();

        Assert.Null(after.Exception);
        foreach (var name in AllStepNames())
        {
            AssertAllCachedOrUnchanged(after, name);
        }

        Assert.NotEmpty(after.TrackedOutputSteps);
        foreach (var (name, steps) in after.TrackedOutputSteps)
        {
            Assert.All(steps.SelectMany(s => s.Outputs), o => Assert.True(IsCachedOrUnchanged(o.Reason), name + " output was " + o.Reason));
        }

        Assert.Equal(Sources(before), Sources(after));
        Assert.Equal(new[] { ClientHint, "corehr.v2._types.g.cs", SeedHint }, Sources(after).Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("title: 启用/停用试用期考核功能", "title: 启用或停用试用期考核功能")]
    [InlineData("description: 启用 / 停用状态", "description: 启用或停用状态")]
    public void Editing_one_spec_reruns_that_spec_only_and_keeps_the_client(string find, string replace)
    {
        var harness = new GeneratorHarness();
        var compilation = GeneratorHarness.CreateCompilation("public class Consumer { }");
        var minimal = GeneratorHarness.Spec(MinimalPath, SeedSpec.Minimal);
        var driver = harness.CreateDriver([GeneratorHarness.ShippedSpec(SeedSpec.RelativePath), minimal]).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();

        Assert.Contains(find, SeedSpec.Minimal, StringComparison.Ordinal);
        var edited = GeneratorHarness.Spec(MinimalPath, SeedSpec.Minimal.Replace(find, replace, StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(minimal, edited).RunGenerators(compilation);
        var after = driver.GetRunResult().Results.Single();

        Assert.Null(after.Exception);
        Assert.Empty(after.Diagnostics);
        AssertOneModifiedRestCachedOrUnchanged(after, TrackingNames.ParsedSpecs);
        AssertOneModifiedRestCachedOrUnchanged(after, TrackingNames.EndpointOutputs);
        AssertAllCachedOrUnchanged(after, TrackingNames.EndpointKeys);
        AssertAllCachedOrUnchanged(after, TrackingNames.Duplicates);
        AssertAllCachedOrUnchanged(after, TrackingNames.ClientOutput);
        AssertAllCachedOrUnchanged(after, TrackingNames.Options);
        // Neither edit touches an object or enum type, so the shared types are not rebuilt either.
        AssertAllCachedOrUnchanged(after, TrackingNames.SharedTypeIndex);
        AssertAllCachedOrUnchanged(after, TrackingNames.SharedTypeOutputs);

        Assert.Equal(Source(before, SeedHint), Source(after, SeedHint));
        Assert.Equal(Source(before, ClientHint), Source(after, ClientHint));
        Assert.NotEqual(Source(before, MinimalHint), Source(after, MinimalHint));
        Assert.Contains(replace.Substring(replace.IndexOf(' ', StringComparison.Ordinal) + 1), Source(after, MinimalHint), StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_the_api_line_of_one_spec_still_keeps_the_client_output()
    {
        var harness = new GeneratorHarness();
        var compilation = GeneratorHarness.CreateCompilation("public class Consumer { }");
        var minimal = GeneratorHarness.Spec(MinimalPath, SeedSpec.Minimal);
        var driver = harness.CreateDriver([GeneratorHarness.ShippedSpec(SeedSpec.RelativePath), minimal]).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();

        // The api key moves down a line: the endpoint key (which holds its location) changes, the api list does not.
        var edited = GeneratorHarness.Spec(MinimalPath, "# Enables or disables probation assessment.\n" + SeedSpec.Minimal);
        driver = driver.ReplaceAdditionalText(minimal, edited).RunGenerators(compilation);
        var after = driver.GetRunResult().Results.Single();

        Assert.Null(after.Exception);
        Assert.Empty(after.Diagnostics);
        AssertOneModifiedRestCachedOrUnchanged(after, TrackingNames.EndpointKeys);
        AssertAllCachedOrUnchanged(after, TrackingNames.Duplicates);
        AssertAllCachedOrUnchanged(after, TrackingNames.ClientOutput);
        Assert.Equal(Source(before, SeedHint), Source(after, SeedHint));
        Assert.Equal(Source(before, ClientHint), Source(after, ClientHint));
    }

    [Fact]
    public void Renaming_the_api_of_one_spec_regenerates_the_client()
    {
        var harness = new GeneratorHarness();
        var compilation = GeneratorHarness.CreateCompilation("public class Consumer { }");
        var minimal = GeneratorHarness.Spec(MinimalPath, SeedSpec.Minimal);
        var driver = harness.CreateDriver([GeneratorHarness.ShippedSpec(SeedSpec.RelativePath), minimal]).RunGenerators(compilation);

        var edited = GeneratorHarness.Spec(MinimalPath, SeedSpec.Minimal.Replace("name: enable_disable_assessment", "name: toggle_assessment", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(minimal, edited).RunGenerators(compilation);
        var after = driver.GetRunResult().Results.Single();

        Assert.Null(after.Exception);
        AssertOneModifiedRestCachedOrUnchanged(after, TrackingNames.EndpointOutputs);
        Assert.Contains(after.TrackedSteps[TrackingNames.ClientOutput].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("ToggleAssessmentAsync", Source(after, "corehr.v2.probation.toggle_assessment.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain(after.GeneratedSources, s => s.HintName == MinimalHint);
    }

    [Fact]
    public void Changing_the_namespace_option_regenerates_everything_without_reparsing()
    {
        var harness = new GeneratorHarness();
        var compilation = GeneratorHarness.CreateCompilation("public class Consumer { }");
        var driver = harness.CreateDriver([GeneratorHarness.ShippedSpec(SeedSpec.RelativePath), GeneratorHarness.Spec(MinimalPath, SeedSpec.Minimal)])
            .RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();

        driver = driver.WithUpdatedAnalyzerConfigOptions(new GeneratorHarness.TestOptionsProvider("Contoso.Hr")).RunGenerators(compilation);
        var after = driver.GetRunResult().Results.Single();

        Assert.Null(after.Exception);
        Assert.Empty(after.Diagnostics);
        AssertAllCachedOrUnchanged(after, TrackingNames.ParsedSpecs);
        Assert.All(Outputs(after, TrackingNames.Options), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.All(Outputs(after, TrackingNames.EndpointOutputs), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.All(Outputs(after, TrackingNames.ClientOutput), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        // The two specs and the shared types file beside the shipped one.
        Assert.Equal(3, Outputs(after, TrackingNames.EndpointOutputs).Count);

        Assert.Contains("namespace Feishu.Corehr.V2", Source(before, SeedHint), StringComparison.Ordinal);
        Assert.Contains("namespace Contoso.Hr.Corehr.V2", Source(after, SeedHint), StringComparison.Ordinal);
        Assert.Contains("namespace Contoso.Hr.Corehr.V2", Source(after, MinimalHint), StringComparison.Ordinal);
        Assert.Contains("namespace Contoso.Hr", Source(after, ClientHint), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StepNames))]
    public void Every_tracked_step_name_is_tracked_by_a_run(string name)
    {
        var (_, _, result) = new GeneratorHarness().Run([GeneratorHarness.ShippedSpec(SeedSpec.RelativePath)]);

        Assert.True(result.TrackedSteps.ContainsKey(name), "no tracked step named " + name);
        Assert.NotEmpty(Outputs(result, name));
    }

    private static IEnumerable<string> AllStepNames() =>
        typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step)
    {
        Assert.True(result.TrackedSteps.TryGetValue(step, out var steps), "no tracked step named " + step);
        return steps.SelectMany(s => s.Outputs).ToList();
    }

    private static bool IsCachedOrUnchanged(IncrementalStepRunReason reason) =>
        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result, string step)
    {
        var outputs = Outputs(result, step);
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(IsCachedOrUnchanged(o.Reason), step + " output was " + o.Reason));
    }

    private static void AssertOneModifiedRestCachedOrUnchanged(GeneratorRunResult result, string step)
    {
        var reasons = Outputs(result, step).Select(o => o.Reason).ToList();
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(reasons.Count - 1, reasons.Count(IsCachedOrUnchanged));
    }

    private static List<(string HintName, string Text)> Sources(GeneratorRunResult result) =>
        result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();

    private static string Source(GeneratorRunResult result, string hintName) =>
        Assert.Single(result.GeneratedSources, s => s.HintName == hintName).SourceText.ToString();
}
