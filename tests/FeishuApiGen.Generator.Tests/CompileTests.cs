using System.Globalization;
using System.Text.RegularExpressions;
using FeishuApiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

public sealed class CompileTests
{
    [Fact]
    public void Generated_code_for_the_whole_catalogue_compiles_with_no_warnings_even_with_docs_required()
    {
        var specs = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "spec"), "*.yaml", SearchOption.AllDirectories)
            .Select(p => GeneratorHarness.Spec(p, File.ReadAllText(p)));
        var (_, output, result) = new GeneratorHarness().Run(specs);

        Assert.Empty(result.Diagnostics);
        AssertNoDiagnostics(output);
    }

    [Fact]
    public void The_usage_example_of_the_spec_format_page_compiles_as_written()
    {
        var example = UsageExample();
        var source = $$"""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Feishu;
            using Feishu.Corehr.V2;
            using FeishuApiGen;

            /// <summary>The example, wrapped in a method.</summary>
            public static class Usage
            {
                /// <summary>Runs it.</summary>
                public static async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
                {
            {{example}}
                    return ids;
                }
            }
            """;

        var (_, output, _) = new GeneratorHarness().Run([GeneratorHarness.ShippedSpec(SeedSpec.RelativePath)], source);

        AssertNoDiagnostics(output);
    }

    [Fact]
    public void A_second_spec_compiles_beside_the_seed_and_shares_the_client()
    {
        var (_, output, result) = new GeneratorHarness().Run(
            [GeneratorHarness.ShippedSpec(SeedSpec.RelativePath), GeneratorHarness.Spec("/specs/enable.yaml", SeedSpec.Minimal)],
            """
            /// <summary>Both endpoints through one client.</summary>
            public static class Both
            {
                /// <summary>Names both methods.</summary>
                public static object[] Methods(Feishu.FeishuClient client) =>
                [
                    (System.Func<Feishu.Corehr.V2.CreateProbationAssessmentRequest, System.Threading.CancellationToken, System.Threading.Tasks.Task<Feishu.Corehr.V2.CreateProbationAssessmentResponse>>)client.Corehr.V2.ProbationAssessment.CreateAsync,
                    (System.Func<Feishu.Corehr.V2.EnableDisableAssessmentProbationRequest, System.Threading.CancellationToken, System.Threading.Tasks.Task<Feishu.Corehr.V2.EnableDisableAssessmentProbationResponse>>)client.Corehr.V2.Probation.EnableDisableAssessmentAsync,
                ];
            }
            """);

        Assert.Empty(result.Diagnostics);
        AssertNoDiagnostics(output);
    }

    [Fact]
    public void An_enum_listed_in_another_order_within_one_spec_is_one_type_and_each_spec_keeps_its_own_types()
    {
        // Found by the CoreHR corpus (pre_hire.search beside pre_hire.query): the body's `rehire` lists b, a and the
        // response's lists a, b. Within one spec that is one enum type; each spec's `info` is its own, nested in its class.
        const string search = """
            spec_version: 1
            api: { project: demo, version: v1, resource: thing, name: search }
            title: t
            http: { method: POST, path: /open-apis/demo/v1/things/search }
            access_tokens: [tenant]
            body:
              rehire: { type: string, enum: [b, a, c] }
            response:
              data:
                info: { type: info, fields: { rehire: { type: string, enum: [a, b] } } }
            """;
        var query = search.Replace("name: search", "name: query", StringComparison.Ordinal)
            .Replace("things/search", "things/query", StringComparison.Ordinal)
            .Replace("body:\n  rehire: { type: string, enum: [b, a, c] }\n", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("body:", query, StringComparison.Ordinal);

        var (_, output, result) = new GeneratorHarness().Run([GeneratorHarness.Spec("/specs/search.yaml", search), GeneratorHarness.Spec("/specs/query.yaml", query)]);

        Assert.Empty(result.Diagnostics);
        AssertNoDiagnostics(output);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.Contains("._types.", StringComparison.Ordinal));
        var searchFile = result.GeneratedSources.Single(s => s.HintName == "demo.v1.thing.search.g.cs").SourceText.ToString();
        Assert.Contains("public static partial class SearchThing\n", searchFile, StringComparison.Ordinal);
        Assert.Equal(2, searchFile.Split("public readonly partial record struct Rehire :").Length);
        Assert.Contains("public sealed partial class Info :", searchFile, StringComparison.Ordinal);
        Assert.Contains("global::Feishu.Demo.V1.SearchThing.Info", searchFile, StringComparison.Ordinal);
        var queryFile = result.GeneratedSources.Single(s => s.HintName == "demo.v1.thing.query.g.cs").SourceText.ToString();
        Assert.Contains("global::Feishu.Demo.V1.QueryThing.Info", queryFile, StringComparison.Ordinal);

        // Each field still accepts only what it lists: c is allowed in the body, not in the response's info.
        Assert.Contains("\"b\" or \"a\" or \"c\"", searchFile, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_names_never_shadow_framework_types_a_consumer_imports_and_types_can_be_named_and_described()
    {
        const string spec = """
            spec_version: 1
            api: { project: test, version: v1, resource: thing, name: create }
            title: Create a thing
            http: { method: POST, path: /open-apis/test/v1/things }
            access_tokens: [tenant]
            types:
              thing:
                description: "A thing as Feishu sends it: <code> and display names"
                csharp_name: ThingRecord
                fields: { name: { type: string } }
            body:
              type: { type: string, enum: [a, b] }
              kind: { type: enum }
              thing: { type: thing }
              task: { type: task }
            """;
        const string shared = """
            spec_version: 1
            shared_types: { project: test, version: v1 }
            types:
              task:
                fields: { id: { type: string } }
            """;
        const string consumer = """
            using System;
            using System.Threading.Tasks;
            using Feishu.Test.V1;
            using FeishuApiGen;

            internal static class Consumer
            {
                // Every namespace imported: Type, Enum and Task must still mean the framework's.
                internal static string Use(Type type, EnumValue kind, CreateThing.TypeValue value, CreateThing.ThingRecord thing, TaskValue task) =>
                    type.Name + Enum.GetName(typeof(DayOfWeek), 0) + kind.EnumName + value.Value + thing.Name + task.Id + Task.CompletedTask.IsCompleted;
            }
            """;

        var (_, output, result) = new GeneratorHarness().Run([GeneratorHarness.Spec("/specs/thing.yaml", spec), GeneratorHarness.Spec("/specs/types.yaml", shared)], consumer);

        Assert.Empty(result.Diagnostics);
        AssertNoDiagnostics(output);
        var file = result.GeneratedSources.Single(s => s.HintName == "test.v1.thing.create.g.cs").SourceText.ToString();
        Assert.Contains("/// A thing as Feishu sends it: &lt;code&gt; and display names", file, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class ThingRecord", file, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class TaskValue", result.GeneratedSources.Single(s => s.HintName == "test.v1._types.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_root_namespace_comes_from_the_FeishuApiGenNamespace_property()
    {
        var (_, output, result) = new GeneratorHarness("Contoso.Hr").Run(
            [GeneratorHarness.ShippedSpec(SeedSpec.RelativePath)],
            """
            /// <summary>Uses the renamed namespace.</summary>
            public static class Renamed
            {
                /// <summary>Builds a request.</summary>
                public static object Make() => new Contoso.Hr.Corehr.V2.CreateProbationAssessmentRequest { EmploymentId = null, Assessments = null };

                /// <summary>Names the client type.</summary>
                public static System.Type Client => typeof(Contoso.Hr.FeishuClient);
            }
            """);

        Assert.Empty(result.Diagnostics);
        AssertNoDiagnostics(output);
    }

    [Fact]
    public void Leaving_out_a_member_the_spec_requires_is_a_compile_error_naming_it_and_an_answer_still_reads_without_it()
    {
        var (_, output, _) = new GeneratorHarness().Run([GeneratorHarness.ShippedSpec(SeedSpec.RelativePath)], """
            using Feishu.Corehr.V2;

            /// <summary>A request built as a user would, forgetting what the spec requires.</summary>
            public static class Forgetful
            {
                /// <summary>The request.</summary>
                public static CreateProbationAssessmentRequest Request() => new()
                {
                    UserIdType = UserIdType.OpenId,
                    Assessments = [new CreateProbationAssessment.AssessmentForCreate { AssessmentScore = 99.5 }],
                };

                /// <summary>Set to null on purpose: that compiles, and the validator refuses it before sending.</summary>
                public static CreateProbationAssessmentRequest Nulls() => new() { EmploymentId = null, Assessments = null };
            }
            """);

        var missing = output.GetDiagnostics().Where(d => d.Id == "CS9035").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 3, string.Join("\n", output.GetDiagnostics()));
        Assert.Contains(missing, m => m.Contains("'CreateProbationAssessmentRequest.EmploymentId'", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.Contains("'CreateProbationAssessment.AssessmentForCreate.AssessmentStatus'", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.Contains("'CreateProbationAssessment.AssessmentForCreate.IsFinalAsssessment'", StringComparison.Ordinal));
        // Nothing else is wrong: the Nulls() request, and the generated readers that make these types from an answer, compile.
        Assert.All(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), d => Assert.Equal("CS9035", d.Id));
    }

    internal static void AssertNoDiagnostics(Compilation output)
    {
        var diagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(diagnostics.Count == 0, string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString())));
    }

    /// <summary>The C# block at the end of docs/spec-format.md, so the page and this test cannot drift apart.</summary>
    private static string UsageExample()
    {
        var page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "spec-format.md"));
        var match = Regex.Match(page, "## What the generated code is expected to look like in use.*?```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, "docs/spec-format.md has no usage example");
        return match.Groups[1].Value;
    }
}
