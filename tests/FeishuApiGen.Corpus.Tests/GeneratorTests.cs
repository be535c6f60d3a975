using System.Collections.Immutable;
using System.Text.RegularExpressions;
using FeishuApiGen.Corpus.Tests.Infrastructure;
using FeishuApiGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace FeishuApiGen.Corpus.Tests;

/// <summary>
/// The generator over the whole corpus, in memory: no diagnostics, and output that compiles with no warnings even
/// with documentation required. The build of this project proves the same with the real compiler; this test names the
/// spec and line when it breaks, and counts what was generated.
/// </summary>
public sealed partial class GeneratorTests(ITestOutputHelper output)
{
    [Fact]
    public void The_corpus_generates_with_no_diagnostics_and_compiles_with_no_warnings()
    {
        var specs = Directory.EnumerateFiles(RepoPaths.Specs, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => (AdditionalText)new SpecText(p, File.ReadAllText(p)))
            .ToImmutableArray();
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12, DocumentationMode.Diagnose);
        var compilation = CSharpCompilation.Create(
            "Corpus",
            [],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new FeishuApiGenerator().AsSourceGenerator()], specs, parse, new NamespaceOption("FeishuCorpus"));

        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);

        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(generated.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        // A file per endpoint (its own types nested in it; the corpus declares no shared types), and the client.
        var endpoints = FactsFile.Instance.Endpoints;
        Assert.Equal(endpoints.Count + 1, result.GeneratedSources.Length);

        Report(specs.Length, result.GeneratedSources);
    }

    /// <summary>What the corpus made: object types and enums, each nested in its endpoint's class.</summary>
    private void Report(int specCount, ImmutableArray<GeneratedSourceResult> sources)
    {
        output.WriteLine($"{specCount} specs, {sources.Length} generated files, {sources.Sum(s => s.SourceText.Lines.Count)} lines");
        var texts = sources.Select(s => s.SourceText.ToString()).ToList();
        output.WriteLine($"{texts.Sum(t => ClassName().Matches(t).Count)} object types, {texts.Sum(t => EnumName().Matches(t).Count)} enums");
    }

    private static ImmutableArray<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(FeishuApiGen.FeishuConnection).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();

    [GeneratedRegex(@"public sealed partial class (\w+)\r?\n")]
    private static partial Regex ClassName();

    [GeneratedRegex(@"public readonly partial record struct (\w+)")]
    private static partial Regex EnumName();

    private sealed class SpecText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>The MSBuild property the generator reads its root namespace from, as the build passes it.</summary>
    private sealed class NamespaceOption(string rootNamespace) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(ImmutableDictionary<string, string>.Empty.Add("build_property.FeishuApiGenNamespace", rootNamespace));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.None;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options None = new(ImmutableDictionary<string, string>.Empty);

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
