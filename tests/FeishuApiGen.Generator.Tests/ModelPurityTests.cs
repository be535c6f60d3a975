using System.Collections;
using System.Reflection;
using FeishuApiGen.Generator.Diagnostics;
using FeishuApiGen.Generator.Model;
using FeishuApiGen.Generator.Parsing;
using FeishuApiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>
/// Pipeline values must be plain data: a symbol, syntax node, tree, compilation, semantic model or Roslyn
/// Location held in one keeps a whole compilation alive and defeats caching. They must also compare by value.
/// </summary>
public sealed class ModelPurityTests
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(Location),
    };

    /// <summary>A warning spec (FAG008) and an error spec (FAG003) put diagnostics, with their locations, in the values too.</summary>
    private const string WarningSpec = """
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: create }
        title: Create a thing
        http: { method: POST, path: /open-apis/test/v1/things }
        access_tokens: [tenant]
        body:
          a: { type: string, requried: true }
        """;

    private const string ErrorSpec = """
        spec_version: 1
        api: { project: test, version: v1, resource: thing, name: update }
        title: Update a thing
        http: { method: PUT, path: /open-apis/test/v1/things }
        access_tokens: [tenant]
        body:
          a: { type: strng }
        """;

    [Theory]
    [InlineData(TrackingNames.ParsedSpecs)]
    [InlineData(TrackingNames.EndpointOutputs)]
    public void Step_values_hold_no_Roslyn_symbol_syntax_compilation_or_location(string step)
    {
        var (_, _, result) = new GeneratorHarness().Run(
            [
                GeneratorHarness.ShippedSpec(SeedSpec.RelativePath),
                GeneratorHarness.Spec("/specs/minimal.yaml", SeedSpec.Minimal),
                GeneratorHarness.Spec("/specs/warning.yaml", WarningSpec),
                GeneratorHarness.Spec("/specs/error.yaml", ErrorSpec),
            ],
            "public class Consumer { }");

        var values = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        // The four specs, and the shipped shared types file the harness adds beside the shipped spec.
        Assert.Equal(5, values.Count);
        var walker = new GraphWalker();
        foreach (var value in values)
        {
            walker.Walk(value, step);
        }

        Assert.True(walker.Problems.Count == 0, string.Join(Environment.NewLine, walker.Problems));

        // The walk really went through the model, diagnostics and their locations.
        Assert.Contains(typeof(EndpointModel), walker.Seen);
        Assert.Contains(typeof(MemberModel), walker.Seen);
        Assert.Contains(typeof(ObjectTypeModel), walker.Seen);
        Assert.Contains(typeof(EnumTypeModel), walker.Seen);
        Assert.Contains(typeof(DiagnosticInfo), walker.Seen);
        Assert.Contains(typeof(LocationInfo), walker.Seen);
        Assert.Contains(typeof(DiagnosticDescriptor), walker.Seen);
    }

    [Fact]
    public void The_seed_parsed_twice_from_equal_text_is_equal_with_equal_hash_codes()
    {
        var text = SeedSpec.Text;
        var first = SpecParser.Parse("/specs/seed.yaml", text, CancellationToken.None);
        var second = SpecParser.Parse("/specs/seed.yaml", new string(text.AsSpan()), CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.NotNull(first.Endpoint);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(first.Endpoint, second.Endpoint);
        Assert.Equal(first.Endpoint!.GetHashCode(), second.Endpoint!.GetHashCode());
    }

    [Fact]
    public void The_ParsedSpecs_outputs_of_two_separate_runs_over_equal_text_are_equal_with_equal_hash_codes()
    {
        SpecParseResult ParseInFreshDriver(string path, string text)
        {
            var (_, _, result) = new GeneratorHarness().Run([GeneratorHarness.Spec(path, text)]);
            return (SpecParseResult)Assert.Single(result.TrackedSteps[TrackingNames.ParsedSpecs].SelectMany(s => s.Outputs)).Value;
        }

        foreach (var (path, text) in new[] { ("/specs/seed.yaml", SeedSpec.Text), ("/specs/warning.yaml", WarningSpec), ("/specs/error.yaml", ErrorSpec) })
        {
            var first = ParseInFreshDriver(path, text);
            var second = ParseInFreshDriver(path, new string(text.AsSpan()));

            Assert.NotSame(first, second);
            Assert.Equal(first, second);
            Assert.Equal(first.GetHashCode(), second.GetHashCode());
        }
    }

    [Fact]
    public void Parse_results_differ_when_the_text_differs_anywhere_that_matters()
    {
        var text = SeedSpec.Text;
        var original = SpecParser.Parse("/specs/seed.yaml", text, CancellationToken.None);

        Assert.NotEqual(original, SpecParser.Parse("/specs/other.yaml", text, CancellationToken.None));
        Assert.NotEqual(original, SpecParser.Parse("/specs/seed.yaml", text.Replace("考核得分", "考核分数", StringComparison.Ordinal), CancellationToken.None));
        Assert.NotEqual(original, SpecParser.Parse("/specs/seed.yaml", text.Replace("limit: 100", "limit: 99", StringComparison.Ordinal), CancellationToken.None));
    }

    [Fact]
    public void The_walker_finds_a_location_or_a_syntax_tree_however_deep_it_is_held()
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { }");
        var walker = new GraphWalker();

        walker.Walk(new { Items = new object[] { (1, new List<object> { Location.None }) }, Tree = tree }, "value");

        Assert.Equal(2, walker.Problems.Count);
        Assert.Contains(walker.Problems, p => p.Contains("(Location)", StringComparison.Ordinal));
        Assert.Contains(walker.Problems, p => p.Contains("(SyntaxTree)", StringComparison.Ordinal));
    }

    /// <summary>Walks every instance field (and array element) reachable from a value, by reference, once.</summary>
    private sealed class GraphWalker
    {
        private readonly HashSet<object> _visited = new(ReferenceEqualityComparer.Instance);

        public List<string> Problems { get; } = new();

        public HashSet<Type> Seen { get; } = new();

        public void Walk(object? value, string path)
        {
            if (value is null || value is string || value is Pointer)
            {
                return;
            }

            var type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is decimal)
            {
                return;
            }

            Seen.Add(type);
            if (Forbidden.FirstOrDefault(f => f.IsInstanceOfType(value)) is { } forbidden)
            {
                Problems.Add(path + " is a " + type.FullName + " (" + forbidden.Name + ")");
                return;
            }

            // Allowed leaves: descriptors are static data; reflection and delegates are not pipeline data at all.
            if (value is DiagnosticDescriptor)
            {
                return;
            }

            if (value is MemberInfo or Assembly or Delegate)
            {
                Problems.Add(path + " is a " + type.FullName + ", not plain data");
                return;
            }

            if (!type.IsValueType && !_visited.Add(value))
            {
                return;
            }

            if (value is Array array)
            {
                var index = 0;
                foreach (var item in (IEnumerable)array)
                {
                    Walk(item, path + "[" + index++ + "]");
                }

                return;
            }

            for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
            {
                foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Walk(field.GetValue(value), path + "." + field.Name);
                }
            }
        }
    }
}
