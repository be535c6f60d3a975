using System.Globalization;
using FeishuApiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>Shared types files: what they declare is what a reference finds, and a disagreement is a diagnostic.</summary>
public sealed class SharedTypesFileTests
{
    private const string Endpoint = """
        spec_version: 1
        api: { project: demo, version: v1, resource: thing, name: create }
        title: t
        http: { method: POST, path: /open-apis/demo/v1/things }
        access_tokens: [tenant]

        """;

    private static GeneratorRunResult Run(params (string Path, string Text)[] files) =>
        new GeneratorHarness().Run(files.Select(f => GeneratorHarness.Spec(f.Path, f.Text)).ToList()).Result;

    private static string Source(GeneratorRunResult result, string hint) => result.GeneratedSources.Single(s => s.HintName == hint).SourceText.ToString();

    [Fact]
    public void A_reference_finds_the_declared_type_even_where_an_inline_object_of_that_name_came_first_and_nested_declarations_count()
    {
        const string shared = """
            spec_version: 1
            shared_types: { project: demo, version: v1 }
            types:
              employee:
                fields:
                  address: { type: object, fields: { street: { type: string } } }
                  dept: { type: department, fields: { id: { type: string } } }
              address:
                fields:
                  city: { type: string, required: true }
            """;
        var spec = Endpoint + "body:\n  home: { type: address }\n  who: { type: employee }\n  unit: { type: \"department[]\", max_items: 3 }\n";

        var (_, output, result) = new GeneratorHarness().Run([GeneratorHarness.Spec("/specs/types.yaml", shared), GeneratorHarness.Spec("/specs/thing.yaml", spec)]);

        Assert.Empty(result.Diagnostics);
        CompileTests.AssertNoDiagnostics(output);
        var endpoint = Source(result, "demo.v1.thing.create.g.cs");
        var types = Source(result, "demo.v1._types.g.cs");
        // `address` the declared type ({city}), not the inline {street} object that took the plain name first.
        var home = endpoint.Split('\n').Single(l => l.Contains(" Home { get; set; }", StringComparison.Ordinal));
        var declared = types.Split("public sealed partial class ").Single(t => t.Contains("\"city\"u8", StringComparison.Ordinal));
        Assert.Contains("global::Feishu.Demo.V1." + declared[..declared.IndexOf(' ', StringComparison.Ordinal)].Trim() + "?", home, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class Department :", types, StringComparison.Ordinal);
        Assert.Contains("validator.ObjectList(\"unit\", this.Unit, maxItems: 3);", endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_s_own_enum_never_adds_values_to_a_declared_enum_of_its_name()
    {
        const string shared = """
            spec_version: 1
            shared_types: { project: demo, version: v1 }
            types:
              task:
                fields:
                  status: { type: string, enum: [extra] }
            enums:
              status: [open, closed]
            """;
        var spec = Endpoint + "body:\n  status: { type: status }\n  task: { type: task }\n";

        var result = Run(("/specs/types.yaml", shared), ("/specs/thing.yaml", spec));

        Assert.Empty(result.Diagnostics);
        var types = Source(result, "demo.v1._types.g.cs");
        var status = types[types.IndexOf("record struct Status :", StringComparison.Ordinal)..];
        Assert.DoesNotContain("\"extra\"", status[..status.IndexOf("ToString()", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("record struct TaskValueStatus", types, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_whose_types_differ_only_in_a_built_in_member_type_are_FAG010()
    {
        const string first = "spec_version: 1\nshared_types: { project: demo, version: v1 }\ntypes:\n  label:\n    fields: { name: { type: i18n } }\n";
        const string second = "spec_version: 1\nshared_types: { project: demo, version: v1 }\ntypes:\n  label:\n    fields: { name: { type: custom_name } }\n";

        var result = Run(("/specs/a.yaml", first), ("/specs/b.yaml", second), ("/specs/thing.yaml", Endpoint + "body:\n  l: { type: label }\n"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FAG010", diagnostic.Id);
        Assert.Equal("/specs/b.yaml", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void A_shared_object_as_a_query_parameter_is_FAG012()
    {
        const string shared = "spec_version: 1\nshared_types: { project: demo, version: v1 }\ntypes:\n  range:\n    fields: { from: { type: int } }\n";

        var result = Run(("/specs/types.yaml", shared), ("/specs/thing.yaml", Endpoint + "query:\n  range: { type: range }\n"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FAG012", diagnostic.Id);
        Assert.Contains("query and path parameters are single values", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName == "demo.v1.thing.create.g.cs");
    }

    [Fact]
    public void A_shared_types_file_without_spec_version_is_reported_not_ignored()
    {
        const string shared = "shared_types: { project: demo, version: v1 }\ntypes:\n  range:\n    fields: { from: { type: int } }\n";

        var result = Run(("/specs/types.yaml", shared), ("/specs/thing.yaml", Endpoint + "body:\n  range: { type: range }\n"));

        Assert.Equal(["FAG002", "FAG003"], result.Diagnostics.Select(d => d.Id).Order());
        Assert.Equal("/specs/types.yaml", result.Diagnostics.Single(d => d.Id == "FAG002").Location.GetLineSpan().Path);
    }

    [Fact]
    public void A_shared_type_named_like_a_client_group_class_is_FAG017()
    {
        const string shared = "spec_version: 1\nshared_types: { project: demo, version: v1 }\ntypes:\n  thing_api:\n    fields: { a: { type: string } }\n";

        var result = Run(("/specs/types.yaml", shared), ("/specs/thing.yaml", Endpoint + "body:\n  a: { type: string }\n"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FAG017", diagnostic.Id);
        Assert.Contains("The C# type 'ThingApi' is generated by both demo.v1.thing.create (its client group) and the shared types of demo v1", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_outside_the_values_a_shared_enum_field_accepts_is_FAG020()
    {
        const string shared = "spec_version: 1\nshared_types: { project: demo, version: v1 }\nenums:\n  user_id_type: [open_id, union_id, user_id]\n";
        var spec = Endpoint + "query:\n  user_id_type: { type: user_id_type, enum: [open_id, user_id], default: union_id }\n";

        var result = Run(("/specs/types.yaml", shared), ("/specs/thing.yaml", spec));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FAG020", diagnostic.Id);
        Assert.Contains("'user_id_type.default': 'union_id' is not one of the field's enum values: open_id, user_id", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
