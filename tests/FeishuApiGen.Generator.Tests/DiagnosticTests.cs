using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using FeishuApiGen.Generator.Diagnostics;
using FeishuApiGen.Generator.Model;
using FeishuApiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>
/// One or more tests per diagnostic of docs/diagnostics.md. Every malformed spec runs beside a valid one
/// (<see cref="SeedSpec.Minimal"/>) and must generate nothing while the valid one still generates; every
/// diagnostic is checked for its ID, severity, a phrase saying what to fix, and the exact place of the
/// offending YAML node (0-based line and column, and the text found there).
/// </summary>
public sealed class DiagnosticTests
{
    private const string BadPath = "/specs/bad.yaml";
    private const string ValidPath = "/specs/valid.yaml";
    private const string BadHint = "test.v1.thing.create.g.cs";
    private const string ValidHint = "corehr.v2.probation.enable_disable_assessment.g.cs";
    private const string ClientHint = "FeishuClient.g.cs";

    /// <summary>
    /// A sound spec head, lines 0 to 4; a case appends from line 5 on. Columns used below:
    /// line 1 has '{' at 5, 'test' at 16, 'thing' at 45; line 3 has 'POST' at 16 and the path at 28.
    /// </summary>
    private const string Head = """
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: create }
        title: Create a thing
        http: { method: POST, path: /open-apis/test/v1/things }
        access_tokens: [tenant]
        """ + "\n";

    // ---- FAG001 ------------------------------------------------------------------------------

    [Theory]
    [InlineData("duplicate key", Head + "title: Again", 5, 0, "title", "Duplicate key")]
    [InlineData("tab indentation", Head + "body:\n\ta: { type: string }", 6, 0, "\t", "tab")]
    [InlineData("bad indentation", Head + """
        body:
          a: { type: string }
         b: { type: string }
        """, 7, 1, "b:", "did not find expected key")]
    [InlineData("unclosed bracket", """
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: create
        title: Create a thing
        """, 2, 0, "title", "not closed")]
    [InlineData("alias inside its own anchor", Head + """
        body:
          a: &a { type: object, fields: { b: *a } }
        """, 6, 37, "*a", "inside the node it refers to")]
    [InlineData("alias to no anchor", Head + "description: *nope", 5, 13, "*nope", "no anchor &nope defined before it")]
    public void FAG001_invalid_yaml_is_reported_where_it_breaks(string trigger, string yaml, int line, int column, string at, string phrase)
    {
        Assert.NotEmpty(trigger);
        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG001", DiagnosticSeverity.Error, phrase);
        AssertLocation(diagnostic, yaml, line, column, at);
        Assert.Contains("The spec is not valid YAML", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void FAG001_an_unquoted_list_type_in_a_flow_map_says_to_quote_it()
    {
        const string yaml = Head + "body:\n  a: { type: string[], required: true }";

        var result = RunBadBesideValid(yaml);

        AssertSingleDiagnostic(result, "FAG001", DiagnosticSeverity.Error, "A list type inside { } must be quoted: { type: \"string[]\" }");
    }

    [Fact]
    public void FAG001_nesting_deeper_than_64_levels_is_refused_at_the_first_level_too_deep()
    {
        // Root mapping (1), the examples mapping (2), then '[' number k is level k + 2: the 63rd, at column 21 + 62, is level 65.
        var yaml = Head + "examples: { request: " + new string('[', 200) + new string(']', 200) + " }";

        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG001", DiagnosticSeverity.Error, "nests deeper than 64 levels");
        AssertLocation(diagnostic, yaml, 5, 83, "[");
    }

    [Fact]
    public void FAG001_aliases_that_expand_past_100000_nodes_are_refused_at_the_alias_that_crosses()
    {
        // Nodes before line 9: head 24, then x0 1 + 11 (&a0 holds 11), x1 1 + 111, x2 1 + 1111, x3 1 + 11111: 12372.
        // Line 9 adds its key and '[' (12374), then 11111 per *a3: the 8th (column 9 + 7 * 5 = 44) passes 100000.
        var yaml = Head + """
            x0: &a0 [x, x, x, x, x, x, x, x, x, x]
            x1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
            x2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
            x3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
            x4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
            """;

        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG001", DiagnosticSeverity.Error, "with its aliases expanded, has more than 100000 nodes");
        AssertLocation(diagnostic, yaml, 9, 44, "*a3");
    }

    // ---- FAG002 ------------------------------------------------------------------------------

    [Theory]
    [InlineData("spec_version (the spec is still recognised by api: and http:)", """
        api: { project: test, version: v1, resource: thing, name: create }
        title: Create a thing
        http: { method: POST, path: /open-apis/test/v1/things }
        access_tokens: [tenant]
        """, 0, 0, "api:", "'spec' is missing the required key 'spec_version'")]
    [InlineData("title", """
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: create }
        http: { method: POST, path: /open-apis/test/v1/things }
        access_tokens: [tenant]
        """, 0, 0, "spec_version", "'spec' is missing the required key 'title'")]
    [InlineData("title, given with no value", """
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: create }
        title:
        http: { method: POST, path: /open-apis/test/v1/things }
        access_tokens: [tenant]
        """, 2, 0, "title:", "'spec' is missing the required key 'title'")]
    [InlineData("access_tokens", """
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: create }
        title: Create a thing
        http: { method: POST, path: /open-apis/test/v1/things }
        """, 0, 0, "spec_version", "'spec' is missing the required key 'access_tokens'")]
    [InlineData("api.name", """
        spec_version: 1
        api: { project: test, version: v1, resource: thing }
        title: Create a thing
        http: { method: POST, path: /open-apis/test/v1/things }
        access_tokens: [tenant]
        """, 1, 5, "{ project", "'api' is missing the required key 'name'")]
    [InlineData("http.path", """
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: create }
        title: Create a thing
        http: { method: POST }
        access_tokens: [tenant]
        """, 3, 6, "{ method", "'http' is missing the required key 'path'")]
    [InlineData("a field's type (flow)", Head + """
        body:
          a: { description: no type }
        """, 6, 5, "{ description", "'body.a' is missing the required key 'type'")]
    [InlineData("a field's type (block)", Head + """
        body:
          a:
            description: no type
        """, 7, 4, "description", "'body.a' is missing the required key 'type'")]
    [InlineData("a rate limit's per", Head + """
        rate_limit:
          - { limit: 10 }
        """, 6, 4, "{ limit", "'rate_limit' is missing the required key 'per'")]
    [InlineData("a scope's name", Head + """
        scopes:
          - { title: Read things }
        """, 6, 4, "{ title", "'scopes' is missing the required key 'name'")]
    [InlineData("an error's code", Head + """
        errors:
          - { http_status: 400, message: Bad }
        """, 6, 4, "{ http_status", "'errors' is missing the required key 'code'")]
    public void FAG002_a_missing_required_key_is_reported_on_its_mapping(string missing, string yaml, int line, int column, string at, string phrase)
    {
        Assert.NotEmpty(missing);
        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG002", DiagnosticSeverity.Error, phrase);
        AssertLocation(diagnostic, yaml, line, column, at);
        Assert.Contains("add it", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    // ---- FAG003 ------------------------------------------------------------------------------

    [Theory]
    [InlineData(Head + "body:\n  a: { type: strng }", "strng", "Unknown type 'strng'")]
    [InlineData(Head + "body:\n  a: { type: \"gadget[]\" }", "\"gadget[]\"", "Unknown type 'gadget[]'")]
    [InlineData(Head + "body:\n  a: { type: number(float) }", "number(float)", "Unknown type 'number(float)' (the doc pages' spelling of float: write 'float')")]
    [InlineData(Head + "body:\n  a: { type: \"bool[]\" }", "\"bool[]\"", "Unknown type 'bool[]' (write 'boolean')")]
    public void FAG003_an_unknown_type_is_reported_on_the_type_value(string yaml, string at, string phrase)
    {
        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG003", DiagnosticSeverity.Error, phrase);
        AssertLocation(diagnostic, yaml, 6, 13, at);
        Assert.Contains("use string, int, int64, float, boolean, object, a built-in type (i18n, enum, custom_name, custom_field_data, object_field_data), a type declared under 'types'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    // ---- FAG004 ------------------------------------------------------------------------------

    [Fact]
    public void FAG004_an_unsupported_http_method_is_reported_on_the_method()
    {
        const string yaml = """
            spec_version: 1
            api: { project: test, version: v1, resource: thing, name: create }
            title: Create a thing
            http: { method: FETCH, path: /open-apis/test/v1/things }
            access_tokens: [tenant]
            """;

        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG004", DiagnosticSeverity.Error, "HTTP method 'FETCH' is not supported; use GET, POST, PUT, PATCH or DELETE");
        AssertLocation(diagnostic, yaml, 3, 16, "FETCH");
    }

    // ---- FAG005 ------------------------------------------------------------------------------

    [Fact]
    public void FAG005_the_second_spec_by_path_with_the_same_api_is_reported_and_the_first_still_generates()
    {
        // Given out of path order on purpose: the first by path wins, not the first given.
        var result = Run(
            new GeneratorHarness(),
            GeneratorHarness.Spec("/specs/b.yaml", SeedSpec.Minimal),
            GeneratorHarness.Spec("/specs/a.yaml", SeedSpec.Minimal),
            GeneratorHarness.ShippedSpec(SeedSpec.RelativePath));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FAG005", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(
            "Endpoint 'corehr.v2.probation.enable_disable_assessment' is already declared in '/specs/a.yaml'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            StringComparison.Ordinal);
        Assert.Equal("/specs/b.yaml", diagnostic.Location.GetLineSpan().Path);
        AssertLocation(diagnostic, SeedSpec.Minimal, 1, 5, "{ project: corehr", "/specs/b.yaml");
        Assert.Equal(
            new[] { "corehr.v2.probation.assessment.create.g.cs", "corehr.v2._types.g.cs", ValidHint, ClientHint }.Order(StringComparer.Ordinal),
            result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    // ---- FAG006 ------------------------------------------------------------------------------

    [Theory]
    [InlineData("""
        spec_version: 1
        api: { project: te-st, version: v1, resource: thing, name: create }
        title: Create a thing
        http: { method: POST, path: /open-apis/test/v1/things }
        access_tokens: [tenant]
        """, 1, 16, "te-st", "'te-st' is not a valid api project")]
    [InlineData("""
        spec_version: 1
        api: { project: test, version: v1, resource: thing..x, name: create }
        title: Create a thing
        http: { method: POST, path: /open-apis/test/v1/things }
        access_tokens: [tenant]
        """, 1, 45, "thing..x", "'thing..x' is not a valid api resource")]
    [InlineData(Head + "body:\n  a: { type: string, csharp_name: 2fast }", 6, 34, "2fast", "'2fast' is not a valid C# identifier")]
    [InlineData(Head + "types:\n  t:\n    csharp_name: class\n    fields: { a: { type: string } }\nbody:\n  x: { type: t }", 7, 17, "class", "'class' is not a valid types.t.csharp_name")]
    public void FAG006_a_name_that_cannot_become_csharp_is_reported_on_the_name(string yaml, int line, int column, string at, string phrase)
    {
        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG006", DiagnosticSeverity.Error, phrase);
        AssertLocation(diagnostic, yaml, line, column, at);
        Assert.Contains("use letters, digits and underscores", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    // ---- FAG007 and its own cases (FAG020-FAG024) ------------------------------------------------------------------------------

    [Theory]
    [InlineData("FAG007", "required: maybe", Head + "body:\n  a: { type: string, required: maybe }", 6, 31, "maybe", "'body.a.required': expected true or false")]
    [InlineData("FAG022", "rate_limit per: week", Head + "rate_limit:\n  - { limit: 10, per: week }", 6, 22, "week", "'rate_limit.per': expected one of: second, minute, hour, day")]
    [InlineData("FAG007", "a GET with a body", """
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: create }
        title: Create a thing
        http: { method: GET, path: /open-apis/test/v1/things }
        access_tokens: [tenant]
        body:
          a: { type: string }
        """, 5, 0, "body", "a GET request sends no body; move these fields to 'query'")]
    [InlineData("FAG022", "an unknown access token", """
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: create }
        title: Create a thing
        http: { method: POST, path: /open-apis/test/v1/things }
        access_tokens: [tenant, admin]
        """, 4, 24, "admin", "'access_tokens': expected any of: tenant, user, app")]
    [InlineData("FAG007", "a path not under /open-apis/", """
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: create }
        title: Create a thing
        http: { method: POST, path: /api/test/v1/things }
        access_tokens: [tenant]
        """, 3, 28, "/api/test", "'http.path': expected a path starting with /open-apis/")]
    [InlineData("FAG007", "a doc_url that is not a URL", Head + "doc_url: not a url", 5, 9, "not a url", "'doc_url': expected an absolute URL")]
    [InlineData("FAG022", "format: time", Head + "body:\n  a: { type: string, format: time }", 6, 29, "time", "'body.a.format': expected one of: date, datetime, int64_string")]
    [InlineData("FAG024", "min above max", Head + "body:\n  a: { type: int, min: 10, max: 1 }", 6, 23, "10", "'body.a.min': min is greater than max")]
    [InlineData("FAG007", "a non-numeric min", Head + "body:\n  a: { type: int, min: ten }", 6, 23, "ten", "'body.a.min': expected a number")]
    [InlineData("FAG021", "an empty enum", Head + "body:\n  a: { type: string, enum: {} }", 6, 27, "{}", "'body.a.enum': list at least one value")]
    [InlineData("FAG021", "scopes_when for a value not in a list enum", Head + "query:\n  kind: { type: string, enum: [a, b], scopes_when: { c: [x] } }", 6, 53, "c:", "'c' is not one of the field's enum values")]
    [InlineData("FAG020", "a default that is not an int", Head + "query:\n  page_size: { type: int, default: ten }", 6, 35, "ten", "'query.page_size.default': expected a 32-bit integer")]
    [InlineData("FAG020", "a default outside min..max", Head + "query:\n  page_size: { type: int, max: 100, default: 500 }", 6, 45, "500", "'query.page_size.default': outside min..max")]
    [InlineData("FAG020", "a default not in the enum", Head + "query:\n  kind: { type: string, enum: [a, b], default: c }", 6, 47, "c", "'query.kind.default': 'c' is not one of the field's enum values: a, b")]
    [InlineData("FAG021", "an integer enum value that is not an integer", Head + "body:\n  a: { type: int, enum: { x: one } }", 6, 26, "x", "'body.a.enum': 'x' is not a 32-bit integer")]
    [InlineData("FAG020", "a default not in an integer enum", Head + "query:\n  mode: { type: int, enum: [1, 2], default: 3 }", 6, 44, "3", "'query.mode.default': '3' is not one of the field's enum values: 1, 2")]
    [InlineData("FAG007", "rate_limit neither a list nor special", Head + "rate_limit: often", 5, 12, "often", "expected a list")]
    [InlineData("FAG020", "a default that is not a boolean", Head + "query:\n  flag: { type: boolean, default: yes }", 6, 34, "yes", "'query.flag.default': expected true or false")]
    [InlineData("FAG007", "pagination.items naming no array", Head + "query:\n  page_token: { type: string }\nresponse:\n  data:\n    has_more: { type: boolean }\n    page_token: { type: string }\n    items: { type: \"string[]\" }\n    others: { type: \"int[]\" }\npagination: { items: total }", 13, 21, "total", "'pagination.items': 'total' is not an array in response.data; expected one of: items, others")]
    [InlineData("FAG007", "pagination on an endpoint that does not page", Head + "pagination: { items: items }", 5, 0, "pagination", "'pagination': pagination needs a string query parameter page_token")]
    [InlineData("FAG023", "an example that is not JSON", Head + "examples:\n  request: '{\"a\": 1,}'", 6, 11, "'{", "'examples.request': not valid JSON: a member name in double quotes expected at line 1, column 9 of the example")]
    [InlineData("FAG023", "an example with a bare word", Head + "examples:\n  response: '{\"code\": zero}'", 6, 12, "'{", "'examples.response': not valid JSON: unexpected 'z' at line 1, column 10 of the example")]
    [InlineData("FAG007", "two idempotency keys", Head + "query:\n  client_token: { type: string, idempotency_key: true }\n  request_id: { type: string, idempotency_key: true }", 7, 2, "request_id", "'query.request_id.idempotency_key': only one query parameter may be the idempotency key")]
    public void FAG007_and_its_cases_a_value_of_the_wrong_form_is_reported_on_the_value(string id, string trigger, string yaml, int line, int column, string at, string phrase)
    {
        Assert.NotEmpty(trigger);
        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, id, DiagnosticSeverity.Error, phrase);
        AssertLocation(diagnostic, yaml, line, column, at);
        Assert.StartsWith("Invalid value for '", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    // ---- FAG008 ------------------------------------------------------------------------------

    [Fact]
    public void FAG008_an_unknown_key_is_a_warning_on_the_key_and_the_spec_still_generates()
    {
        const string yaml = Head + "body:\n  a: { type: string, requried: true }";

        var result = Run(new GeneratorHarness(), GeneratorHarness.Spec(BadPath, yaml), GeneratorHarness.Spec(ValidPath, SeedSpec.Minimal));

        var diagnostic = AssertSingleDiagnostic(result, "FAG008", DiagnosticSeverity.Warning, "Unknown key 'requried' in body.a; it is ignored (known keys: type, required,");
        AssertLocation(diagnostic, yaml, 6, 21, "requried");
        Assert.Equal(
            new[] { BadHint, ValidHint, ClientHint }.Order(StringComparer.Ordinal),
            result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    // ---- FAG015 ------------------------------------------------------------------------------

    [Fact]
    public void FAG015_a_paged_endpoint_with_several_arrays_is_a_warning_on_response_and_generates_without_the_iterator()
    {
        const string yaml = Head + """
            query:
              page_token: { type: string }
            response:
              data:
                has_more: { type: boolean }
                page_token: { type: string }
                company_ids: { type: "string[]" }
                deleted_company_ids: { type: "string[]" }
            """;

        var result = Run(new GeneratorHarness(), GeneratorHarness.Spec(BadPath, yaml), GeneratorHarness.Spec(ValidPath, SeedSpec.Minimal));

        var diagnostic = AssertSingleDiagnostic(result, "FAG015", DiagnosticSeverity.Warning, "response.data has several arrays (company_ids, deleted_company_ids); name the one holding the items with 'pagination: { items: <name> }'");
        AssertLocation(diagnostic, yaml, 7, 0, "response");
        var generated = result.GeneratedSources.Single(s => s.HintName == BadHint).SourceText.ToString();
        Assert.Contains("CreateAsync(", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("CreateAllAsync(", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("IFeishuPage<", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void FAG015_is_silenced_by_naming_the_items_and_the_iterator_is_generated()
    {
        const string yaml = Head + """
            query:
              page_token: { type: string }
            response:
              data:
                has_more: { type: boolean }
                page_token: { type: string }
                company_ids: { type: "string[]" }
                deleted_company_ids: { type: "string[]" }
            pagination: { items: company_ids }
            """;

        var result = Run(new GeneratorHarness(), GeneratorHarness.Spec(BadPath, yaml), GeneratorHarness.Spec(ValidPath, SeedSpec.Minimal));

        Assert.Empty(result.Diagnostics);
        var generated = result.GeneratedSources.Single(s => s.HintName == BadHint).SourceText.ToString();
        Assert.Contains("IAsyncEnumerable<string> CreateAllAsync(", generated, StringComparison.Ordinal);
        Assert.Contains(".PageItems => this.CompanyIds;", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void FAG015_is_silenced_by_pagination_false_and_no_iterator_is_generated()
    {
        const string yaml = Head + """
            query:
              page_token: { type: string }
            response:
              data:
                has_more: { type: boolean }
                page_token: { type: string }
                company_ids: { type: "string[]" }
                deleted_company_ids: { type: "string[]" }
            pagination: false
            """;

        var result = Run(new GeneratorHarness(), GeneratorHarness.Spec(BadPath, yaml), GeneratorHarness.Spec(ValidPath, SeedSpec.Minimal));

        Assert.Empty(result.Diagnostics);
        var generated = result.GeneratedSources.Single(s => s.HintName == BadHint).SourceText.ToString();
        Assert.Contains("CreateAsync(", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("CreateAllAsync(", generated, StringComparison.Ordinal);
    }

    // ---- FAG009 ------------------------------------------------------------------------------

    [Theory]
    [InlineData("""
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: create }
        title: Create a thing
        http: { method: POST, path: /open-apis/test/v1/things/:thing_id }
        access_tokens: [tenant]
        """, 3, 0, "http", "The path uses ':thing_id' but 'path_params' does not declare 'thing_id'; declare it under path_params")]
    [InlineData(Head + "path_params:\n  thing_id: { type: string }", 6, 2, "thing_id", "'path_params' declares 'thing_id' but the path has no ':thing_id'; add it to http.path or remove it")]
    public void FAG009_path_parameters_that_do_not_match_the_path_are_reported(string yaml, int line, int column, string at, string phrase)
    {
        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG009", DiagnosticSeverity.Error, phrase);
        AssertLocation(diagnostic, yaml, line, column, at);
    }

    // ---- FAG010 ------------------------------------------------------------------------------

    [Fact]
    public void FAG010_a_type_declared_twice_with_different_fields_is_reported_on_the_second_declaration()
    {
        const string yaml = Head + """
            types:
              gadget:
                fields:
                  a: { type: string }
            body:
              g:
                type: gadget
                fields:
                  b: { type: int }
            """;

        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG010", DiagnosticSeverity.Error, "Type 'gadget' is declared twice with different fields; declare it once (under 'types')");
        AssertLocation(diagnostic, yaml, 11, 10, "gadget");
    }

    [Fact]
    public void FAG010_two_shared_types_files_declaring_one_name_differently_are_reported_on_the_later_file()
    {
        const string first = "spec_version: 1\nshared_types: { project: test, version: v1 }\ntypes:\n  gadget:\n    fields: { a: { type: string } }\n";
        const string second = "spec_version: 1\nshared_types: { project: test, version: v1 }\ntypes:\n  gadget:\n    fields: { b: { type: int } }\n";
        var user = Head + "body:\n  g: { type: gadget }";

        var result = Run(new GeneratorHarness(), GeneratorHarness.Spec("/specs/a-types.yaml", first), GeneratorHarness.Spec("/specs/b-types.yaml", second), GeneratorHarness.Spec(BadPath, user));

        var diagnostic = AssertSingleDiagnostic(result, "FAG010", DiagnosticSeverity.Error, "Type 'gadget' is declared twice with different fields");
        Assert.Equal("/specs/b-types.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        // The first declaration stands: the spec using it still generates.
        Assert.Contains(result.GeneratedSources, s => s.HintName == BadHint);
    }

    // ---- FAG016, FAG017: built-in types and names two files would both generate ----------------

    [Theory]
    [InlineData(Head + "types:\n  i18n:\n    fields: { zh_cn: { type: string } }\nbody:\n  a: { type: i18n }", 6, 2, "i18n", "'i18n' is a built-in type (FeishuApiGen.I18n)")]
    [InlineData(Head + "body:\n  a:\n    type: \"enum[]\"\n    fields: { enum_name: { type: string } }", 7, 10, "\"enum[]\"", "'enum' is a built-in type (FeishuApiGen.EnumValue)")]
    public void FAG016_declaring_a_built_in_type_is_reported_on_the_declaration(string yaml, int line, int column, string at, string phrase)
    {
        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG016", DiagnosticSeverity.Error, phrase);
        AssertLocation(diagnostic, yaml, line, column, at);
    }

    [Fact]
    public void FAG017_an_endpoint_whose_types_class_is_a_shared_type_s_name_is_reported_and_not_generated()
    {
        const string shared = "spec_version: 1\nshared_types: { project: test, version: v1 }\ntypes:\n  create_thing:\n    fields: { a: { type: string } }\n";
        var yaml = Head + "body:\n  state: { type: string, enum: [on, off] }";

        var result = Run(new GeneratorHarness(), GeneratorHarness.Spec("/specs/types.yaml", shared), GeneratorHarness.Spec(BadPath, yaml));

        var diagnostic = AssertSingleDiagnostic(result, "FAG017", DiagnosticSeverity.Error, "The C# type 'CreateThing' is generated by both test.v1.thing.create and the shared types of test v1");
        Assert.Equal(BadPath, diagnostic.Location.GetLineSpan().Path);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName == BadHint);
    }

    [Fact]
    public void A_shared_enum_field_that_lists_a_value_the_enum_lacks_is_reported_and_an_unknown_name_is_FAG003()
    {
        const string shared = "spec_version: 1\nshared_types: { project: test, version: v1 }\nenums:\n  user_id_type: [open_id, user_id]\n";
        var yaml = Head + "query:\n  user_id_type: { type: user_id_type, enum: [open_id, union_id] }\n  other: { type: department_id_type }";

        var result = Run(new GeneratorHarness(), GeneratorHarness.Spec("/specs/types.yaml", shared), GeneratorHarness.Spec(BadPath, yaml));

        Assert.Equal(["FAG003", "FAG021"], result.Diagnostics.Select(d => d.Id).Order());
        Assert.Contains(result.Diagnostics, d => d.GetMessage(CultureInfo.InvariantCulture).Contains("'union_id' is not a value of the shared enum 'user_id_type' (open_id, user_id)", StringComparison.Ordinal));
        var unknown = result.Diagnostics.Single(d => d.Id == "FAG003");
        AssertLocation(unknown, yaml, 7, 17, "department_id_type");
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName == BadHint);
    }

    // ---- FAG011 ------------------------------------------------------------------------------

    [Fact]
    public void FAG011_an_invalid_pattern_is_reported_on_the_pattern()
    {
        const string yaml = Head + "body:\n  a: { type: string, pattern: \"[a-\" }";

        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG011", DiagnosticSeverity.Error, "'pattern' is not a valid regular expression:");
        AssertLocation(diagnostic, yaml, 6, 30, "\"[a-\"");
    }

    // ---- FAG012 ------------------------------------------------------------------------------

    [Theory]
    [InlineData("min_length on an int", Head + "body:\n  a: { type: int, min_length: 1 }", 6, 18, "min_length", "'min_length' does not apply to a field of type 'int'; min_length and max_length apply to strings")]
    [InlineData("max_length on a list of strings", Head + "body:\n  a: { type: \"string[]\", max_length: 5 }", 6, 25, "max_length", "'max_length' does not apply to a field of type 'string[]'; on a list they would apply to each item; use min_items and max_items for how many items the list holds")]
    [InlineData("enum on a boolean", Head + "body:\n  a: { type: boolean, enum: { x: one } }", 6, 22, "enum", "'enum' does not apply to a field of type 'boolean'; enum applies to string, int and int64 fields")]
    [InlineData("idempotency_key on a body field", Head + "body:\n  a: { type: string, idempotency_key: true }", 6, 21, "idempotency_key", "'idempotency_key' does not apply to a field of type 'string'; it marks a string query parameter")]
    [InlineData("min_items on a non-array", Head + "body:\n  a: { type: string, min_items: 1 }", 6, 21, "min_items", "'min_items' does not apply to a field of type 'string'; min_items and max_items apply to arrays")]
    [InlineData("fields on a scalar", Head + """
        body:
          a:
            type: string
            fields:
              b: { type: string }
        """, 8, 4, "fields", "'fields' does not apply to a field of type 'string'; only object types have fields")]
    [InlineData("an object in query", Head + "query:\n  filter: { type: object }", 6, 2, "filter", "'query.filter' does not apply to a field of type 'object'; query parameters are single values")]
    [InlineData("an object in path_params", """
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: create }
        title: Create a thing
        http: { method: POST, path: /open-apis/test/v1/things/:thing_id/:part }
        access_tokens: [tenant]
        path_params:
          thing_id: { type: string }
          part: { type: object }
        """, 7, 2, "part", "'path_params.part' does not apply to a field of type 'array or object'; a path parameter must be a single string or number")]
    public void FAG012_a_key_that_does_not_apply_to_the_type_is_reported_on_the_key(string trigger, string yaml, int line, int column, string at, string phrase)
    {
        Assert.NotEmpty(trigger);
        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG012", DiagnosticSeverity.Error, phrase);
        AssertLocation(diagnostic, yaml, line, column, at);
    }

    // ---- FAG013 ------------------------------------------------------------------------------

    [Fact]
    public void FAG013_an_unsupported_spec_version_is_reported_on_the_version()
    {
        const string yaml = """
            spec_version: 2
            api: { project: test, version: v1, resource: thing, name: create }
            title: Create a thing
            http: { method: POST, path: /open-apis/test/v1/things }
            access_tokens: [tenant]
            """;

        var result = RunBadBesideValid(yaml);

        var diagnostic = AssertSingleDiagnostic(result, "FAG013", DiagnosticSeverity.Error, "spec_version '2' is not supported by this generator; it reads spec_version 1");
        AssertLocation(diagnostic, yaml, 0, 14, "2");
    }

    // ---- FAG014 ------------------------------------------------------------------------------

    [Theory]
    [InlineData("not a namespace!")]
    [InlineData("Contoso..Feishu")]
    [InlineData("1Contoso")]
    [InlineData("Contoso.class")]
    public void FAG014_an_invalid_namespace_property_is_reported_and_the_default_is_used(string rootNamespace)
    {
        var result = Run(new GeneratorHarness(rootNamespace), GeneratorHarness.Spec(ValidPath, SeedSpec.Minimal));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FAG014", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "FeishuApiGenNamespace '" + rootNamespace + "' is not a valid C# namespace; the default 'Feishu' is used",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(Location.None, diagnostic.Location);
        var endpoint = Assert.Single(result.GeneratedSources, s => s.HintName == ValidHint);
        Assert.Contains("namespace Feishu.Corehr.V2", endpoint.SourceText.ToString(), StringComparison.Ordinal);
        Assert.Contains(result.GeneratedSources, s => s.HintName == ClientHint);
    }

    // ---- FAG999: no input found reaches it; odd input must never crash the generator ---------

    [Fact]
    public void FAG999_is_an_error_that_names_the_failure_and_asks_for_a_report()
    {
        var diagnostic = Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, "InvalidOperationException", "boom");

        Assert.Equal("FAG999", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "FeishuApiGen could not generate code for this spec (InvalidOperationException: boom); other specs are unaffected. Please report this with the spec.",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("alias loop in a field")]
    [InlineData("alias loop in api")]
    [InlineData("alias loop in an unused type")]
    [InlineData("100000 nested flow lists")]
    [InlineData("3000 nested object fields")]
    [InlineData("billion laughs")]
    [InlineData("binary garbage after spec_version")]
    [InlineData("control characters")]
    [InlineData("only spec_version")]
    [InlineData("flow list as the root")]
    [InlineData("a second document")]
    [InlineData("unclosed bracket then a key at the margin")]
    [InlineData("a colon with no key under a key")]
    [InlineData("stray closing brackets")]
    [InlineData("a 1 MB title")]
    [InlineData("empty file")]
    public void Odd_input_never_crashes_the_generator_and_never_reaches_FAG999(string kind)
    {
        var yaml = OddInput(kind);

        var result = RunBadBesideValid(yaml, allowNoDiagnostic: kind == "empty file");

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "FAG999");
        if (kind != "empty file")
        {
            Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Location.GetLineSpan().Path == BadPath);
        }
    }

    // ---- Files that are not specs -------------------------------------------------------------

    [Fact]
    public void A_yaml_file_that_is_not_a_spec_is_left_alone()
    {
        // Nested api: and http: keys do not make a spec: only top-level ones do.
        const string compose = """
            version: "3.8"
            services:
              api:
                image: contoso/api:latest
                ports: ["8080:80"]
              http:
                image: nginx
                depends_on: [api]
            """;
        var harness = new GeneratorHarness();

        var without = Run(harness, GeneratorHarness.Spec(ValidPath, SeedSpec.Minimal));
        var with = Run(harness, GeneratorHarness.Spec("/deploy/docker-compose.yml", compose), GeneratorHarness.Spec(ValidPath, SeedSpec.Minimal));

        Assert.Empty(with.Diagnostics);
        Assert.DoesNotContain(
            with.TrackedSteps[TrackingNames.ParsedSpecs].SelectMany(s => s.Outputs),
            o => ((SpecParseResult)o.Value).FilePath == "/deploy/docker-compose.yml");
        Assert.Equal(
            without.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
            with.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void A_spec_in_a_file_that_is_not_yaml_is_left_alone()
    {
        var result = Run(
            new GeneratorHarness(),
            GeneratorHarness.Spec("/specs/bad.json", Head + "body:\n  a: { type: strng }"),
            GeneratorHarness.Spec(ValidPath, SeedSpec.Minimal));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { ValidHint, ClientHint }.Order(StringComparer.Ordinal), result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_project_that_feeds_the_generator_no_spec_is_warned_once_and_still_gets_its_client()
    {
        // Other YAML is not a spec; only a spec (of an endpoint or of shared types) counts as reaching the generator.
        var nothing = Run(new GeneratorHarness(), GeneratorHarness.Spec("/config/settings.yaml", "logging:\n  level: debug\n"));

        var warning = AssertSingleDiagnostic(nothing, "FAG025", DiagnosticSeverity.Warning, "no endpoint spec reached it, so FeishuClient has no endpoints");
        Assert.Equal(Location.None, warning.Location);
        Assert.Contains("specs/**/*.yaml", warning.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal([ClientHint], nothing.GeneratedSources.Select(s => s.HintName));

        Assert.Empty(Run(new GeneratorHarness(), GeneratorHarness.Spec(ValidPath, SeedSpec.Minimal)).Diagnostics);
    }

    [Fact]
    public void Every_descriptor_is_documented_with_its_severity()
    {
        var page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md"));
        var descriptors = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

        Assert.Equal(26, descriptors.Count);
        Assert.All(descriptors, d => Assert.Contains(
            $"<a id=\"{d.Id.ToLowerInvariant()}\"></a>{d.Id} | {d.DefaultSeverity} |", page, StringComparison.Ordinal));

        // One meaning per ID: the package's MSBuild targets report codes of their own, which no descriptor may reuse, and
        // every ID has exactly one entry on the page.
        var targets = File.ReadAllText(Path.Combine(RepoPaths.Root, "generator", "FeishuApiGen.Package", "build", "FeishuApiGen.targets"));
        var buildCodes = Regex.Matches(targets, "Code=\"(FAG[0-9]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(buildCodes);
        Assert.Empty(buildCodes.Intersect(descriptors.Select(d => d.Id)));
        var anchors = Regex.Matches(page, "<a id=\"(fag[0-9]+)\"></a>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(anchors.Distinct().Count(), anchors.Count);
        Assert.Equal(descriptors.Select(d => d.Id).Concat(buildCodes).Select(id => id.ToLowerInvariant()).Order(), anchors.Order());

        // Every rule is in a shipped release, with the severity it ships with.
        var shipped = File.ReadAllText(Path.Combine(RepoPaths.Root, "generator", "FeishuApiGen.Generator", "AnalyzerReleases.Shipped.md"));
        Assert.All(descriptors, d => Assert.Contains($"{d.Id} | FeishuApiGen | {d.DefaultSeverity} | {d.Title}", shipped, StringComparison.Ordinal));
    }

    // ---- Helpers ------------------------------------------------------------------------------

    /// <summary>
    /// Runs the malformed spec beside the valid one: the malformed one must generate nothing, the valid
    /// one must still generate, and every diagnostic must be about the malformed one.
    /// </summary>
    private static GeneratorRunResult RunBadBesideValid(string yaml, bool allowNoDiagnostic = false)
    {
        var result = Run(new GeneratorHarness(), GeneratorHarness.Spec(BadPath, yaml), GeneratorHarness.Spec(ValidPath, SeedSpec.Minimal));

        Assert.Equal(
            new[] { ValidHint, ClientHint }.Order(StringComparer.Ordinal),
            result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.All(result.Diagnostics, d => Assert.Equal(BadPath, d.Location.GetLineSpan().Path));
        if (!allowNoDiagnostic)
        {
            Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        }

        return result;
    }

    /// <summary>Runs the generator; no run may throw or turn into CS8785 (the generator crashed).</summary>
    private static GeneratorRunResult Run(GeneratorHarness harness, params AdditionalText[] specs)
    {
        var (driver, _, result) = harness.Run(specs);

        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Id == "CS8785");
        return result;
    }

    private static Diagnostic AssertSingleDiagnostic(GeneratorRunResult result, string id, DiagnosticSeverity severity, string phrase)
    {
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Contains(phrase, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(RepoPaths.RepositoryUrl + "/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant(), diagnostic.Descriptor.HelpLinkUri);
        return diagnostic;
    }

    /// <summary>The diagnostic starts at (line, column), 0-based, its text span agrees, and the text there starts with <paramref name="at"/>.</summary>
    private static void AssertLocation(Diagnostic diagnostic, string yaml, int line, int column, string at, string path = BadPath)
    {
        Assert.Equal(LocationKind.ExternalFile, diagnostic.Location.Kind);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal(new LinePosition(line, column), span.StartLinePosition);

        var lines = yaml.Split('\n');
        Assert.StartsWith(at, lines[line].Substring(column), StringComparison.Ordinal);
        Assert.Equal(lines.Take(line).Sum(l => l.Length + 1) + column, diagnostic.Location.SourceSpan.Start);
    }

    private static string OddInput(string kind) => kind switch
    {
        "alias loop in a field" => Head + "body:\n  a: &a { type: object, fields: { b: *a } }",
        "alias loop in api" => Head.Replace("name: create }", "name: *a }", StringComparison.Ordinal).Replace("api: {", "api: &a {", StringComparison.Ordinal),
        "alias loop in an unused type" => Head + "types:\n  t: &t\n    fields:\n      c: { type: t }\n      d: *t",
        "100000 nested flow lists" => Head + "examples: { request: " + new string('[', 100_000) + new string(']', 100_000) + " }",
        "3000 nested object fields" => Head + NestedFields(3000),
        "billion laughs" => Head + BillionLaughs(30),
        "binary garbage after spec_version" => "spec_version: 1\n\0\u0001\u0002\u00ff\ufffe garbage {{[[\n\u0007\u001b[0m",
        "control characters" => "spec_version: 1\n" + new string(Enumerable.Range(0, 32).Select(i => (char)i).ToArray()),
        "only spec_version" => "spec_version:\n",
        "flow list as the root" => "[\nspec_version: 1]\n",
        "a second document" => Head + "---\nspec_version: 1\n",
        "unclosed bracket then a key at the margin" => "spec_version: 1\napi: { project: test\ntitle: x\n",
        "a colon with no key under a key" => Head + "rate_limit:\n : 100, per: minute }\n",
        "stray closing brackets" => "spec_version: 1\napi: [}{][\n]]]}}}\nhttp: }\n",
        "a 1 MB title" => Head.Replace("title: Create a thing", "title: " + new string('x', 1_000_000), StringComparison.Ordinal) + "body: { a: { type: strng } }",
        "empty file" => string.Empty,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string NestedFields(int depth)
    {
        var builder = new StringBuilder("body:\n");
        var indent = "  ";
        for (var i = 0; i < depth; i++)
        {
            builder.Append(indent).Append('f').Append(i).Append(":\n")
                .Append(indent).Append("  type: object\n")
                .Append(indent).Append("  fields:\n");
            indent += "    ";
        }

        return builder.Append(indent).Append("leaf: { type: string }\n").ToString();
    }

    /// <summary>Each level lists the one before twice: 2^levels scalars once expanded, a few lines of text.</summary>
    private static string BillionLaughs(int levels)
    {
        var builder = new StringBuilder("body:\n  o:\n    type: object\n    fields:\n      a0: { type: string, example: &l0 [x] }\n");
        for (var i = 1; i < levels; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"      a{i}: {{ type: string, example: &l{i} [*l{i - 1}, *l{i - 1}] }}\n");
        }

        return builder.ToString();
    }
}
