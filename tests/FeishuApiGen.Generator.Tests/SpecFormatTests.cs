using FeishuApiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>Spec keys that carry doc-page facts beyond the seed: integer enums, a rate limit without a number (特殊频控), field scopes.</summary>
public sealed class SpecFormatTests
{
    private const string Spec = """
        spec_version: 1
        api: { project: test, version: v1, resource: attendance_result, name: recalculate }
        title: 重算考勤结果
        http: { method: POST, path: /open-apis/test/v1/attendance_results/recalculate }
        rate_limit: special
        access_tokens: [tenant]
        body:
          mode: { type: int, required: true, enum: { 1: 全量, 2: 增量 } }
          batches: { type: "int64[]", enum: [-1, 5000000000] }
        response:
          data:
            salary: { type: string, scopes: ["corehr:contract.salary:read", "corehr:contract:read"] }
        """;

    [Fact]
    public void Integer_enums_and_a_special_rate_limit_generate_cleanly_and_say_what_they_mean()
    {
        // Doc lines wider than the writer's width are wrapped: their text is checked with the lines joined again.
        var source = GeneratorHarness.JoinWrappedDocLines(GeneratesCleanly(Spec));
        Assert.Contains("<para>Rate limit: special (特殊频控):", source, StringComparison.Ordinal);
        Assert.Contains("Accepts <c>1</c> (全量), <c>2</c> (增量).", source, StringComparison.Ordinal);
        Assert.Contains("Accepts <c>-1</c>, <c>5000000000</c>.", source, StringComparison.Ordinal);
        Assert.Contains("validator.Integer(\"mode\", this.Mode, required: true, [1, 2]);", source, StringComparison.Ordinal);
        Assert.Contains("validator.IntegerList(\"batches\", this.Batches, required: false, [-1, 5000000000]);", source, StringComparison.Ordinal);
        Assert.Contains("Field scope (字段权限要求; any one suffices): <c>corehr:contract.salary:read</c>, <c>corehr:contract:read</c>. Without it Feishu leaves this member out of its answer.", source, StringComparison.Ordinal);
        // No numbers, so nothing for the client to pace: the endpoint carries no FeishuRateLimit.
        Assert.Contains("FeishuRateLimit[] {  }", source.Replace("FeishuRateLimit[0]", "FeishuRateLimit[] {  }", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_deprecated_endpoint_is_obsolete_for_callers_and_still_compiles_cleanly_itself()
    {
        const string spec = """
            spec_version: 1
            api: { project: test, version: v1, resource: pre_hire, name: get }
            title: 查询单个待入职信息
            http: { method: GET, path: /open-apis/test/v1/pre_hires/:pre_hire_id }
            access_tokens: [tenant]
            deprecated: use test.v2.pre_hire.query
            path_params:
              pre_hire_id: { type: string }
            """;
        const string caller = "class Caller { object Make() => new Feishu.Test.V1.GetPreHireRequest { PreHireId = \"1\" }; }";

        var (_, output, result) = new GeneratorHarness().Run([GeneratorHarness.Spec("specs/get.yaml", spec)], caller);

        Assert.Empty(result.Diagnostics);
        var source = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Equal(2, source.Split("[global::System.Obsolete(\"Feishu lists this endpoint among its historic versions (历史版本): use test.v2.pre_hire.query\")]").Length - 1);
        var warnings = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        // The caller is told; the generated code is not.
        Assert.All(warnings, w => Assert.Equal("CS0618", w.Id));
        Assert.All(warnings, w => Assert.Equal("Source0.cs", w.Location.SourceTree?.FilePath));
        Assert.NotEmpty(warnings);
    }

    [Fact]
    public void The_spec_format_pages_seed_is_the_shipped_spec_and_its_shared_enums_are_the_shipped_ones()
    {
        var page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "spec-format.md"));
        Assert.Equal(File.ReadAllText(RepoPaths.Spec("corehr/v2/corehr.v2.probation.assessment.create.yaml")), YamlBlock(page, "## The seed endpoint, complete"));

        // The excerpt's enums, each a "  name:" line and its indented values, appear in the shipped file as they are.
        var shipped = File.ReadAllText(RepoPaths.Spec("corehr/v2/corehr.v2.types.yaml"));
        var excerpt = YamlBlock(page, "### Shared types of the seed");
        var enums = System.Text.RegularExpressions.Regex.Matches(excerpt[excerpt.IndexOf("enums:\n", StringComparison.Ordinal)..], @"(?<=\n)  [a-z_]+:\n(    .*\n)+");
        Assert.Equal(3, enums.Count);
        Assert.All(enums, e => Assert.Contains("\n" + e.Value, shipped, StringComparison.Ordinal));
    }

    [Fact]
    public void A_lists_default_is_a_list_of_values_it_takes_and_a_bound_past_int_is_documented_not_checked()
    {
        const string Head = """
            spec_version: 1
            api: { project: test, version: v1, resource: bank, name: search }
            title: 查询银行
            http: { method: POST, path: /open-apis/test/v1/banks/search }
            access_tokens: [tenant]
            body:

            """;
        var good = Head + "  status_list: { type: \"int[]\", enum: { 1: 生效, 0: 失效 }, default: [1], max_items: 4294967296 }\n";
        var source = GeneratesCleanly(good);
        Assert.Contains("Items: any to 4294967296.", source, StringComparison.Ordinal);
        Assert.Contains("Default (applied by Feishu when unset): <c>[1]</c>.", source, StringComparison.Ordinal);
        Assert.DoesNotContain("validator.Count(", source, StringComparison.Ordinal);

        // A lower bound has no reason to pass int: it is refused with the range it must be in.
        var huge = new GeneratorHarness().Run([GeneratorHarness.Spec("specs/search.yaml", Head + "  name: { type: string, min_length: 5000000000 }\n")]).Result;
        Assert.Contains("expected a whole number of at most 2147483647", Assert.Single(huge.Diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var bad = Head + "  status_list: { type: \"int[]\", enum: { 1: 生效, 0: 失效 }, default: [2] }\n";
        var refused = new GeneratorHarness().Run([GeneratorHarness.Spec("specs/search.yaml", bad)]).Result;
        var diagnostic = Assert.Single(refused.Diagnostics);
        Assert.Equal("FAG020", diagnostic.Id);
        Assert.Contains("'2' is not one of the field's enum values", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_member_Feishu_deprecates_is_not_one_callers_must_set_and_generates_cleanly()
    {
        var source = GeneratesCleanly("""
            spec_version: 1
            api: { project: test, version: v1, resource: thing, name: create }
            title: Create a thing
            http: { method: POST, path: /open-apis/test/v1/things }
            access_tokens: [tenant]
            body:
              name: { type: string, required: true }
              old_name: { type: string, required: true, deprecated: true }
              detail: { type: detail, required: true }
            types:
              detail:
                fields:
                  kind: { type: string, required: true, deprecated: true }
            """);

        Assert.Contains("public required string? Name { get; set; }", source, StringComparison.Ordinal);
        Assert.Contains("public string? OldName { get; set; }", source, StringComparison.Ordinal);
        Assert.Contains("public string? Kind { get; set; }", source, StringComparison.Ordinal);
        // Nothing left to set in Detail, so it needs no reader's constructor either; the request, which has a required
        // member, has one for reading itself back from the wire.
        Assert.DoesNotContain("Detail(bool fromAnswer)", source, StringComparison.Ordinal);
        Assert.Contains("private CreateThingRequest(bool fromAnswer)", source, StringComparison.Ordinal);
    }

    /// <summary>Generates <paramref name="spec"/> alone, asserts no diagnostic and no warning, and returns every generated file's text.</summary>
    private static string GeneratesCleanly(string spec)
    {
        var (_, output, result) = new GeneratorHarness().Run([GeneratorHarness.Spec("specs/spec.yaml", spec)]);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
    }

    private static string YamlBlock(string page, string heading)
    {
        var match = System.Text.RegularExpressions.Regex.Match(page, System.Text.RegularExpressions.Regex.Escape(heading) + ".*?```yaml\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(match.Success, "no yaml block under " + heading);
        return match.Groups[1].Value;
    }
}
