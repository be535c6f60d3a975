using FeishuApiGen.Generator.Tests.Infrastructure;
using FeishuApiGen.Importer.Catalog;
using Microsoft.CodeAnalysis;

namespace FeishuApiGen.Importer.Tests;

/// <summary>
/// A doc section imported at once (Fixtures/catalog, pages written for these tests): what two pages give alike is declared
/// once in the version's shared types file, each spec uses it by name, and everything generates and compiles together.
/// </summary>
public sealed class CatalogImportTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), $"feishu-apigen-catalog-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private string Import()
    {
        var stderr = new StringWriter();
        Assert.Equal(0, CatalogCommand.Run(Path.Combine(AppContext.BaseDirectory, "Fixtures", "catalog"), _output, "test-mirror", "0123abc", stderr));
        return stderr.ToString();
    }

    private string Read(string name) => File.ReadAllText(Path.Combine(_output, name));

    [Fact]
    public void What_pages_give_alike_is_shared_once_and_each_spec_uses_it_by_name()
    {
        var report = Import();

        Assert.Equal(
            ["LEFT-OUT.tsv", "MANIFEST.tsv", "corehr.v1.dept.search.yaml", "corehr.v2.dept.create.yaml", "corehr.v2.dept.get.yaml", "corehr.v2.dept.list.yaml", "corehr.v2.types.yaml"],
            Directory.EnumerateFiles(_output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("4 specs, 1 shared object types, 1 shared enums, 1 pages left out", report, StringComparison.Ordinal);

        var shared = Read("corehr.v2.types.yaml");
        Assert.Contains("shared_types: { project: corehr, version: v2 }\n", shared, StringComparison.Ordinal);
        Assert.Contains("  department:\n    fields:\n      id: { type: string, description: 部门 ID }\n", shared, StringComparison.Ordinal);
        // The widest page's values; each field lists its own only where it takes fewer.
        Assert.Contains("  user_id_type:\n    open_id: 以 open_id 标识用户\n    union_id: 以 union_id 标识用户\n    user_id: 以 user_id 标识用户\n", shared, StringComparison.Ordinal);
        Assert.Contains("    type: user_id_type\n    description: 用户 ID 类型\n    example: open_id\n    enum: [open_id, user_id]\n", Read("corehr.v2.dept.get.yaml"), StringComparison.Ordinal);
        Assert.Contains("  user_id_type: { type: user_id_type, description: 用户 ID 类型, example: open_id }\n", Read("corehr.v2.dept.list.yaml"), StringComparison.Ordinal);
        Assert.Contains("    dept: { type: department, description: 部门 }\n", Read("corehr.v2.dept.get.yaml"), StringComparison.Ordinal);

        // A page's own type of a shared name but other members takes another name, so the shared one stays in reach.
        var create = Read("corehr.v2.dept.create.yaml");
        Assert.Contains("  dept_info:\n    type: dept_info_department\n", create, StringComparison.Ordinal);
        Assert.Contains("    dept: { type: department, description: 部门 }\n", create, StringComparison.Ordinal);

        // One historic page in its version: nothing to share there, and it is deprecated.
        var historic = Read("corehr.v1.dept.search.yaml");
        Assert.Contains("\ndeprecated: true\n", historic, StringComparison.Ordinal);
        Assert.Contains("      type: \"department[]\"\n", historic, StringComparison.Ordinal);
        Assert.Contains("      fields:\n", historic, StringComparison.Ordinal);

        Assert.Equal(
            "api\tpage\tupdated\tmirror\tcommit\tnot carried\n" +
            "corehr.v1.dept.search\thistoric-version/feishu-people/dept/search.md\t2025-01-01T00:00:00Z\ttest-mirror\t0123abc\t0\n" +
            "corehr.v2.dept.create\tcorehr-v2/dept/create.md\t2025-01-01T00:00:00Z\ttest-mirror\t0123abc\t0\n" +
            "corehr.v2.dept.get\tcorehr-v2/dept/get.md\t2025-01-01T00:00:00Z\ttest-mirror\t0123abc\t0\n" +
            "corehr.v2.dept.list\tcorehr-v2/dept/list.md\t2025-01-01T00:00:00Z\ttest-mirror\t0123abc\t0\n",
            Read("MANIFEST.tsv"));
        Assert.StartsWith("page\twhy\ncorehr-v2/overview.md\tnot an endpoint page", Read("LEFT-OUT.tsv"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_imported_section_generates_and_compiles_with_no_warning_and_importing_again_gives_the_same_bytes()
    {
        Import();
        var first = Directory.EnumerateFiles(_output).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var specs = Directory.EnumerateFiles(_output, "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => GeneratorHarness.Spec(path, File.ReadAllText(path))).ToList();

        var (_, output, result) = new GeneratorHarness().Run(specs);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var types = result.GeneratedSources.Single(s => s.HintName == "corehr.v2._types.g.cs").SourceText.ToString();
        Assert.Contains("public sealed partial class Department :", types, StringComparison.Ordinal);
        Assert.Contains("public readonly partial record struct UserIdType :", types, StringComparison.Ordinal);

        Directory.Delete(_output, recursive: true);
        Import();
        Assert.Equal(first, Directory.EnumerateFiles(_output).Order(StringComparer.Ordinal).Select(File.ReadAllText));
    }

    [Fact]
    public void Coverage_finds_every_fact_of_the_pages_in_the_imported_specs_and_names_one_taken_out()
    {
        Import();
        var pages = Path.Combine(AppContext.BaseDirectory, "Fixtures", "catalog");
        var totals = new StringWriter();
        Assert.Equal(0, FeishuApiGen.Importer.Coverage.CoverageCommand.Run(pages, _output, totals, new StringWriter()));

        var rows = File.ReadAllLines(Path.Combine(_output, "COVERAGE.tsv")).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.All(rows, r => Assert.True(r[4] == "0", $"{r[0]} {r[1]}: {r[2]} on the page, {r[3]} in the spec"));
        // The get page: one rate window, one scope, two user_id_type values.
        var get = rows.Where(r => r[0] == "corehr.v2.dept.get").ToDictionary(r => r[1], r => int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, get["rate limit"]);
        Assert.Equal(1, get["scopes"]);
        Assert.Equal(2, get["enum values"]);
        Assert.Contains("| rate limit | 4 | 4 | 0 |", totals.ToString(), StringComparison.Ordinal);

        // A spec that loses an enum value is found out.
        var spec = Path.Combine(_output, "corehr.v2.dept.get.yaml");
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("enum: [open_id, user_id]", "enum: [open_id]", StringComparison.Ordinal));
        Assert.Equal(0, FeishuApiGen.Importer.Coverage.CoverageCommand.Run(pages, _output, new StringWriter(), new StringWriter()));
        var lost = File.ReadAllLines(Path.Combine(_output, "COVERAGE.tsv")).Select(l => l.Split('\t')).Single(r => r[0] == "corehr.v2.dept.get" && r[1] == "enum values");
        Assert.Equal(["2", "1", "1"], lost[2..5]);
    }
}
