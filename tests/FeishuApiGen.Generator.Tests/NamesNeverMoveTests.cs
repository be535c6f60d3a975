using FeishuApiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>
/// A type's name and shape come from the file that declares it alone: for every endpoint, what it generates (its file,
/// its own nested types, and every shared type it uses) is the same text whether it is generated alone, with all the
/// others, or with a random third of them, and each of those sets compiles with no warnings.
/// </summary>
public sealed class NamesNeverMoveTests
{
    public static TheoryData<int> Seeds() => new(1, 2, 3, 4, 5);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_endpoint_generates_the_same_surface_alone_with_all_and_with_a_random_third(int seed)
    {
        var (endpoints, sharedTypeFiles) = AllSpecs();
        var all = Surfaces(endpoints.Concat(sharedTypeFiles));
        var random = new Random(seed);
        var third = endpoints.OrderBy(_ => random.Next()).Take(Math.Max(1, endpoints.Count / 3)).ToList();
        var some = Surfaces(third.Concat(sharedTypeFiles));

        foreach (var endpoint in endpoints)
        {
            var alone = Surfaces([endpoint, .. sharedTypeFiles]);
            var hint = Assert.Single(alone.EndpointFiles.Keys);
            Assert.Equal(alone.EndpointFiles[hint], all.EndpointFiles[hint]);
            foreach (var (name, text) in alone.SharedTypes)
            {
                Assert.Equal(text, all.SharedTypes[name]);
            }

            if (third.Contains(endpoint))
            {
                Assert.Equal(alone.EndpointFiles[hint], some.EndpointFiles[hint]);
                Assert.All(alone.SharedTypes, shared => Assert.Equal(shared.Value, some.SharedTypes[shared.Key]));
            }
        }
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
    private static (Dictionary<string, string> EndpointFiles, Dictionary<string, string> SharedTypes) Surfaces(IEnumerable<AdditionalText> specs)
    {
        var (_, output, result) = new GeneratorHarness().Run(specs.ToList());
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        CompileTests.AssertNoDiagnostics(output);

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

        return (endpointFiles, sharedTypes);
    }
}
