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
        // A file per endpoint, a types file per project version, the client.
        var endpoints = FactsFile.Instance.Endpoints;
        Assert.Equal(endpoints.Count + endpoints.Select(e => e.Version).Distinct().Count() + 1, result.GeneratedSources.Length);

        Report(specs.Length, result.GeneratedSources);
    }

    /// <summary>What the corpus made: object types named by the converter, renamed (prefixed) by the generator, and enums.</summary>
    private void Report(int specCount, ImmutableArray<GeneratedSourceResult> sources)
    {
        var converterNames = CorpusConverter.CorpusConverter.Map(File.ReadAllText(RepoPaths.Facts))
            .SelectMany(s => s.Types.Select(t => s.Api.Version + "." + string.Concat(t.Name.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]))))
            .ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"{specCount} specs, {sources.Length} generated files, {sources.Sum(s => s.SourceText.Lines.Count)} lines");
        foreach (var types in sources.Where(s => s.HintName.EndsWith("._types.g.cs", StringComparison.Ordinal)))
        {
            var version = types.HintName.Split('.')[1];
            var text = types.SourceText.ToString();
            var classes = ClassName().Matches(text).Select(m => m.Groups[1].Value).ToList();
            var renamed = classes.Where(c => !converterNames.Contains(version + "." + c)).ToList();
            output.WriteLine($"{version}: {classes.Count} object types, {classes.Count - renamed.Count} as the converter named them, " +
                $"{renamed.Count} renamed by the generator ({string.Join(", ", renamed)}); {EnumName().Matches(text).Count} enums");
        }
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
