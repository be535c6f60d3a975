using FeishuApiGen.Generator.Tests.Infrastructure;
using FeishuApiGen.Importer.Emit;
using FeishuApiGen.Importer.Model;
using FeishuApiGen.Importer.Parsing;
using Microsoft.CodeAnalysis;

namespace FeishuApiGen.Importer.Tests;

/// <summary>
/// The Markdown form with └-marked nesting, read from fixture pages written for these tests: every fact lands in the
/// page model, the spec written from it is the expected one byte for byte, and it generates and compiles cleanly.
/// </summary>
public sealed class TreeMarkdownImportTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static DocPage Contract() => TreeMarkdownReader.Read(Fixture("tree-contract-search.md"));

    [Fact]
    public void The_request_facts_are_read()
    {
        var page = Contract();

        Assert.Equal("搜索合同记录", page.Title);
        Assert.StartsWith("按条件搜索", page.Description, StringComparison.Ordinal);
        Assert.Equal("https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/corehr-v2/contract-record/search", page.DocUrl);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1735689600000), page.UpdatedAt);
        Assert.Equal("POST", page.HttpMethod);
        Assert.Equal("/open-apis/corehr/v2/contract_groups/:group_id/records/search", page.HttpPath);
        Assert.Equal([new DocRateLimit(1000, "minute"), new DocRateLimit(50, "second")], page.RateLimits);
        Assert.False(page.SpecialRateLimit);
        Assert.Equal(["custom", "store"], page.AppTypes);
        Assert.Equal(["tenant", "user"], page.AccessTokens);
        Assert.Equal([new DocScope("corehr:contract:read", "查看合同信息"), new DocScope("corehr:contract:write", "读写合同信息")], page.Scopes);
        Assert.Equal(["contact:user.employee_id:readonly", "corehr:contract.salary:read"], page.FieldScopes.Select(s => s.Name));
        Assert.Empty(page.Problems);
    }

    [Fact]
    public void Fields_carry_their_types_flags_rules_enums_defaults_and_nesting()
    {
        var page = Contract();

        var groupId = Assert.Single(page.PathParams);
        Assert.Equal(("group_id", "string", "7000000000000000001"), (groupId.Name, groupId.Type, groupId.Example));
        var pageSize = page.Query[0];
        Assert.True(pageSize.Required);
        Assert.Equal(("int", "20", 1m, 100m), (pageSize.Type, pageSize.Default, pageSize.Min, pageSize.Max));
        var userIdType = page.Query[2];
        Assert.Equal(["open_id", "user_id", "people_corehr_id"], userIdType.Enum.Select(e => e.Key));
        Assert.Equal("租户内的用户身份", userIdType.Enum[1].Value);
        Assert.Equal("open_id", userIdType.Default);
        Assert.Equal(["contact:user.employee_id:readonly"], Assert.Single(userIdType.ScopesWhen, s => s.Key == "user_id").Value);

        var employmentIds = page.Body[0];
        Assert.Equal(("string[]", 0L, 100L), (employmentIds.Type, employmentIds.MinLength, employmentIds.MaxLength));
        Assert.Equal("雇佣 ID 列表，见员工任职", employmentIds.Description);
        var contractNumber = page.Body[1];
        Assert.Equal((1L, 64L, "^HT-[0-9]{4}-[0-9]{4}$"), (contractNumber.MinLength, contractNumber.MaxLength, contractNumber.Pattern));
        var signedOn = page.Body[2];
        Assert.Equal("^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-[0-9]{2}$", signedOn.Pattern);
        var period = page.Body[4];
        Assert.Equal(["start_date", "end_date", "durations"], period.Children.Select(c => c.Name));
        Assert.True(period.Children[0].Required);
        Assert.Equal(["months", "ratio"], period.Children[2].Children.Select(c => c.Name));
        Assert.Equal("number(float)", period.Children[2].Children[1].Type);
        Assert.Equal(["items", "page_token", "has_more"], page.ResponseData.Select(f => f.Name));
        Assert.Equal(["record_id", "salary", "signer_id"], page.ResponseData[0].Children.Select(f => f.Name));
        Assert.Equal("合同薪资", page.ResponseData[0].Children[1].Description);
        Assert.Equal(["corehr:contract.salary:read"], page.ResponseData[0].Children[1].Scopes);
        Assert.Equal(["contact:user.employee_id:readonly", "corehr:contract:read"], page.ResponseData[0].Children[2].Scopes);
        Assert.Contains("\"active_only\": true", page.RequestExample, StringComparison.Ordinal);
        Assert.Contains("\"has_more\": false", page.ResponseExample, StringComparison.Ordinal);
    }

    [Fact]
    public void The_spec_is_the_expected_one_and_the_same_page_gives_the_same_bytes()
    {
        var first = SpecWriter.Write(Contract(), []);
        var second = SpecWriter.Write(Contract(), []);

        Assert.Equal(first, second);
        Assert.Equal(Fixture("tree-contract-search.expected.yaml").ReplaceLineEndings("\n"), first);
    }

    [Fact]
    public void The_imported_spec_generates_without_a_diagnostic_and_compiles()
    {
        var spec = SpecWriter.Write(Contract(), []);

        var (_, output, result) = new GeneratorHarness().Run([GeneratorHarness.Spec("specs/contract.search.yaml", spec)]);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(output.SyntaxTrees, tree => tree.ToString().Contains("class SearchContractRecordRequest", StringComparison.Ordinal));
    }

    [Fact]
    public void What_the_spec_cannot_carry_is_reported_not_guessed()
    {
        var page = TreeMarkdownReader.Read(Fixture("tree-special-limits.md"));
        var problems = new List<string>(page.Problems);

        var spec = SpecWriter.Write(page, problems);

        Assert.True(page.SpecialRateLimit);
        Assert.Empty(page.RateLimits);
        Assert.Contains("\nrate_limit: special\n", spec, StringComparison.Ordinal);
        Assert.Contains("    enum:\n      1: 全量\n      2: 增量\n", spec, StringComparison.Ordinal);
        Assert.Contains(problems, p => p.StartsWith("body.extra: an object without documented members", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("数据校验规则 '按字节计'", StringComparison.Ordinal));
        Assert.Equal(["custom"], page.AppTypes);
        Assert.Contains("  tags: { type: \"string[]\", description: 标签, min_items: 1 }\n", spec, StringComparison.Ordinal);
    }

    [Fact]
    public void An_integer_enum_and_a_special_rate_limit_import_to_a_spec_that_generates()
    {
        var page = TreeMarkdownReader.Read(Fixture("tree-special-limits.md"));
        var spec = SpecWriter.Write(page, []);

        var (_, output, result) = new GeneratorHarness().Run([GeneratorHarness.Spec("specs/recalculate.yaml", spec)]);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void The_command_writes_the_spec_and_reports_on_standard_error()
    {
        var output = Path.Combine(Path.GetTempPath(), $"feishu-apigen-{Guid.NewGuid():N}.yaml");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        try
        {
            var exit = Cli.Run(["import", Path.Combine(AppContext.BaseDirectory, "Fixtures", "tree-special-limits.md"), "--out", output, "--deprecated"], TextReader.Null, stdout, stderr);

            Assert.Equal(0, exit);
            Assert.StartsWith("spec_version: 1\n", File.ReadAllText(output), StringComparison.Ordinal);
            Assert.Contains("\ndeprecated: true\n", File.ReadAllText(output), StringComparison.Ordinal);
            Assert.Contains("feishu-apigen: body.extra: an object without documented members", stderr.ToString(), StringComparison.Ordinal);
            Assert.Equal(2, Cli.Run(["export"], TextReader.Null, stdout, stderr));
            Assert.Equal(1, Cli.Run(["import", "-"], new StringReader("# not a doc page"), stdout, stderr));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Everyday_types_become_built_in_and_a_type_given_twice_keeps_one_name_per_shape()
    {
        var page = TreeMarkdownReader.Read(Fixture("tree-everyday-types.md"));
        page = page with { Body = page.Body.Where(f => f.Name != "attachment").ToList() };
        var problems = new List<string>(page.Problems);

        var spec = SpecWriter.Write(page, problems);

        // Built-in types are used by name, their members not written; a look-alike of another shape is the page's own.
        Assert.Contains("  department_type: { type: enum, description: 部门类型 }\n", spec, StringComparison.Ordinal);
        Assert.Contains("        name: { type: \"i18n[]\", description: 部门名称 }\n", spec, StringComparison.Ordinal);
        Assert.Contains("    title:\n      type: title_i18n\n", spec, StringComparison.Ordinal);
        // One name, one shape: declared once (its first use), referred to after; another shape gets another name.
        Assert.Contains("    current:\n      type: department\n      description: 当前部门\n      fields:\n", spec, StringComparison.Ordinal);
        Assert.Contains("    previous: { type: department, description: 变更前部门 }\n", spec, StringComparison.Ordinal);
        Assert.Contains("    parent:\n      type: parent_department\n", spec, StringComparison.Ordinal);
        // What the format cannot say is reported, never half-written.
        // A list of lists: the outer list keeps its item count; each inner list is free-form JSON.
        Assert.Contains("  matrix: { type: \"object[]\", description: 二维条件, max_items: 10 }\n", spec, StringComparison.Ordinal);
        Assert.Contains(problems, p => p.StartsWith("body.matrix: a list of lists (string[][]) is written object[]", StringComparison.Ordinal));
        Assert.Contains("\npagination: false\n", spec, StringComparison.Ordinal);
        Assert.Contains(problems, p => p.StartsWith("pagination: the pages hold several arrays (changed_ids, deleted_ids)", StringComparison.Ordinal));
        Assert.DoesNotContain("examples:", spec, StringComparison.Ordinal);
        Assert.Contains(problems, p => p.StartsWith("examples.response: the page's example is not valid JSON", StringComparison.Ordinal));

        var (_, output, result) = new GeneratorHarness().Run([GeneratorHarness.Spec("specs/department_change.query.yaml", spec)]);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = string.Concat(output.SyntaxTrees.Select(t => t.ToString()));
        Assert.Contains("global::FeishuApiGen.EnumValue? DepartmentType", generated, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class ParentDepartment", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_that_uploads_a_file_is_refused_with_the_reason()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = Cli.Run(["import", Path.Combine(AppContext.BaseDirectory, "Fixtures", "tree-everyday-types.md")], TextReader.Null, stdout, stderr);

        Assert.Equal(3, exit);
        Assert.Empty(stdout.ToString());
        Assert.Contains("uploads a file (multipart/form-data)", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_error_codes_stated_formats_and_the_pages_note_on_json_keys_are_carried_and_a_refused_example_is_not()
    {
        var page = TreeMarkdownReader.Read(Fixture("tree-page-notes.md"));
        var problems = new List<string>(page.Problems);

        var spec = SpecWriter.Write(page, problems);

        Assert.Equal([new DocError(400, 1160001, "invalid date", "日期格式不正确，请按 YYYY-MM-DD 填写"), new DocError(500, 1160002, "system error", "系统内部出错，请联系技术支持")], page.Errors);
        Assert.Contains("errors:\n  - { http_status: 400, code: 1160001, message: invalid date, hint: 日期格式不正确，请按 YYYY-MM-DD 填写 }\n", spec, StringComparison.Ordinal);
        Assert.Matches(@"\n  start_date:\n(    [^\n]*\n)*    format: date\n", spec);
        Assert.Matches(@"\n  submitted_after:\n(    [^\n]*\n)*    format: datetime\n", spec);
        // A stated form its own example breaks, and a range, state no format.
        Assert.DoesNotMatch(@"\n  effective_on: [^\n]*format", spec);
        Assert.Contains(problems, p => p.StartsWith("body.effective_on: the page states the form date but its example '2026-01-01 00:00:00' is not one", StringComparison.Ordinal));
        Assert.DoesNotMatch(@"\n  period: [^\n]*format", spec);
        // The display text given as the example is no value of the field: the example is left out and said so.
        Assert.DoesNotMatch(@"\n  status: [^\n]*example", spec);
        Assert.Contains(problems, p => p.StartsWith("body.status: the page's example '审批中' is not among its values (pending, approved)", StringComparison.Ordinal));
        // The page says the JSON keys are zh-CN and en-US, whatever its table shows.
        Assert.Contains("\n            zh-CN: { type: string, description: ", spec, StringComparison.Ordinal);
        Assert.Contains("\n            en-US: { type: string, description: ", spec, StringComparison.Ordinal);

        var (_, output, result) = new GeneratorHarness().Run([GeneratorHarness.Spec("specs/query.yaml", spec)]);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("\"zh-CN\"", generated, StringComparison.Ordinal);
        Assert.Contains("FeishuFormat.DateTime", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_an_explorer_address_names_the_api_and_a_doc_tree_address_of_another_version_falls_back_to_the_path()
    {
        var explorer = new DocPage { Title = "t", HttpMethod = "POST", HttpPath = "/open-apis/corehr/v2/probation/assessments", DocUrl = "https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/corehr-v2/probation-assessment/create" };
        Assert.Equal(("corehr", "v2", "probation.assessment", "create"), SpecWriter.Identity(explorer, []));

        // The doc tree files every CoreHR page under corehr-v1, whatever the endpoint's version.
        var problems = new List<string>();
        var docTree = explorer with { DocUrl = "https://open.feishu.cn/document/corehr-v1/probation/create" };
        var (project, version, _, _) = SpecWriter.Identity(docTree, problems);
        Assert.Equal(("corehr", "v2"), (project, version));
        Assert.Contains(problems, p => p.StartsWith("api: the page gives no address of the form", StringComparison.Ordinal));
    }
}
