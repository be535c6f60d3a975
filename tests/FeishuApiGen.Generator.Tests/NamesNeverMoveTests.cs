using FeishuApiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>
/// A type's name and shape come from the file that declares it alone: for every endpoint of the catalogue (and the test
/// specs), what it generates (its file, its own nested types, and every shared type it uses) is the same text whether
/// it is generated alone, with all the others, or with a random third of them, and each of those sets compiles with no
/// warnings.
/// </summary>
public sealed class NamesNeverMoveTests
{
    private static readonly Lazy<(List<AdditionalText> Endpoints, List<AdditionalText> SharedTypeFiles)> Specs = new(AllSpecs);

    private static readonly Lazy<Surface> AllTogether = new(() => Surfaces(Specs.Value.Endpoints.Concat(Specs.Value.SharedTypeFiles), compile: true));

    public static TheoryData<int> Seeds() => new(1, 2, 3);

    [Fact]
    public void Every_endpoint_generates_alone_what_it_generates_with_all_the_others_and_each_alone_compiles()
    {
        var (endpoints, sharedTypeFiles) = Specs.Value;
        var all = AllTogether.Value;
        Assert.True(endpoints.Count > 290, $"the catalogue and the test specs hold {endpoints.Count} endpoints");

        foreach (var endpoint in endpoints)
        {
            var alone = Surfaces([endpoint, .. sharedTypeFiles], compile: true);
            var hint = Assert.Single(alone.EndpointFiles.Keys);
            Assert.Equal(alone.EndpointFiles[hint], all.EndpointFiles[hint]);
            Assert.All(alone.SharedTypes, shared => Assert.Equal(shared.Value, all.SharedTypes[shared.Key]));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_random_third_of_the_endpoints_generates_what_each_generates_with_all_the_others(int seed)
    {
        var (endpoints, sharedTypeFiles) = Specs.Value;
        var all = AllTogether.Value;
        var random = new Random(seed);
        var third = endpoints.OrderBy(_ => random.Next()).Take(endpoints.Count / 3).ToList();
        var some = Surfaces(third.Concat(sharedTypeFiles), compile: true);

        Assert.Equal(third.Count, some.EndpointFiles.Count);
        Assert.All(some.EndpointFiles, file => Assert.Equal(all.EndpointFiles[file.Key], file.Value));
        Assert.All(some.SharedTypes, shared => Assert.Equal(all.SharedTypes[shared.Key], shared.Value));
    }

    private static (List<AdditionalText> Endpoints, List<AdditionalText> SharedTypeFiles) AllSpecs()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "spec"), "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests", "Specs"), "*.yaml"))
            .Order(StringComparer.Ordinal)
            .Select(path => GeneratorHarness.Spec(path, File.ReadAllText(path)))
            .ToList();
        var shared = files.Where(f => f.GetText()!.ToString().Contains("\nshared_types:", StringComparison.Ordinal)).ToList();
        return (files.Except(shared).ToList(), shared);
    }

    /// <summary>Each endpoint file's text, and each shared type's declaration text by its qualified name.</summary>
    private static Surface Surfaces(IEnumerable<AdditionalText> specs, bool compile)
    {
        var (_, output, result) = new GeneratorHarness().Run(specs.ToList());
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        if (compile)
        {
            CompileTests.AssertNoDiagnostics(output);
        }

        var endpointFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        var sharedTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in result.GeneratedSources.Where(s => s.HintName != "FeishuClient.g.cs"))
        {
            if (!source.HintName.Contains("._types.", StringComparison.Ordinal))
            {
                endpointFiles[source.HintName] = source.SourceText.ToString();
                continue;
            }

            var root = CSharpSyntaxTree.ParseText(source.SourceText).GetRoot();
            foreach (var type in root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            {
                var @namespace = type.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Single().Name.ToString();
                sharedTypes[@namespace + "." + type.Identifier.Text] = type.ToFullString().Trim();
            }
        }

        return new Surface(endpointFiles, sharedTypes);
    }

    private sealed record Surface(Dictionary<string, string> EndpointFiles, Dictionary<string, string> SharedTypes);
}
